import {afterEach, describe, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {createMonitorState} from '../../source/core/reducer.js';
import {rowKey} from '../../source/core/types.js';
import {collecting, id, NOW, START, stateOf} from './fixtures.js';
import {keys, plain, press, pressAll, renderMonitor, settle, waitForFrame} from './helpers.js';

afterEach(() => {
	cleanup();
});

const AD = id('ad');
const WD = id('0d');
const SN = id('5e');
const UNKNOWN = id('77');
const WAITING = id('ee');

function mixed() {
	return stateOf([
		{
			id: AD,
			label: 'Active Directory',
			answers: [
				{status: collecting(1000, 4000), ago: 31_000},
				{status: collecting(1300, 4000), ago: 1000},
			],
		},
		{
			id: WD,
			label: 'Workday',
			answers: [{status: {start: START, status: 'COMPLETED', processedAccounts: 900, totalAccounts: 900}, ago: 2000}],
		},
		{id: SN, answers: [{status: {start: START, status: 'TERMINATED', processedAccounts: 10, totalAccounts: 100}, ago: 2000}]},
		{id: UNKNOWN, label: 'Future', answers: [{status: {start: START, status: 'QUEUED_FOR_LATER'}, ago: 1000}]},
		{id: WAITING, label: 'Okta'},
	]);
}

/** The list line of the row with this label. */
function lineOf(text: string, label: string): string {
	return text.split('\n').find(line => line.includes(label)) ?? '';
}

describe('rows', () => {
	test('one line per row: label (or short id), badge, counts, percent, rate, ETA and elapsed', async () => {
		const m = renderMonitor({state: mixed(), now: NOW, size: {columns: 140, rows: 30}});
		const text = await m.waitFor(frame => frame.includes('Active Directory'));
		const ad = lineOf(text, 'Active Directory');
		expect(ad).toMatch(/▶ collected/);
		expect(ad).toContain('1,300/4,000');
		expect(ad).toContain('32%');
		expect(ad).toContain('10/s'); // 300 accounts in 30 s
		expect(ad).toContain('4m 29s'); // 2,700 left at 10/s, 1 s since the last answer
		expect(ad).toContain('2m 05s'); // since start
		expect(lineOf(text, 'Workday')).toMatch(/✔ completed.*900\/900 100%/);
		expect(lineOf(text, SN.slice(0, 8))).toMatch(/✖ terminated/);
		expect(lineOf(text, 'Future')).toContain('? QUEUED_FOR_LATER'); // unknown statuses are shown as they came
		expect(lineOf(text, 'Okta')).toContain('○ waiting');
	});

	test('the header counts rows and shows the polling state; the root is rows - 1 lines tall', async () => {
		const m = renderMonitor({state: mixed(), now: NOW, size: {columns: 120, rows: 24}, tenantLabel: 'acme'});
		const text = await m.waitFor(frame => frame.includes('running'));
		const header = text.split('\n')[0] ?? '';
		expect(header).toContain('acme');
		expect(header).toContain('● live');
		expect(header).toContain('2 running'); // the unknown status counts as running
		expect(header).toContain('1 waiting');
		expect(header).toContain('1 done');
		expect(header).toContain('1 failed');
		expect((m.lastFrame() ?? '').split('\n')).toHaveLength(23);
	});

	test('the header counts cancelled and not-found rows apart from failures (issue 22)', async () => {
		const state = stateOf(
			[
				{id: SN, answers: [{status: {start: START, status: 'TERMINATED', processedAccounts: 10, totalAccounts: 100}, ago: 2000}]},
				{id: WD, label: 'Workday', answers: [{status: {start: START, status: 'CANCELLED'}, ago: 2000}]},
				{id: WAITING, label: 'Okta', error: {kind: 'not-found', message: 'Not found', status: 404}},
			],
			{notFoundGraceMs: 0},
		);
		const m = renderMonitor({state, now: NOW, size: {columns: 160, rows: 24}});
		const text = await m.waitFor(frame => frame.includes('cancelled'));
		const header = text.split('\n')[0] ?? '';
		expect(header).toContain('✖ 1 failed');
		expect(header).toContain('⊘ 1 cancelled');
		expect(header).toContain('∅ 1 not found');
	});

	test('ASCII mode writes only 7-bit characters', async () => {
		const m = renderMonitor({state: mixed(), now: NOW, ascii: true, color: false});
		const text = await m.waitFor(frame => frame.includes('Workday'));
		expect(text).toMatch(/^[\x20-\x7e\n]*$/);
		expect(lineOf(text, 'Workday')).toContain('+ completed');
		expect(lineOf(text, 'Workday')).toContain('#####');
	});

	test('running rows have a spinner that moves; finished rows do not', async () => {
		const m = renderMonitor({state: mixed(), now: NOW});
		const first = await m.waitFor(frame => frame.includes('Active Directory'));
		const glyph = (text: string) => lineOf(text, 'Active Directory').slice(2, 3);
		expect(glyph(first)).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/);
		// The spinner moves with the monitor's clock (no timer of its own, so no extra frames).
		m.setNow(NOW + 1000);
		await m.waitFor(frame => glyph(frame) !== glyph(first));
		expect(lineOf(first, 'Workday').slice(2, 3)).toBe(' ');
	});

	test('a row whose last good answer is older than twice its poll interval is marked stale', async () => {
		const m = renderMonitor({state: mixed(), now: NOW});
		let text = await m.waitFor(frame => frame.includes('Active Directory'));
		expect(lineOf(text, 'Active Directory')).not.toContain('stale');
		m.setNow(NOW + 12_000); // interval 5 s: stale after 10 s without an answer
		text = await m.waitFor(frame => lineOf(frame, 'Active Directory').includes('~stale'));
		expect(lineOf(text, 'Workday')).not.toContain('stale'); // finished rows are never stale
	});

	test('a row whose last request failed shows the kind of failure', async () => {
		const state = stateOf([
			{
				id: AD,
				label: 'AD',
				answers: [{status: collecting(1, 10), ago: 3000}],
				error: {kind: 'server', status: 503, message: 'Service Unavailable'},
			},
		]);
		const m = renderMonitor({state, now: NOW});
		const text = await m.waitFor(frame => frame.includes('AD'));
		expect(lineOf(text, 'AD ')).toContain('!5xx');
	});

	test('at a tick only what changed is drawn again: running rows move, an ended row stays, the footer follows the state', async () => {
		const m = renderMonitor({state: mixed(), now: NOW, size: {columns: 200, rows: 30}});
		await m.waitFor(frame => frame.includes('Active Directory'));
		const before = m.lastFrame() ?? '';
		const footer = (frame: string) => plain(frame.split('\n').at(-1) ?? '');
		expect(footer(before)).toContain('p pause');

		m.setNow(NOW + 1000);
		const ticked = await m.waitFor(frame => lineOf(frame, 'Active Directory').includes('2m 06s'));
		expect(lineOf(ticked, 'Active Directory')).not.toContain('2m 05s');
		// The ended row is drawn exactly as before, styles included.
		expect(lineOf(m.lastFrame() ?? '', 'Workday')).toBe(lineOf(before, 'Workday'));

		// Pausing changes the footer's hint and stills the spinner.
		await press(m.stdin, 'p');
		const paused = await m.waitFor(frame => footer(frame).includes('p resume'));
		expect(lineOf(paused, 'Active Directory').slice(2, 3)).toBe(' ');
		await press(m.stdin, 'p');
		await m.waitFor(frame => footer(frame).includes('p pause'));

		// A row that ends is drawn again with its new status, counts and percent.
		m.dispatch({
			type: 'polled',
			key: rowKey('acme', AD),
			status: {start: START, status: 'COMPLETED', processedAccounts: 4000, totalAccounts: 4000},
			now: NOW + 2000,
		});
		m.setNow(NOW + 2000);
		const ended = await m.waitFor(frame => lineOf(frame, 'Active Directory').includes('completed'));
		expect(lineOf(ended, 'Active Directory')).toMatch(/✔ completed.*4,000\/4,000 100%/);
	});
});

