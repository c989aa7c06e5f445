/**
 * The monitor across tenants: one client per tenant, and a tenant with broken credentials fails only its own rows.
 * First the wiring the monitor uses (TenantClients + the shared poller and reducer) in-process against two
 * simulated tenants, then the real monitor in a pseudo-terminal.
 */
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {noCredentialsError, savedConnection, type Connection} from '../../source/commands/connection.js';
import {TenantClients} from '../../source/commands/tenant-clients.js';
import {createMonitorStore} from '../../source/core/monitor-store.js';
import {createPoller} from '../../source/core/poller.js';
import {createMonitorState} from '../../source/core/reducer.js';
import type {MonitorState} from '../../source/core/types.js';
import {IscClient} from '../../source/isc/client.js';
import {IscError} from '../../source/domain/errors.js';
import type {TenantRecord} from '../../source/store/schema.js';
import {openStore} from '../../source/store/config.js';
import {ensureBuilt, cleanEnvironment, cliPath} from '../helpers/cli.js';
import {spawnPty, type PtySession} from '../helpers/pty.js';
import {ACME, GLOBEX, QUICK_ID, RUNNING_ID, saveTenant, tenantSimulator, testSandbox} from './fixtures.js';

const made: IscClient[] = [];
const sessions: PtySession[] = [];

afterEach(() => {
	for (const client of made.splice(0)) {
		client.close();
	}

	for (const session of sessions.splice(0)) {
		session.dispose();
	}
});

beforeAll(async () => {
	await ensureBuilt();
}, 120_000);

/** Tenants as a store would hold them, with secrets that can be changed while the clients run. */
function registry(tenants: Record<string, {record: TenantRecord; secret?: string}>) {
	const created: Connection[] = [];
	const clients = new TenantClients({
		resolve(tenant) {
			const saved = tenants[tenant];
			if (saved === undefined) {
				throw noCredentialsError(tenant);
			}

			return savedConnection(
				tenant,
				saved.record,
				saved.secret === undefined ? {found: false} : {found: true, secret: saved.secret, location: 'file'},
				'v2025',
			);
		},
		async create(connection) {
			created.push(connection);
			const client = new IscClient(
				{
					baseUrl: connection.baseUrl,
					clientId: connection.clientId,
					clientSecret: connection.clientSecret,
					credentialSource: connection.source,
				},
				{retries: 0},
			);
			made.push(client);
			return client;
		},
	});
	return {clients, created};
}

async function rejection(promise: Promise<unknown>): Promise<IscError> {
	try {
		await promise;
	} catch (error) {
		expect(error).toBeInstanceOf(IscError);
		return error as IscError;
	}

	throw new Error('expected a rejection');
}

describe('TenantClients', () => {
	it('gives each tenant its own client and token; a bad secret fails only that tenant', async () => {
		const acmeSim = await tenantSimulator();
		const globexSim = await tenantSimulator();
		const tenants = {
			acme: {record: {baseUrl: acmeSim.url, clientId: ACME.clientId}, secret: ACME.clientSecret},
			globex: {record: {baseUrl: globexSim.url, clientId: GLOBEX.clientId}, secret: 'not-the-secret'},
		};
		const {clients, created} = registry(tenants);

		await expect(clients.fetchStatus({tenant: 'acme', id: RUNNING_ID})).resolves.toMatchObject({status: 'ACCOUNTS_COLLECTED'});
		const failure = await rejection(clients.fetchStatus({tenant: 'globex', id: RUNNING_ID}));
		expect(failure.kind).toBe('auth');
		expect(failure.message).toContain('tenant "globex"');
		await expect(clients.fetchStatus({tenant: 'acme', id: QUICK_ID})).resolves.toMatchObject({status: 'COMPLETED'});

		expect(acmeSim.log.map(entry => entry.clientId)).toEqual([ACME.clientId, ACME.clientId, ACME.clientId]);
		expect(globexSim.log.map(entry => entry.path)).toEqual(['/oauth/token']);
		expect(created.map(connection => connection.tenant)).toEqual(['acme', 'globex']);
	});

	it('picks up fixed credentials on the next try after an auth failure', async () => {
		const sim = await tenantSimulator();
		const tenants = {globex: {record: {baseUrl: sim.url, clientId: GLOBEX.clientId}, secret: 'stale-secret'}};
		const {clients} = registry(tenants);
		expect((await rejection(clients.fetchStatus({tenant: 'globex', id: RUNNING_ID}))).kind).toBe('auth');

		tenants.globex.secret = GLOBEX.clientSecret;
		await expect(clients.fetchStatus({tenant: 'globex', id: RUNNING_ID})).resolves.toMatchObject({status: 'ACCOUNTS_COLLECTED'});
	});

	it('fails rows of a tenant without credentials with an auth error that says what to do', async () => {
		const sim = await tenantSimulator();
		const {clients} = registry({acme: {record: {baseUrl: sim.url, clientId: ACME.clientId}}});
		const noSecret = await rejection(clients.fetchStatus({tenant: 'acme', id: RUNNING_ID}));
		expect(noSecret.toInfo()).toEqual({
			kind: 'auth',
			message: 'no client secret is stored for tenant "acme"',
			hint: 'run "aggwatch tenant add acme" to store its credentials again',
		});
		const unknown = await rejection(clients.fetchStatus({tenant: 'initech', id: RUNNING_ID}));
		expect(unknown.kind).toBe('auth');
		expect(unknown.hint).toContain('aggwatch tenant add initech');
		expect(sim.log).toEqual([]);
	});

	it('lets the monitor core keep polling the working tenant while the other shows its auth error', async () => {
		const sim = await tenantSimulator();
		const {clients} = registry({
			acme: {record: {baseUrl: sim.url, clientId: ACME.clientId}, secret: ACME.clientSecret},
			globex: {record: {baseUrl: sim.url, clientId: GLOBEX.clientId}, secret: 'wrong'},
		});
		const now = Date.now();
		const store = createMonitorStore(
			createMonitorState(
				{intervalMs: 1000},
				[
					{id: RUNNING_ID, tenant: 'acme', addedAt: now},
					{id: RUNNING_ID, tenant: 'globex', addedAt: now},
					{id: QUICK_ID, tenant: 'acme', addedAt: now},
				],
				now,
			),
		);
		const poller = createPoller({
			getState: store.getState,
			dispatch: store.dispatch,
			fetchStatus: async row => clients.fetchStatus(row),
			clock: {now: Date.now, setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: handle => clearTimeout(handle as NodeJS.Timeout)},
		});

		const settled = new Promise<MonitorState>(resolve => {
			const check = () => {
				const state = store.getState();
				const acmeRunning = state.rows.filter(row => row.tenant === 'acme' && row.phase === 'running' && (row.samples.length ?? 0) >= 2);
				if (acmeRunning.length === 1 && state.tenants['globex']?.authError !== undefined) {
					unsubscribe();
					resolve(state);
				}
			};

			const unsubscribe = store.subscribe(check);
		});
		poller.start();
		const state = await settled;
		poller.stop();
		await poller.settled();

		expect(state.tenants['acme']?.authError).toBeUndefined();
		expect(state.tenants['globex']?.authError).toMatchObject({kind: 'auth'});
		expect(state.rows.find(row => row.tenant === 'acme' && row.id === QUICK_ID)?.phase).toBe('ended');
		expect(state.rows.find(row => row.tenant === 'globex')?.phase).toBe('waiting');
	}, 20_000);
});

