/**
 * Durations in the history come from the task (issue 22, item 12): HR CSV ended unwatched and was seen ended an
 * hour later; its task says launched 20:59:31, completed 20:59:47, so its duration is 16 s, exact (no ≤), as
 * `discover --ended` says. And the history's details say what [on tenant] means.
 */
import {expect, test} from 'vitest';
import {entryFromRow, isEndApproximate, type HistoryEntry} from '../../source/history/entry.js';
import {durationText, historyDetail} from '../../source/ui/screens/history/history-entries.js';
import {createTheme} from '../../source/ui/theme/theme.js';
import {endedRow} from './fixtures.js';

const {glyphs} = createTheme({color: false, ascii: false});
const LAUNCHED = Date.parse('2026-11-28T20:59:31Z');
const COMPLETED = Date.parse('2026-11-28T20:59:47Z');
const SEEN = COMPLETED + 59 * 60_000;

test("an end seen late takes the run's times from its task: 16 s, not ≤59m", () => {
	const row = endedRow(1, SEEN, {
		label: 'HR CSV',
		lastRunningAt: undefined,
		task: {
			completionStatus: 'SUCCESS',
			launched: new Date(LAUNCHED).toISOString(),
			completed: new Date(COMPLETED).toISOString(),
			messages: [],
			counts: {},
		},
	});
	const entry = entryFromRow(row, SEEN)!;
	expect(entry.durationMs).toBe(16_000);
	expect(entry.start).toBe('2026-11-28T20:59:31.000Z');
	expect(entry.end).toBe('2026-11-28T20:59:47.000Z');
	expect(isEndApproximate(entry)).toBe(false);
	expect(durationText(entry, glyphs)).toBe('16s');
	const duration = historyDetail(entry, SEEN, glyphs).fields.find(field => field.label === 'Duration');
	expect(duration?.value).toBe('16s (from its task)');
});

test('without the task times the end seen late stays an upper bound', () => {
	const entry = entryFromRow(endedRow(1, SEEN, {lastRunningAt: undefined}, 59 * 60_000), SEEN)!;
	expect(isEndApproximate(entry)).toBe(true);
	expect(durationText(entry, glyphs)).toBe('≤59m 00s');
});

test('the details of a run found on the tenant say what [on tenant] means', () => {
	const entry: HistoryEntry = {
		tenant: 'acme',
		id: 'ab000000000000000000000000000001',
		source: 'HR CSV',
		status: 'SUCCESS',
		start: new Date(LAUNCHED).toISOString(),
		end: new Date(COMPLETED).toISOString(),
		durationMs: 16_000,
		counts: {},
		recordedAt: new Date(SEEN).toISOString(),
		foundOnTenant: true,
		timesFromTask: true,
	};
	const fields = historyDetail(entry, SEEN, glyphs).fields;
	expect(fields.find(field => field.label === '[on tenant]')?.value).toContain('ended while aggwatch was not watching');
});