describe('header', () => {
	test('an auth failure is shown once for the tenant, with what to do', async () => {
		const state = stateOf([
			{
				id: AD,
				label: 'AD',
				answers: [{status: collecting(1, 10), ago: 3000}],
				error: {kind: 'auth', status: 401, message: 'invalid_client'},
			},
			{id: WD, label: 'WD', error: {kind: 'auth', status: 401, message: 'invalid_client'}},
		]);
		const m = renderMonitor({state, now: NOW, size: {columns: 120, rows: 30}});
		const text = await m.waitFor(frame => frame.includes('authentication failed'));
		expect(text.match(/authentication failed/g)).toHaveLength(1);
		expect(text).toContain('check the client id and secret');
		expect(text).toContain('r retries now');
	});

	test('a 429 shows rate-limited with a countdown', async () => {
		const state = stateOf([
			{
				id: AD,
				label: 'AD',
				answers: [{status: collecting(1, 10), ago: 3000}],
				error: {kind: 'rate-limited', message: 'Too Many Requests', retryAfterMs: 8000, ago: 1000},
			},
		]);
		const m = renderMonitor({state, now: NOW});
		await m.waitFor(frame => frame.includes('rate-limited, resuming in 7s'));
		m.setNow(NOW + 4000);
		await m.waitFor(frame => frame.includes('rate-limited, resuming in 3s'));
	});

	test('with nothing left to poll the header says idle', async () => {
		const state = stateOf([{id: WD, label: 'Workday', answers: [{status: {start: START, status: 'COMPLETED'}, ago: 1000}]}]);
		const m = renderMonitor({state, now: NOW});
		await m.waitFor(frame => frame.includes('idle, nothing to poll'));
	});

	test('rows of several tenants are labelled with their tenant', async () => {
		const state = stateOf([
			{id: AD, tenant: 'acme', label: 'AD'},
			{id: AD, tenant: 'globex', label: 'AD'},
		]);
		const m = renderMonitor({state, now: NOW, tenantLabel: 'all tenants'});
		const text = await m.waitFor(frame => frame.includes('globex'));
		expect(text).toMatch(/TENANT NAME/);
		expect(text).toMatch(/acme\s+AD\s/);
		expect(text).toMatch(/globex AD\s/);
		expect(text).toContain('all tenants');
	});

	test('p pauses and resumes polling', async () => {
		const m = renderMonitor({state: mixed(), now: NOW});
		await m.waitFor(frame => frame.includes('● live'));
		await press(m.stdin, 'p');
		await m.waitFor(frame => frame.includes('‖ paused') && frame.includes('p resume'));
		await press(m.stdin, 'p');
		await m.waitFor(frame => frame.includes('● live'));
		expect(m.calls.setPaused).toEqual([true, false]);
	});
});

