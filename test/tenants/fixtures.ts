import {afterEach} from 'vitest';
import {openStore} from '../../source/store/config.js';
import type {TenantRecord} from '../../source/store/schema.js';
import {SecretStore} from '../../source/store/secrets.js';
import {startSimulator} from '../../source/simulator/server.js';
import type {SimAggregationPlan, Simulator, SimulatorOptions} from '../../source/simulator/types.js';
import {sandbox, type Sandbox} from '../helpers/cli.js';

/** Recognisable secrets: a test greps every output for them. */
export const ACME = {clientId: 'acme-client', clientSecret: 'acme-SECRET-7f3kq9'};
export const GLOBEX = {clientId: 'globex-client', clientSecret: 'globex-SECRET-p2m8x1'};
export const ADHOC = {clientId: 'adhoc-client', clientSecret: 'adhoc-SECRET-z5r0w4'};
export const ALL_SECRETS = [ACME.clientSecret, GLOBEX.clientSecret, ADHOC.clientSecret];

export const RUNNING_ID = '7d0c1e2f3a4b5c6d7e8f901234567001';
export const QUICK_ID = 'b41f9e2d3c4b5a6978877665544332a2';

/** ACCOUNTS_COLLECTED for hours: 1,000,000 accounts at 10 per second, started a minute ago. */
export const RUNNING: SimAggregationPlan = {
	id: RUNNING_ID,
	sourceId: 'src-1',
	sourceName: 'Workday',
	startAtMs: -60_000,
	collectMs: 10,
	totalAccounts: 1_000_000,
	accountsPerSecond: 10,
	outcome: {type: 'COMPLETED'},
};

/** COMPLETED a minute ago (status kept for an hour). */
export const QUICK: SimAggregationPlan = {
	id: QUICK_ID,
	sourceId: 'src-2',
	sourceName: 'Active Directory',
	startAtMs: -120_000,
	collectMs: 100,
	totalAccounts: 50,
	accountsPerSecond: 100,
	outcome: {type: 'COMPLETED'},
};

const opened: Array<{sim?: Simulator; box?: Sandbox}> = [];

afterEach(async () => {
	for (const {sim, box} of opened.splice(0)) {
		await sim?.close();
		box?.remove();
	}
});

/** A simulated tenant that knows the three clients above; closed after the test. */
export async function tenantSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
	const sim = await startSimulator({clients: [ACME, GLOBEX, ADHOC], aggregations: [RUNNING, QUICK], rateLimit: false, ...options});
	opened.push({sim});
	return sim;
}

/** Temporary HOME, store and working folders; removed after the test. */
export function testSandbox(): Sandbox {
	const box = sandbox();
	opened.push({box});
	return box;
}

/** Saves a tenant straight into a sandbox's store and secrets file (as `tenant add` would, minus the token check). */
export function saveTenant(box: Sandbox, name: string, record: TenantRecord, secret: string | undefined, makeDefault = false): void {
	const {store} = openStore({cwd: box.config});
	store.setTenant(name, record);
	if (makeDefault) {
		store.setDefaultTenant(name);
	}

	store.close();
	if (secret !== undefined) {
		new SecretStore({dir: box.config, env: {AGGWATCH_KEYRING: 'off'}, onWarning() {}}).set(name, secret);
	}
}

/** The client ids that asked for an aggregation's status, in order: which tenant's credentials a command used. */
export function statusCallers(sim: Simulator): Array<string | undefined> {
	return sim.log.filter(entry => entry.path.includes('/account-aggregations/')).map(entry => entry.clientId);
}