describe('the monitor with two saved tenants', () => {
	it('shows both tenants’ rows, the working one’s progress and the broken one’s auth error', async () => {
		const sim = await tenantSimulator();
		const box = testSandbox();
		saveTenant(box, 'acme', {baseUrl: sim.url, clientId: ACME.clientId}, ACME.clientSecret, true);
		saveTenant(box, 'globex', {baseUrl: sim.url, clientId: GLOBEX.clientId}, 'a-wrong-secret');
		const {store} = openStore({cwd: box.config});
		store.addTracked([
			{id: QUICK_ID, tenant: 'acme', addedAt: Date.now()},
			{id: RUNNING_ID, tenant: 'globex', addedAt: Date.now()},
		]);
		store.close();

		const session = spawnPty(process.execPath, [cliPath(), '--interval', '1'], {
			cols: 140,
			rows: 24,
			cwd: box.work,
			env: cleanEnvironment(box.env),
		});
		sessions.push(session);
		await session.waitForText('all tenants', 20_000);
		await session.waitFor(
			'acme row completed and globex auth banner',
			() => {
				const screen = session.screenText();
				// The row of acme's aggregation (QUICK_ID) and the row of globex's (RUNNING_ID), however the UI lays them out.
				// Rows show the source name once the tenant gave it, else the short id.
				const acmeLine = session.screenLines().find(line => line.includes('Active Directory') || line.includes(QUICK_ID.slice(0, 8)));
				return acmeLine !== undefined && /completed/i.test(acmeLine) && /globex: .*ISC refused/.test(screen.replaceAll('\n', ' '));
			},
			20_000,
		);
		const globexLine = session.screenLines().find(line => line.includes(RUNNING_ID.slice(0, 8)));
		expect(globexLine).toMatch(/globex/);
		expect(globexLine).not.toMatch(/completed|collected/i);

		// Only globex's token request was refused; acme's status call went through with acme's client.
		const calls = sim.log.filter(entry => entry.path.includes('/account-aggregations/'));
		expect(calls.length).toBeGreaterThan(0);
		expect(calls.every(entry => entry.clientId === ACME.clientId)).toBe(true);
		expect(sim.log.some(entry => entry.path === '/oauth/token' && entry.status === 401)).toBe(true);

		await session.write('q');
		expect((await session.waitForExit(10_000)).exitCode).toBe(0);
	}, 60_000);

	it('with --tenant shows only that tenant’s rows', async () => {
		const sim = await tenantSimulator();
		const box = testSandbox();
		saveTenant(box, 'acme', {baseUrl: sim.url, clientId: ACME.clientId}, ACME.clientSecret, true);
		saveTenant(box, 'globex', {baseUrl: sim.url, clientId: GLOBEX.clientId}, GLOBEX.clientSecret);
		const {store} = openStore({cwd: box.config});
		store.addTracked([
			{id: QUICK_ID, tenant: 'acme', addedAt: Date.now()},
			{id: RUNNING_ID, tenant: 'globex', addedAt: Date.now()},
		]);
		store.close();

		const session = spawnPty(process.execPath, [cliPath(), '--tenant', 'globex'], {
			cols: 140,
			rows: 24,
			cwd: box.work,
			env: cleanEnvironment(box.env),
		});
		sessions.push(session);
		await session.waitFor('the globex row with its progress', () => session.screenLines().some(line => /collected/i.test(line)), 20_000);
		expect(session.screenText()).not.toContain(QUICK_ID.slice(0, 8));
		expect(session.screenText()).not.toContain('Active Directory');
		expect(session.screenLines().find(line => /collected/i.test(line))).toMatch(/Workday|7d0c1e2f/);
		expect(sim.log.filter(entry => entry.path.includes('/account-aggregations/')).every(entry => entry.clientId === GLOBEX.clientId)).toBe(
			true,
		);
		await session.write('q');
		expect((await session.waitForExit(10_000)).exitCode).toBe(0);
	}, 60_000);
});