describe('detail pane', () => {
	test('Enter shows every field of the status body, the timing and the last error', async () => {
		const state = stateOf([
			{
				id: AD,
				label: 'Active Directory',
				answers: [
					{
						status: {...collecting(1300, 4000), totalAccountsMarkedForDeletion: 12, deletedAccounts: 3},
						ago: 4000,
					},
				],
				error: {kind: 'network', code: 'ECONNRESET', message: 'socket hang up', trackingId: 'trk-42', ago: 1000},
			},
		]);
		const m = renderMonitor({state, now: NOW, size: {columns: 120, rows: 40}});
		await m.waitFor(frame => frame.includes('Active Directory'));
		await press(m.stdin, keys.enter);
		const text = await m.waitFor(frame => frame.includes('Details: Active Directory'));
		expect(text).toContain(AD);
		expect(text).toContain('ACCOUNTS_COLLECTED (running)');
		expect(text).toMatch(/Changes\s+1,300 \/ 4,000 \(32%\)/);
		expect(text).toMatch(/Identities\s+650 \/ 4,000/);
		expect(text).toMatch(/Marked for deletion\s+12/);
		expect(text).toMatch(/Removed\s+3/);
		expect(text).toMatch(/Started\s+\S+ \(2m 05s ago\)/);
		expect(text).toMatch(/Last update\s+\S+ \(4s ago\)/);
		expect(text).toMatch(/Last error\s+network ECONNRESET: socket hang up/);
		expect(text).toMatch(/Tracking id\s+trk-42/);
		// One failure: backoff 2 × 5 s from the failure 1 s ago.
		expect(text).toMatch(/Retry\s+in 9s \(1 failure in a row\)/);
		expect(text).toMatch(/Next poll\s+in 9s/);
		await press(m.stdin, keys.enter);
		await m.waitFor(frame => !frame.includes('Details:'));
		expect(m.calls.prefs.map(prefs => prefs.detail)).toEqual([true, false]);
	});

	test('the pane follows the selection', async () => {
		const m = renderMonitor({state: mixed(), now: NOW, initialPrefs: {detail: true}, size: {columns: 100, rows: 40}});
		await m.waitFor(frame => frame.includes('Details: Active Directory'));
		await press(m.stdin, 'j');
		const text = await m.waitFor(frame => frame.includes('Details: Workday'));
		expect(text).toMatch(/Status\s+COMPLETED \(completed\)/);
		expect(text).toMatch(/Next poll\s+never/);
	});
});

