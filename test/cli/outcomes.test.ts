/**
 * How each run went, through the built CLI against the simulated tenant: the task (task-status/{id}, kept 90 days)
 * behind `status` past the hour and `status --json`, wait's exit codes for task outcomes, a mistyped id told at once,
 * and `discover --ended`.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {SimAggregationPlan, Simulator} from '../../source/simulator/types.js';
import {ensureBuilt, runCli, type CliResult} from '../helpers/cli.js';
import {startSimulator} from '../../source/simulator/server.js';
import {ADHOC, testSandbox} from '../tenants/fixtures.js';

const HOUR = 3_600_000;
const WARN_ID = 'b0000000000000000000000000000001';
const ERROR_ID = 'b0000000000000000000000000000002';
const OLD_WARN_ID = 'b0000000000000000000000000000003';
const OLD_ERROR_ID = 'b0000000000000000000000000000004';
const OLD_CANCELLED_ID = 'b0000000000000000000000000000005';
const MISSING_ID = 'b00000000000000000000000000000ff';
const QUEUED_ID = 'b0000000000000000000000000000006';

function plan(id: string, fields: Partial<SimAggregationPlan>): SimAggregationPlan {
	return {
		id,
		sourceId: `src-${id.slice(-1)}`,
		sourceName: `Source ${id.slice(-1)}`,
		startAtMs: 0,
		collectMs: 300,
		totalAccounts: 200,
		accountsPerSecond: 400,
		outcome: {type: 'COMPLETED'},
		...fields,
	};
}

const PLANS = [
	plan(WARN_ID, {task: {warnings: ['Account "x" was skipped', 'Account "y" was skipped'], scannedAccounts: 1000}}),
	plan(ERROR_ID, {task: {errors: ['Page 3 could not be read']}}),
	// Ended about two hours ago: the status endpoint answers 404, the task still answers.
	plan(OLD_WARN_ID, {
		startAtMs: -2 * HOUR,
		totalAccounts: 2000,
		task: {warnings: ['Group "Everyone" was truncated'], scannedAccounts: 5000},
	}),
	// Ended about three hours ago, with errors.
	plan(OLD_ERROR_ID, {startAtMs: -3 * HOUR, totalAccounts: 2000, task: {errors: ['Connection reset', 'Timeout on page 9']}}),
	// Cancelled 30 minutes ago (its task ends TERMINATED).
	plan(OLD_CANCELLED_ID, {
		startAtMs: -30 * 60_000,
		totalAccounts: 100_000,
		accountsPerSecond: 100,
		outcome: {type: 'CANCELLED', afterMs: 5000},
	}),
];

let sim: Simulator;
/** About when the simulator started: plans added later give their start relative to it. */
let simStartedAt: number;

beforeAll(async () => {
	await ensureBuilt();
	// One tenant for the whole file (the fixtures' tenantSimulator closes after each test).
	simStartedAt = Date.now();
	sim = await startSimulator({clients: [ADHOC], aggregations: PLANS, rateLimit: false});
}, 120_000);

afterAll(async () => {
	await sim.close();
});

async function cli(args: string[]): Promise<CliResult> {
	const box = testSandbox();
	return runCli(args, {
		env: {...box.env, SAIL_BASE_URL: sim.url, SAIL_CLIENT_ID: ADHOC.clientId, SAIL_CLIENT_SECRET: ADHOC.clientSecret},
		cwd: box.work,
		timeoutMs: 60_000,
	});
}

function lines(result: CliResult): Array<Record<string, unknown>> {
	return result.stdout
		.trim()
		.split('\n')
		.map(line => JSON.parse(line) as Record<string, unknown>);
}

function requestsFor(id: string, suffix: string): number {
	return sim.log.filter(entry => entry.path.endsWith(`/${id}${suffix}`)).length;
}

