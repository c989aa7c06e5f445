import {safeText} from '../domain/status.js';
import {formatCount, formatDuration} from '../core/durations.js';
import {entryAccounts, isEndApproximate, type HistoryEntry} from '../history/entry.js';
import {utcTime} from './utc-time.js';

const MAX_SOURCE_WIDTH = 32;

function fit(text: string, width: number): string {
	return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

/** "14m 03s"; "≤14m 03s" when the end was seen late (the real run was shorter); "?" without a start. */
export function durationText(entry: HistoryEntry): string {
	if (entry.durationMs === undefined) {
		return '?';
	}

	return `${isEndApproximate(entry) ? '≤' : ''}${formatDuration(entry.durationMs)}`;
}

/**
 * The plain table `aggwatch history` prints; the tenant column only when entries come from several tenants. OUTCOME,
 * WARN and ERR come from the run's task ("?" until aggwatch read it).
 */
export function formatHistoryTable(entries: readonly HistoryEntry[]): string[] {
	const showTenant = new Set(entries.map(entry => entry.tenant)).size > 1;
	const sourceWidth = Math.min(MAX_SOURCE_WIDTH, Math.max('SOURCE'.length, ...entries.map(entry => (entry.source ?? '?').length)));
	const tenantWidth = Math.max('TENANT'.length, ...entries.map(entry => entry.tenant.length));
	const header = [
		'ENDED'.padEnd(23),
		...(showTenant ? [fit('TENANT', tenantWidth)] : []),
		fit('SOURCE', sourceWidth),
		'STATUS'.padEnd(10),
		'OUTCOME'.padEnd(10),
		'WARN'.padStart(4),
		'ERR'.padStart(3),
		'ACCOUNTS'.padStart(10),
		'DURATION'.padStart(9),
		'ID',
	];
	const lines = [header.join('  ')];
	for (const entry of entries) {
		const accounts = entryAccounts(entry);
		lines.push(
			[
				utcTime(Date.parse(entry.end)).padEnd(23),
				...(showTenant ? [fit(entry.tenant, tenantWidth)] : []),
				fit(entry.source ?? '?', sourceWidth),
				entry.status.padEnd(10),
				(entry.outcome?.completionStatus ?? '?').padEnd(10),
				(entry.outcome === undefined ? '?' : String(entry.outcome.warnings)).padStart(4),
				(entry.outcome === undefined ? '?' : String(entry.outcome.errors)).padStart(3),
				(accounts === undefined ? '?' : formatCount(accounts)).padStart(10),
				durationText(entry).padStart(9),
				entry.id,
			]
				// The history file is text from outside too: nothing in it reaches the terminal as a sequence.
				.map(cell => safeText(cell))
				.join('  '),
		);
	}

	return lines;
}