describe('help', () => {
	test('? opens the help generated from the keymap; Esc closes it', async () => {
		const m = renderMonitor({state: mixed(), now: NOW, size: {columns: 100, rows: 60}});
		await m.waitFor(frame => frame.includes('Workday'));
		await press(m.stdin, '?');
		const text = await m.waitFor(frame => frame.includes('Navigate'));
		for (const line of [
			'Select the next row',
			'Add aggregation ids',
			'Stop tracking the selected row',
			'Cycle the sort order',
			'Pause or resume polling',
			'Symbols',
		]) {
			expect(text).toContain(line);
		}

		expect(text).not.toContain('Workday');
		await press(m.stdin, keys.escape);
		await m.waitFor(frame => frame.includes('Workday'));
	});

	test('on a short terminal the help scrolls', async () => {
		const m = renderMonitor({state: mixed(), now: NOW, size: {columns: 80, rows: 14}});
		await m.waitFor(frame => frame.includes('Workday'));
		await press(m.stdin, '?');
		await m.waitFor(frame => frame.includes('Navigate'));
		await press(m.stdin, 'G');
		const text = await m.waitFor(frame => frame.includes('the last request failed'));
		expect(text).not.toContain('Navigate');
	});
});

describe('add prompt', () => {
	test('a opens it; typed ids are added on Enter', async () => {
		const m = renderMonitor({state: mixed(), now: NOW, size: {columns: 120, rows: 30}});
		await m.waitFor(frame => frame.includes('Workday'));
		await press(m.stdin, 'a');
		await m.waitFor(frame => frame.includes('Add ids'));
		const newId = id('c0ffee');
		await pressAll(m.stdin, [...newId]);
		await m.waitFor(frame => frame.includes(`Add ids › ${newId}`));
		await press(m.stdin, keys.enter);
		const text = await m.waitFor(frame => !frame.includes('Add ids') && frame.includes('Added 1 aggregation'));
		expect(m.calls.add).toEqual([[newId]]);
		expect(text).toContain(newId.slice(0, 8)); // the new row, under its short id until its name is known
	});

	test('a pasted list (new lines, commas) is added at once', async () => {
		const m = renderMonitor({state: createMonitorState(), now: NOW});
		await m.waitFor(frame => frame.includes('No aggregations tracked yet'));
		await press(m.stdin, 'a');
		const ids = [id('1a'), id('2b'), id('3c')];
		await press(m.stdin, `${ids[0]}\r${ids[1]}, ${ids[2]}\r`);
		// Terminals send pasted new lines as \r: they become spaces, and do not submit.
		await m.waitFor(frame => frame.includes(`${ids[1]}, ${ids[2]}`));
		expect(m.calls.add).toEqual([]);
		await press(m.stdin, keys.enter);
		await m.waitFor(frame => frame.includes('Added 3 aggregations'));
		expect(m.calls.add).toEqual([ids]);
	});

	test('bracketed-paste markers around a paste are dropped', async () => {
		const m = renderMonitor({state: mixed(), now: NOW});
		await m.waitFor(frame => frame.includes('Workday'));
		await press(m.stdin, 'a');
		await press(m.stdin, `\u001B[200~${id('4d')}\u001B[201~`);
		await m.waitFor(frame => frame.includes(`Add ids › ${id('4d')}`));
		expect(m.text()).not.toContain('[20');
	});

	test('pasting ids without pressing a first opens the prompt with them', async () => {
		const m = renderMonitor({state: mixed(), now: NOW});
		await m.waitFor(frame => frame.includes('Workday'));
		await press(m.stdin, `${id('9f')}\r`);
		await m.waitFor(frame => frame.includes(`Add ids › ${id('9f')}`));
		expect(m.calls.add).toEqual([]);
	});

	test('invalid ids are rejected with the reason and kept for fixing; ISC ids are added', async () => {
		const m = renderMonitor({state: mixed(), now: NOW, size: {columns: 120, rows: 30}});
		await m.waitFor(frame => frame.includes('Workday'));
		await press(m.stdin, 'a');
		await press(m.stdin, `${id('ab')} task-7 ../x ${AD}`);
		await press(m.stdin, keys.enter);
		const text = await m.waitFor(frame => frame.includes('Rejected'));
		expect(m.calls.add).toEqual([[id('ab')]]);
		expect(text).toContain('Add ids › task-7 ../x');
		expect(text).toMatch(/Rejected \.\.\/x: has characters an id cannot contain: \//);
		expect(text).toMatch(/Rejected task-7: is not an ISC id/);
		expect(text).toContain(`Already tracked: ${AD.slice(0, 10)}...`);
		// Fix it: erase with Backspace (0x7f) and Ctrl-U, then Esc closes without adding.
		await press(m.stdin, keys.backspace);
		await m.waitFor(frame => /Add ids › task-7 \.\.\/\s*$/m.test(frame));
		await press(m.stdin, keys.ctrlU);
		await m.waitFor(frame => frame.includes('Add ids › paste or type ids'));
		await press(m.stdin, keys.escape);
		await m.waitFor(frame => !frame.includes('Add ids'));
		expect(m.calls.add).toHaveLength(1);
	});

	test('Enter on an empty prompt says what to do', async () => {
		const m = renderMonitor({state: mixed(), now: NOW});
		await m.waitFor(frame => frame.includes('Workday'));
		await pressAll(m.stdin, ['a', keys.enter]);
		await m.waitFor(frame => frame.includes('Type or paste one or more aggregation ids first'));
	});

	test('keys are text inside the prompt: q does not quit, Ctrl-C does', async () => {
		const m = renderMonitor({state: mixed(), now: NOW});
		await m.waitFor(frame => frame.includes('Workday'));
		await pressAll(m.stdin, ['a', 'q', 'd', 'j']);
		await m.waitFor(frame => frame.includes('Add ids › qdj'));
		expect(m.calls.quit).toBe(0);
		await press(m.stdin, keys.ctrlC);
		expect(m.calls.quit).toBe(1);
	});
});

describe('remove and clear', () => {
	test('d asks first; n keeps the row, y removes it and the selection moves to the next row', async () => {
		const m = renderMonitor({state: mixed(), now: NOW});
		await m.waitFor(frame => frame.includes('Workday'));
		await press(m.stdin, 'd');
		await m.waitFor(frame => frame.includes('Stop tracking Active Directory'));
		await press(m.stdin, 'n');
		await m.waitFor(frame => !frame.includes('Stop tracking'));
		expect(m.calls.remove).toEqual([]);
		await press(m.stdin, keys.delete);
		await m.waitFor(frame => frame.includes('Stop tracking Active Directory'));
		await press(m.stdin, 'y');
		const text = await m.waitFor(frame => !frame.includes('Active Directory'));
		expect(m.calls.remove).toEqual([[rowKey('acme', AD)]]);
		expect(lineOf(text, 'Workday')).toMatch(/^› /);
	});

	test('keys that arrive in one chunk act on the row the earlier keys selected', async () => {
		const m = renderMonitor({state: mixed(), now: NOW});
		await m.waitFor(frame => frame.includes('Workday'));
		// "jd" in one read, as with key repeat or a busy event loop: d must ask about the row j moved to.
		m.stdin.write('jd');
		await m.waitFor(frame => frame.includes('Stop tracking Workday'));
		expect(m.lastFrame()).not.toContain('Stop tracking Active Directory');
	});

	test('Enter at the end of a chunk of keys opens the details of the row they moved to', async () => {
		const m = renderMonitor({state: mixed(), now: NOW, initialPrefs: {detail: false}});
		await m.waitFor(frame => frame.includes('Workday'));
		// "j⏎" in one read, as tmux send-keys or a fast typist delivers it: the Enter is Enter, not a stray character.
		m.stdin.write('j\r');
		const text = await m.waitFor(frame => frame.includes('Details: Workday'));
		expect(lineOf(text, 'Workday')).toMatch(/^› /);
	});

	test('c clears finished rows after confirmation', async () => {
		const m = renderMonitor({state: mixed(), now: NOW});
		await m.waitFor(frame => frame.includes('Workday'));
		await press(m.stdin, 'c');
		await m.waitFor(frame => frame.includes('Stop tracking 2 finished rows'));
		await press(m.stdin, 'y');
		const text = await m.waitFor(frame => !frame.includes('Workday'));
		expect(text).not.toContain('terminated');
		expect(text).toContain('Active Directory');
		expect(m.calls.clearFinished).toBe(1);
	});

	test('r polls the selected row, R every row', async () => {
		const m = renderMonitor({state: mixed(), now: NOW});
		await m.waitFor(frame => frame.includes('Workday'));
		await press(m.stdin, 'r');
		await m.waitFor(frame => frame.includes('Polling Active Directory now'));
		await press(m.stdin, 'R');
		await m.waitFor(frame => frame.includes('Polling every row now'));
		expect(m.calls.pollNow).toEqual([[rowKey('acme', AD)], undefined]);
	});

	test('q quits', async () => {
		const m = renderMonitor({state: mixed(), now: NOW});
		await m.waitFor(frame => frame.includes('Workday'));
		await press(m.stdin, 'q');
		expect(m.calls.quit).toBe(1);
	});
});

describe('mouse', () => {
	const selected = (frame: string) => /^› \S+ (\S+)/m.exec(frame)?.[1];

	test('the wheel moves the selection as the arrows do; other reports (SGR or older) never reach a prompt as text', async () => {
		const m = renderMonitor({state: mixed(), now: NOW});
		const first = selected(await m.waitFor(frame => selected(frame) !== undefined));
		await press(m.stdin, '\u001B[<65;10;5M');
		const second = selected(await m.waitFor(frame => selected(frame) !== first));
		await press(m.stdin, '\u001B[<64;10;5M');
		await m.waitFor(frame => selected(frame) === first);
		expect(second).not.toBe(first);

		await press(m.stdin, '/');
		await m.waitFor(frame => frame.includes('Filter ›'));
		await press(m.stdin, '\u001B[<0;12;5M\u001B[<0;12;5m');
		await press(m.stdin, '\u001B[M !!'); // an older report: ESC [ M and three characters
		await press(m.stdin, '\u001B[M#!');
		await press(m.stdin, '!wo');
		await press(m.stdin, 'r');
		const text = await m.waitFor(frame => frame.includes('Filter › wor'));
		expect(text).not.toMatch(/\[<|\[M|!/);
	});
});

describe('filter and sort', () => {
	test('/ filters live by text; Enter keeps the filter; Esc clears it', async () => {
		const m = renderMonitor({state: mixed(), now: NOW});
		await m.waitFor(frame => frame.includes('Workday'));
		await pressAll(m.stdin, ['/', 'w', 'o', 'r']);
		let text = await m.waitFor(frame => frame.includes('Filter › wor') && !frame.includes('Active Directory'));
		expect(text).toContain('Workday');
		await press(m.stdin, keys.enter);
		text = await m.waitFor(frame => !frame.includes('Filter ›'));
		expect(text).toContain('filter: "wor" (1 of 5)');
		expect(text).not.toContain('Okta');
		await press(m.stdin, keys.escape);
		await m.waitFor(frame => frame.includes('Okta') && !frame.includes('filter:'));
	});

	test('keys typed faster than a frame in the filter line: the text, Enter keeps it, the rest are keys again ("wor⏎q" quits)', async () => {
		const m = renderMonitor({state: mixed(), now: NOW});
		await m.waitFor(frame => frame.includes('Workday'));
		await press(m.stdin, '/');
		await m.waitFor(frame => frame.includes('Filter ›'));
		await press(m.stdin, 'wor\rq');
		const text = await m.waitFor(frame => !frame.includes('Filter ›'));
		expect(text).toContain('filter: "wor" (1 of 5)');
		expect(m.calls.quit).toBe(1);
	});

	test('a Ctrl-U among keys typed faster than a frame erases the filter line ("/⌃Uokta⏎" filters by okta alone)', async () => {
		const m = renderMonitor({state: mixed(), now: NOW});
		await m.waitFor(frame => frame.includes('Workday'));
		await pressAll(m.stdin, ['/', 'w', 'o', 'r', keys.enter]);
		await m.waitFor(frame => frame.includes('filter: "wor"'));
		await press(m.stdin, '/\u0015okta\r');
		const text = await m.waitFor(frame => frame.includes('filter: "okta"'));
		expect(text).toContain('Okta');
		expect(text).not.toContain('Workday');
	});

	test('a filter that matches nothing says how to get rows back', async () => {
		const m = renderMonitor({state: mixed(), now: NOW});
		await m.waitFor(frame => frame.includes('Workday'));
		await pressAll(m.stdin, ['/', 'z', 'z', keys.enter]);
		await m.waitFor(frame => frame.includes('No rows match "zz"'));
	});

	test('s cycles the sort: status puts running rows first, progress the most advanced first', async () => {
		const m = renderMonitor({state: mixed(), now: NOW});
		await m.waitFor(frame => frame.includes('Workday'));
		const order = (text: string) =>
			['Active Directory', 'Workday', SN.slice(0, 8), 'Future', 'Okta'].sort((a, b) => text.indexOf(a) - text.indexOf(b));
		await press(m.stdin, 's');
		let text = await m.waitFor(frame => frame.includes('sort: status'));
		expect(order(text)).toEqual(['Active Directory', 'Future', 'Okta', SN.slice(0, 8), 'Workday']);
		await press(m.stdin, 's');
		text = await m.waitFor(frame => frame.includes('sort: severity, worst first'));
		expect(order(text)).toEqual([SN.slice(0, 8), 'Active Directory', 'Future', 'Okta', 'Workday']);
		await press(m.stdin, 's');
		text = await m.waitFor(frame => frame.includes('sort: severity, worst last'));
		expect(order(text)).toEqual(['Workday', 'Active Directory', 'Future', 'Okta', SN.slice(0, 8)]);
		await press(m.stdin, 's');
		text = await m.waitFor(frame => frame.includes('sort: progress'));
		expect(order(text).slice(0, 3)).toEqual(['Workday', 'Active Directory', SN.slice(0, 8)]);
		expect(m.calls.prefs.map(prefs => prefs.sort)).toEqual(['status', 'severity', 'severity-reversed', 'progress']);
	});
});

describe('empty, narrow and small', () => {
	test('the empty list explains how to add ids and how to try --demo', async () => {
		const m = renderMonitor({state: createMonitorState(), now: NOW});
		const text = await m.waitFor(frame => frame.includes('No aggregations tracked yet'));
		expect(text).toContain('Press a to add aggregation ids');
		expect(text).toContain('aggwatch --demo');
		expect(text.split('\n').at(-1)).toMatch(/a add\s+\? help\s+q quit/);
	});

	test('narrow terminals drop the bar and the percentage first, then rate and ETA, then elapsed; the words stay whole', async () => {
		const wide = renderMonitor({state: mixed(), now: NOW, size: {columns: 120, rows: 20}});
		let text = await wide.waitFor(frame => frame.includes('Workday'));
		expect(text).toMatch(/RATE\s+ETA\s+ELAPSED/);
		wide.unmount();
		const medium = renderMonitor({state: mixed(), now: NOW, size: {columns: 86, rows: 20}});
		text = await medium.waitFor(frame => frame.includes('Workday'));
		expect(text).toMatch(/CHANGES\s+RATE\s+ETA\s+ELAPSED/);
		expect(text).not.toContain('PROGRESS');
		expect(text).not.toMatch(/CHANGES\s+%/);
		medium.unmount();
		// At 80 the name and the status ISC sent are whole; rate and ETA make room for them.
		const eighty = renderMonitor({state: mixed(), now: NOW, size: {columns: 80, rows: 20}});
		text = await eighty.waitFor(frame => frame.includes('Workday'));
		expect(text).toMatch(/CHANGES\s+ELAPSED/);
		expect(text).not.toContain('RATE');
		expect(lineOf(text, 'Active Directory')).toMatch(/Active Directory +▶ collected/);
		expect(lineOf(text, 'Future')).toMatch(/QUEUED_FOR_LATER( |$)/);
		eighty.unmount();
		// Without the counts the percentage is the only progress left: it comes back where it fits beside the words.
		const narrow = renderMonitor({state: mixed(), now: NOW, size: {columns: 56, rows: 20}});
		text = await narrow.waitFor(frame => frame.includes('Workday'));
		expect(text).not.toContain('PROGRESS');
		expect(text).not.toContain('CHANGES');
		expect(lineOf(text, 'Workday')).toMatch(/✔ completed\s+100%/);
		expect(lineOf(text, 'Future')).toMatch(/QUEUED_FOR_LATER( |$)/);
		narrow.unmount();
		// Narrower still, the words keep their whole text and the lines stay within the terminal.
		const narrower = renderMonitor({state: mixed(), now: NOW, size: {columns: 50, rows: 20}});
		text = await narrower.waitFor(frame => frame.includes('Workday'));
		expect(lineOf(text, 'Active Directory')).toMatch(/Active Directory +▶ collected/);
		for (const line of text.split('\n')) {
			expect([...line].length).toBeLessThanOrEqual(50);
		}
	});

	test('below 40x10 the screen asks for a larger terminal', async () => {
		const m = renderMonitor({state: mixed(), now: NOW, size: {columns: 36, rows: 8}});
		const text = await m.waitFor(frame => frame.includes('Make the terminal larger'));
		expect(text).toContain('36x8');
		await press(m.stdin, 'q');
		expect(m.calls.quit).toBe(1);
	});
});

describe('1,000 rows', () => {
	const many = () =>
		stateOf(
			Array.from({length: 1000}, (_, index) => ({
				id: index.toString(16).padStart(32, '0'),
				label: `Source ${String(index).padStart(4, '0')}`,
				answers: [{status: collecting(index, 1000), ago: 1000}],
			})),
		);

	test('only the rows in view are rendered and the selection stays visible while scrolling', async () => {
		const m = renderMonitor({state: many(), now: NOW, size: {columns: 100, rows: 20}});
		let text = await m.waitFor(frame => frame.includes('Source 0000'));
		const rowLines = (frame: string) => frame.split('\n').filter(line => /Source \d{4}/.test(line));
		const listHeight = rowLines(text).length;
		expect(listHeight).toBeGreaterThan(5);
		expect(listHeight).toBeLessThan(20);
		await press(m.stdin, keys.end);
		text = await m.waitFor(frame => frame.includes('› ⠋ Source 0999') || /› . Source 0999/.test(frame));
		expect(text).toContain('row 1,000 of 1,000');
		expect(rowLines(text)).toHaveLength(listHeight);
		expect(rowLines(text).at(-1)).toContain('Source 0999');
		// PgUp goes to the top of the page first, then a page further, scrolling just enough.
		await press(m.stdin, keys.pageUp);
		text = await m.waitFor(frame => rowLines(frame)[0]?.startsWith('›') === true);
		expect(text).toContain('Source 0999');
		await press(m.stdin, keys.pageUp);
		text = await m.waitFor(frame => !frame.includes('Source 0999'));
		expect(rowLines(text)[0]).toMatch(/^› /);
		expect(rowLines(text)).toHaveLength(listHeight);
		await press(m.stdin, 'g');
		text = await m.waitFor(frame => /› . Source 0000/.test(frame));
		expect(text).toContain('row 1 of 1,000');
		await pressAll(
			m.stdin,
			Array.from({length: listHeight + 2}, () => 'j'),
		);
		text = await m.waitFor(frame => frame.includes(`row ${listHeight + 3} of 1,000`));
		expect(rowLines(text).at(-1)).toMatch(/^› /);
	});
});

test('waitForFrame rejects with the last frame when nothing matches', async () => {
	await expect(
		waitForFrame(
			() => 'nothing here',
			frame => frame.includes('x'),
			20,
		),
	).rejects.toThrow(/nothing here/);
	await settle();
});
