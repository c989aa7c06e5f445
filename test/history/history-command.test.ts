import {afterEach, describe, expect, it} from 'vitest';
import {ExitCode} from '../../source/domain/exit-codes.js';
import type {CommandContext} from '../../source/commands/context.js';
import {runHistory} from '../../source/commands/history.js';
import {openHistory} from '../../source/store/history-file.js';
import {demoHistory} from '../../source/commands/demo-history.js';
import {endedRow, hexId, MINUTE, T0, tempDirs} from './fixtures.js';

const dirs = tempDirs();
afterEach(() => {
	dirs.cleanup();
});

const HOUR = 60 * MINUTE;

/** A context for a command that makes no request: connect() fails the test. */
function context(dir: string, values: Record<string, string | boolean> = {}) {
	const captured = {out: [] as string[], err: [] as string[]};
	const result: CommandContext & {captured: typeof captured} = {
		captured,
		values: values as CommandContext['values'],
		env: {AGGWATCH_CONFIG_DIR: dir},
		cwd: dir,
		out: line => captured.out.push(line),
		error: line => captured.err.push(`aggwatch: ${line}`),
		warn: line => captured.err.push(`aggwatch: warning: ${line}`),
		now: () => T0,
		onCleanup() {},
		connect() {
			throw new Error('history must not connect to a tenant');
		},
	};
	return result;
}

function seeded(): string {
	const dir = dirs.make();
	openHistory({cwd: dir, now: () => T0}).recordEnded([
		endedRow(1, T0 - 30 * HOUR, {}, 14 * MINUTE + 3000),
		endedRow(2, T0 - 2 * HOUR, {
			label: 'Active Directory',
			task: {completionStatus: 'WARNING', messages: [1, 2, 3].map(n => ({type: 'WARN', text: `warning ${n}`})), counts: {total: 900}},
		}),
		endedRow(3, T0 - HOUR, {tenant: 'globex'}),
		endedRow(4, T0 - 10 * MINUTE, {
			lastRunningAt: undefined,
			snapshot: {start: new Date(T0 - 70 * MINUTE).toISOString(), status: 'CANCELLED', processedAccounts: 1200, totalAccounts: 3200},
		}),
	]);
	return dir;
}

describe('aggwatch history', () => {
	it('prints every recorded aggregation, newest first, as a table', async () => {
		const run = context(seeded());
		expect(await runHistory(run, [])).toBe(ExitCode.ok);
		expect(run.captured.out).toEqual([
			'ENDED                    TENANT  SOURCE            OUTCOME          CHANGES    SCANNED   DURATION  ID',
			`2025-03-01 11:50:00 UTC  acme    Workday           cancelled          1,200          ?    ≤1h 00m  ${hexId(4)}`,
			`2025-03-01 11:00:00 UTC  globex  Workday           completed            103          ?    10m 00s  ${hexId(3)}`,
			`2025-03-01 10:00:00 UTC  acme    Active Directory  completed ⚠ 3        102        900    10m 00s  ${hexId(2)}`,
			`2025-02-28 06:00:00 UTC  acme    Workday           completed            101          ?    14m 03s  ${hexId(1)}`,
		]);
	});

	it('--json prints one entry per line', async () => {
		const run = context(seeded(), {json: true});
		expect(await runHistory(run, [])).toBe(ExitCode.ok);
		const entries = run.captured.out.map(line => JSON.parse(line) as {id: string; status: string; durationMs: number});
		expect(entries.map(entry => entry.id)).toEqual([4, 3, 2, 1].map(n => hexId(n)));
		expect(entries[3]).toMatchObject({
			tenant: 'acme',
			source: 'Workday',
			status: 'COMPLETED',
			durationMs: 14 * MINUTE + 3000,
			counts: {processedAccounts: 101},
		});
	});

	it('filters by --source (any case), --tenant and --since', async () => {
		const dir = seeded();
		const ids = async (values: Record<string, string | boolean>) => {
			const run = context(dir, {json: true, ...values});
			expect(await runHistory(run, [])).toBe(ExitCode.ok);
			return run.captured.out.map(line => (JSON.parse(line) as {id: string}).id);
		};

		expect(await ids({source: 'workday'})).toEqual([4, 3, 1].map(n => hexId(n)));
		expect(await ids({source: 'Workday', tenant: 'acme'})).toEqual([4, 1].map(n => hexId(n)));
		expect(await ids({since: '3h'})).toEqual([4, 3, 2].map(n => hexId(n)));
		expect(await ids({since: '1h', tenant: 'globex'})).toEqual([hexId(3)]);
	});

	it('says when there is nothing, and when nothing matches', async () => {
		const empty = context(dirs.make());
		expect(await runHistory(empty, [])).toBe(ExitCode.ok);
		expect(empty.captured.out).toEqual([]);
		expect(empty.captured.err[0]).toMatch(/^aggwatch: no aggregations recorded yet/);

		const none = context(seeded(), {source: 'SAP'});
		expect(await runHistory(none, [])).toBe(ExitCode.ok);
		expect(none.captured.err).toEqual(['aggwatch: no recorded aggregation matches']);
	});

	it('refuses a bad --since and stray words', async () => {
		const dir = seeded();
		await expect(runHistory(context(dir, {since: 'yesterday'}), [])).rejects.toThrow(/Invalid duration "yesterday"/);
		await expect(runHistory(context(dir), ['Workday'])).rejects.toThrow(/use --source "Workday"/);
	});

	it('--demo lists the week of earlier runs the demo monitor starts with, outcomes as the row badge says them', async () => {
		const dir = dirs.make();
		const run = context(dir, {demo: true});
		expect(await runHistory(run, [])).toBe(ExitCode.ok);
		const rows = run.captured.out.slice(1);
		// The same runs the monitor's demo writes at its start.
		expect(rows.map(row => row.trim().split(/\s+/).at(-1)).sort()).toEqual(
			demoHistory(T0)
				.map(entry => entry.id)
				.sort(),
		);
		expect(rows.some(row => /Active Directory EU\s+completed ⚠ 2\s/.test(row))).toBe(true);
		expect(rows.some(row => /Jira\s+completed ✖ 1\s/.test(row))).toBe(true);
		// It is the demo's own history: the real one stays empty.
		const real = context(dir);
		expect(await runHistory(real, [])).toBe(ExitCode.ok);
		expect(real.captured.out).toEqual([]);

		const json = context(dir, {demo: true, json: true});
		expect(await runHistory(json, [])).toBe(ExitCode.ok);
		const jira = json.captured.out.map(line => JSON.parse(line) as {source: string; outcome?: {completionStatus: string}});
		expect(jira.filter(entry => entry.source === 'Jira').map(entry => entry.outcome?.completionStatus)).toContain('ERROR');
	});
});