describe('aggwatch status past the hour', () => {
	it('prints what the task says when the status is gone, and exits as for that outcome', async () => {
		const result = await cli(['status', OLD_WARN_ID]);
		expect(result.code).toBe(0);
		expect(result.stdout).toContain(`${OLD_WARN_ID}  ended (status no longer kept; from its task)`);
		expect(result.stdout).toMatch(/Outcome\s+WARNING \(1 warning\)/);
		expect(result.stdout).toMatch(/Completed\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(took 5s\)/);
		expect(result.stdout).toMatch(/Figures\s+scanned 5,000 · added 200 · changed 1,800 · removed 0 · unchanged 3,000 · ignored 0/);
		expect(result.stdout).toMatch(/WARN\s+Group "Everyone" was truncated/);

		const failed = await cli(['status', OLD_ERROR_ID]);
		expect(failed.code).toBe(2);
		expect(failed.stdout).toMatch(/Outcome\s+ERROR \(2 errors\)/);
		expect(failed.stdout).toMatch(/ERROR\s+Timeout on page 9/);
	});

	it('--json adds the task object in its documented shape', async () => {
		const result = await cli(['status', '--json', OLD_WARN_ID]);
		expect(result.code).toBe(0);
		const [line] = lines(result);
		expect(Object.keys(line!)).toEqual(['id', 'source', 'task', 'deletionsHeldBack']);
		expect(line!['deletionsHeldBack']).toBe(false);
		const task = line!['task'] as Record<string, unknown>;
		expect(Object.keys(task)).toEqual(['completionStatus', 'launched', 'completed', 'messages', 'counts']);
		expect(task['completionStatus']).toBe('WARNING');
		expect(Date.parse(task['completed'] as string) - Date.parse(task['launched'] as string)).toBe(5300);
		expect(task['messages']).toEqual([{type: 'WARN', text: 'Group "Everyone" was truncated'}]);
		expect(task['counts']).toEqual({total: 5000, optimized: 3000, created: 200, updated: 1800, deleted: 0, ignored: 0});
	});

	it('adds the task to an ended run the status endpoint still knows', async () => {
		const result = await cli(['status', '--json', OLD_CANCELLED_ID]);
		expect(result.code).toBe(0);
		const [line] = lines(result);
		expect(line).toMatchObject({id: OLD_CANCELLED_ID, status: 'CANCELLED', task: {completionStatus: 'TERMINATED'}});
	});

	it('calls an id not found only when both endpoints answer 404', async () => {
		const before = requestsFor(MISSING_ID, '');
		const result = await cli(['status', MISSING_ID]);
		expect(result.code).toBe(3);
		expect(result.stderr).toContain(`${MISSING_ID}: Aggregation ${MISSING_ID} was not found`);
		expect(requestsFor(MISSING_ID, '/status') + requestsFor(MISSING_ID, '') - before).toBe(2);
	});
});

