import {readFileSync} from 'node:fs';
import type http from 'node:http';
import type https from 'node:https';
import type {AddressInfo, Socket} from 'node:net';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
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
const closers: Array<() => Promise<void>> = [];

afterEach(async () => {
	// Servers in front of a simulator (and their tunnels) first, then the simulators.
	for (const close of closers.splice(0)) {
		await close();
	}

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

/** Runs `close` after the test, before the simulators close (a tunnel's sockets, say). */
export function closeAfterTest(close: () => Promise<void>): void {
	closers.push(close);
}

/** Starts `server` on a free port of 127.0.0.1 and returns the port; closed after the test, its connections cut. */
export async function listenForTest(server: http.Server | https.Server): Promise<number> {
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const sockets = new Set<Socket>();
	server.on('connection', socket => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	closeAfterTest(async () => {
		for (const socket of sockets) {
			socket.destroy();
		}

		await new Promise<void>(resolve => server.close(() => resolve()));
	});
	return (server.address() as AddressInfo).port;
}

/**
 * A test-only CA (fixtures/tls/ca.pem) and the certificate it signed for IP 127.0.0.1 (server.pem, server-key.pem,
 * valid 2000–2100, made with `openssl ca`; the CA key was thrown away).
 */
const tls = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'tls');
export const TEST_CA_FILE = path.join(tls, 'ca.pem');

/** https.createServer options for 127.0.0.1 with the certificate TEST_CA_FILE signed. */
export function testServerTls(): {cert: Buffer; key: Buffer} {
	return {cert: readFileSync(path.join(tls, 'server.pem')), key: readFileSync(path.join(tls, 'server-key.pem'))};
}

/** Temporary HOME, store and working folders; removed after the test. */
export function testSandbox(): Sandbox {
	const box = sandbox();
	opened.push({box});
	return box;
}

/**
 * Saves a tenant straight into a sandbox's store and secrets file (as `tenant add` would with the keychain off,
 * minus the token check).
 */
export function saveTenant(box: Sandbox, name: string, record: TenantRecord, secret: string | undefined, makeDefault = false): void {
	const {store} = openStore({cwd: box.config});
	store.setTenant(name, secret === undefined ? record : {...record, secret: 'file'});
	if (makeDefault) {
		store.setDefaultTenant(name);
	}

	store.close();
	if (secret !== undefined) {
		new SecretStore({dir: box.config, env: {AGGWATCH_KEYRING: 'off'}, onWarning() {}}).set({name}, secret);
	}
}

/** The client ids that asked for an aggregation's status, in order: which tenant's credentials a command used. */
export function statusCallers(sim: Simulator): Array<string | undefined> {
	return sim.log.filter(entry => entry.path.includes('/account-aggregations/')).map(entry => entry.clientId);
}
