import {backoffDelay} from './backoff.js';
import type {IscError} from '../domain/errors.js';
import {isCertificateCode} from '../domain/certificate-codes.js';

/** Kinds worth trying again: the same request may well succeed a moment later. An untrusted certificate never does. */
export function isRetryable(error: IscError): boolean {
	if (error.kind === 'network' && isCertificateCode(error.code)) {
		return false;
	}

	return error.kind === 'network' || error.kind === 'server' || error.kind === 'rate-limited';
}

export interface RetryDelayOptions {
	baseMs: number;
	maxMs: number;
	/** The longest Retry-After we are willing to sleep through; longer ones are handed to the caller. */
	maxRetryAfterMs: number;
	random: () => number;
}

/**
 * How long to wait before retry number `attempt` (1-based), or undefined when the tenant asked for a pause
 * longer than maxRetryAfterMs: then the rate-limited error goes to the caller (with retryAfterMs) instead of
 * retrying early into another 429. A 429 without a usable Retry-After gets the ordinary backoff.
 */
export function retryDelay(error: IscError, attempt: number, options: RetryDelayOptions): number | undefined {
	if (error.kind === 'rate-limited' && error.retryAfterMs !== undefined) {
		return error.retryAfterMs > options.maxRetryAfterMs ? undefined : error.retryAfterMs;
	}

	return backoffDelay(attempt, {baseMs: options.baseMs, maxMs: options.maxMs, random: options.random});
}
