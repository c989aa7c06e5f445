import type {IscErrorKind} from '../../domain/errors.js';
import {formatCount, formatDuration, formatRate} from '../../core/durations.js';
import {isPolledPhase} from '../../core/phase.js';
import {eta, isStale, percent, rate, rowElapsed} from '../../core/progress.js';
import type {ErrorNote, TrackedRow} from '../../core/types.js';
import {badgeFor, type Badge} from '../theme/badge.js';
import {tenantStopWord} from './auth-advice.js';

/** Everything one list line shows, as text, derived from the row alone. */
export interface RowCells {
	label: string;
	badge: Badge;
	/** Still polled and has a status: show the spinner. */
	spinning: boolean;
	/** 0 to 100, undefined when the counts are not known yet. */
	percent?: number;
	/** "1,234/5,000", or "" before the counts appear. */
	counts: string;
	rate: string;
	eta: string;
	elapsed: string;
	stale: boolean;
	/** A short word for the last error, e.g. "net" or "5xx" (or "auth" while the row's tenant fails); empty when fine. */
	error: string;
}

const ERROR_WORDS: Record<IscErrorKind, string> = {
	auth: 'auth',
	forbidden: '403',
	'not-found': '404',
	'rate-limited': '429',
	server: '5xx',
	network: 'net',
	'bad-response': 'bad',
	request: '4xx',
};

export function errorWord(kind: IscErrorKind): string {
	return ERROR_WORDS[kind];
}

import {shortId} from '../../core/short-ids.js';

export {shortId};

/** @param idText The row's id as the list shows it (see idShortener); default its first 8 characters. */
export function rowLabel(row: TrackedRow, withTenant = false, idText?: string): string {
	const name = row.label ?? idText ?? shortId(row.id);
	return withTenant ? `${row.tenant}/${name}` : name;
}

/**
 * @param withTenant Put the tenant in front of the label (rows of several tenants, no room for a tenant column).
 * @param tenantError The row's tenant is stopped (credentials, an untrusted certificate): still-polled rows are marked with it.
 */
export function rowCells(
	row: TrackedRow,
	now: number,
	intervalMs: number,
	withTenant = false,
	tenantError?: ErrorNote,
	idText?: string,
): RowCells {
	const snapshot = row.snapshot;
	const polled = isPolledPhase(row.phase);
	const done = percent(snapshot);
	const processed = snapshot?.processedAccounts;
	const total = snapshot?.totalAccounts;
	let counts = '';
	if (processed !== undefined || total !== undefined) {
		counts = `${processed === undefined ? '?' : formatCount(processed)}/${total === undefined ? '?' : formatCount(total)}`;
	}

	const perSecond = polled ? rate(row.samples) : undefined;
	const remaining = eta(row, now);
	const elapsedMs = rowElapsed(row, now);
	return {
		label: rowLabel(row, withTenant, idText),
		badge: badgeFor(row),
		spinning: row.phase === 'running',
		...(done === undefined ? {} : {percent: done}),
		counts,
		rate: perSecond === undefined ? '' : formatRate(perSecond),
		eta: remaining === undefined ? '' : formatDuration(remaining),
		elapsed: elapsedMs === undefined ? '' : formatDuration(elapsedMs),
		stale: isStale(row, now, intervalMs),
		error: !polled
			? ''
			: row.lastError !== undefined
				? errorWord(row.lastError.kind)
				: tenantError === undefined
					? ''
					: (tenantStopWord(tenantError) ?? errorWord(tenantError.kind)),
	};
}
