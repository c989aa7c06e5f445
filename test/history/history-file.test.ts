import {readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {historyBoundsFromEnv} from '../../source/history/bounds.js';
import {rowKey, type MonitorState} from '../../source/core/types.js';
import {endedRows} from '../../source/history/ended-rows.js';
import type {EndedRow} from '../../source/history/entry.js';
import {openHistory, HISTORY_FILE_NAME} from '../../source/store/history-file.js';
import {DAY, endedRow, hexId, MINUTE, T0, tempDirs} from './fixtures.js';

const dirs = tempDirs();

/** A monitor state holding just these rows (what endedRows reads of it). */
function stateOf(rows: readonly EndedRow[]): MonitorState {
	return {rows: rows.map(row => ({...row, key: rowKey(row.tenant, row.id)}))} as unknown as MonitorState;
}
afterEach(() => {
	dirs.cleanup();
});

describe('HistoryFile', () => {
	it('records rows that ended, once each, and ignores rows that did not end', () => {
		const dir = dirs.make();
		const history = openHistory({cwd: dir, now: () => T0});
		const done = endedRow(1, T0 - MINUTE);
		const added = history.recordEnded([
			done,
			{...endedRow(2, T0), phase: 'running', snapshot: {status: 'ACCOUNTS_COLLECTED'}},
			{...endedRow(3, T0), phase: 'not-found'},
			{...endedRow(4, T0), phase: 'expired'},
		]);
		expect(added.map(entry => entry.id)).toEqual([hexId(1)]);
		expect(history.recordEnded([done, done])).toEqual([]);
		expect(history.list()).toEqual([
			{
				tenant: 'acme',
				id: hexId(1),
				source: 'Workday',
				status: 'COMPLETED',
				start: new Date(T0 - MINUTE - 10 * MINUTE).toISOString(),
				end: new Date(T0 - MINUTE).toISOString(),
				durationMs: 10 * MINUTE,
				lastSeenRunning: new Date(T0 - MINUTE - 5000).toISOString(),
				counts: {processedAccounts: 101, totalAccounts: 101},
				recordedAt: new Date(T0).toISOString(),
			},
		]);
	});

	it('keeps the same aggregation on two tenants apart', () => {
		const history = openHistory({cwd: dirs.make(), now: () => T0});
		history.recordEnded([endedRow(1, T0), {...endedRow(1, T0), tenant: 'globex'}]);
		expect(
			history
				.list()
				.map(entry => entry.tenant)
				.sort(),
		).toEqual(['acme', 'globex']);
	});

	it('survives a restart: a new instance (a later aggwatch) reads what an earlier one wrote', () => {
		const dir = dirs.make();
		openHistory({cwd: dir, now: () => T0}).recordEnded([endedRow(1, T0 - 2 * MINUTE), endedRow(2, T0 - MINUTE)]);
		const later = openHistory({cwd: dir, now: () => T0 + DAY});
		expect(later.list().map(entry => entry.id)).toEqual([hexId(2), hexId(1)]);
		expect(later.recordEnded([endedRow(1, T0 - 2 * MINUTE)])).toEqual([]);
		expect(later.list()).toHaveLength(2);
	});

	it('writes its own file in the store folder, 0600, and leaves no temporary files', () => {
		const dir = dirs.make();
		const history = openHistory({cwd: dir, now: () => T0});
		history.recordEnded([endedRow(1, T0)]);
		history.recordEnded([endedRow(2, T0 + 1000)]);
		const file = path.join(dir, HISTORY_FILE_NAME);
		expect(history.path).toBe(file);
		expect(statSync(file).mode & 0o777).toBe(0o600);
		expect(readdirSync(dir).sort()).toEqual([HISTORY_FILE_NAME]);
		expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({schemaVersion: 1, entries: [{id: hexId(2)}, {id: hexId(1)}]});
	});

	it('keeps the demo history apart from the real one', () => {
		const dir = dirs.make();
		openHistory({cwd: dir, demo: true, now: () => T0}).recordEnded([endedRow(1, T0)]);
		expect(openHistory({cwd: dir}).list()).toEqual([]);
		expect(openHistory({cwd: dir, demo: true, now: () => T0}).list()).toHaveLength(1);
	});

	it('keeps only the newest maxEntries', () => {
		const history = openHistory({cwd: dirs.make(), now: () => T0, bounds: {maxEntries: 5}});
		for (let n = 1; n <= 8; n++) {
			history.recordEnded([endedRow(n, T0 - (10 - n) * MINUTE)]);
		}

		expect(history.list().map(entry => entry.id)).toEqual([8, 7, 6, 5, 4].map(n => hexId(n)));
		expect((JSON.parse(readFileSync(history.path, 'utf8')) as {entries: unknown[]}).entries).toHaveLength(5);
	});

	it('drops entries older than maxAgeMs, on the next write and at once when listing', () => {
		let now = T0;
		const dir = dirs.make();
		const history = openHistory({cwd: dir, now: () => now, bounds: {maxAgeMs: 90 * DAY}});
		history.recordEnded([endedRow(1, T0 - 89 * DAY), endedRow(2, T0 - DAY)]);
		expect(history.list()).toHaveLength(2);

		now = T0 + 2 * DAY;
		expect(history.list().map(entry => entry.id)).toEqual([hexId(2)]);
		// Listing does not write; the next recording prunes the file.
		expect((JSON.parse(readFileSync(history.path, 'utf8')) as {entries: unknown[]}).entries).toHaveLength(2);
		history.recordEnded([endedRow(3, now)]);
		expect((JSON.parse(readFileSync(history.path, 'utf8')) as {entries: Array<{id: string}>}).entries.map(entry => entry.id)).toEqual([
			hexId(3),
			hexId(2),
		]);
	});

	it('applies whichever bound keeps fewer', () => {
		const history = openHistory({cwd: dirs.make(), now: () => T0, bounds: {maxEntries: 3, maxAgeMs: 10 * DAY}});
		history.recordEnded([1, 2, 3, 4, 5].map(n => endedRow(n, T0 - n * DAY)));
		expect(history.list().map(entry => entry.id)).toEqual([1, 2, 3].map(n => hexId(n)));
		history.recordEnded([20, 30].map(n => endedRow(n, T0 - n * DAY)));
		expect(history.list().map(entry => entry.id)).toEqual([1, 2, 3].map(n => hexId(n)));

		const byAge = openHistory({cwd: dirs.make(), now: () => T0, bounds: {maxEntries: 100, maxAgeMs: 2.5 * DAY}});
		byAge.recordEnded([1, 2, 3, 4, 5].map(n => endedRow(n, T0 - n * DAY)));
		expect(byAge.list().map(entry => entry.id)).toEqual([1, 2].map(n => hexId(n)));
	});

	it('defaults to 1,000 entries and 90 days, changed by AGGWATCH_HISTORY_MAX_ENTRIES and AGGWATCH_HISTORY_MAX_AGE', () => {
		expect(openHistory({cwd: dirs.make()}).bounds).toEqual({maxEntries: 1000, maxAgeMs: 90 * DAY});
		expect(historyBoundsFromEnv({AGGWATCH_HISTORY_MAX_ENTRIES: '250', AGGWATCH_HISTORY_MAX_AGE: '30d'})).toEqual({
			maxEntries: 250,
			maxAgeMs: 30 * DAY,
		});
		expect(() => historyBoundsFromEnv({AGGWATCH_HISTORY_MAX_ENTRIES: 'lots'})).toThrow(
			/AGGWATCH_HISTORY_MAX_ENTRIES must be a whole number/,
		);
		expect(() => historyBoundsFromEnv({AGGWATCH_HISTORY_MAX_AGE: 'forever'})).toThrow(
			/AGGWATCH_HISTORY_MAX_AGE: Invalid duration "forever"/,
		);
	});

	it('fills in a source name learnt after the aggregation was recorded, and changes nothing else', () => {
		const history = openHistory({cwd: dirs.make(), now: () => T0});
		history.recordEnded([{...endedRow(1, T0), label: undefined}]);
		expect(history.list()[0]?.source).toBeUndefined();
		history.recordEnded([{...endedRow(1, T0 + MINUTE), label: 'Workday'}]);
		expect(history.list()).toEqual([expect.objectContaining({source: 'Workday', end: new Date(T0).toISOString()})]);
	});

	it('keeps the outcome read from the task after the end, and it survives a restart', () => {
		const dir = dirs.make();
		const history = openHistory({cwd: dir, now: () => T0});
		const ended = endedRow(1, T0);
		history.recordEnded([ended]);
		expect(history.list()[0]?.outcome).toBeUndefined();
		const task = {
			completionStatus: 'WARNING',
			messages: [
				{type: 'WARN', text: 'one'},
				{type: 'INFO', text: 'fine'},
				{type: 'WARN', text: 'two'},
			],
			counts: {total: 5000, created: 12},
		};
		// The next state: the same ended row, its task read (endedRows hands such rows over again).
		const next = endedRows(stateOf([ended]), stateOf([{...ended, task}]));
		expect(next.map(row => row.id)).toEqual([hexId(1)]);
		history.recordEnded(next);
		const outcome = {completionStatus: 'WARNING', warnings: 2, errors: 0, counts: {total: 5000, created: 12}};
		expect(history.list()).toEqual([expect.objectContaining({outcome, end: new Date(T0).toISOString()})]);
		expect(openHistory({cwd: dir, now: () => T0}).list()[0]?.outcome).toEqual(outcome);
		// A task still running says nothing yet.
		expect(endedRows(stateOf([ended]), stateOf([{...ended, task: {...task, completionStatus: null}}]))).toEqual([]);
	});

	it("takes the run's own start and end from its task when that is read after the end (a run that ended unwatched)", () => {
		const history = openHistory({cwd: dirs.make(), now: () => T0});
		// Seen only after it ended (expired): recorded with the time its end was seen, an hour after the real end.
		const ended = {...endedRow(1, T0), snapshot: {status: 'COMPLETED', start: new Date(T0 - 61 * MINUTE).toISOString()}};
		history.recordEnded([ended]);
		expect(history.list()[0]).toMatchObject({durationMs: 61 * MINUTE});
		const launched = new Date(T0 - 61 * MINUTE).toISOString();
		const completed = new Date(T0 - 61 * MINUTE + 16_000).toISOString();
		const task = {completionStatus: 'SUCCESS', messages: [], counts: {}, launched, completed};
		history.recordEnded(endedRows(stateOf([ended]), stateOf([{...ended, task}])));
		expect(history.list()).toEqual([
			expect.objectContaining({start: launched, end: completed, durationMs: 16_000, timesFromTask: true, outcome: expect.anything()}),
		]);
	});

	it('sets an unusable file aside with a warning and starts a new history', () => {
		const dir = dirs.make();
		const file = path.join(dir, HISTORY_FILE_NAME);
		writeFileSync(file, '{"entries": [tru');
		const warnings: string[] = [];
		const history = openHistory({cwd: dir, now: () => T0, onWarning: line => warnings.push(line)});
		expect(history.list()).toEqual([]);
		expect(warnings).toHaveLength(1);
		expect(warnings[0]).toMatch(
			/^The history file .*history\.json could not be used: it is not valid JSON .* It was moved to .*history\.json\.bak-.*; starting a new history\.$/,
		);
		const backup = readdirSync(dir).find(name => name.startsWith(`${HISTORY_FILE_NAME}.bak-`))!;
		expect(readFileSync(path.join(dir, backup), 'utf8')).toBe('{"entries": [tru');
		history.recordEnded([endedRow(1, T0)]);
		expect(history.list()).toHaveLength(1);
	});

	it('does not overwrite a history written by a newer aggwatch', () => {
		const dir = dirs.make();
		const file = path.join(dir, HISTORY_FILE_NAME);
		writeFileSync(file, JSON.stringify({schemaVersion: 2, entries: []}));
		const warnings: string[] = [];
		openHistory({cwd: dir, now: () => T0, onWarning: line => warnings.push(line)}).recordEnded([endedRow(1, T0)]);
		expect(warnings[0]).toContain('written by a newer aggwatch');
		const backup = readdirSync(dir).find(name => name.startsWith(`${HISTORY_FILE_NAME}.bak-`))!;
		expect(JSON.parse(readFileSync(path.join(dir, backup), 'utf8'))).toEqual({schemaVersion: 2, entries: []});
	});

	it('drops single entries it cannot read and keeps the rest', () => {
		const dir = dirs.make();
		writeFileSync(
			path.join(dir, HISTORY_FILE_NAME),
			JSON.stringify({
				schemaVersion: 1,
				entries: [{id: 'x'}, {tenant: 'acme', id: hexId(1), status: 'COMPLETED', end: new Date(T0).toISOString(), counts: {}}],
			}),
		);
		expect(
			openHistory({cwd: dir, now: () => T0})
				.list()
				.map(entry => entry.id),
		).toEqual([hexId(1)]);
	});
});
