/**
 * The built CLI against a simulated tenant that answers as real ones do (issue 10): permissions (an API client
 * without user context, a SOURCE_SUBADMIN listing sources), a 200 {"status": "NOT_FOUND"}, epoch-ms dates, an
 * untrusted TLS certificate (not retried) and a proxy that refuses the connection (named).
 */
import https from 'node:https';
import net from 'node:net';
import type {AddressInfo} from 'node:net';
import {beforeAll, describe, expect, it} from 'vitest';
import type {SimulatorOptions} from '../../source/simulator/types.js';
import {ensureBuilt, runCli, type CliResult} from '../helpers/cli.js';
import {ADHOC, listenForTest, RUNNING_ID, tenantSimulator, testSandbox, testServerTls} from '../tenants/fixtures.js';

const WORKDAY = {
	id: '2c91808a7813090a01781412a6a90001',
	name: 'Workday',
	type: 'Workday',
	plan: {collectMs: 100, totalAccounts: 10, accountsPerSecond: 1000, outcome: {type: 'COMPLETED' as const}},
};
const UNKNOWN_ID = '2c91808a7813090a01781412a6a9ffff';

beforeAll(async () => {
	await ensureBuilt();
}, 120_000);

async function cli(args: string[], options: SimulatorOptions & {client?: {userContext?: boolean; userLevel?: 'SOURCE_SUBADMIN'}} = {}) {
	const {client, ...simOptions} = options;
	const sim = await tenantSimulator({...simOptions, clients: [{...ADHOC, ...client}]});
	const box = testSandbox();
	const result = await runCli(args, {
		env: {...box.env, SAIL_BASE_URL: sim.url, SAIL_CLIENT_ID: ADHOC.clientId, SAIL_CLIENT_SECRET: ADHOC.clientSecret},
		cwd: box.work,
		timeoutMs: 60_000,
	});
	return {sim, result, tenant: new URL(sim.url).host};
}

function lines(result: CliResult): string[] {
	return result.stderr.trim().split('\n');
}

describe('permissions', () => {
	it('a 403 from an API client without user context says to use a PAT of an admin, and names the tenant', async () => {
		const {result, tenant} = await cli(['status', RUNNING_ID], {client: {userContext: false}});
		expect(result.code).toBe(4);
		expect(lines(result)).toHaveLength(1);
		expect(result.stderr).toContain('HTTP 403');
		expect(result.stderr).toContain('trackingId');
		expect(result.stderr).toContain('API client without user context');
		expect(result.stderr).toContain(
			`use a personal access token (PAT) of a user with ORG_ADMIN, SOURCE_ADMIN or SOURCE_SUBADMIN in tenant ${tenant}`,
		);
	});

	it('a SOURCE_SUBADMIN starts a source by name: the list refused (403) is asked again with for-subadmin=me', async () => {
		const {sim, result} = await cli(['start', 'Workday'], {client: {userLevel: 'SOURCE_SUBADMIN'}, sources: [WORKDAY]});
		expect(result.stderr).toContain('started an account aggregation of "Workday"');
		expect(result.code).toBe(0);
		const lists = sim.log.filter(entry => entry.path === '/v2025/sources');
		expect(lists.map(entry => [entry.status, entry.query['for-subadmin']])).toEqual([
			[403, undefined],
			[200, 'me'],
		]);
		expect(sim.log.filter(entry => entry.method === 'POST' && entry.path.endsWith('/load-accounts'))).toHaveLength(1);
	});
});

describe('a 200 with status NOT_FOUND', () => {
	it('status exits 3 and says ISC does not know the id; --json prints the answer and exits 3 too', async () => {
		const human = await cli(['status', UNKNOWN_ID], {notFoundAnswer: 'status-not-found'});
		expect(human.result.code).toBe(3);
		expect(human.result.stdout).toBe('');
		expect(human.result.stderr).toContain(`${UNKNOWN_ID}: ISC answered status NOT_FOUND`);

		const json = await cli(['status', '--json', RUNNING_ID, UNKNOWN_ID], {notFoundAnswer: 'status-not-found'});
		expect(json.result.code).toBe(3);
		const answers = json.result.stdout
			.trim()
			.split('\n')
			.map(line => JSON.parse(line) as {id: string; status: string});
		expect(answers.map(answer => [answer.id, answer.status])).toEqual([
			[RUNNING_ID, 'ACCOUNTS_COLLECTED'],
			[UNKNOWN_ID, 'NOT_FOUND'],
		]);
	});

	it('wait exits 3 when an aggregation it saw running answers NOT_FOUND and its task is gone, as after a 404', async () => {
		let skewMs = 0;
		const sim = await tenantSimulator({
			clients: [ADHOC],
			notFoundAnswer: 'status-not-found',
			expiryMs: 60_000,
			now: () => Date.now() + skewMs,
		});
		const box = testSandbox();
		const waiting = runCli(['wait', '--interval', '1', '--timeout', '30s', '--json', RUNNING_ID], {
			env: {...box.env, SAIL_BASE_URL: sim.url, SAIL_CLIENT_ID: ADHOC.clientId, SAIL_CLIENT_SECRET: ADHOC.clientSecret},
			cwd: box.work,
			timeoutMs: 60_000,
		});
		await new Promise<void>(resolve => {
			const check = setInterval(() => {
				if (sim.log.some(entry => entry.path.endsWith(`/${RUNNING_ID}/status`) && entry.status === 200)) {
					clearInterval(check);
					skewMs = 100 * 86_400_000; // past ISC's 90 days, so the task is gone too
					resolve();
				}
			}, 20);
		});
		const result = await waiting;
		expect(result.code).toBe(3);
		const summary = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as {
			results: Array<{id: string; outcome: string; exitCode: number}>;
		};
		expect(summary.results).toEqual([expect.objectContaining({id: RUNNING_ID, outcome: 'expired', exitCode: 3})]);
	}, 60_000);
});

