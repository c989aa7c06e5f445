import {formatCount, formatDuration} from '../../../core/durations.js';
import {columnWidth, figuresText, fit, outcomeText} from '../../../domain/text.js';
import {isEndApproximate, type HistoryEntry} from '../../../history/entry.js';
import {clockTime, clockWithAge} from '../../text/clock-text.js';
import type {Segment} from '../../components/picker.js';
import type {DetailContent, DetailField} from '../../text/detail-fields.js';
import {endStatusLook, runOutcomeLook} from '../../theme/end-status.js';
import {idShortener} from '../../../core/short-ids.js';
import type {Glyphs} from '../../theme/theme.js';

/** How the history view lists finished aggregations. */

export function historyEntryKey(entry: HistoryEntry): string {
	return `${entry.tenant}\u0000${entry.id}`;
}

/** What the history filter matches: source, id, tenant and status. */
export function historyText(entry: HistoryEntry): string {
	return [entry.source ?? '', entry.id, entry.tenant, entry.status].join('\n');
}

function endOf(entry: HistoryEntry): number {
	const at = Date.parse(entry.end);
	return Number.isNaN(at) ? Number.NEGATIVE_INFINITY : at;
}

/** Newest end first; ties by tenant and id so the order is stable. */
export function newestFirst(entries: readonly HistoryEntry[]): HistoryEntry[] {
	return [...entries].sort((a, b) => endOf(b) - endOf(a) || historyEntryKey(a).localeCompare(historyEntryKey(b)));
}

function accountsOf(entry: HistoryEntry): number | undefined {
	return entry.counts.processedAccounts ?? entry.counts.totalAccounts;
}

/** The source, else the id cut by `short` (idShortener of the ids listed with it; default its first 8 characters). */
export function historyName(entry: HistoryEntry, short: (id: string) => string = idShortener([entry.id])): string {
	const name = entry.source ?? short(entry.id);
	// Runs aggwatch did not watch, found on the tenant's task list, are marked as such.
	return entry.foundOnTenant === true ? `${name} [on tenant]` : name;
}

/** Each column's width (0: hidden), from the entries and the width (historyLayout). */
export interface HistoryLayout {
	end: number;
	/** The end time without its seconds (and without the year when it is this year's): "12-06 23:09". */
	shortEnd: boolean;
	source: number;
	tenant: number;
	status: number;
	accounts: number;
	duration: number;
	id: number;
}

/** The cursor and its space. */
const LEAD = 2;
const TITLES = {end: 'ENDED', source: 'SOURCE', tenant: 'TENANT', status: 'OUTCOME', accounts: 'CHANGES', duration: 'DURATION', id: 'ID'};
const CAPS = {source: 30, tenant: 12, status: 26} as const;
/** A source name or an outcome is cut no shorter than this when even the words do not fit. */
const MIN_WORDS = 12;

function pad(value: number): string {
	return String(value).padStart(2, '0');
}

