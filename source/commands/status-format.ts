import type {AggregationStatus} from '../domain/status.js';
import type {IscError} from '../domain/errors.js';
import {formatCount, formatDuration} from '../core/durations.js';
import {HELD_BACK_TEXT, markedText, removedText} from '../domain/words.js';

function ratio(done: number | undefined, total: number | undefined): string | undefined {
	if (done === undefined && total === undefined) {
		return undefined;
	}

	const percent = total !== undefined && total > 0 && done !== undefined ? ` (${((done / total) * 100).toFixed(1)}%)` : '';
	return `${done === undefined ? '?' : formatCount(done)} / ${total === undefined ? '?' : formatCount(total)}${percent}`;
}

/** "  Source        Workday", when the run's task named its source. */
export function sourceLines(source: string | undefined): string[] {
	return source === undefined ? [] : [`  Source        ${source}`];
}

/** The human block `aggwatch status` prints for one aggregation; `heldBack`: ISC held its deletions back; `source`: its source's name. */
export function formatStatusBlock(id: string, status: AggregationStatus, now: number, heldBack = false, source?: string): string {
	const lines = [`${id}  ${status.status ?? '(no status)'}`, ...sourceLines(source)];
	const accounts = ratio(status.processedAccounts, status.totalAccounts);
	if (accounts) {
		lines.push(`  Changes       ${accounts}`);
	}

	if (accounts === undefined && status.status === 'STARTED') {
		lines.push('  Changes       counting (counts appear once accounts are collected)');
	}

	if (status.totalAccountsMarkedForDeletion !== undefined || status.deletedAccounts !== undefined || heldBack) {
		const counts = `${markedText(status.totalAccountsMarkedForDeletion ?? 0)}, ${removedText(status.deletedAccounts ?? 0)}`;
		lines.push(`  Deletions     ${counts}${heldBack ? `; ${HELD_BACK_TEXT}` : ''}`);
	}

	const identities = ratio(status.processedIdentities, status.totalIdentities);
	if (identities) {
		lines.push(`  Identities    ${identities}`);
	}

	if (status.start) {
		const started = Date.parse(status.start);
		lines.push(
			`  Started       ${new Date(started)
				.toISOString()
				.replace('T', ' ')
				.replace(/\.\d+Z$/, ' UTC')} (${formatDuration(Math.max(0, now - started))} ago)`,
		);
	} else if (status.start === null) {
		lines.push('  Started       not yet');
	}

	return lines.join('\n');
}

/** One line for an error: what happened, the HTTP status, the tracking id support asks for, and what to do. */
export function formatErrorLine(id: string | undefined, error: IscError): string {
	const parts = [id ? `${id}: ${error.message}` : error.message];
	if (error.status !== undefined) {
		parts.push(`(HTTP ${error.status})`);
	}

	if (error.trackingId) {
		parts.push(`[trackingId ${error.trackingId}]`);
	}

	if (error.hint) {
		parts.push(`- ${error.hint}`);
	}

	return parts.join(' ');
}