describe('dates as real tenants send them', () => {
	it('start succeeds, prints and tracks the id, and --wait follows it, when ISC writes dates in epoch ms', async () => {
		const {sim, result} = await cli(['start', 'Workday', '--wait', '--interval', '1', '--json'], {
			dates: 'epoch-ms',
			sources: [WORKDAY],
			aggregations: [],
		});
		expect(result.code).toBe(0);
		const events = result.stdout
			.trim()
			.split('\n')
			.map(line => JSON.parse(line) as {event: string; id?: string; created?: string});
		expect(events[0]).toMatchObject({event: 'started', id: sim.aggregations()[0]?.id});
		expect(events[0]?.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		expect(events.at(-1)).toMatchObject({event: 'summary', exitCode: 0});
	}, 60_000);

	it('discover lists running aggregations whose task dates are epoch ms', async () => {
		const {result} = await cli(['discover', '--json'], {dates: 'epoch-ms'});
		expect(result.code).toBe(0);
		const rows = result.stdout
			.trim()
			.split('\n')
			.map(line => JSON.parse(line) as {id: string; started: string});
		expect(rows.find(row => row.id === RUNNING_ID)?.started).toMatch(/^\d{4}-\d\d-\d\dT/);
	});
});

describe('network failures retrying cannot help', () => {
	/** A tenant at https://127.0.0.1:PORT whose certificate Node does not trust; counts the connections made to it. */
	async function untrustedTenant(): Promise<{url: string; connections: () => number}> {
		let connections = 0;
		const server = https.createServer(testServerTls(), (_request, response) => {
			response.writeHead(500).end();
		});
		server.on('connection', () => connections++);
		return {url: `https://127.0.0.1:${await listenForTest(server)}`, connections: () => connections};
	}

	it('an untrusted TLS certificate fails at once, without a retry, naming NODE_EXTRA_CA_CERTS', async () => {
		const sim = await tenantSimulator({clients: [ADHOC]});
		const {url, connections} = await untrustedTenant();
		const box = testSandbox();
		const result = await runCli(['status', RUNNING_ID], {
			env: {...box.env, SAIL_BASE_URL: url, SAIL_CLIENT_ID: ADHOC.clientId, SAIL_CLIENT_SECRET: ADHOC.clientSecret},
			cwd: box.work,
		});
		expect(result.code).toBe(6);
		expect(lines(result)).toHaveLength(1);
		expect(result.stderr).toMatch(/The TLS certificate of 127\.0\.0\.1:\d+ is not trusted/);
		expect(result.stderr).toContain('NODE_EXTRA_CA_CERTS');
		expect(result.stderr).not.toContain('retrying');
		expect(connections()).toBe(1);
		expect(sim.log).toEqual([]);
	}, 60_000);

	it('wait stops at once on an untrusted certificate too, rather than polling until its timeout', async () => {
		const {url, connections} = await untrustedTenant();
		const box = testSandbox();
		const result = await runCli(['wait', '--timeout', '30s', '--json', RUNNING_ID], {
			env: {...box.env, SAIL_BASE_URL: url, SAIL_CLIENT_ID: ADHOC.clientId, SAIL_CLIENT_SECRET: ADHOC.clientSecret},
			cwd: box.work,
			timeoutMs: 60_000,
		});
		expect(result.code).toBe(6);
		expect(result.stderr).toContain('NODE_EXTRA_CA_CERTS');
		expect(JSON.parse(result.stdout.trim().split('\n').at(-1)!)).toMatchObject({event: 'summary', exitCode: 6, timedOut: false});
		expect(connections()).toBe(1);
	}, 60_000);

	it('a proxy that refuses the connection is named in the error', async () => {
		const closed = net.createServer();
		await new Promise<void>(resolve => closed.listen(0, '127.0.0.1', resolve));
		const proxyPort = (closed.address() as AddressInfo).port;
		await new Promise<void>(resolve => closed.close(() => resolve()));
		const sim = await tenantSimulator({clients: [ADHOC]});
		const box = testSandbox();
		const result = await runCli(['status', RUNNING_ID], {
			env: {
				...box.env,
				SAIL_BASE_URL: sim.url,
				SAIL_CLIENT_ID: ADHOC.clientId,
				SAIL_CLIENT_SECRET: ADHOC.clientSecret,
				HTTP_PROXY: `http://user:pw@127.0.0.1:${proxyPort}`,
			},
			cwd: box.work,
			timeoutMs: 60_000,
		});
		expect(result.code).toBe(6);
		expect(lines(result).at(-1)).toContain(
			`Cannot reach the proxy http://127.0.0.1:${proxyPort} (on the way to ${new URL(sim.url).host}): the connection was refused (ECONNREFUSED)`,
		);
		expect(result.stderr).not.toContain('pw');
		expect(sim.log).toEqual([]);
	}, 60_000);
});
