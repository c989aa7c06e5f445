/**
 * Issue 22, item 3 at 80×24 in a real terminal: the filter finds the words the rows show (/warn, /error), n and N
 * go to the rows needing attention (and skip the calm ones, wrapping), and s reaches the severity sort, worst first.
 */
import {describe, expect, it} from 'vitest';
import {monitorE2e} from '../helpers/e2e.js';

const OK = 'aa11aa11aa11aa11aa11aa11aa11aa11';
const RUN = 'bb22bb22bb22bb22bb22bb22bb22bb22';
const WARN = 'cc33cc33cc33cc33cc33cc33cc33cc33';
const ERR = 'dd44dd44dd44dd44dd44dd44dd44dd44';

const quick = {startAtMs: 0, collectMs: 300, totalAccounts: 100, accountsPerSecond: 1000, outcome: {type: 'COMPLETED' as const}};

const e2e = monitorE2e(
	{
		sources: [
			{id: 'src-ok', name: 'Okay', type: 'LDAP'},
			{id: 'src-run', name: 'Runner', type: 'LDAP'},
			{id: 'src-vexed', name: 'Vexed', type: 'LDAP'},
			{id: 'src-err', name: 'Errant', type: 'LDAP'},
		],
		aggregations: [
			{id: OK, sourceId: 'src-ok', sourceName: 'Okay', ...quick},
			{id: RUN, sourceId: 'src-run', sourceName: 'Runner', ...quick, totalAccounts: 1_000_000, accountsPerSecond: 1},
			{id: WARN, sourceId: 'src-vexed', sourceName: 'Vexed', ...quick, task: {warnings: ['w1', 'w2', 'w3']}},
			{id: ERR, sourceId: 'src-err', sourceName: 'Errant', ...quick, task: {errors: ['e1', 'e2']}},
		],
	},
	'aggwatch-e2e-problems-',
);

const SIZE = {cols: 80, rows: 24};
const NAMES = ['Okay', 'Runner', 'Vexed', 'Errant'];

/** The names of the rows on screen, in order. */
function rowNames(lines: readonly string[]): string[] {
	return lines.flatMap(line => NAMES.filter(name => line.slice(0, 24).includes(name)));
}

/** The name on the line with the cursor. */
function selectedName(lines: readonly string[]): string | undefined {
	const line = lines.find(candidate => candidate.startsWith('›') && NAMES.some(name => candidate.includes(name)));
	return NAMES.find(name => line?.includes(name));
}

describe('problems one key away, at 80×24', () => {
	it('/warn and /error find their rows, n and N go to the problems, s reaches the severity sort', async () => {
		const pty = e2e.launch([OK, RUN, WARN, ERR], SIZE);
		// At 80 columns the badge column cuts "completed ⚠ 3 warnings"; the header counts the verdicts.
		await pty.waitFor('the task verdicts in the header', () => /✔⚠1 ✔✖1/.test(pty.screenLines()[0] ?? ''), {timeoutMs: 30_000});
		expect(rowNames(pty.screenLines())).toEqual(NAMES);

		await pty.write('/warn\r');
		await pty.waitFor('only the row with warnings', () => rowNames(pty.screenLines()).join() === 'Vexed');
		await pty.write('\u001B');
		await pty.waitFor('every row again', () => rowNames(pty.screenLines()).length === 4);
		await pty.write('/error\r');
		await pty.waitFor('only the row with errors', () => rowNames(pty.screenLines()).join() === 'Errant');
		await pty.write('\u001B');
		await pty.waitFor('every row again', () => rowNames(pty.screenLines()).length === 4);

		// g: the cursor on Okay (it stayed on Errant when the filter went); n skips Runner (running) to Vexed, then
		// Errant, then wraps to Vexed.
		await pty.write('g');
		await pty.waitFor('the cursor on Okay', () => selectedName(pty.screenLines()) === 'Okay');
		await pty.write('n');
		await pty.waitFor('the cursor on Vexed', () => selectedName(pty.screenLines()) === 'Vexed');
		await pty.write('n');
		await pty.waitFor('the cursor on Errant', () => selectedName(pty.screenLines()) === 'Errant');
		await pty.write('n');
		await pty.waitFor('the cursor back on Vexed', () => selectedName(pty.screenLines()) === 'Vexed');
		await pty.write('N');
		await pty.waitFor('N: the cursor back on Errant (wrapping)', () => selectedName(pty.screenLines()) === 'Errant');

		// s: status, then severity (worst first), then severity reversed.
		await pty.write('s');
		await pty.waitForText('sort: status');
		// The status sort puts "completed ✖ 2 errors" before the successes.
		const byStatus = rowNames(pty.screenLines());
		expect(byStatus.indexOf('Errant')).toBeLessThan(byStatus.indexOf('Okay'));
		await pty.write('s');
		await pty.waitFor('the severity sort, worst first', () => rowNames(pty.screenLines()).join() === 'Errant,Vexed,Runner,Okay');
		await pty.write('s');
		await pty.waitFor('the severity sort reversed', () => rowNames(pty.screenLines()).join() === 'Okay,Runner,Vexed,Errant');

		await pty.write('q');
		expect((await pty.waitForExit()).exitCode).toBe(0);
	}, 90_000);

	it('under TERM=linux the cursor (>) and the running badge (*) differ (cancelled vs spinner: test/ui/theme.test.ts)', async () => {
		const pty = e2e.launch([OK, RUN], SIZE, {TERM: 'linux'});
		const runner = () => pty.screenLines().find(line => line.includes('Runner')) ?? '';
		await pty.waitFor('the running row', () => /\* collected/.test(runner()), {timeoutMs: 30_000});
		const okay = pty.screenLines().find(line => line.includes('Okay')) ?? '';
		expect(okay.startsWith('>')).toBe(true);
		expect(runner()).not.toMatch(/> (started|collected)/);
		await pty.write('q');
		expect((await pty.waitForExit()).exitCode).toBe(0);
	}, 60_000);
});
