/**
 * What the start picker (S) says of each source's runs: the last outcome in the list's marks and words, a run in
 * progress (the monitor's row first, else the tenant's word), and what shows while the runs are read or when they
 * could not be.
 */
import {describe, expect, test} from 'vitest';
import type {LastRunView, SourceOverview} from '../../source/core/source-overview.js';
import {createTheme} from '../../source/ui/theme/theme.js';
import {
	lastRunMark,
	sourceColumns,
	sourceKey,
	sourceLayout,
	sourceMarks,
	sourceSegments,
	sourceText,
	trackedRunning,
	type KnownRuns,
	type SourceLayout,
} from '../../source/ui/screens/sources/source-entries.js';
import {keyOf, poll, row, seed, stateWith, T1} from '../core/fixtures.js';

const unicode = createTheme({color: false, ascii: false}).glyphs;
const ascii = createTheme({color: false, ascii: true}).glyphs;
const NOW = Date.parse('2026-12-07T12:00:00Z');

function last(extra: Partial<LastRunView> = {}): LastRunView {
	return {
		id: 'a'.repeat(32),
		completionStatus: 'SUCCESS',
		launched: '2026-12-07T09:50:00Z',
		completed: '2026-12-07T10:00:00Z',
		durationSeconds: 600,
		warnings: 0,
		errors: 0,
		deletionsHeldBack: false,
		...extra,
	};
}

function overview(name: string, extra: Partial<SourceOverview> = {}): SourceOverview {
	return {
		tenant: T1,
		id: `${name}-id`,
		name,
		connector: 'LDAP',
		healthy: true,
		health: null,
		deleteThreshold: null,
		running: null,
		lastRun: null,
		schedule: undefined,
		overdue: false,
		attention: [],
		...extra,
	};
}

const source = (name: string) => ({id: `${name}-id`, name, tenant: T1, type: 'LDAP'});
const known = (overviews: SourceOverview[], runs: KnownRuns['runs'] = 'read', tracked = new Map()): KnownRuns => ({
	tracked,
	overviews: new Map(overviews.map(line => [sourceKey(line), line])),
	runs,
});

describe('the last outcome, in the marks of the list and the header', () => {
	test.each([
		[last(), '✔ completed', '+ completed', 'done'],
		[last({completionStatus: 'WARNING', warnings: 3}), '✔⚠ 3 warnings', '+W 3 warnings', 'warning'],
		[last({completionStatus: 'WARNING', deletionsHeldBack: true}), '✔⚠ held back', '+W held back', 'warning'],
		[last({deletionsHeldBack: true}), '✔ completed ⚠ held back', '+ completed W held back', 'warning'],
		[last({completionStatus: 'ERROR', errors: 2}), '✔✖ 2 errors', '+x 2 errors', 'failed'],
		[last({completionStatus: 'TERMINATED'}), '✖ terminated', 'x terminated', 'failed'],
		[last({completionStatus: 'PENDING'}), '? PENDING', '? PENDING', 'unknown'],
	])('%#: %s', (run, text, asciiText, role) => {
		expect(lastRunMark(run, unicode)).toEqual({text, role});
		expect(lastRunMark(run, ascii).text).toBe(asciiText);
	});
});

