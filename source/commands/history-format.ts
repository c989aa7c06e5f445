import {formatCount, formatDuration} from '../core/durations.js';
import {normalCompletionStatus, outcomeLabel} from '../domain/outcome.js';
import {entryAccounts, isEndApproximate, type HistoryEntry} from '../history/entry.js';
import {utcTime} from './utc-time.js';
import {fit} from '../domain/text.js';

const MAX_SOURCE_WIDTH = 32;

/** "14m 03s"; "≤14m 03s" when the end was seen late (the real run was shorter); "?" without a start. */
export function durationText(entry: HistoryEntry): string {
	if (entry.durationMs === undefined) {
		return '?';
	}

	return `${isEndApproximate(entry) ? '≤' : ''}${formatDuration(entry.durationMs)}`;
}

/** A history entry's outcome as the row badge says it: "completed ⚠ 3", "completed ✖ 2", "cancelled". */
function entryOutcome(entry: HistoryEntry): string {
	return outcomeLabel(entry.status, entry.outcome);
}

/** One `history --json` line: the entry as recorded, its task's completion status in one spelling (raw beside it if it differs). */
export function historyJson(entry: HistoryEntry): object {
	if (entry.outcome === undefined) {
		return entry;
	}

	const raw = entry.outcome.completionStatus;
	const normal = normalCompletionStatus(raw);
	return {...entry, outcome: {...entry.outcome, completionStatus: normal, ...(normal === raw ? {} : {completionStatusRaw: raw})}};
}

/**
 * The plain table `aggwatch history` prints; the tenant column only when entries come from several tenants. OUTCOME
 * is said as the row badge says it, with the task's warnings and errors once aggwatch read it. CHANGES are the status
 * endpoint's (new, changed and deleted accounts); SCANNED the accounts the task says were read ("?" until known).
 */
export function formatHistoryTable(entries: readonly HistoryEntry[]): string[] {
	const showTenant = new Set(entries.map(entry => entry.tenant)).size > 1;
	const sourceWidth = Math.min(MAX_SOURCE_WIDTH, Math.max('SOURCE'.length, ...entries.map(entry => (entry.source ?? '?').length)));
	const tenantWidth = Math.max('TENANT'.length, ...entries.map(entry => entry.tenant.length));
	const outcomes = entries.map(entry => entryOutcome(entry));
	const outcomeWidth = Math.max('OUTCOME'.length, ...outcomes.map(text => [...text].length));
	const pad = (text: string) => text + ' '.repeat(Math.max(0, outcomeWidth - [...text].length));
	const header = [
		'ENDED'.padEnd(23),
		...(showTenant ? [fit('TENANT', tenantWidth)] : []),
		fit('SOURCE', sourceWidth),
		pad('OUTCOME'),
		'CHANGES'.padStart(9),
		'SCANNED'.padStart(9),
		'DURATION'.padStart(9),
		'ID',
	];
	const lines = [header.join('  ')];
	for (const [index, entry] of entries.entries()) {
		const changes = entryAccounts(entry);
		const scanned = entry.outcome?.counts['total'];
		lines.push(
			[
				utcTime(Date.parse(entry.end)).padEnd(23),
				...(showTenant ? [fit(entry.tenant, tenantWidth)] : []),
				fit(entry.source ?? '?', sourceWidth),
				pad(outcomes[index]!),
				(changes === undefined ? '?' : formatCount(changes)).padStart(9),
				(scanned === undefined ? '?' : formatCount(scanned)).padStart(9),
				durationText(entry).padStart(9),
				entry.id,
			].join('  '),
		);
	}

	return lines;
}
