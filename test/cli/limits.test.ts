/**
 * The built CLI at the edges of its options: a --timeout longer than one setTimeout can wait (2^31 ms, about 24.8
 * days) is honoured, not fired at once; a --debug FILE that cannot be written is refused at start with one line and
 * exit 1, not blamed on the id or the network.
 */
import {chmodSync, existsSync, mkdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {ensureBuilt, runCli} from '../helpers/cli.js';
import {ADHOC, QUICK_ID, RUNNING_ID, tenantSimulator, testSandbox} from '../tenants/fixtures.js';

beforeAll(async () => {
	await ensureBuilt();
}, 120_000);

async function cli(args: string[], sailUrl: string, box = testSandbox()) {
	return runCli(args, {
		env: {...box.env, SAIL_BASE_URL: sailUrl, SAIL_CLIENT_ID: ADHOC.clientId, SAIL_CLIENT_SECRET: ADHOC.clientSecret},
		cwd: box.work,
		timeoutMs: 60_000,
	});
}

describe('durations beyond 2^31 ms', () => {
	for (const timeout of ['25d', '30d', '400d']) {
		it(`wait --timeout ${timeout} waits for the end, without a timer warning`, async () => {
			const sim = await tenantSimulator();
			const result = await cli(['wait', '--interval', '1', '--timeout', timeout, QUICK_ID], sim.url);
			expect(result.stderr).not.toContain('TimeoutOverflowWarning');
			expect(result.stderr).not.toContain('timed out');
			expect(result.code).toBe(0);
			expect(result.stdout).toContain('COMPLETED');
		}, 60_000);
	}

	it('start --wait --timeout 30d follows the new aggregation instead of timing out at once', async () => {
		const sim = await tenantSimulator({
			sources: [
				{
					id: '2c91808a7813090a01781412a6a90001',
					name: 'Workday',
					type: 'Workday',
					plan: {collectMs: 100, totalAccounts: 10, accountsPerSecond: 1000, outcome: {type: 'COMPLETED'}},
				},
			],
		});
		const result = await cli(['start', '--wait', '--interval', '1', '--timeout', '30d', 'Workday'], sim.url);
		expect(result.stderr).not.toContain('TimeoutOverflowWarning');
		expect(result.stderr).not.toContain('timed out');
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('COMPLETED');
	}, 60_000);
});

describe('--debug FILE', () => {
	it('a folder given as the log is refused at start: one line, exit 1, no request sent', async () => {
		const sim = await tenantSimulator();
		const box = testSandbox();
		const result = await cli(['status', '--debug', box.work, RUNNING_ID], sim.url, box);
		expect(result.code).toBe(1);
		expect(result.stderr).toBe(
			`aggwatch: cannot write the --debug log to ${JSON.stringify(box.work)}: it is a folder; give a file you can write\n`,
		);
		expect(result.stdout).toBe('');
		expect(sim.log).toHaveLength(0);
	}, 60_000);

	it('a file in a folder that does not exist is refused the same way', async () => {
		const sim = await tenantSimulator();
		const box = testSandbox();
		const file = path.join(box.work, 'missing', 'log.jsonl');
		const result = await cli(['wait', '--debug', file, RUNNING_ID], sim.url, box);
		expect(result.code).toBe(1);
		expect(result.stderr).toBe(
			`aggwatch: cannot write the --debug log to ${JSON.stringify(file)}: its folder does not exist; give a file you can write\n`,
		);
		expect(sim.log).toHaveLength(0);
	}, 60_000);

	it.skipIf(process.getuid?.() === 0)(
		'a file in a read-only folder is refused (permission denied)',
		async () => {
			const sim = await tenantSimulator();
			const box = testSandbox();
			const folder = path.join(box.work, 'locked');
			mkdirSync(folder);
			chmodSync(folder, 0o500);
			try {
				const result = await cli(['status', '--debug', path.join(folder, 'log'), RUNNING_ID], sim.url, box);
				expect(result.code).toBe(1);
				expect(result.stderr).toMatch(/^aggwatch: cannot write the --debug log to .*: permission denied; give a file you can write\n$/);
			} finally {
				chmodSync(folder, 0o700);
			}
		},
		60_000,
	);

	it('a writable file gets one JSON line per request, and the status is read', async () => {
		const sim = await tenantSimulator();
		const box = testSandbox();
		const file = path.join(box.work, 'requests.jsonl');
		const result = await cli(['status', '--debug', file, QUICK_ID], sim.url, box);
		expect(result.code).toBe(0);
		expect(existsSync(file)).toBe(true);
		const lines = readFileSync(file, 'utf8').trim().split('\n');
		expect(lines.length).toBeGreaterThanOrEqual(2);
		expect(lines.some(line => line.includes(QUICK_ID))).toBe(true);
	}, 60_000);
});