describe("an entry's marks", () => {
	test('the last outcome with how long ago it ended; never when the tenant has no run; … while read; ? when not read', () => {
		const lines = [overview('Okay', {lastRun: last()}), overview('Fresh')];
		expect(sourceMarks(source('Okay'), known(lines), NOW, unicode).last).toEqual({text: '✔ completed 2h 00m ago', role: 'done'});
		expect(sourceMarks(source('Fresh'), known(lines), NOW, unicode).last?.text).toBe('never');
		expect(sourceMarks(source('Fresh'), known([], 'reading'), NOW, unicode).last?.text).toBe('…');
		expect(sourceMarks(source('Fresh'), known([], 'reading'), NOW, ascii).last?.text).toBe('..');
		expect(sourceMarks(source('Gone'), known(lines, 'failed'), NOW, unicode).last?.text).toBe('?');
		// Without the glance nobody reads the runs: no column for them.
		expect(sourceMarks(source('Okay'), known([], 'off'), NOW, unicode)).toEqual({});
	});

	test("a run in progress: the monitor's row as the list draws it, before the tenant's word", () => {
		let state = stateWith([seed(1, {label: 'Runner'})], {}, NOW - 60_000);
		state = poll(state, keyOf(1), {status: 'ACCOUNTS_COLLECTED', totalAccounts: 30_000, processedAccounts: 7_500}, NOW - 1000);
		expect(row(state, keyOf(1)).phase).toBe('running');
		const tracked = trackedRunning(state.rows);
		const tenantSays = overview('Runner', {running: {id: 'b'.repeat(32), status: 'RUNNING', started: '2026-12-07T11:56:00Z'}});
		expect(sourceMarks(source('Runner'), known([tenantSays], 'read', tracked), NOW, unicode).running).toEqual({
			text: '▶ collected 7,500/30,000 25%',
			role: 'collected',
		});
		expect(sourceMarks(source('Runner'), known([tenantSays]), NOW, unicode).running).toEqual({text: '▶ running 4m 00s', role: 'running'});
		expect(sourceMarks(source('Runner'), known([tenantSays], 'read', tracked), NOW, ascii).running?.text).toBe(
			'* collected 7,500/30,000 25%',
		);
	});

	test('at 80 columns the name keeps 22 columns and the marks stay whole; a long running mark takes some of its room', () => {
		const name = 'Human Resources Information System (production)';
		const marks = sourceMarks(
			source(name),
			known([overview(name, {lastRun: last({completionStatus: 'WARNING', warnings: 3})})]),
			NOW,
			unicode,
		);
		const line = (layout: SourceLayout) =>
			sourceSegments(source(name), {layout, glyphs: unicode, marks})
				.map(segment => segment.text)
				.join('');
		expect(line(sourceLayout(77, false, true))).toBe('Human Resources Infor… ✔⚠ 3 warnings 2h 00m ago  LDAP');
		const running = '▶ collected 43,860/250,000 17%';
		expect(sourceLayout(77, false, true, running.length).name).toBe(77 - 26 - 1 - running.length);
		expect(sourceColumns(sourceLayout(77, false, true))).toBe(`  ${'SOURCE'.padEnd(22)} ${'LAST RUN'.padEnd(25)} RUNNING NOW / CONNECTOR`);
		// Several tenants: the tenant's column, and the name still 16 wide.
		expect(sourceLayout(77, true, true).name).toBe(16);
	});

	test('at 80 columns a delimited-file source says what to do before its connector, whole', () => {
		const csv = {id: 'HR CSV-id', name: 'HR CSV', tenant: T1, type: 'DelimitedFile'};
		const marks = sourceMarks(csv, known([overview('HR CSV', {lastRun: last()})]), NOW, unicode);
		const line = sourceSegments(csv, {layout: sourceLayout(77, false, true), glyphs: unicode, marks})
			.map(segment => segment.text)
			.join('');
		// The picker draws "› " before the entry: 77 columns of entry fill an 80-column screen less its edge.
		expect(line.slice(0, 77).trimEnd()).toBe(`${'HR CSV'.padEnd(22)} ${'✔ completed 2h 00m ago'.padEnd(25)} needs a file: start in ISC`);
		expect(line).toMatch(/start in ISC\s+DelimitedFile$/);
	});
});

test('only running rows with their source name known mark a source', () => {
	let state = stateWith([seed(1, {label: 'Runner'}), seed(2), seed(3, {label: 'Waiter'})], {}, NOW);
	for (const n of [1, 2]) {
		state = poll(state, keyOf(n), {status: 'ACCOUNTS_COLLECTED', totalAccounts: 10, processedAccounts: 1}, NOW);
	}

	expect([...trackedRunning(state.rows).keys()]).toEqual([`${T1}\u0000Runner`]);
});

describe('what the filter matches', () => {
	test('the words the entry shows: its last outcome, never, a run in progress, the file-upload hint', () => {
		const overviews = [
			overview('Vexed', {lastRun: last({completionStatus: 'WARNING', warnings: 3})}),
			overview('Held', {lastRun: last({deletionsHeldBack: true})}),
			overview('Fresh'),
		];
		const text = (name: string, runs: KnownRuns['runs'] = 'read') => sourceText(source(name), known(overviews, runs), unicode);
		expect(text('Vexed')).toContain('3 warnings');
		expect(text('Held')).toContain('held back');
		expect(text('Fresh')).toContain('never');
		// While the runs are read, nothing is said yet, so nothing is matched.
		expect(text('Fresh', 'reading')).not.toContain('never');
		expect(sourceText({id: 'hr', name: 'HR CSV', tenant: T1, type: 'DelimitedFile'})).toContain('needs a file');
	});
});
