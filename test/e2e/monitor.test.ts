import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {SimAggregationPlan} from '../../source/simulator/types.js';
import {openStore} from '../../source/store/config.js';
import {builtCli as cli, monitorE2e} from '../helpers/e2e.js';
import type {PtySession} from '../helpers/pty.js';

const FAST = 'aa11aa11aa11aa11aa11aa11aa11aa11';
const SLOW = 'bb22bb22bb22bb22bb22bb22bb22bb22';
const LATE = 'cc33cc33cc33cc33cc33cc33cc33cc33';

function plan(id: string, totalAccounts: number, accountsPerSecond: number, startAtMs = -5000): SimAggregationPlan {
	return {
		id,
		sourceId: `src-${id.slice(0, 4)}`,
		sourceName: `Source ${id.slice(0, 4)}`,
		startAtMs,
		collectMs: 1000,
		totalAccounts,
		accountsPerSecond,
		outcome: {type: 'COMPLETED'},
	};
}

/** A UTF-8 locale and a colour terminal unless `env` says otherwise (the glyphs and colours follow the environment). */
function launch(args: string[] = [], size = {cols: 120, rows: 30}, env: Record<string, string | undefined> = {}): PtySession {
	return e2e.launch(args, size, {
		LANG: 'C.UTF-8',
		LC_ALL: undefined,
		LC_CTYPE: undefined,
		NO_COLOR: undefined,
		FORCE_COLOR: undefined,
		...env,
	});
}

