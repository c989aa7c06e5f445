import {afterEach, describe, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import type {DiscoveredAggregation, StartableSource, StartResult} from '../../source/ui/index.js';
import {collecting, id, NOW, stateOf} from './fixtures.js';
import {deferred, keys, press, pressAll, renderMonitor} from './helpers.js';

afterEach(() => {
	cleanup();
});

const TRACKED = id('ad');
const WD = id('0d');
const SN = id('5e');
const OK = id('0c');

function tracked() {
	return stateOf([{id: TRACKED, label: 'Active Directory', answers: [{status: collecting(10, 100), ago: 1000}]}]);
}

const running: DiscoveredAggregation[] = [
	{
		id: WD,
		tenant: 'acme',
		sourceName: 'Workday',
		started: new Date(NOW - 300_000).toISOString(),
		progress: 'Processed 120 of 1000 accounts',
	},
	{id: TRACKED, tenant: 'acme', sourceName: 'Active Directory', started: new Date(NOW - 60_000).toISOString()},
	{id: SN, tenant: 'acme', sourceName: 'ServiceNow', started: new Date(NOW - 30_000).toISOString()},
	{id: OK, tenant: 'acme', sourceName: 'Okta', started: new Date(NOW - 10_000).toISOString()},
];

describe('discover picker (D)', () => {
	test('shows a spinner while loading, then the running aggregations not tracked yet', async () => {
		const answer = deferred<readonly DiscoveredAggregation[]>();
		const m = renderMonitor({state: tracked(), now: NOW, size: {columns: 120, rows: 30}, props: {discover: async () => answer.promise}});
		await m.waitFor(frame => frame.includes('D discover'));
		await press(m.stdin, 'D');
		await m.waitFor(frame => frame.includes('Asking for running account aggregations'));
		answer.resolve(running);
		const text = await m.waitFor(frame => frame.includes('Workday'));
		expect(text).toContain('Track running aggregations');
		expect(text).toContain('3 of 3 not tracked yet');
		expect(text).toContain('ServiceNow');
		expect(text).toContain('Processed 120 of 1000 accounts');
		expect(text).toMatch(/SOURCE +STARTED +PROGRESS +ID/);
		expect(text).toMatch(/Workday +\d\d:\d\d:\d\d \(5m 00s ago\)/);
		expect(text).not.toContain('Active Directory'); // tracked already: the list behind the picker is hidden too
		expect(text).not.toContain('Asking');
	});

	test('the loading spinner moves by itself while the list loads (the monitor clock stands still), in ASCII too', async () => {
		for (const ascii of [false, true]) {
			const answer = deferred<readonly DiscoveredAggregation[]>();
			const m = renderMonitor({
				state: tracked(),
				now: NOW,
				ascii,
				size: {columns: 120, rows: 30},
				props: {discover: async () => answer.promise},
			});
			await m.waitFor(frame => frame.includes('D discover'));
			await press(m.stdin, 'D');
			const glyphOf = (frame: string) => /(\S) Asking for running account aggregations/.exec(frame)?.[1];
			const first = glyphOf(await m.waitFor(frame => glyphOf(frame) !== undefined));
			const next = glyphOf(await m.waitFor(frame => glyphOf(frame) !== undefined && glyphOf(frame) !== first));
			expect(next).not.toBe(first);
			expect(`${first}${next}`).toMatch(ascii ? /^[-\\|/]+$/ : /^[\u2800-\u28FF]+$/);
			answer.resolve(running);
			await m.waitFor(frame => frame.includes('Workday'));
			m.unmount();
		}
	});

	test('/ filters, Enter keeps the filter; j/k move; Space marks; Esc in the filter line clears it; Enter tracks the marked ones, not the highlighted one', async () => {
		const m = renderMonitor({state: tracked(), now: NOW, size: {columns: 120, rows: 30}, props: {discover: async () => running}});
		await m.waitFor(frame => frame.includes('Active Directory'));
		await press(m.stdin, 'D');
		await m.waitFor(frame => frame.includes('ServiceNow'));
		await press(m.stdin, ' '); // marks Workday, the first
		await m.waitFor(frame => frame.includes('[x] Workday'));
		await press(m.stdin, 'j'); // j moves: it is no text outside the filter line
		await m.waitFor(frame => /› \[ \] ServiceNow/.test(frame));
		await press(m.stdin, 'k');
		await m.waitFor(frame => /› \[x\] Workday/.test(frame));
		await press(m.stdin, '/');
		await pressAll(m.stdin, [...'okta']);
		let text = await m.waitFor(frame => frame.includes('Filter › okta') && !frame.includes('ServiceNow'));
		expect(text).toContain('1 of 3 not tracked yet, 1 marked');
		await press(m.stdin, keys.enter); // keeps the filter and leaves the line: Space marks again
		await m.waitFor(frame => frame.includes('keep filter') === false && frame.includes('⏎ track 1 marked'));
		await press(m.stdin, ' ');
		await m.waitFor(frame => frame.includes('[x] Okta'));
		await pressAll(m.stdin, ['/', 'x']);
		await m.waitFor(frame => frame.includes('Filter › oktax'));
		await press(m.stdin, keys.escape); // in the line: clears the filter and leaves it
		await m.waitFor(frame => frame.includes('ServiceNow') && !frame.includes('oktax'));
		await press(m.stdin, keys.down); // highlight ServiceNow, unmarked: Enter still tracks the two marked
		text = await m.waitFor(frame => frame.includes('⏎ track 2 marked'));
		expect(text).toMatch(/› \[ \] ServiceNow/);
		await press(m.stdin, keys.enter);
		text = await m.waitFor(frame => frame.includes('Tracking 2 aggregations: Workday, Okta'));
		expect(m.calls.track.map(items => items.map(item => item.id))).toEqual([[WD, OK]]);
		expect(text).toContain('Active Directory'); // back on the list, with the new rows
		expect(text).toContain('Workday');
		expect(text).not.toContain('ServiceNow');
	});

	test('with nothing marked Enter tracks the highlighted one; Esc leaves without tracking', async () => {
		const m = renderMonitor({state: tracked(), now: NOW, props: {discover: async () => running}});
		await m.waitFor(frame => frame.includes('Active Directory'));
		await pressAll(m.stdin, ['D']);
		await m.waitFor(frame => frame.includes('ServiceNow'));
		await press(m.stdin, keys.escape);
		await m.waitFor(frame => !frame.includes('ServiceNow') && frame.includes('Active Directory'));
		expect(m.calls.track).toEqual([]);
		await press(m.stdin, 'D');
		await m.waitFor(frame => frame.includes('ServiceNow'));
		await pressAll(m.stdin, [keys.down, keys.enter]);
		await m.waitFor(frame => frame.includes('Tracking 1 aggregation: ServiceNow'));
		expect(m.calls.track.map(items => items.map(item => item.id))).toEqual([[SN]]);
	});

	test('a failed load says why and how to retry; Ctrl-R loads again', async () => {
		let calls = 0;
		const m = renderMonitor({
			state: tracked(),
			now: NOW,
			size: {columns: 120, rows: 30},
			props: {
				async discover() {
					calls++;
					if (calls === 1) {
						throw new Error('acme: HTTP 503 Service Unavailable');
					}

					return running;
				},
			},
		});
		await m.waitFor(frame => frame.includes('Active Directory'));
		await press(m.stdin, 'D');
		await m.waitFor(frame => frame.includes('Could not list running aggregations: acme: HTTP 503 Service Unavailable. Ctrl-R tries again'));
		await press(m.stdin, '\u0012'); // Ctrl-R
		await m.waitFor(frame => frame.includes('ServiceNow') && !frame.includes('Could not list'));
	});

	test('without discover (or without commands.track) there is no D', async () => {
		const m = renderMonitor({state: tracked(), now: NOW, size: {columns: 140, rows: 30}});
		await m.waitFor(frame => frame.includes('Active Directory'));
		expect(m.text()).not.toContain('discover');
		await press(m.stdin, 'D');
		expect(m.text()).not.toContain('Track running aggregations');
		const noTrack = renderMonitor({
			state: tracked(),
			now: NOW,
			track: false,
			size: {columns: 140, rows: 30},
			props: {discover: async () => running},
		});
		await noTrack.waitFor(frame => frame.includes('Active Directory'));
		expect(noTrack.text()).not.toContain('D discover');
	});
});

const sources: StartableSource[] = [
	{id: id('51'), name: 'Workday', tenant: 'acme', type: 'Workday'},
	{id: id('52'), name: 'HR CSV', tenant: 'acme', type: 'DelimitedFile'},
	{id: id('53'), name: 'Active Directory', tenant: 'acme', type: 'Active Directory - Direct'},
];

describe('source picker (S)', () => {
	test("o opens the highlighted source's page by its id, and says what came of it", async () => {
		const answer = deferred<{opened: boolean; text: string}>();
		const m = renderMonitor({
			state: tracked(),
			now: NOW,
			size: {columns: 140, rows: 30},
			props: {listSources: async () => sources},
			startAggregation: async () => ({id: id('99')}),
			openSource: async () => answer.promise,
		});
		await m.waitFor(frame => frame.includes('S start'));
		await press(m.stdin, 'S');
		await m.waitFor(frame => frame.includes('HR CSV'));
		await press(m.stdin, 'j'); // Active Directory, HR CSV, Workday by name: HR CSV
		await press(m.stdin, 'o');
		await m.waitFor(frame => frame.includes('Opening the ISC page of HR CSV...'));
		expect(m.calls.openSource).toEqual([{tenant: 'acme', sourceId: id('52')}]);
		answer.resolve({opened: false, text: 'Cannot open a browser (no display); copied to the clipboard: https://acme.identitynow.com/x'});
		await m.waitFor(frame => frame.includes('copied to the clipboard: https://acme.identitynow.com/x'));
		expect(m.calls.startAggregation).toEqual([]);
	});

	test('lists sources by name; delimited-file ones are shown but refused with the reason', async () => {
		const m = renderMonitor({
			state: tracked(),
			now: NOW,
			size: {columns: 140, rows: 30},
			props: {listSources: async () => sources},
			startAggregation: async () => ({id: id('99')}),
		});
		await m.waitFor(frame => frame.includes('S start'));
		await press(m.stdin, 'S');
		let text = await m.waitFor(frame => frame.includes('HR CSV'));
		const names = ['Active Directory', 'HR CSV', 'Workday'];
		expect([...names].sort((a, b) => text.indexOf(a) - text.indexOf(b))).toEqual(names);
		expect(text).toMatch(/HR CSV.*needs a file: start in ISC.*DelimitedFile/);
		await pressAll(m.stdin, ['/', ...'csv']);
		await m.waitFor(frame => frame.includes('Filter › csv') && !frame.includes('Workday'));
		await press(m.stdin, keys.enter); // keeps the filter
		await m.waitFor(frame => frame.includes('⏎ start'));
		await press(m.stdin, keys.enter); // chooses
		text = await m.waitFor(frame => frame.includes('is a delimited-file source'));
		expect(text).toContain('starting it needs the CSV file uploaded with the request, which aggwatch does not do');
		expect(text).not.toContain('Start an account aggregation on HR CSV');
		expect(m.calls.startAggregation).toEqual([]);
	});

	test('Enter asks with the source and tenant spelled out; n goes back to the picker; y starts it and tells the id', async () => {
		const answer = deferred<StartResult>();
		const m = renderMonitor({
			state: tracked(),
			now: NOW,
			size: {columns: 140, rows: 30},
			props: {listSources: async () => sources},
			startAggregation: async () => answer.promise,
		});
		await m.waitFor(frame => frame.includes('Active Directory'));
		await press(m.stdin, 'S');
		await m.waitFor(frame => frame.includes('HR CSV'));
		await pressAll(m.stdin, ['/', ...'workday', keys.enter]);
		await m.waitFor(frame => !frame.includes('HR CSV') && frame.includes('⏎ start'));
		await press(m.stdin, keys.enter);
		let text = await m.waitFor(frame => frame.includes('Start an account aggregation on Workday (acme)? This changes the tenant. (y/N)'));
		expect(text).toMatch(/y yes\s+n\/q\/Esc\/⏎ no/);
		await press(m.stdin, keys.enter); // Enter says no
		await m.waitFor(frame => !frame.includes('(y/N)') && frame.includes('Filter › workday'));
		expect(m.calls.startAggregation).toEqual([]);
		await pressAll(m.stdin, [keys.enter, 'y']);
		await m.waitFor(frame => frame.includes('Starting an account aggregation on Workday (acme)'));
		expect(m.calls.startAggregation.map(source => source.name)).toEqual(['Workday']);
		answer.resolve({id: id('99')});
		text = await m.waitFor(frame => frame.includes(`Started an account aggregation on Workday (acme), id ${id('99')}`));
		expect(text).toContain('Active Directory'); // the monitor list again
	});

	test('a start refused because one runs already names the running id first and whole', async () => {
		const running = '5f0e7d2c9b1a48e3a6d4c2b0e8f61a72';
		const m = renderMonitor({
			state: tracked(),
			now: NOW,
			size: {columns: 140, rows: 30},
			props: {listSources: async () => sources},
			startAggregation: async () => ({id: running, alreadyRunning: {since: '2026-12-06T23:32:04.000Z'}}),
		});
		await m.waitFor(frame => frame.includes('Active Directory'));
		await pressAll(m.stdin, ['S']);
		await m.waitFor(frame => frame.includes('HR CSV'));
		await pressAll(m.stdin, [keys.end, keys.enter, 'y']);
		const text = await m.waitFor(frame => frame.includes('Already running, tracking it:'));
		expect(text).toContain(`Already running, tracking it: ${running}`);
	});

	test('a refusal from ISC is shown as an error notice', async () => {
		const m = renderMonitor({
			state: tracked(),
			now: NOW,
			size: {columns: 140, rows: 30},
			props: {listSources: async () => sources},
			startAggregation: async () => ({error: '403 Forbidden: the API client lacks idn:sources:manage'}),
		});
		await m.waitFor(frame => frame.includes('Active Directory'));
		await pressAll(m.stdin, ['S']);
		await m.waitFor(frame => frame.includes('HR CSV'));
		await pressAll(m.stdin, [keys.end, keys.enter, 'y']);
		await m.waitFor(frame => frame.includes('Could not start an account aggregation on Workday (acme): 403 Forbidden'));
	});
});
