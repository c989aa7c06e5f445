/**
 * Issue 22, item 6: at 80 columns the least useful things go first and words are wrapped or kept whole, never cut
 * inside. The layout functions behind the header, the details pane, the help, the history and the footer.
 */
import {describe, expect, test} from 'vitest';
import type {HistoryEntry} from '../../source/history/entry.js';
import {detailHeight} from '../../source/ui/components/detail-pane.js';
import {fittingHints} from '../../source/ui/components/footer.js';
import {cutAtWord, headerFit} from '../../source/ui/components/header.js';
import {helpScreenLines} from '../../source/ui/components/help-overlay.js';
import {footerHints, type Feature, type KeyContext} from '../../source/ui/keys/keymap.js';
import {eventLines} from '../../source/ui/screens/events/event-lines.js';
import {historyColumns, historyLayout, historySegments} from '../../source/ui/screens/history/history-entries.js';
import {glanceColumns, glanceLayout, glanceSegments} from '../../source/ui/screens/tenant-sources/tenant-source-entries.js';
import type {SourceOverview} from '../../source/core/source-overview.js';
import {columnNeeds} from '../../source/ui/text/row-words.js';
import {wrapText} from '../../source/ui/text/wrap.js';
import {createTheme} from '../../source/ui/theme/theme.js';
import {version} from '../../source/version.js';
import {collecting, id, NOW, stateOf} from './fixtures.js';

const glyphs = createTheme({color: true, ascii: false}).glyphs;
const allFeatures: Feature[] = ['discover', 'start', 'history', 'glance'];

describe('wrapText', () => {
	test('breaks at spaces, each line within the width, nothing lost', () => {
		const text = 'Start an account aggregation on a source you pick (asks first: it changes the tenant)';
		const lines = wrapText(text, 30);
		for (const line of lines) {
			expect([...line].length).toBeLessThanOrEqual(30);
		}

		expect(lines.join(' ')).toBe(text);
		expect(lines.at(-1)?.endsWith('the tenant)')).toBe(true);
	});

	test('a lone mark between words ends a line rather than starting one; a word longer than a line is broken', () => {
		const lines = wrapText('scanned 12,500 · added 1,250 · changed 11,250 · removed 120 · unchanged 0', 40);
		expect(lines.every(line => !line.startsWith('·'))).toBe(true);
		expect(lines.join(' ')).toBe('scanned 12,500 · added 1,250 · changed 11,250 · removed 120 · unchanged 0');
		expect(wrapText('a3c91f0e5b2d4c7e9f1a6b8d0c2e4f61', 10)).toEqual(['a3c91f0e5b', '2d4c7e9f1a', '6b8d0c2e4f', '61']);
	});
});

describe('the header line', () => {
	const parts = {
		tenantLabel: 'acme',
		news: '2 unseen (E)',
		symbol: '✔',
		countsLong: '▶ 6 running  ✔ 2 done  ✖ 0 failed',
		countsShort: '▶6 ✔2 ✖0',
	};

	test('the version goes first: shown only when everything else is whole', () => {
		const quiet = headerFit({...parts, label: 'live'}, 120, glyphs);
		expect(quiet).toEqual({version: true, short: false, label: 'live'});
		const event = 'Okta: COMPLETED with 1 warning, 4,000 accounts in 24s; 900 marked for deletion';
		const narrow = headerFit({...parts, label: event}, 80, glyphs);
		expect(narrow.version).toBe(false);
		expect(narrow.short).toBe(true);
		// aggwatch │ acme │ 2 unseen (E) │ ✔ <label> and the short counts with a space before them: 80 at most.
		const line = `aggwatch │ acme │ 2 unseen (E) │ ✔ ${narrow.label} ${parts.countsShort}`;
		expect([...line].length).toBeLessThanOrEqual(80);
		expect(narrow.label).toBe('Okta: COMPLETED with 1 warning…');
	});

	test('the long counts are worth more than the version', () => {
		const all = [...`aggwatch ${version} │ acme │ 2 unseen (E) │ ✔ live ${parts.countsLong}`].length;
		expect(headerFit({...parts, label: 'live'}, all, glyphs)).toEqual({version: true, short: false, label: 'live'});
		expect(headerFit({...parts, label: 'live'}, all - 1, glyphs)).toEqual({version: false, short: false, label: 'live'});
	});

	test('cutAtWord keeps whole words and drops a trailing comma', () => {
		expect(cutAtWord('Okta: COMPLETED, 4,000 accounts in 24s', 26, '…')).toBe('Okta: COMPLETED, 4,000…');
		expect(cutAtWord('Okta: COMPLETED, 4,000 accounts in 24s', 20, '…')).toBe('Okta: COMPLETED…');
		expect(cutAtWord('short', 20, '…')).toBe('short');
	});
});

