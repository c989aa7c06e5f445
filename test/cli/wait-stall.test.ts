/**
 * `aggwatch wait --stall-after`: the built CLI against a simulated run whose processed count stops for a few
 * seconds and then goes on. wait says so once when the stall starts (a line, or an NDJSON "stalled" event), and
 * still waits for the end.
 */
import {beforeAll, describe, expect, it} from 'vitest';
import type {SimAggregationPlan} from '../../source/simulator/types.js';
import {ensureBuilt, runCli, type CliResult} from '../helpers/cli.js';
import {ADHOC, tenantSimulator, testSandbox} from '../tenants/fixtures.js';

const STALL_ID = 'a0000000000000000000000000000005';
const STEADY_ID = 'a0000000000000000000000000000006';

/** 0.3 s collecting, then 600 accounts at 200/s, with the count standing still at 100 for 5 s. */
const STALLING: SimAggregationPlan = {
	id: STALL_ID,
	sourceId: 'src-5',
	sourceName: 'LDAP',
	collectMs: 300,
	totalAccounts: 600,
	accountsPerSecond: 200,
	outcome: {type: 'COMPLETED'},
	stall: {atMs: 500, forMs: 5000},
};
const STEADY: SimAggregationPlan = {...STALLING, id: STEADY_ID, sourceId: 'src-6', stall: undefined, accountsPerSecond: 100};

beforeAll(async () => {
	await ensureBuilt();
}, 120_000);

async function waitOn(args: string[]): Promise<CliResult> {
	const sim = await tenantSimulator({aggregations: [STALLING, STEADY]});
	const box = testSandbox();
	return runCli(['wait', '--interval', '1', '--stall-after', '2s', ...args], {
		env: {...box.env, SAIL_BASE_URL: sim.url, SAIL_CLIENT_ID: ADHOC.clientId, SAIL_CLIENT_SECRET: ADHOC.clientSecret},
		cwd: box.work,
		timeoutMs: 60_000,
	});
}

describe('aggwatch wait --stall-after', () => {
	it('prints one line when a run stalls, none for a run that keeps moving, and still waits for the end', async () => {
		const result = await waitOn([STALL_ID, STEADY_ID]);
		expect(result.code).toBe(0);
		const stallLines = result.stdout.split('\n').filter(line => line.includes('stalled?'));
		expect(stallLines).toHaveLength(1);
		expect(stallLines[0]).toMatch(new RegExp(`^\\d\\d:\\d\\d:\\d\\d  ${STALL_ID}  stalled\\? no progress for \\d+s \\(threshold 2s\\)$`));
		// The end comes after the stall line.
		const lines = result.stdout.split('\n');
		expect(lines.findIndex(line => line.includes(STALL_ID) && line.includes('COMPLETED'))).toBeGreaterThan(lines.indexOf(stallLines[0]!));
	}, 60_000);

	it('--json gives one "stalled" event with how long and the threshold', async () => {
		const result = await waitOn(['--json', STALL_ID]);
		expect(result.code).toBe(0);
		const events = result.stdout
			.trim()
			.split('\n')
			.map(line => JSON.parse(line) as Record<string, unknown>);
		const stalls = events.filter(event => event['event'] === 'stalled');
		expect(stalls).toEqual([
			expect.objectContaining({
				id: STALL_ID,
				kind: 'no-progress',
				status: 'ACCOUNTS_COLLECTED',
				processedAccounts: 100,
				totalAccounts: 600,
				thresholdMs: 2000,
			}),
		]);
		expect(stalls[0]!['forMs']).toBeGreaterThanOrEqual(2000);
		expect(events.at(-1)).toMatchObject({event: 'summary', exitCode: 0});
	}, 60_000);

	it('refuses a --stall-after it cannot read, with what to type', async () => {
		const box = testSandbox();
		const result = await runCli(['wait', '--stall-after', 'soon', STALL_ID], {env: box.env, cwd: box.work, timeoutMs: 30_000});
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('Invalid duration "soon"');
	}, 60_000);
});