/** The colour parameters (foreground, background, default colour) of every SGR sequence in `raw`. */
function colourCodes(raw: string): string[] {
	const found: string[] = [];
	for (const match of raw.matchAll(/\u001B\[([\d;:]*)m/g)) {
		const codes = (match[1] ?? '').split(/[;:]/).map(Number);
		for (let index = 0; index < codes.length; index++) {
			const code = codes[index] ?? 0;
			if (code === 38 || code === 48) {
				found.push(match[0]);
				break;
			}

			if ((code >= 30 && code <= 49) || (code >= 90 && code <= 97) || (code >= 100 && code <= 107)) {
				found.push(match[0]);
				break;
			}
		}
	}

	return found;
}

/** Braille (the Unicode spinner) and box drawing (rules, bars), which the Linux console cannot show. */
const BRAILLE_OR_BOX = /[\u2500-\u257F\u2580-\u259F\u2800-\u28FF]/;

/** The line of the screen that shows this aggregation: by its source name once known, else by its short id. */
function rowOf(screen: string, id: string): string {
	const names = [`Source ${id.slice(0, 4)}`, id.slice(0, 8)];
	return screen.split('\n').find(line => names.some(name => line.includes(name)) && !/^(Id|Source) {2}/.test(line)) ?? '';
}

const e2e = monitorE2e(
	{
		aggregations: [plan(FAST, 40, 20), plan(SLOW, 1_000_000, 100), plan(LATE, 10, 10, 0)],
		sources: [
			{
				id: 'src-quick',
				name: 'Quick Source',
				type: 'Workday',
				plan: {collectMs: 500, totalAccounts: 30, accountsPerSecond: 30, outcome: {type: 'COMPLETED'}},
			},
		],
	},
	'aggwatch-e2e-',
);

describe('the monitor in a real terminal', () => {
	it('shows the rows on its first frame, follows j/k with the detail pane, and q restores the terminal', async () => {
		const pty = launch([FAST, SLOW]);
		await pty.waitFor('the slow row', () => rowOf(pty.screenText(), SLOW) !== '');
		expect(pty.isAlternateScreen()).toBe(true);
		expect(pty.cursorVisible()).toBe(false);
		await pty.waitFor(
			'both rows polled',
			() => /completed/i.test(rowOf(pty.screenText(), FAST)) && /collected/i.test(rowOf(pty.screenText(), SLOW)),
		);

		await pty.write('\r');
		await pty.waitForText(`Id                  ${FAST}`);
		await pty.write('j');
		await pty.waitForText(`Id                  ${SLOW}`);
		expect(rowOf(pty.screenText(), SLOW)).toMatch(/^›/);
		await pty.write('k');
		await pty.waitForText(`Id                  ${FAST}`);

		await pty.write('q');
		const exit = await pty.waitForExit();
		expect(exit.exitCode).toBe(0);
		expect(pty.isAlternateScreen()).toBe(false);
		expect(pty.cursorVisible()).toBe(true);
	});

	it('adds an id with a, which then starts updating; removes one with d then y; ? shows help', async () => {
		const pty = launch([FAST]);
		await pty.waitFor('the fast row', () => rowOf(pty.screenText(), FAST) !== '');
		await pty.write('a');
		await pty.waitForText('Add ids ›');
		await pty.write(...SLOW.split(''));
		await pty.waitForText(`Add ids › ${SLOW}`);
		await pty.write('\r');
		await pty.waitFor('the added row to show progress', () => /\d+\/1,000,000/.test(rowOf(pty.screenText(), SLOW)));

		// The new row is selected last; select it and remove it.
		await pty.write('G', 'd');
		await pty.waitForText(/remove|stop tracking/i);
		await pty.write('y');
		await pty.waitFor('the row to go', () => rowOf(pty.screenText(), SLOW) === '');
		expect(
			openStore({cwd: e2e.dir})
				.store.listTracked()
				.map(row => row.id),
		).toEqual([FAST]);

		await pty.write('?');
		await pty.waitForText('Pause or resume polling');
		await pty.write('\u001B');
		await pty.waitFor('help to close', () => !pty.screenText().includes('Pause or resume polling'));
	});

	it('shows the same rows after a restart, with their last state before the first poll', async () => {
		let pty = launch([FAST, SLOW]);
		await pty.waitFor('the fast one to complete', () => /completed/i.test(rowOf(pty.screenText(), FAST)));
		await pty.write('q');
		await pty.waitForExit();
		pty.dispose();

		pty = launch([], {cols: 120, rows: 30});
		await pty.waitFor('the slow row', () => rowOf(pty.screenText(), SLOW) !== '');
		expect(rowOf(pty.screenText(), FAST)).toMatch(/completed/i);
		expect(rowOf(pty.screenText(), FAST)).toContain('40/40');
	});

	it('SIGTERM leaves the alternate screen and shows the cursor', async () => {
		const pty = launch([SLOW]);
		await pty.waitFor('the slow row', () => rowOf(pty.screenText(), SLOW) !== '');
		pty.kill('SIGTERM');
		const exit = await pty.waitForExit();
		expect(exit.exitCode === 143 || exit.signal === 15).toBe(true);
		expect(pty.isAlternateScreen()).toBe(false);
		expect(pty.cursorVisible()).toBe(true);
	});

	it('shows a row that "aggwatch track" adds from another process', async () => {
		const pty = launch([FAST]);
		await pty.waitFor('the fast row', () => rowOf(pty.screenText(), FAST) !== '');
		const {execFile} = await import('node:child_process');
		const code = await new Promise<number>(resolve => {
			execFile(
				process.execPath,
				[cli, 'track', SLOW],
				{
					env: {...process.env, ...e2e.tenantEnv()},
				},
				error => {
					resolve(typeof error?.code === 'number' ? error.code : 0);
				},
			);
		});
		expect(code).toBe(0);
		await pty.waitFor('the tracked row to show progress', () => /\d+\/1,000,000/.test(rowOf(pty.screenText(), SLOW)));
	});

	it('S starts an aggregation whose row completes with a bell and an OSC 9 notification, and H shows it afterwards', async () => {
		const pty = launch([FAST]);
		await pty.waitFor('the fast row', () => rowOf(pty.screenText(), FAST) !== '');
		await pty.write('S');
		await pty.waitForText('Quick Source');
		await pty.write('\r');
		await pty.waitForText('Start an account aggregation on Quick Source');
		await pty.write('y');
		await pty.waitFor('the new row to complete', () => {
			const line = pty.screenLines().find(text => text.includes('Quick Source') && !text.includes('Details')) ?? '';
			return /completed/i.test(line) && line.includes('30/30');
		});
		// The end is announced outside the frame: the bell, and a desktop notification naming the source.
		await pty.waitFor('the bell and OSC 9', () => /\u0007\u001B]9;[^\u0007]*Quick Source: COMPLETED[^\u0007]*\u0007/.test(pty.rawOutput()));
		const started = e2e.sim.log.filter(entry => entry.method === 'POST' && entry.path === '/v2025/sources/src-quick/load-accounts');
		expect(started).toHaveLength(1);

		await pty.write('H');
		await pty.waitForText('History');
		// The history's own row (the header above may still carry the end message); the view reads the tenant's
		// recently ended runs too, so the rows come once that answer is in.
		const historyRow = () =>
			pty
				.screenLines()
				.slice(1)
				.find(text => text.includes('Quick Source') && /recorded|completed/.test(text)) ?? '';
		// Its outcome as the row badge says it (its task ended SUCCESS), then its changes.
		await pty.waitFor('the history row', () => /✔ completed\s+30/.test(historyRow()));
		expect(historyRow()).not.toContain('[on tenant]');
	});

	it('draws Unicode glyphs and colours in a UTF-8 colour terminal (the baseline of the checks below)', async () => {
		const pty = launch([SLOW]);
		await pty.waitFor('the slow row to run', () => /\d+\/1,000,000/.test(rowOf(pty.screenText(), SLOW)));
		await pty.waitFor('a braille spinner or box drawing', () => BRAILLE_OR_BOX.test(pty.rawOutput()));
		expect(colourCodes(pty.rawOutput())).not.toEqual([]);
	});

	it('TERM=linux gets ASCII only: no braille spinner, no box drawing', async () => {
		const pty = launch([SLOW, FAST], {cols: 120, rows: 30}, {TERM: 'linux'});
		await pty.waitFor('the slow row to run', () => /\d+\/1,000,000/.test(rowOf(pty.screenText(), SLOW)));
		await pty.write('\r');
		await pty.waitForText(`Id                  ${SLOW}`);
		// Two more frames of the running row's spinner.
		const bytes = pty.rawOutput().length;
		await pty.waitFor('more frames', () => pty.rawOutput().length > bytes + 200);
		expect(pty.rawOutput()).not.toMatch(BRAILLE_OR_BOX);
		expect(pty.screenText()).not.toMatch(/[^\u0000-\u007F]/);
	});

	it('a non-UTF-8 locale gets ASCII only', async () => {
		const pty = launch([SLOW], {cols: 120, rows: 30}, {LANG: 'en_US.ISO-8859-1'});
		await pty.waitFor('the slow row to run', () => /\d+\/1,000,000/.test(rowOf(pty.screenText(), SLOW)));
		expect(pty.rawOutput()).not.toMatch(BRAILLE_OR_BOX);
		expect(pty.screenText()).not.toMatch(/[^\u0000-\u007F]/);
	});

	it.each([
		['NO_COLOR=1', {NO_COLOR: '1'}, []],
		['FORCE_COLOR=0', {FORCE_COLOR: '0'}, []],
		['TERM=dumb', {TERM: 'dumb'}, []],
		['--no-color', {}, ['--no-color']],
	])('%s: no SGR colour codes at all', async (_name, env: Record<string, string>, flags: string[]) => {
		const pty = launch([...flags, SLOW, FAST], {cols: 120, rows: 30}, env);
		await pty.waitFor(
			'both rows polled',
			() => /completed/i.test(rowOf(pty.screenText(), FAST)) && /\d+\/1,000,000/.test(rowOf(pty.screenText(), SLOW)),
		);
		// The help overlay and the add prompt have their own colours (keys, accents, placeholders).
		await pty.write('?');
		await pty.waitForText('Pause or resume polling');
		await pty.write('\u001B');
		await pty.waitFor('help to close', () => !pty.screenText().includes('Pause or resume polling'));
		await pty.write('a');
		await pty.waitForText('Add ids');
		expect(colourCodes(pty.rawOutput())).toEqual([]);
	});

	it('says to use wait or status when stdout is not a terminal', async () => {
		const {execFile} = await import('node:child_process');
		const result = await new Promise<{code: number; stderr: string}>(resolve => {
			execFile(
				process.execPath,
				[cli, FAST],
				{env: {...process.env, AGGWATCH_CONFIG_DIR: path.join(tmpdir(), 'aggwatch-nontty')}},
				(error, _stdout, stderr) => {
					resolve({code: typeof error?.code === 'number' ? error.code : 0, stderr});
				},
			);
		});
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(/aggwatch wait .*aggwatch status/);
	});
});
