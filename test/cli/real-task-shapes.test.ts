/**
 * Tasks shaped as real tenants send them (counts as digit strings, completion statuses in other cases and spellings,
 * localizedText as a plain string, the 28-name returns list with the source's name among them), through the built
 * CLI against the simulated tenant: --json gives one spelling of completionStatus (the tenant's beside it), figures
 * that are not numbers are never counts, and "Account deletion was skipped" reads as held-back deletions in status,
 * wait and --json, also past the hour when the status counts are gone.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {SimAggregationPlan, Simulator} from '../../source/simulator/types.js';
import {ensureBuilt, runCli, type CliResult} from '../helpers/cli.js';
import {startSimulator} from '../../source/simulator/server.js';
import {ADHOC, testSandbox} from '../tenants/fixtures.js';

const HOUR = 3_600_000;
const MIXED_ID = 'c0000000000000000000000000000001';
const TEMP_ID = 'c0000000000000000000000000000002';
const OLD_HELD_ID = 'c0000000000000000000000000000003';
const ERROR_ID = 'c0000000000000000000000000000004';
const HELD_ID = 'c0000000000000000000000000000005';

function plan(id: string, fields: Partial<SimAggregationPlan>): SimAggregationPlan {
	return {
		id,
		sourceId: `src-${id.slice(-1)}`,
		sourceName: `Source ${id.slice(-1)}`,
		startAtMs: -2 * HOUR,
		collectMs: 300,
		totalAccounts: 200,
		accountsPerSecond: 400,
		outcome: {type: 'COMPLETED'},
		...fields,
	};
}

const PLANS = [
	// Past the hour: the status endpoint answers 404, the task says `Success`.
	plan(MIXED_ID, {task: {completionStatus: 'Success', scannedAccounts: 1000}}),
	plan(TEMP_ID, {task: {completionStatus: 'TEMPERROR', errors: ['The connector timed out']}}),
	// Past the hour, over the deleteThreshold: only the task's message tells of the deletions.
	plan(OLD_HELD_ID, {totalAccounts: 4000, accountsPerSecond: 4000, totalAccountsMarkedForDeletion: 900, deleteThreshold: 10}),
	plan(ERROR_ID, {startAtMs: -10 * 60_000, task: {completionStatus: 'Error', errors: ['Page 3 could not be read', 'Timeout']}}),
	// Ended a minute ago: the status endpoint still has its counts (900 marked, none removed).
	plan(HELD_ID, {
		startAtMs: -60_000,
		totalAccounts: 4000,
		accountsPerSecond: 4000,
		totalAccountsMarkedForDeletion: 900,
		deleteThreshold: 10,
	}),
];

let sim: Simulator;

beforeAll(async () => {
	await ensureBuilt();
	sim = await startSimulator({clients: [ADHOC], aggregations: PLANS, rateLimit: false, taskShape: 'real'});
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

describe('tasks shaped as real tenants send them', () => {
	it('status --json gives one spelling of completionStatus, the raw one beside it, and only numbers as counts', async () => {
		const result = await cli(['status', '--json', MIXED_ID, TEMP_ID]);
		expect(result.code).toBe(2);
		const [mixed, temporary] = lines(result);
		expect(mixed!['task']).toMatchObject({completionStatus: 'SUCCESS', completionStatusRaw: 'Success'});
		// Digit strings read as numbers; the source's name (applications) and "enabled" (optimizedAggregation) are no figures.
		expect((mixed!['task'] as {counts: unknown}).counts).toEqual({
			total: 1000,
			optimized: 800,
			created: 20,
			updated: 180,
			deleted: 0,
			ignored: 0,
		});
		expect(mixed!['deletionsHeldBack']).toBe(false);
		expect(temporary!['task']).toMatchObject({
			completionStatus: 'TEMP_ERROR',
			completionStatusRaw: 'TEMPERROR',
			messages: [{type: 'ERROR', text: 'The connector timed out'}],
		});
	});

	it('status shows what came, and no count of a figure that is not a number', async () => {
		const result = await cli(['status', MIXED_ID]);
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/Outcome\s+Success/);
		expect(result.stdout).toMatch(/Figures\s+scanned 1,000 · added 20 · changed 180 · removed 0 · unchanged 800 · ignored 0\n/);
		expect(result.stdout).not.toContain('applications');
		expect(result.stdout).not.toContain('optimizedAggregation');
	});

	it('past the hour, "Account deletion was skipped" says the deletions were held back, in status and --json', async () => {
		const human = await cli(['status', OLD_HELD_ID]);
		expect(human.code).toBe(0);
		expect(human.stdout).toMatch(/Deletions\s+deletions held back/);
		expect(human.stdout).toMatch(/WARN\s+Account deletion was skipped/);
		const [json] = lines(await cli(['status', '--json', OLD_HELD_ID]));
		expect(json).toMatchObject({deletionsHeldBack: true, task: {completionStatus: 'WARNING'}});
	});

	it('within the hour, status says it with the counts in one vocabulary', async () => {
		const human = await cli(['status', HELD_ID]);
		expect(human.stdout).toMatch(/Deletions\s+900 marked for deletion, removed 0; deletions held back/);
		const [json] = lines(await cli(['status', '--json', HELD_ID]));
		expect(json).toMatchObject({status: 'COMPLETED', deletionsHeldBack: true, deletedAccounts: 0});
	});

	it("wait's last line and its --json summary say the deletions were held back, past the hour too", async () => {
		const result = await cli(['wait', '--interval', '1', OLD_HELD_ID, HELD_ID]);
		expect(result.code).toBe(0);
		const last = (id: string) =>
			result.stdout
				.trim()
				.split('\n')
				.findLast(line => line.includes(id)) ?? '';
		expect(last(OLD_HELD_ID)).toMatch(/task WARNING \(1 warning\)\s+deletions held back$/);
		expect(last(HELD_ID)).toMatch(/deletions held back$/);

		const json = lines(await cli(['wait', '--json', '--interval', '1', OLD_HELD_ID, MIXED_ID]));
		const summary = json.find(line => line['event'] === 'summary') as {results: Array<Record<string, unknown>>};
		expect(summary.results).toEqual([
			expect.objectContaining({id: OLD_HELD_ID, deletionsHeldBack: true}),
			expect.objectContaining({
				id: MIXED_ID,
				deletionsHeldBack: false,
				task: expect.objectContaining({completionStatus: 'SUCCESS', completionStatusRaw: 'Success'}),
			}),
		]);
	});

	it('discover --ended shows the outcome as the row badge does, and --json one spelling', async () => {
		const table = await cli(['discover', '--ended']);
		const row = table.stdout.split('\n').find(line => line.endsWith(ERROR_ID)) ?? '';
		expect(row).toMatch(/^Source 4\s+ERROR ✖ 2\s/);
		const held = table.stdout.split('\n').find(line => line.endsWith(OLD_HELD_ID)) ?? '';
		expect(held).toMatch(/^Source 3\s+WARNING ⚠ 1\s/);
		const json = lines(await cli(['discover', '--ended', '--failed', '--json']));
		expect(json.find(line => line['id'] === ERROR_ID)).toMatchObject({
			completionStatus: 'ERROR',
			completionStatusRaw: 'Error',
			errors: 2,
			deletionsHeldBack: false,
			task: {completionStatus: 'ERROR', completionStatusRaw: 'Error'},
		});
		expect(json.find(line => line['id'] === TEMP_ID)).toMatchObject({completionStatus: 'TEMP_ERROR'});
	});
});
