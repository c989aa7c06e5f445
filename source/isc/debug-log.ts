import type {IscErrorKind} from '../domain/errors.js';

/**
 * One HTTP exchange, for a `--debug FILE` request log. Holds no headers, no body, no token and no secret:
 * URLs carry only the path and query (filters, paging), never credentials.
 */
export interface RequestLogEntry {
	/** When the request was sent, epoch ms. */
	at: number;
	method: string;
	url: string;
	/** HTTP status, absent when no answer came (reset, refused, timeout). */
	status?: number;
	durationMs: number;
	/** 1 for the first try of an operation, 2 for its first retry (or its redo after a token refresh), and so on. */
	attempt: number;
	/** Set when the exchange failed: the kind of IscError it maps to. */
	errorKind?: IscErrorKind;
	/** System or got code for network failures (ECONNRESET, ETIMEDOUT, ...). */
	errorCode?: string;
}
