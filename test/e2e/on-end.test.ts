import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import type {SimAggregationPlan} from '../../source/simulator/types.js';
import {monitorE2e} from '../helpers/e2e.js';

const QUICK = 'cc11cc11cc11cc11cc11cc11cc11cc11';
const CANCELLED = 'cc22cc22cc22cc22cc22cc22cc22cc22';
const LONG = 'cc33cc33cc33cc33cc33cc33cc33cc33';

function plan(id: string, name: string, fields: Partial<SimAggregationPlan> = {}): SimAggregationPlan {
	return {
		id,
		sourceId: `src-${id.slice(0, 4)}`,
		sourceName: name,
		startAtMs: -1000,
		collectMs: 500,
		totalAccounts: 60,
		accountsPerSecond: 30,
		outcome: {type: 'COMPLETED'},
		...fields,
	};
}

const e2e = monitorE2e(
	{
		aggregations: [
			plan(QUICK, 'Workday', {task: {warnings: ['one']}}),
			plan(CANCELLED, 'ServiceNow', {totalAccounts: 10_000, outcome: {type: 'CANCELLED', afterMs: 2500}}),
			plan(LONG, 'LDAP', {totalAccounts: 1_000_000, accountsPerSecond: 10}),
		],
	},
	'aggwatch-e2e-on-end-',
);

let out: string | undefined;
afterEach(() => {
	if (out !== undefined) {
		rmSync(out, {recursive: true, force: true});
		out = undefined;
	}
});

/** One line per run of the command: its id, event, status and outcome. */
const RECORD = 'echo "$AGGWATCH_ID $AGGWATCH_EVENT $AGGWATCH_STATUS $AGGWATCH_OUTCOME $AGGWATCH_SOURCE" >> "$OUT/runs.log"';

function runs(): string[] {
	const file = path.join(out!, 'runs.log');
	return existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n') : [];
}

describe('the monitor with --on-end (real terminal)', () => {
	it('runs the command once per ended row, never for a running one, and not again after a restart', async () => {
		out = mkdtempSync(path.join(tmpdir(), 'aggwatch-on-end-out-'));
		const env = {OUT: out};
		let pty = e2e.launch(['--on-end', RECORD, QUICK, CANCELLED, LONG], {cols: 130, rows: 30}, env);
		await pty.waitFor('a command run for each of the two ended rows', () => runs().length >= 2, {timeoutMs: 30_000});
		await pty.waitFor('both ends on screen', () => /completed ⚠ 1 warning/.test(pty.screenText()) && /cancelled/i.test(pty.screenText()));
		// The screen keeps polling the running row; more polls bring no second run of the command.
		const polls = () => e2e.sim.log.filter(entry => entry.path.includes(LONG)).length;
		const before = polls();
		await pty.waitFor('three more polls of the running row', () => polls() >= before + 3, {timeoutMs: 15_000});
		await pty.write('q');
		expect((await pty.waitForExit()).exitCode).toBe(0);
		expect(runs().sort()).toEqual(
			[`${QUICK} ended COMPLETED WARNING Workday`, `${CANCELLED} ended CANCELLED TERMINATED ServiceNow`].sort(),
		);

		// Restored as ended, the two rows are not told again.
		pty = e2e.launch(['--on-end', RECORD], {cols: 130, rows: 30}, env);
		await pty.waitFor('the rows restored', () => pty.screenText().includes('Workday') && pty.screenText().includes('LDAP'));
		const again = polls();
		await pty.waitFor('two more polls of the running row', () => polls() >= again + 2, {timeoutMs: 15_000});
		await pty.write('q');
		expect((await pty.waitForExit()).exitCode).toBe(0);
		expect(runs()).toHaveLength(2);
	}, 90_000);

	it('tells a failing command on the status line, and goes on', async () => {
		const pty = e2e.launch(['--on-end', 'exit 7', QUICK, LONG], {cols: 130, rows: 30});
		await pty.waitForText('--on-end for Workday (ended) exited with code 7', {timeoutMs: 30_000});
		await pty.write('q');
		expect((await pty.waitForExit()).exitCode).toBe(0);
	}, 60_000);
});
