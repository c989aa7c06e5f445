import {safeText} from '../domain/status.js';
import type {CallOptions, IscClient} from './client.js';
import {IscError} from '../domain/errors.js';
import type {TaskStatus} from './task-status.js';

/** "Workday [source]" (what ISC puts in a task's target) → "Workday". Other names are returned trimmed and otherwise as they are. */
export function stripSourceSuffix(name: string): string {
	return safeText(
		name
			.trim()
			.replace(/(?:^|\s)\[source\]$/i, '')
			.trimEnd(),
	);
}

export interface SourceNamesOptions {
	/** Retries per source lookup (the client's default when absent). The monitor passes 0. */
	retries?: number;
	/** A lookup failed for a reason other than "no such source"; it is tried again on the next call. */
	onError?(sourceId: string, error: IscError): void;
}

/**
 * Source names of one tenant, by source id: from task targets when they carry the name, else from
 * GET /v2025/sources/{id}, each id asked at most once at a time and remembered for the life of the cache.
 * A source the tenant does not know (404) is remembered as nameless; other failures are not remembered.
 * Keep one per tenant (per client): ids are only unique within a tenant.
 */
export class SourceNames {
	readonly #client: Pick<IscClient, 'getSource'>;
	readonly #options: SourceNamesOptions;
	/** null: the tenant has no such source. */
	readonly #names = new Map<string, string | null>();
	readonly #pending = new Map<string, Promise<string | undefined>>();

	/** Lookups sent so far (cached answers cost none). */
	lookups = 0;

	constructor(client: Pick<IscClient, 'getSource'>, options: SourceNamesOptions = {}) {
		this.#client = client;
		this.#options = options;
	}

	/** The name known now, without asking the tenant. */
	peek(sourceId: string): string | undefined {
		return this.#names.get(sourceId) ?? undefined;
	}

	/** Records a name learnt elsewhere (a source list, a task target). */
	remember(sourceId: string, name: string): void {
		const clean = stripSourceSuffix(name);
		if (clean !== '') {
			this.#names.set(sourceId, clean);
		}
	}

	/** The source's name, from the cache or one GET /v2025/sources/{id}; undefined when it cannot be had. */
	async nameForSourceId(sourceId: string, options: Pick<CallOptions, 'signal'> = {}): Promise<string | undefined> {
		if (this.#names.has(sourceId)) {
			return this.#names.get(sourceId) ?? undefined;
		}

		let pending = this.#pending.get(sourceId);
		if (pending === undefined) {
			pending = this.#lookup(sourceId, options);
			this.#pending.set(sourceId, pending);
		}

		return pending;
	}

	/**
	 * The source name of a task: its target's name without the " [source]" suffix (remembered under the target id),
	 * else a lookup of the target id. Undefined when the task names no source or the lookup fails.
	 */
	async nameFor(task: Pick<TaskStatus, 'target'>, options: Pick<CallOptions, 'signal'> = {}): Promise<string | undefined> {
		const target = task.target ?? undefined;
		const fromTarget = target?.name === undefined ? '' : stripSourceSuffix(target.name);
		if (fromTarget !== '') {
			if (target?.id !== undefined) {
				this.remember(target.id, fromTarget);
			}

			return fromTarget;
		}

		return target?.id === undefined ? undefined : this.nameForSourceId(target.id, options);
	}

	async #lookup(sourceId: string, options: Pick<CallOptions, 'signal'>): Promise<string | undefined> {
		try {
			this.lookups++;
			const source = await this.#client.getSource(sourceId, {
				...(this.#options.retries === undefined ? {} : {retries: this.#options.retries}),
				...(options.signal === undefined ? {} : {signal: options.signal}),
			});
			this.remember(sourceId, source.name);
			return this.peek(sourceId);
		} catch (error) {
			if (options.signal?.aborted === true) {
				throw error;
			}

			const iscError = IscError.from(error);
			if (iscError.kind === 'not-found') {
				this.#names.set(sourceId, null);
			} else {
				this.#options.onError?.(sourceId, iscError);
			}

			return undefined;
		} finally {
			this.#pending.delete(sourceId);
		}
	}
}
