/**
 * Issue 22, item 9 at 80×24 in a real terminal: the start picker (S) marks each source with a run in progress (the
 * monitor's row as the list draws it, or the tenant's word for one the monitor does not track) and with its last
 * outcome (the tenant's task-status lists, as the sources glance reads them), in the list's words and marks; under
 * TERM=linux in ASCII marks, each its own.
 */
import {describe, expect, it} from 'vitest';
import {monitorE2e} from '../helpers/e2e.js';
import type {PtySession} from '../helpers/pty.js';

const RUN = 'aa11aa11aa11aa11aa11aa11aa11aa11';
const BUSY = 'bb22bb22bb22bb22bb22bb22bb22bb22';
const HOUR = 3_600_000;
/** Source ids as ISC writes them (32 hex digits: task-status targets with other ids are not read). */
const SOURCE = {
	ok: '5a000000000000000000000000000001',
	run: '5a000000000000000000000000000002',
	busy: '5a000000000000000000000000000003',
	vexed: '5a000000000000000000000000000004',
	err: '5a000000000000000000000000000005',
	fresh: '5a000000000000000000000000000006',
	long: '5a000000000000000000000000000007',
};

/** Ended about two hours before the simulator started. */
const ended = {startAtMs: -2 * HOUR, collectMs: 1000, totalAccounts: 100, accountsPerSecond: 1000, outcome: {type: 'COMPLETED' as const}};
/** Running for the whole test: 30,000 accounts at 20 a second. */
const long = {startAtMs: -10_000, collectMs: 1000, totalAccounts: 30_000, accountsPerSecond: 20, outcome: {type: 'COMPLETED' as const}};
const LONG_NAME = 'Human Resources Information System (production)';

const e2e = monitorE2e(
	{
		sources: [
			{id: SOURCE.ok, name: 'Okay', type: 'LDAP'},
			{id: SOURCE.run, name: 'Runner', type: 'LDAP'},
			{id: SOURCE.busy, name: 'Busy', type: 'Workday'},
			{id: SOURCE.vexed, name: 'Vexed', type: 'LDAP'},
			{id: SOURCE.err, name: 'Errant', type: 'LDAP'},
			{id: SOURCE.fresh, name: 'Fresh', type: 'LDAP'},
			{id: SOURCE.long, name: LONG_NAME, type: 'Workday'},
		],
		aggregations: [
			{id: 'cc33cc33cc33cc33cc33cc33cc33cc33', sourceId: SOURCE.ok, sourceName: 'Okay', ...ended},
			{id: RUN, sourceId: SOURCE.run, sourceName: 'Runner', ...long},
			{id: BUSY, sourceId: SOURCE.busy, sourceName: 'Busy', ...long},
			{id: 'dd44dd44dd44dd44dd44dd44dd44dd44', sourceId: SOURCE.vexed, sourceName: 'Vexed', ...ended, task: {warnings: ['w1', 'w2', 'w3']}},
			{id: 'ee55ee55ee55ee55ee55ee55ee55ee55', sourceId: SOURCE.err, sourceName: 'Errant', ...ended, task: {errors: ['e1', 'e2']}},
			{id: 'ff66ff66ff66ff66ff66ff66ff66ff66', sourceId: SOURCE.long, sourceName: LONG_NAME, ...ended},
		],
	},
	'aggwatch-e2e-start-picker-',
);

const SIZE = {cols: 80, rows: 24};

/** The picker's entry of this source (the entries start after the filter line). */
function entryOf(pty: PtySession, name: string): string {
	return pty.screenLines().find(line => /^[ ›>] /.test(line) && line.slice(2).startsWith(name)) ?? '';
}

/** Opens S once the tracked row runs, and waits for the tenant's runs to be read; returns the requests before S. */
async function openPicker(pty: PtySession, running: RegExp): Promise<number> {
	await pty.waitFor('the tracked row running', () => running.test(pty.screenText()), {timeoutMs: 30_000});
	const before = e2e.sim.log.length;
	await pty.write('S');
	await pty.waitForText('Start an account aggregation: pick a source', 15_000);
	await pty.waitFor('the last runs read', () => /7 of 7 sources(?!, reading)/.test(pty.screenLines()[1] ?? ''), {timeoutMs: 30_000});
	return before;
}

