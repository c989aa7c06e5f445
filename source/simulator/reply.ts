import {STATUS_CODES} from 'node:http';
import {newTrackingId} from './ids.js';

/** What a handler answers; server.ts turns it into bytes. */
export interface Reply {
	status: number;
	/** Serialised as JSON unless `raw` is set. undefined: no body. */
	body?: unknown;
	headers?: Record<string, string>;
	/** A body sent as-is (for the non-JSON and truncated faults). */
	raw?: {contentType: string; text: string};
}

export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
	return headers === undefined ? {status, body} : {status, body, headers};
}

/** ISC's usual fine-grained codes for the ErrorResponseDto bodies the simulator sends. */
const DETAIL_CODES: Record<number, string> = {
	400: '400.1 Bad Request Content',
	403: '403 Forbidden',
	404: '404 Not found',
	405: '405 Method Not Allowed',
	500: '500.0 Internal Fault',
};

const DEFAULT_TEXTS: Record<number, string> = {
	400: 'The request was syntactically correct but its content is semantically invalid.',
	403: 'The server understood the request but refuses to authorize it.',
	404: 'The server did not find a current representation for the target resource.',
	500: 'An internal fault occurred.',
};

/** `ErrorResponseDto`: {detailCode, trackingId, messages: [{locale, localeOrigin, text}]}, with a fresh trackingId. */
export function errorResponseDto(status: number, text?: string): Reply {
	return json(status, {
		detailCode: DETAIL_CODES[status] ?? `${status} ${STATUS_CODES[status] ?? 'Error'}`,
		trackingId: newTrackingId(),
		messages: [
			{
				locale: 'en-US',
				localeOrigin: 'DEFAULT',
				text: text ?? DEFAULT_TEXTS[status] ?? STATUS_CODES[status] ?? 'Error',
			},
		],
	});
}

/** The API's 401 body (`{error}`), e.g. for a missing, unknown or expired bearer token. */
export function unauthorized(error: string): Reply {
	return json(401, {error});
}

/** The API's 429 body plus Retry-After, as seconds or as an HTTP date. */
export function rateLimited(retryAfter: string): Reply {
	return json(429, {message: 'Rate Limit Exceeded'}, {'Retry-After': retryAfter});
}

/** Token endpoint errors carry OAuth's {error, error_description}. */
export function oauthError(status: 400 | 401, error: string, description: string): Reply {
	return json(status, {error, error_description: description});
}
