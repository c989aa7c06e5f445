import type {FetchOptions} from '../core/poller.js';
import type {Connection} from './connection.js';
import type {IscClient} from '../isc/client.js';
import {IscError} from '../domain/errors.js';
import type {AggregationStatus} from '../domain/status.js';
import type {TaskOutcome} from '../domain/outcome.js';
import {toTaskOutcome} from '../isc/task-status.js';

export interface TenantClientsOptions {
	/**
	 * The connection of a tenant, with its credentials. Throws an auth-kind IscError when the tenant has none
	 * (see noCredentialsError, savedConnection); anything else thrown is reported as an auth failure too.
	 */
	resolve(tenant: string): Promise<Connection> | Connection;
	/** Builds a client for a connection (proxy, debug log). */
	create(connection: Connection): Promise<IscClient>;
}

/**
 * One IscClient per tenant, made on first use: each tenant has its own token, its own request budget (the core
 * budgets per row.tenant) and its own auth state. A tenant whose credentials are missing or refused fails its own
 * rows with an auth-kind IscError; the others keep working. After an auth failure the client is dropped, so the
 * next probe picks up credentials fixed in the meantime (`aggwatch tenant add` in another terminal).
 */
export class TenantClients {
	readonly #options: TenantClientsOptions;
	readonly #clients = new Map<string, Promise<IscClient>>();

	constructor(options: TenantClientsOptions) {
		this.#options = options;
	}

	/** The client of `tenant`, made on first use. Rejects with an auth-kind IscError when it cannot be made. */
	async client(tenant: string): Promise<IscClient> {
		let client = this.#clients.get(tenant);
		if (client === undefined) {
			client = this.#make(tenant);
			this.#clients.set(tenant, client);
			// A tenant without usable credentials is tried afresh next time, not remembered as broken.
			client.catch(() => {
				if (this.#clients.get(tenant) === client) {
					this.#clients.delete(tenant);
				}
			});
		}

		return client;
	}

	/** One status request for a monitor row (no retries: the monitor's scheduler does its own). */
	async fetchStatus(row: {tenant: string; id: string}, options: FetchOptions = {}): Promise<AggregationStatus> {
		const client = await this.client(row.tenant);
		try {
			return await client.getAggregationStatus(row.id, {retries: 0, ...options});
		} catch (error) {
			if (error instanceof IscError && error.kind === 'auth') {
				this.forget(row.tenant);
			}

			throw error;
		}
	}

	/** One task read for a monitor row's outcome (task-status/{id}, no retries: the scheduler does its own). */
	async fetchTask(row: {tenant: string; id: string}, options: FetchOptions = {}): Promise<TaskOutcome> {
		const client = await this.client(row.tenant);
		return toTaskOutcome(await client.getTaskStatus(row.id, {retries: 0, ...options}));
	}

	/** Drops a tenant's client; the next request makes a new one with the credentials as they are then. */
	forget(tenant: string): void {
		const client = this.#clients.get(tenant);
		this.#clients.delete(tenant);
		client?.then(
			made => {
				made.close();
			},
			() => undefined,
		);
	}

	close(): void {
		for (const tenant of [...this.#clients.keys()]) {
			this.forget(tenant);
		}
	}

	async #make(tenant: string): Promise<IscClient> {
		try {
			const connection = await this.#options.resolve(tenant);
			return await this.#options.create(connection);
		} catch (error) {
			if (error instanceof IscError) {
				throw error;
			}

			// A saved URL that is no longer valid, an unusable proxy setting: the tenant cannot be used until fixed.
			throw new IscError({
				kind: 'auth',
				message: `tenant "${tenant}" cannot be used: ${error instanceof Error ? error.message : String(error)}`,
				hint: `fix it with "aggwatch tenant add ${tenant}"`,
			});
		}
	}
}
