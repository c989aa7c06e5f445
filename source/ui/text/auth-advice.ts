import {formatDuration} from '../../core/durations.js';
import type {ErrorNote} from '../../core/types.js';

/** What a tenant whose credentials fail shows: what happened and what to do. */
export function authAdvice(tenant: string, error: ErrorNote, retryMs: number): string {
	const what = error.kind === 'forbidden' ? 'permission denied' : 'authentication failed';
	const fix =
		error.hint ??
		(error.kind === 'forbidden'
			? 'give the API client a scope or user level that can read aggregation status'
			: `check the client id and secret (aggwatch tenant add ${tenant})`);
	return `${tenant}: ${what} (${error.message}). To fix: ${fix}. Retrying every ${formatDuration(retryMs)}; r retries now.`;
}