describe('the details pane and the help wrap', () => {
	test('a long value takes the lines it needs under its label', () => {
		const figures = {label: 'Figures', value: 'scanned 12,500 · added 1,250 · changed 11,250 · removed 120 · unchanged 0 · ignored 0'};
		const one = {label: 'Id', value: id('a1')};
		expect(detailHeight({fields: [one], lines: [figures]}, 79)).toBe(1 + 1 + 2);
		expect(detailHeight({fields: [one], lines: [figures]}, 200)).toBe(1 + 1 + 1);
	});

	test("help at 80 columns: the S entry's warning is whole, over its lines", () => {
		const lines = helpScreenLines(glyphs, allFeatures, 79);
		const start = lines.findIndex(line => line.keys === 'S');
		const text = lines
			.slice(start, start + 4)
			.filter((line, index) => index === 0 || line.keys === undefined)
			.map(line => line.text)
			.join(' ');
		expect(text).toContain('(asks first: it changes the tenant)');
		for (const line of lines) {
			expect(2 + 12 + [...line.text].length).toBeLessThanOrEqual(79);
		}
	});
});

test('the events log wraps an event at words, never inside one', () => {
	const text = 'Jira: COMPLETED with 2 errors, 2,000 accounts in 1m 05s; about the usual time (median 1m 01s over 3 runs)';
	const lines = eventLines([{at: NOW - 1000, kind: 'ended', text, severity: 'failure'}], 79, NOW, glyphs);
	expect(lines.length).toBeGreaterThan(1);
	expect(lines.map(line => line.text).join(' ')).toBe(text);
	for (const line of lines) {
		expect(line.text.startsWith(' ')).toBe(false);
		expect(text.split(' ')).toEqual(expect.arrayContaining(line.text.split(' ')));
	}
});

describe('history columns', () => {
	const MINUTE = 60_000;
	const entry = (tag: string, source: string, endedAgo: number, extra: Partial<HistoryEntry> = {}): HistoryEntry => ({
		tenant: 'acme',
		id: id(tag),
		source,
		status: 'COMPLETED',
		start: new Date(NOW - endedAgo - 26 * MINUTE).toISOString(),
		end: new Date(NOW - endedAgo).toISOString(),
		durationMs: 26 * MINUTE,
		lastSeenRunning: new Date(NOW - endedAgo - 5000).toISOString(),
		counts: {processedAccounts: 249_000, totalAccounts: 249_000},
		recordedAt: new Date(NOW - endedAgo).toISOString(),
		...extra,
	});
	const entries = [
		entry('a1', 'Active Directory EU', 5 * MINUTE, {outcome: {completionStatus: 'WARNING', warnings: 3, errors: 0, counts: {}}}),
		entry('a2', 'Google Workspace', 3 * 86_400_000, {foundOnTenant: true}),
	];
	const short = (value: string) => value.slice(0, 8);

	test('at 80 columns the titles, the source and the outcome are whole: the id and the seconds go first', () => {
		const layout = historyLayout(entries, NOW, 79, false, glyphs, short);
		const titles = historyColumns(layout);
		expect(titles).toContain('DURATION');
		expect(titles).not.toContain('~');
		expect(layout.id).toBe(0);
		for (const item of entries) {
			const line = `  ${historySegments(item, NOW, layout, glyphs, short)
				.map(segment => segment.text)
				.join('')}`;
			expect([...line].length).toBeLessThanOrEqual(79);
			expect(line).not.toContain('…');
		}

		const text = historySegments(entries[1]!, NOW, layout, glyphs, short)
			.map(segment => segment.text)
			.join('');
		expect(text).toContain('Google Workspace [on tenant]');
		expect(text).toContain('26m 00s');
	});

	test('at 130 columns every column is there, with the full end time and the id', () => {
		const layout = historyLayout(entries, NOW, 129, false, glyphs, short);
		expect(layout.id).toBeGreaterThan(0);
		expect(layout.shortEnd).toBe(false);
		expect(layout.accounts).toBeGreaterThan(0);
	});
});

