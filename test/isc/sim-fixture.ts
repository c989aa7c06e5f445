import {afterEach} from 'vitest';
import type {ClientOptions, IscCredentials} from '../../source/isc/client.js';
import {IscClient} from '../../source/isc/client.js';
import {IscError} from '../../source/domain/errors.js';
import {startSimulator} from '../../source/simulator/server.js';
import type {SimAggregationPlan, SimLogEntry, Simulator, SimulatorOptions} from '../../source/simulator/types.js';

export const CLIENT_ID = 'test-client';
export const CLIENT_SECRET = 'test-secret-Zq81x';

/** Ids of the fixture aggregations (32 hex characters, as ISC's are). */
export const RUNNING_ID = '2c9180835d191a86015d28455b4a0001';
export const FINISHED_ID = '2c9180835d191a86015d28455b4a0002';
export const SOURCE_ID = '2c9180835d191a86015d28455b4a9001';

/** Running for a long time: ACCOUNTS_COLLECTED from 10 ms on, 1,000,000 accounts at 10 per second. */
export const RUNNING: SimAggregationPlan = {
	id: RUNNING_ID,
	sourceId: SOURCE_ID,
	sourceName: 'Workday',
	startAtMs: -60_000,
	collectMs: 10,
	totalAccounts: 1_000_000,
	accountsPerSecond: 10,
	outcome: {type: 'COMPLETED'},
};

/** Completed a minute ago (still answering: status stays an hour). */
export const FINISHED: SimAggregationPlan = {
	id: FINISHED_ID,
	sourceId: SOURCE_ID,
	sourceName: 'Workday',
	startAtMs: -120_000,
	collectMs: 1000,
	totalAccounts: 10,
	accountsPerSecond: 100,
	outcome: {type: 'COMPLETED'},
};

const open: Array<{sim: Simulator; clients: IscClient[]}> = [];

afterEach(async () => {
	for (const {sim, clients} of open.splice(0)) {
		for (const client of clients) {
			client.close();
		}

		await sim.close();
	}
});

export interface Harness {
	sim: Simulator;
	client: (options?: ClientOptions, credentials?: Partial<IscCredentials>) => IscClient;
	/** Requests to a path prefix, in arrival order. */
	requests: (pathPrefix: string) => SimLogEntry[];
}

/** A simulated tenant with one client, one source and the two fixture aggregations; closed after the test. */
export async function harness(options: SimulatorOptions = {}): Promise<Harness> {
	const sim = await startSimulator({
		clients: [{clientId: CLIENT_ID, clientSecret: CLIENT_SECRET}],
		sources: [{id: SOURCE_ID, name: 'Workday', type: 'Workday'}],
		aggregations: [RUNNING, FINISHED],
		rateLimit: false,
		...options,
	});
	const entry = {sim, clients: [] as IscClient[]};
	open.push(entry);
	return {
		sim,
		client(clientOptions = {}, credentials = {}) {
			const client = new IscClient(
				{baseUrl: sim.url, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, ...credentials},
				{backoff: {baseMs: 10, maxMs: 40}, ...clientOptions},
			);
			entry.clients.push(client);
			return client;
		},
		requests: pathPrefix => sim.log.filter(logged => logged.path.startsWith(pathPrefix)),
	};
}

/** The IscError a promise rejects with (fails the test if it resolves or rejects with something else). */
export async function iscError(promise: Promise<unknown>): Promise<IscError> {
	try {
		await promise;
	} catch (error) {
		if (error instanceof IscError) {
			return error;
		}

		throw error;
	}

	throw new Error('Expected an IscError, but the call succeeded');
}