/** "23:09" today, "12-06 23:09" this year, "2025-12-06" before: an end time that takes less room than clockTime. */
export function shortClock(at: number, now: number): string {
	const date = new Date(at);
	const today = new Date(now);
	const time = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
	if (date.toDateString() === today.toDateString()) {
		return time;
	}

	const day = `${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
	return date.getFullYear() === today.getFullYear() ? `${day} ${time}` : `${date.getFullYear()}-${day}`;
}

function endText(entry: HistoryEntry, now: number, short: boolean): string {
	const end = endOf(entry);
	return Number.isFinite(end) ? (short ? shortClock(end, now) : clockTime(end, now)) : entry.end;
}

function statusText(entry: HistoryEntry, glyphs: Glyphs): string {
	const look = runOutcomeLook(entry.status, entry.outcome, glyphs);
	return `${look.glyph} ${look.text}`;
}

function accountsText(entry: HistoryEntry): string {
	const accounts = accountsOf(entry);
	return accounts === undefined ? '' : formatCount(accounts);
}

/**
 * The history's columns at this width, from what the entries say. The words (the source, the outcome) and the column
 * titles keep their whole text; the rest makes room for them, in this order: the id (the details show it), the end
 * time's seconds and year, the changes. Only then are the source and the outcome cut.
 */
export function historyLayout(
	entries: readonly HistoryEntry[],
	now: number,
	width: number,
	withTenant: boolean,
	glyphs: Glyphs,
	short: (id: string) => string,
): HistoryLayout {
	const layout: HistoryLayout = {
		end: columnWidth(
			TITLES.end,
			entries.map(entry => endText(entry, now, false)),
		),
		shortEnd: false,
		source: columnWidth(
			TITLES.source,
			entries.map(entry => historyName(entry, short)),
			CAPS.source,
		),
		tenant: withTenant
			? columnWidth(
					TITLES.tenant,
					entries.map(entry => entry.tenant),
					CAPS.tenant,
				)
			: 0,
		status: columnWidth(
			TITLES.status,
			entries.map(entry => statusText(entry, glyphs)),
			CAPS.status,
		),
		accounts: columnWidth(
			TITLES.accounts,
			entries.map(entry => accountsText(entry)),
		),
		duration: columnWidth(
			TITLES.duration,
			entries.map(entry => durationText(entry, glyphs)),
		),
		id: columnWidth(
			TITLES.id,
			entries.map(entry => short(entry.id)),
		),
	};
	const used = () =>
		LEAD +
		layout.end +
		[layout.source, layout.tenant, layout.status, layout.accounts, layout.duration, layout.id]
			.filter(column => column > 0)
			.reduce((total, column) => total + 1 + column, 0);
	const steps = [
		() => {
			layout.id = 0;
		},
		() => {
			layout.shortEnd = true;
			layout.end = columnWidth(
				TITLES.end,
				entries.map(entry => endText(entry, now, true)),
			);
		},
		() => {
			layout.accounts = 0;
		},
	];
	for (const step of steps) {
		if (used() <= width) {
			break;
		}

		step();
	}

	// Not even the words fit whole: cut the source, then the outcome.
	for (const column of ['source', 'status'] as const) {
		const over = used() - width;
		if (over > 0) {
			layout[column] = Math.max(Math.min(layout[column], MIN_WORDS), layout[column] - over);
		}
	}

	return layout;
}

/** Column titles matching historySegments. */
export function historyColumns(layout: HistoryLayout): string {
	const column = (title: string, width: number, align: 'left' | 'right' = 'left') => (width > 0 ? [fit(title, width, align, '~')] : []);
	const parts = [
		' '.repeat(LEAD) + fit(TITLES.end, layout.end, 'left', '~'),
		...column(TITLES.source, layout.source),
		...column(TITLES.tenant, layout.tenant),
		...column(TITLES.status, layout.status),
		...column(TITLES.accounts, layout.accounts, 'right'),
		...column(TITLES.duration, layout.duration, 'right'),
		...column(TITLES.id, layout.id),
	];
	return parts.join(' ');
}

export function historySegments(
	entry: HistoryEntry,
	now: number,
	layout: HistoryLayout,
	glyphs: Glyphs,
	short: (id: string) => string = idShortener([entry.id]),
): Segment[] {
	const {ellipsis} = glyphs;
	const look = runOutcomeLook(entry.status, entry.outcome, glyphs);
	const cell = (text: string, width: number, align: 'left' | 'right' = 'left') => ` ${fit(text, width, align, ellipsis)}`;
	const segments: Segment[] = [
		{text: fit(endText(entry, now, layout.shortEnd), layout.end, 'left', ellipsis), role: 'muted'},
		{text: cell(historyName(entry, short), layout.source)},
	];
	if (layout.tenant > 0) {
		segments.push({text: cell(entry.tenant, layout.tenant), role: 'accent'});
	}

	segments.push({text: cell(statusText(entry, glyphs), layout.status), role: look.role});
	if (layout.accounts > 0) {
		segments.push({text: cell(accountsText(entry), layout.accounts, 'right')});
	}

	segments.push({text: cell(durationText(entry, glyphs), layout.duration, 'right')});
	if (layout.id > 0) {
		segments.push({text: ` ${short(entry.id)}`, role: 'muted'});
	}

	return segments;
}

/** The duration, marked as an upper bound when the end was seen late. Empty without one. */
export function durationText(entry: HistoryEntry, glyphs: Glyphs): string {
	if (entry.durationMs === undefined) {
		return '';
	}

	return `${isEndApproximate(entry) ? glyphs.atMost : ''}${formatDuration(entry.durationMs)}`;
}

function pair(done: number | undefined, total: number | undefined): string {
	if (done === undefined && total === undefined) {
		return '-';
	}

	return `${done === undefined ? '?' : formatCount(done)} / ${total === undefined ? '?' : formatCount(total)}`;
}

function when(iso: string | undefined, now: number): string {
	if (iso === undefined) {
		return '-';
	}

	const at = Date.parse(iso);
	return Number.isNaN(at) ? iso : clockWithAge(at, now);
}

/** The detail pane of a history entry: everything the history kept about it (earlier runs are added by the caller). */
/** The run's outcome, from its task: completion status with its warnings and errors, and its figures. */
function outcomeFields({outcome}: HistoryEntry): DetailField[] {
	if (outcome === undefined) {
		return [];
	}

	const figures = figuresText(outcome.counts);
	return [
		{label: 'Outcome', value: outcomeText(outcome.completionStatus, outcome.warnings, outcome.errors)},
		...(figures === undefined ? [] : [{label: 'Figures', value: figures}]),
	];
}

export function historyDetail(entry: HistoryEntry, now: number, glyphs: Glyphs): DetailContent {
	const look = endStatusLook(entry.status, glyphs);
	const {counts} = entry;
	const fields: DetailField[] = [
		{label: 'Id', value: entry.id},
		{label: 'Tenant', value: entry.tenant},
		{label: 'Source', value: entry.source ?? '-'},
		{label: 'Status', value: `${look.glyph} ${entry.status}`, role: look.role},
		{label: 'Started', value: when(entry.start, now)},
		{label: 'Ended', value: when(entry.end, now)},
		{
			label: 'Duration',
			value:
				entry.durationMs === undefined
					? '-'
					: `${durationText(entry, glyphs)}${
							isEndApproximate(entry) ? ' (the end was seen late: at most this)' : entry.timesFromTask === true ? ' (from its task)' : ''
						}`,
		},
		...(entry.foundOnTenant === true
			? [{label: '[on tenant]', value: "found on the tenant's task list: it ended while aggwatch was not watching"}]
			: []),
		{label: 'Accounts', value: pair(counts.processedAccounts, counts.totalAccounts)},
		{label: 'Identities', value: pair(counts.processedIdentities, counts.totalIdentities)},
		{
			label: 'Marked for deletion',
			value: counts.totalAccountsMarkedForDeletion === undefined ? '-' : formatCount(counts.totalAccountsMarkedForDeletion),
		},
		{label: 'Deleted', value: counts.deletedAccounts === undefined ? '-' : formatCount(counts.deletedAccounts)},
		...outcomeFields(entry),
	];
	return {fields, lines: []};
}
