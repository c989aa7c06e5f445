import {isCertificateError} from '../../domain/certificate-codes.js';
import {formatDuration} from '../../core/durations.js';
import type {ErrorNote} from '../../core/types.js';

/** What a stopped tenant (credentials, permission, an untrusted TLS certificate) shows: what happened and what to do. */
export function authAdvice(tenant: string, error: ErrorNote, retryMs: number): string {
	const what = isCertificateError(error)
		? 'TLS certificate not trusted'
		: error.kind === 'forbidden'
			? 'permission denied'
			: 'authentication failed';
	const fix =
		error.hint ??
		(error.kind === 'forbidden'
			? 'give the API client a scope or user level that can read aggregation status'
			: `check the client id and secret (aggwatch tenant add ${tenant})`);
	return `${tenant}: ${what} (${error.message}). To fix: ${fix}. Retrying every ${formatDuration(retryMs)}; r retries now.`;
}

/** The short word rows of a stopped tenant carry: "tls" for an untrusted certificate, else the error's kind. */
export function tenantStopWord(error: ErrorNote): string | undefined {
	return isCertificateError(error) ? 'tls' : undefined;
}
