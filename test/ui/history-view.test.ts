import {afterEach, describe, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import type {HistoryEntry} from '../../source/history/entry.js';
import type {PreviousRun} from '../../source/history/previous-runs.js';
import type {RunTarget} from '../../source/ui/index.js';
import {collecting, id, NOW, stateOf} from './fixtures.js';
import {deferred, keys, press, pressAll, renderMonitor} from './helpers.js';

afterEach(() => {
	cleanup();
});

const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** A run of `source` that ended `endedAgo` ms before NOW after `minutes`, seen ending in time. */
function run(
	tag: string,
	source: string,
	endedAgo: number,
	minutes: number,
	accounts: number,
	status = 'COMPLETED',
	tenant = 'acme',
): HistoryEntry {
	const end = NOW - endedAgo;
	return {
		tenant,
		id: id(tag),
		source,
		status,
		start: iso(end - minutes * MINUTE),
		end: iso(end),
		durationMs: minutes * MINUTE,
		lastSeenRunning: iso(end - 5000),
		counts: {processedAccounts: accounts, totalAccounts: accounts},
		recordedAt: iso(end),
	};
}

// Out of order on purpose: the view sorts newest first.
// a2's task ended WARNING with 3 warnings, a1's ERROR with 2 errors (its status said COMPLETED).
const entries: HistoryEntry[] = [
	{...run('a1', 'Workday', 3 * 86_400_000, 14, 5190), outcome: {completionStatus: 'Error', warnings: 0, errors: 2, counts: {total: 9000}}},
	run('a3', 'Workday', 1 * 86_400_000, 15, 5210),
	run('b1', 'Active Directory', 2 * 86_400_000, 31, 12_000, 'TERMINATED'),
	{...run('a2', 'Workday', 2 * 86_400_000, 13, 5200), outcome: {completionStatus: 'WARNING', warnings: 3, errors: 0, counts: {}}},
	run('a4', 'Workday', 30 * MINUTE, 41, 5230),
];

function monitor(history: () => readonly HistoryEntry[] | Promise<readonly HistoryEntry[]>, size = {columns: 120, rows: 40}) {
	const state = stateOf([{id: id('ad'), label: 'Okta', answers: [{status: collecting(10, 100), ago: 1000}]}]);
	return renderMonitor({state, now: NOW, size, props: {history}});
}

const order = (text: string, tags: string[]) => [...tags].sort((a, b) => text.indexOf(id(a).slice(0, 8)) - text.indexOf(id(b).slice(0, 8)));

describe('history view (H)', () => {
	test('lists finished aggregations newest first, with the outcome as the row badge says it, changes and duration; H goes back', async () => {
		const answer = deferred<readonly HistoryEntry[]>();
		const m = monitor(async () => answer.promise);
		await m.waitFor(frame => frame.includes('H history'));
		await press(m.stdin, 'H');
		await m.waitFor(frame => frame.includes('Reading the history'));
		answer.resolve(entries);
		const text = await m.waitFor(frame => frame.includes('5 recorded'));
		expect(order(text, ['a1', 'a2', 'a3', 'a4', 'b1'])).toEqual(['a4', 'a3', 'a2', 'b1', 'a1']);
		const line = text.split('\n').find(candidate => candidate.includes(id('a4').slice(0, 8))) ?? '';
		expect(line).toMatch(/^› .*Workday\s+✔ completed\s+5,230\s+41m 00s/);
		expect(text).toMatch(/OUTCOME\s+CHANGES\s+DURATION/);
		expect(text).toMatch(/Active Directory\s+✖ terminated/);
		// The task's verdict, as on the row: never a plain "completed" for a run that warned or failed.
		expect(text).toMatch(/Workday\s+✔ completed ⚠ 3\s+5,200/);
		expect(text).toMatch(/Workday\s+✔ completed ✖ 2\s+5,190/);
		expect(text).not.toContain('Okta'); // the monitor list is behind the history
		await press(m.stdin, 'H');
		await m.waitFor(frame => frame.includes('Okta') && !frame.includes('recorded'));
	});

	test('marks runs found on the tenant (not watched by aggwatch) with their completion status', async () => {
		const found: HistoryEntry = {...run('c1', 'ServiceNow', 2 * 60 * MINUTE, 7, 0, 'WARNING'), counts: {}, foundOnTenant: true};
		const m = monitor(() => [...entries, found]);
		await m.waitFor(frame => frame.includes('Okta'));
		await press(m.stdin, 'H');
		const text = await m.waitFor(frame => frame.includes('6 recorded'));
		const line = text.split('\n').find(candidate => candidate.includes(id('c1').slice(0, 8))) ?? '';
		expect(line).toMatch(/ServiceNow \[on tenant\]\s+⚠ WARNING/);
		expect(text).not.toMatch(/Workday \[on tenant\]/);
	});

	test('/ filters the same way as the list; Esc clears the filter, then goes back', async () => {
		const m = monitor(() => entries);
		await m.waitFor(frame => frame.includes('Okta'));
		await press(m.stdin, 'H');
		await m.waitFor(frame => frame.includes('5 recorded'));
		await pressAll(m.stdin, ['/', ...'termin']);
		let text = await m.waitFor(frame => frame.includes('Filter history › termin') && !frame.includes('Workday'));
		expect(text).toContain('Active Directory');
		await press(m.stdin, keys.enter);
		text = await m.waitFor(frame => !frame.includes('Filter history ›'));
		expect(text).toContain('filter: "termin" (1 of 5)');
		expect(text).toMatch(/Esc clear filter/);
		await press(m.stdin, keys.escape);
		text = await m.waitFor(frame => frame.includes('Workday') && !frame.includes('filter:'));
		expect(text).toMatch(/Esc back/);
		await press(m.stdin, keys.escape);
		await m.waitFor(frame => frame.includes('Okta'));
	});

	test('moves like the list; Enter shows the entry and earlier runs of its source, the slow one marked', async () => {
		const m = monitor(() => entries);
		await m.waitFor(frame => frame.includes('Okta'));
		await press(m.stdin, 'H');
		await m.waitFor(frame => frame.includes('5 recorded'));
		await press(m.stdin, keys.enter);
		let text = await m.waitFor(frame => frame.includes('Details: Workday'));
		expect(text).toContain(id('a4'));
		expect(text).toMatch(/Duration\s+41m 00s/);
		expect(text).toMatch(/Earlier runs\s+3 recorded, newest first; typical 14m 00s/);
		// 41 minutes against a typical 14: slow, and said so.
		expect(text).toMatch(/This run\s+41m 00s, 2\.9× slower than typical\s+⚠ slow/);
		expect(text).toMatch(/✔ completed\s+15m 00s\s+5,210 changes/);
		expect(text).toMatch(/✔ completed ⚠ 3\s+13m 00s\s+5,200 changes/);
		expect(text).toMatch(/✔ completed ✖ 2\s+14m 00s\s+5,190 changes/);
		// The terminated Active Directory run is another source: not an earlier run of Workday.
		expect(text.slice(text.indexOf('Details:'))).not.toContain('terminated');
		await press(m.stdin, 'j'); // the pane follows the selection
		text = await m.waitFor(frame => frame.includes(id('a3')));
		expect(text).toMatch(/This run\s+15m 00s, about the typical time$/m);
		expect(text).toMatch(/Earlier runs\s+2 recorded/); // only runs before it
	});

	test("Enter shows the run's outcome as the history kept it from its task", async () => {
		const warned: HistoryEntry = {
			...run('w1', 'Okta', 5 * MINUTE, 3, 400),
			outcome: {completionStatus: 'WARNING', warnings: 2, errors: 0, counts: {total: 4000, created: 12}},
		};
		const m = monitor(() => [warned]);
		await m.waitFor(frame => frame.includes('Okta'));
		await press(m.stdin, 'H');
		await m.waitFor(frame => frame.includes('1 recorded'));
		await press(m.stdin, keys.enter);
		const text = await m.waitFor(frame => frame.includes('Details: Okta'));
		expect(text).toMatch(/Outcome\s+WARNING \(2 warnings\)/);
		expect(text).toMatch(/Figures\s+scanned 4,000 · added 12/);
	});

	test('a history that cannot be read says so', async () => {
		const m = monitor(() => {
			throw new Error('history.json is not valid JSON');
		});
		await m.waitFor(frame => frame.includes('Okta'));
		await press(m.stdin, 'H');
		await m.waitFor(frame => frame.includes('Could not read the history: history.json is not valid JSON'));
	});

	test('an empty history says how it fills', async () => {
		const m = monitor(() => []);
		await m.waitFor(frame => frame.includes('Okta'));
		await press(m.stdin, 'H');
		await m.waitFor(frame => frame.includes('No finished aggregations recorded yet'));
	});
});

describe('earlier runs in the detail pane of a row', () => {
	test('the selected row is set against earlier runs of its source, so a slow run is obvious', async () => {
		const asked: RunTarget[] = [];
		const runs: PreviousRun[] = [
			{id: id('a3'), status: 'COMPLETED', end: iso(NOW - 86_400_000), durationMs: 60_000, accounts: 5210, approximate: false},
			{id: id('a2'), status: 'CANCELLED', end: iso(NOW - 2 * 86_400_000), durationMs: 30_000, accounts: 100, approximate: false},
			{id: id('a1'), status: 'COMPLETED', end: iso(NOW - 3 * 86_400_000), durationMs: 50_000, accounts: 5190, approximate: true},
		];
		const state = stateOf([
			// Started 2m 05s ago (fixtures' START), typical 1m: slow.
			{id: id('0d'), label: 'Workday', answers: [{status: collecting(1300, 4000), ago: 1000}]},
			{id: id('ee'), label: 'Okta'},
		]);
		const m = renderMonitor({
			state,
			now: NOW,
			size: {columns: 120, rows: 40},
			initialPrefs: {detail: true},
			props: {
				previousRuns(target) {
					asked.push(target);
					return target.source === 'Workday' ? runs : [];
				},
			},
		});
		const text = await m.waitFor(frame => frame.includes('Earlier runs'));
		expect(text).toMatch(/Earlier runs\s+3 recorded, newest first; typical 1m 00s/);
		expect(text).toMatch(/This run\s+2m 05s so far, 2\.1× slower than typical\s+⚠ slow/);
		expect(text).toMatch(/✔ completed\s+1m 00s\s+5,210 changes/);
		expect(text).toMatch(/⊘ cancelled\s+30s\s+100 changes/);
		expect(text).toMatch(/✔ completed\s+≤50s\s+5,190 changes/); // seen ending late: an upper bound
		expect(asked[0]).toEqual({tenant: 'acme', id: id('0d'), source: 'Workday'});
		await press(m.stdin, 'j');
		await m.waitFor(frame => frame.includes('Details: Okta') && frame.includes('none recorded for this source yet'));
	});

	test('without previousRuns, or for a row whose source is not known, the pane has no earlier runs', async () => {
		const state = stateOf([{id: id('0d'), answers: [{status: collecting(1300, 4000), ago: 1000}]}]);
		const m = renderMonitor({
			state,
			now: NOW,
			size: {columns: 120, rows: 40},
			initialPrefs: {detail: true},
			props: {previousRuns: () => []},
		});
		const text = await m.waitFor(frame => frame.includes('Details:'));
		expect(text).not.toContain('Earlier runs');
	});
});

test('ASCII terminals get ASCII in the history and its earlier runs too', async () => {
	const approximate = {...run('a5', 'Workday', 5 * 86_400_000, 90, 5000), lastSeenRunning: undefined};
	const state = stateOf([{id: id('ad'), label: 'Okta', answers: [{status: collecting(10, 100), ago: 1000}]}]);
	const m = renderMonitor({
		state,
		now: NOW,
		ascii: true,
		color: false,
		size: {columns: 120, rows: 40},
		props: {history: () => [...entries, approximate]},
	});
	await m.waitFor(frame => frame.includes('Okta'));
	await pressAll(m.stdin, ['H', keys.enter]);
	const text = await m.waitFor(frame => frame.includes('This run'));
	expect(text).toMatch(/2\.9x slower than typical\s+W slow/);
	expect(text).toMatch(/\+ completed\s+<=1h 30m/); // the end seen late: an upper bound
	expect(text).toMatch(/\+ completed W 3\s+13m 00s/);
	expect(text).toMatch(/^[\x20-\x7e\n]*$/);
});