describe('the start picker knows the sources, at 80×24', () => {
	it('marks a running source with its progress and each source with its last outcome', async () => {
		const pty = e2e.launch([RUN], SIZE);
		const before = await openPicker(pty, /▶ collected/);
		// What the monitor sends meanwhile for its row (its polls, its source name by `id in (…)`) is not S's.
		const opening = e2e.sim.log
			.slice(before)
			.filter(entry => !entry.path.startsWith('/v2025/account-aggregations/') && !(entry.query['filters'] ?? '').startsWith('id '));

		// The tracked run as its list row says it; the untracked one as the tenant says it.
		await pty.waitFor('the running row with its progress', () =>
			/^ {2}Runner +never +▶ collected [\d,]+\/30,000 \d+%/.test(entryOf(pty, 'Runner')),
		);
		expect(entryOf(pty, 'Busy')).toMatch(/▶ running \d+s/);
		// The last outcomes, in the list's marks, and how long ago each ended.
		expect(entryOf(pty, 'Okay')).toMatch(/Okay +✔ completed \dh \d\dm ago +LDAP/);
		expect(entryOf(pty, 'Vexed')).toMatch(/✔⚠ 3 warnings \dh \d\dm ago/);
		expect(entryOf(pty, 'Errant')).toMatch(/✔✖ 2 errors \dh \d\dm ago/);
		expect(entryOf(pty, 'Fresh')).toMatch(/Fresh +never +LDAP/);
		// The name and the marks stay whole at 80 columns; a name too long is cut, its marks are not.
		expect(entryOf(pty, 'Human')).toMatch(/^ {2}Human Resources Info\S*… +✔ completed \dh \d\dm ago/);
		expect(pty.screenLines().some(line => /^ {2}SOURCE +LAST RUN +RUNNING NOW \/ CONNECTOR/.test(line))).toBe(true);
		for (const line of pty.screenLines()) {
			expect([...line].length).toBeLessThanOrEqual(80);
		}

		// Opening S costs one source list (the picker's and the runs' read share it), and the runs as task-status lists (the running ones, then the newest of up to 50
		// sources a list): never one task per source, and no schedule. The tracked row's polls go on as before.
		expect(opening.map(entry => `${entry.method} ${entry.path}`).sort()).toEqual([
			'GET /v2025/sources',
			'GET /v2025/task-status',
			'GET /v2025/task-status',
		]);

		// The row moves on in the picker as it does in the list.
		const counted = /([\d,]+)\/30,000/.exec(entryOf(pty, 'Runner'))?.[1];
		await pty.waitFor('the progress to move', () => /([\d,]+)\/30,000/.exec(entryOf(pty, 'Runner'))?.[1] !== counted, {timeoutMs: 15_000});

		// The filter matches the words the entries show: /warn finds the source whose last run had warnings, /running
		// the two running ones (tracked and not).
		await pty.write('/', ...'warn', '\r');
		await pty.waitFor('only Vexed', () => entryOf(pty, 'Vexed') !== '' && entryOf(pty, 'Okay') === '' && entryOf(pty, 'Runner') === '');
		await pty.write('/', '\u0015', ...'running', '\r');
		await pty.waitFor(
			'Runner and Busy only',
			() => entryOf(pty, 'Runner') !== '' && entryOf(pty, 'Busy') !== '' && entryOf(pty, 'Vexed') === '' && entryOf(pty, 'Fresh') === '',
		);
		await pty.write('\u001B');
		await pty.waitFor('the filter cleared', () => entryOf(pty, 'Okay') !== '');
		await pty.write('\u001B');
		await pty.waitFor('the list again', () => !pty.screenText().includes('pick a source'));
		await pty.write('q');
		expect((await pty.waitForExit()).exitCode).toBe(0);
	}, 90_000);

	it('under TERM=linux every mark is ASCII and each means one thing', async () => {
		const pty = e2e.launch([RUN], SIZE, {TERM: 'linux'});
		await openPicker(pty, /\* collected/);
		await pty.waitFor('the running row', () => /^ {2}Runner +never +\* collected [\d,]+\/30,000 \d+%/.test(entryOf(pty, 'Runner')));
		expect(entryOf(pty, 'Busy')).toMatch(/\* running \d+s/);
		expect(entryOf(pty, 'Okay')).toMatch(/\+ completed \dh \d\dm ago/);
		// A warning is W, an error the failure mark x; a cut text ends in ".." (~ is the stale mark).
		expect(entryOf(pty, 'Vexed')).toMatch(/\+W 3 warnings/);
		expect(entryOf(pty, 'Errant')).toMatch(/\+x 2 errors/);
		expect(entryOf(pty, 'Human')).toMatch(/^ {2}Human Resources Info\S*\.\. +\+ completed/);
		expect(pty.screenText()).not.toMatch(/[^\x20-\x7E\n]/);

		// The ? legend lists each mark with its one meaning.
		await pty.write('\u001B');
		await pty.waitFor('the list again', () => !pty.screenText().includes('pick a source'));
		await pty.write('?');
		await pty.waitForText('Navigate', 10_000);
		await pty.write('G');
		await pty.waitForText('header: rate limited');
		const end = pty.screenText();
		expect(end).toMatch(/cu\.\. +a text cut to fit/);
		expect(end).toMatch(/~stale +behind its poll schedule/);
		expect(end).toMatch(/!net +the last request failed/);
		// Up a page at a time to the completed-with-warnings mark.
		for (let page = 0; page < 5 && !pty.screenText().includes('its task ended WARNING'); page++) {
			const before = pty.screenText();
			await pty.write('\u001B[5~');
			await pty.waitFor('a page up', () => pty.screenText() !== before);
		}

		expect(pty.screenText()).toMatch(/\+W +completed, its task ended WARNING/);
	}, 90_000);
});
