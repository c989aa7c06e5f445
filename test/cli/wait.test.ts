/**
 * `aggwatch wait` end to end: the built CLI against simulated tenants scripted for each outcome, with its exit
 * codes (0 completed, 2 cancelled/terminated, 3 expired, 4 credentials, 5 timeout, 1 usage) and its NDJSON.
 * Timelines are a few seconds long and polled every second (--interval 1).
 */
import {beforeAll, describe, expect, it} from 'vitest';
import type {SimAggregationPlan, Simulator, SimulatorOptions} from '../../source/simulator/types.js';
import {ensureBuilt, runCli, type CliResult} from '../helpers/cli.js';
import {ADHOC, tenantSimulator, testSandbox} from '../tenants/fixtures.js';

const DONE_ID = 'a0000000000000000000000000000001';
const CANCELLED_ID = 'a0000000000000000000000000000002';
const TERMINATED_ID = 'a0000000000000000000000000000003';
const LONG_ID = 'a0000000000000000000000000000004';

function plan(id: string, fields: Partial<SimAggregationPlan>): SimAggregationPlan {
	return {
		id,
		sourceId: `src-${id.slice(-1)}`,
		sourceName: 'Workday',
		startAtMs: 0,
		collectMs: 300,
		totalAccounts: 200,
		accountsPerSecond: 200,
		outcome: {type: 'COMPLETED'},
		...fields,
	};
}

const PLANS = [
	plan(DONE_ID, {}),
	plan(CANCELLED_ID, {totalAccounts: 100_000, accountsPerSecond: 1000, outcome: {type: 'CANCELLED', afterMs: 1500}}),
	plan(TERMINATED_ID, {outcome: {type: 'TERMINATED', retries: 1, retryMs: 600}}),
	plan(LONG_ID, {startAtMs: -10_000, totalAccounts: 1_000_000, accountsPerSecond: 10}),
];

beforeAll(async () => {
	await ensureBuilt();
}, 120_000);

interface WaitEventLine {
	event: string;
	id?: string;
	tenant?: string;
	status?: string;
	outcome?: string;
	at?: string;
	exitCode?: number;
	timedOut?: boolean;
	elapsedMs?: number;
	results?: Array<{id: string; status: string; outcome: string; exitCode: number; tenant: string}>;
	error?: {kind: string; message: string};
}

async function waitOn(sim: Simulator, args: string[], secret = ADHOC.clientSecret): Promise<CliResult> {
	const box = testSandbox();
	return runCli(['wait', '--interval', '1', ...args], {
		env: {...box.env, SAIL_BASE_URL: sim.url, SAIL_CLIENT_ID: ADHOC.clientId, SAIL_CLIENT_SECRET: secret},
		cwd: box.work,
		timeoutMs: 60_000,
	});
}

function ndjson(result: CliResult): WaitEventLine[] {
	const lines = result.stdout.trim().split('\n');
	return lines.map(line => JSON.parse(line) as WaitEventLine);
}

/** Every line is a change or rate-limited event but the last, which is the summary matching the exit code. */
function checkShape(events: WaitEventLine[], code: number | null): WaitEventLine {
	const summary = events.at(-1)!;
	expect(summary).toMatchObject({event: 'summary', exitCode: code});
	expect(typeof summary.elapsedMs).toBe('number');
	for (const event of events.slice(0, -1)) {
		expect(['change', 'rate-limited']).toContain(event.event);
		if (event.event === 'change') {
			expect(Object.keys(event)).toEqual(expect.arrayContaining(['id', 'tenant', 'status', 'outcome', 'at']));
			expect(Number.isNaN(Date.parse(event.at!))).toBe(false);
		}
	}

	return summary;
}

async function simulator(options: SimulatorOptions = {}): Promise<Simulator> {
	return tenantSimulator({aggregations: PLANS, ...options});
}