test('sources at a glance at 80 columns: the source, its last run and what needs attention are whole', () => {
	const source = (name: string, extra: Partial<SourceOverview>): SourceOverview => ({
		tenant: 'acme',
		id: id(
			name
				.slice(0, 2)
				.toLowerCase()
				.replaceAll(/[^a-f0-9]/g, 'a'),
		),
		name,
		connector: null,
		healthy: true,
		health: null,
		deleteThreshold: 10,
		running: null,
		lastRun: null,
		schedule: null,
		overdue: false,
		attention: [],
		...extra,
	});
	const run = {
		id: id('c1'),
		completionStatus: 'SUCCESS',
		launched: null,
		completed: new Date(NOW - 3_600_000).toISOString(),
		durationSeconds: 87,
		warnings: 0,
		errors: 0,
	};
	const overviews = [
		source('Google Workspace', {lastRun: {...run, deletionsHeldBack: true}, attention: ['held-back']}),
		source('Active Directory EU', {
			running: {id: id('c2'), status: 'RUNNING', started: new Date(NOW - 47_000).toISOString()} as SourceOverview['running'],
		}),
	];
	const layout = glanceLayout(overviews, NOW, 79, false);
	expect(layout.took).toBe(0);
	expect(layout.health).toBe(0);
	const text = (overview: SourceOverview) =>
		`  ${glanceSegments(overview, NOW, layout, glyphs)
			.map(segment => segment.text)
			.join('')}`;
	const google = text(overviews[0]!);
	// Whole up to the end of the attention words (the next run after them is what the terminal's edge cuts).
	expect(google.indexOf('held-back') + 'held-back'.length).toBeLessThanOrEqual(79);
	expect(google).toContain('completed, deletions held back');
	expect(text(overviews[1]!)).toContain('Active Directory EU');
	expect(glanceColumns(layout)).not.toContain('~');
	const wide = glanceLayout(overviews, NOW, 159, false);
	expect(wide.took && wide.health && wide.ended && wide.running).toBeGreaterThan(0);
});

describe('the footer at 80 columns', () => {
	const context: KeyContext = {
		mode: 'normal',
		rows: 10,
		total: 10,
		finished: 3,
		paused: false,
		detailOpen: false,
		filtered: false,
		events: 2,
		features: allFeatures,
	};

	test('keeps the keys of the screens to find (H, E, O), add, details and start; the arrows give way first', () => {
		const labels = fittingHints(footerHints(context, glyphs), 79).map(hint => hint.label);
		expect(labels).toEqual(['add', 'details', 'history', 'events', 'sources', 'start', 'help', 'quit']);
		const wide = fittingHints(footerHints(context, glyphs), 129).map(hint => hint.label);
		expect(wide).toEqual(expect.arrayContaining(['discover', 'move', 'pause']));
	});

	test('while paused, resume comes right after details', () => {
		const labels = fittingHints(footerHints({...context, paused: true}, glyphs), 79).map(hint => hint.label);
		expect(labels.slice(0, 3)).toEqual(['add', 'details', 'resume']);
	});
});

test("columnNeeds: the rows' longest name, badge and counts (as wide as total/total)", () => {
	const state = stateOf([
		{id: id('b1'), label: 'Active Directory EU', answers: [{status: collecting(5, 250_000), ago: 1000}]},
		{id: id('b2'), label: 'Jira', answers: [{status: collecting(10, 2000), ago: 1000}]},
	]);
	const needs = columnNeeds(state.rows, undefined, glyphs, short => short.slice(0, 8));
	expect(needs.label).toBe('Active Directory EU'.length);
	expect(needs.badge).toBe('▶ collected'.length);
	expect(needs.counts).toBe('250,000/250,000'.length);
	expect(needs.marks).toBe(0);
});