describe('aggwatch wait and task outcomes', () => {
	it('exits 0 for a run that ended WARNING, 2 with --fail-on-warning; the summary carries the task', async () => {
		const result = await cli(['wait', '--interval', '1', '--json', WARN_ID]);
		expect(result.code).toBe(0);
		const summary = lines(result).at(-1)!;
		expect(summary).toMatchObject({event: 'summary', exitCode: 0, results: [{id: WARN_ID, status: 'COMPLETED', exitCode: 0}]});
		const [first] = summary['results'] as Array<{task: {completionStatus: string; messages: unknown[]; counts: Record<string, number>}}>;
		expect(first!.task.completionStatus).toBe('WARNING');
		expect(first!.task.messages).toHaveLength(2);
		expect(first!.task.counts['total']).toBe(1000);

		const strict = await cli(['wait', '--interval', '1', '--fail-on-warning', WARN_ID]);
		expect(strict.code).toBe(2);
		const strictLines = strict.stdout.trim().split('\n');
		expect(strictLines.at(-2)).toMatch(/COMPLETED {2}200\/200 \(100\.0%\) {2}task WARNING \(2 warnings\)$/);
		expect(strictLines.at(-1)).toBe('1 ended: 1 with warnings → exit 2');
	});

	it('exits 2 for a run that COMPLETED while its task ended ERROR', async () => {
		const result = await cli(['wait', '--interval', '1', '--json', ERROR_ID]);
		expect(result.code).toBe(2);
		expect(lines(result).at(-1)).toMatchObject({
			results: [{id: ERROR_ID, status: 'COMPLETED', outcome: 'completed', exitCode: 2, task: {completionStatus: 'ERROR'}}],
		});
	});

	it('tells a mistyped id at once: one status request, one task request, exit 3', async () => {
		const statusBefore = requestsFor(MISSING_ID, '/status');
		const taskBefore = requestsFor(MISSING_ID, '');
		const result = await cli(['wait', '--interval', '1', '--json', MISSING_ID]);
		expect(result.code).toBe(3);
		expect(lines(result).at(-1)).toMatchObject({results: [{id: MISSING_ID, status: 'NOT_FOUND', exitCode: 3}]});
		expect(requestsFor(MISSING_ID, '/status') - statusBefore).toBe(1);
		expect(requestsFor(MISSING_ID, '') - taskBefore).toBe(1);
		const text = await cli(['wait', '--interval', '1', MISSING_ID]);
		expect(text.code).toBe(3);
		expect(text.stdout).toContain('NOT_FOUND  error: not found: neither the status nor the task of this id exists');
		expect(text.stdout).not.toContain('retrying');
	});

	it('waits for a queued run (status 404 until it starts, its task already there) rather than calling it not found', async () => {
		// Handed out a minute ago (as load-accounts does), starting in 3 s.
		sim.addAggregation(plan(QUEUED_ID, {startAtMs: Date.now() - simStartedAt + 3000, queuedMs: 60_000}));
		const result = await cli(['wait', '--interval', '1', '--json', QUEUED_ID]);
		expect(result.code).toBe(0);
		expect(lines(result).some(line => line['status'] === 'NOT_FOUND')).toBe(false);
		expect(lines(result).at(-1)).toMatchObject({results: [{id: QUEUED_ID, status: 'COMPLETED', exitCode: 0}]});
		// It was asked before it started: the 404s came, and the task said the id exists.
		expect(sim.log.some(entry => entry.path.endsWith(`/${QUEUED_ID}/status`) && entry.status === 404)).toBe(true);
	});

	it('an id past the hour ends at once with the outcome of its task', async () => {
		const result = await cli(['wait', '--interval', '1', '--json', OLD_ERROR_ID]);
		expect(result.code).toBe(2);
		expect(lines(result).at(-1)).toMatchObject({
			results: [{id: OLD_ERROR_ID, status: 'EXPIRED', outcome: 'completed', exitCode: 2, task: {completionStatus: 'ERROR'}}],
		});
	});
});

describe('aggwatch discover --ended', () => {
	it('lists what ended in the window with source, outcome with its warnings or errors, start, duration, changes and accounts scanned', async () => {
		const result = await cli(['discover', '--ended']);
		expect(result.code).toBe(0);
		const [heading, ...rows] = result.stdout.trim().split('\n');
		expect(heading).toMatch(/^SOURCE\s+OUTCOME\s+STARTED\s+DURATION\s+CHANGES\s+SCANNED\s+ID$/);
		const byId = new Map(rows.map(row => [row.split(/\s+/).at(-1), row]));
		expect(byId.get(OLD_WARN_ID)).toMatch(/^Source 3\s+WARNING ⚠ 1\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\s+5s\s+2,000\s+5,000\s+/);
		expect(byId.get(OLD_ERROR_ID)).toMatch(/^Source 4\s+ERROR ✖ 2\s+.+\s+2,000\s+2,000\s+/);
		expect(byId.get(OLD_CANCELLED_ID)).toMatch(/^Source 5\s+TERMINATED\s+.+\s+5s\s+/);
	});

	it('--failed keeps the runs that did not succeed, --since narrows the window, --json gives every field', async () => {
		const failed = lines(await cli(['discover', '--ended', '--failed', '--json']));
		const ids = failed.map(line => line['id']);
		expect(ids).toEqual(expect.arrayContaining([OLD_ERROR_ID, OLD_CANCELLED_ID]));
		expect(ids).not.toContain(OLD_WARN_ID);
		expect(new Set(failed.map(line => line['completionStatus']))).toEqual(new Set(['ERROR', 'TERMINATED']));
		const recent = lines(await cli(['discover', '--ended', '--since', '150m', '--json']));
		expect(recent.map(line => line['id'])).not.toContain(OLD_ERROR_ID);
		const old = recent.find(line => line['id'] === OLD_WARN_ID);
		expect(old).toMatchObject({
			source: 'Source 3',
			completionStatus: 'WARNING',
			durationMs: 5300,
			warnings: 1,
			errors: 0,
			task: {counts: {total: 5000}},
		});
	});

	it('refuses --since without --ended, with what to type', async () => {
		const result = await cli(['discover', '--since', '2h']);
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('--since goes with --ended');
	});
});