describe('aggwatch wait', () => {
	it('exits 0 when every id completes, with a change line per step', async () => {
		const sim = await simulator();
		const result = await waitOn(sim, [DONE_ID]);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		const lines = result.stdout.trim().split('\n');
		// The summary line comes last; the change line before it adds the outcome read from the aggregation's task.
		expect(lines.pop()).toBe('1 ended: 1 ok → exit 0');
		expect(lines.at(-1)).toMatch(new RegExp(`^\\d\\d:\\d\\d:\\d\\d  ${DONE_ID}  COMPLETED  200/200 \\(100\\.0%\\)  task SUCCESS$`));
		for (const line of lines) {
			expect(line).toMatch(new RegExp(`^\\d\\d:\\d\\d:\\d\\d  ${DONE_ID}  [A-Z_]+`));
		}
	}, 60_000);

	it('writes NDJSON: changes, then a summary with the exit code', async () => {
		const sim = await simulator();
		const result = await waitOn(sim, ['--json', DONE_ID]);
		expect(result.code).toBe(0);
		const events = ndjson(result);
		const summary = checkShape(events, 0);
		expect(summary).toMatchObject({
			timedOut: false,
			results: [{id: DONE_ID, status: 'COMPLETED', outcome: 'completed', exitCode: 0, tenant: new URL(sim.url).host}],
		});
		const changes = events.filter(event => event.event === 'change');
		expect(changes.at(-1)).toMatchObject({id: DONE_ID, status: 'COMPLETED', processedAccounts: 200, totalAccounts: 200});
	}, 60_000);

	it('exits 2 when an aggregation is cancelled or terminated', async () => {
		const sim = await simulator();
		const result = await waitOn(sim, ['--json', DONE_ID, CANCELLED_ID, TERMINATED_ID]);
		expect(result.code).toBe(2);
		const summary = checkShape(ndjson(result), 2);
		expect(summary.results?.map(row => [row.id, row.status, row.exitCode])).toEqual([
			[DONE_ID, 'COMPLETED', 0],
			[CANCELLED_ID, 'CANCELLED', 2],
			[TERMINATED_ID, 'TERMINATED', 2],
		]);
	}, 60_000);

	it('exits 3 when ISC forgot both the status and the task before the end was seen', async () => {
		let skewMs = 0;
		const sim = await simulator({now: () => Date.now() + skewMs, expiryMs: 60_000});
		const box = testSandbox();
		const running = runCli(['wait', '--interval', '1', '--timeout', '30s', '--json', LONG_ID], {
			env: {...box.env, SAIL_BASE_URL: sim.url, SAIL_CLIENT_ID: ADHOC.clientId, SAIL_CLIENT_SECRET: ADHOC.clientSecret},
			cwd: box.work,
			timeoutMs: 60_000,
		});
		// Once wait has seen it running, the tenant's clock jumps 100 days: the aggregation ended and ISC forgot it,
		// its task (kept 90 days) too.
		await new Promise<void>(resolve => {
			const check = setInterval(() => {
				if (sim.log.some(entry => entry.path.endsWith(`/${LONG_ID}/status`) && entry.status === 200)) {
					clearInterval(check);
					skewMs = 100 * 86_400_000;
					resolve();
				}
			}, 20);
		});
		const result = await running;
		expect(result.code).toBe(3);
		const summary = checkShape(ndjson(result), 3);
		expect(summary.results).toEqual([expect.objectContaining({id: LONG_ID, status: 'EXPIRED', outcome: 'expired', exitCode: 3})]);
	}, 60_000);

	it('exits 4 when ISC refuses the credentials, and says so once', async () => {
		const sim = await simulator();
		const result = await waitOn(sim, ['--json', DONE_ID, LONG_ID], 'wrong-secret');
		expect(result.code).toBe(4);
		expect(checkShape(ndjson(result), 4).timedOut).toBe(false);
		expect(result.stderr.trim().split('\n')).toEqual([
			expect.stringMatching(/^aggwatch: ISC refused the client credentials from SAIL_CLIENT_ID and SAIL_CLIENT_SECRET/),
		]);
	}, 60_000);

	it('exits 4 when the API client may not read aggregation status (403)', async () => {
		const sim = await simulator({faults: [{fault: {type: 'status', status: 403}, pathPrefix: '/v2025/account-aggregations'}]});
		const result = await waitOn(sim, [LONG_ID]);
		expect(result.code).toBe(4);
		expect(result.stderr).toContain('Not allowed to read Aggregation');
	}, 60_000);

	it('exits 5 when --timeout runs out, naming what still runs', async () => {
		const sim = await simulator();
		// Long enough for the first answers to arrive on a loaded machine: the finished one must not be named.
		const result = await waitOn(sim, ['--timeout', '6s', DONE_ID, LONG_ID]);
		expect(result.code).toBe(5);
		expect(result.stderr).toMatch(new RegExp(`^aggwatch: timed out after 6s; still running: ${LONG_ID}\\n$`));
		const json = await waitOn(sim, ['--json', '--timeout', '1500ms', LONG_ID]);
		expect(json.code).toBe(5);
		expect(checkShape(ndjson(json), 5)).toMatchObject({timedOut: true, results: [expect.objectContaining({id: LONG_ID, exitCode: 5})]});
	}, 60_000);

	it('exits 1 with one line for usage mistakes, before any request', async () => {
		const sim = await simulator();
		const cases: Array<[string[], string]> = [
			[['--timeout', 'soon', DONE_ID], 'aggwatch: Invalid duration "soon": use seconds (45) or units like 500ms, 90s, 5m, 1h30m, 2d'],
			[['--interval', '0.5', DONE_ID], 'aggwatch: --interval must be at least 1 second, not "0.5"'],
			[['--budget', '500', DONE_ID], 'aggwatch: --budget must be a whole number of requests per 10 s from 1 to 100, not "500"'],
			[[], 'aggwatch: wait needs at least one aggregation id, e.g. aggwatch wait 2c91808477a6b0c60177a81146b8110b'],
			[['--sideways', DONE_ID], 'aggwatch: unknown option --sideways'],
			[['--ascii', DONE_ID], 'aggwatch: --ascii does not apply to "aggwatch wait"'],
		];
		for (const [args, message] of cases) {
			const box = testSandbox();
			const result = await runCli(['wait', ...args], {
				env: {...box.env, SAIL_BASE_URL: sim.url, SAIL_CLIENT_ID: 'x', SAIL_CLIENT_SECRET: 'y'},
				cwd: box.work,
			});
			expect({args, code: result.code, first: result.stderr.split('\n')[0]}).toEqual({args, code: 1, first: message});
			expect(result.stdout).toBe('');
		}

		expect(sim.log).toEqual([]);
	}, 60_000);
});
