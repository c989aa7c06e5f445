import {formatCount, formatDuration} from '../../../core/durations.js';
import {figuresText, fit, outcomeText} from '../../../domain/text.js';
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

const WIDTHS = {end: 19, source: 26, tenant: 12, status: 16, accounts: 9, duration: 8} as const;

/** Column titles matching historySegments. */
export function historyColumns(withTenant: boolean): string {
	const parts = [
		'  ' + fit('ENDED', WIDTHS.end, 'left', '~'),
		fit('SOURCE', WIDTHS.source, 'left', '~'),
		...(withTenant ? [fit('TENANT', WIDTHS.tenant, 'left', '~')] : []),
		fit('OUTCOME', WIDTHS.status, 'left', '~'),
		fit('CHANGES', WIDTHS.accounts, 'right', '~'),
		fit('DURATION', WIDTHS.duration, 'right', '~'),
		'ID',
	];
	return parts.join(' ');
}

export function historySegments(
	entry: HistoryEntry,
	now: number,
	withTenant: boolean,
	glyphs: Glyphs,
	short: (id: string) => string = idShortener([entry.id]),
): Segment[] {
	const {ellipsis} = glyphs;
	const end = endOf(entry);
	const look = runOutcomeLook(entry.status, entry.outcome, glyphs);
	const accounts = accountsOf(entry);
	const segments: Segment[] = [
		{text: fit(Number.isFinite(end) ? clockTime(end, now) : entry.end, WIDTHS.end, 'left', ellipsis), role: 'muted'},
		{text: ` ${fit(historyName(entry, short), WIDTHS.source, 'left', ellipsis)}`},
	];
	if (withTenant) {
		segments.push({text: ` ${fit(entry.tenant, WIDTHS.tenant, 'left', ellipsis)}`, role: 'accent'});
	}

	segments.push(
		{text: ` ${fit(`${look.glyph} ${look.text}`, WIDTHS.status, 'left', ellipsis)}`, role: look.role},
		{text: ` ${fit(accounts === undefined ? '' : formatCount(accounts), WIDTHS.accounts, 'right', ellipsis)}`},
		{text: ` ${fit(durationText(entry, glyphs), WIDTHS.duration, 'right', ellipsis)}`},
		{text: ` ${short(entry.id)}`, role: 'muted'},
	);
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
