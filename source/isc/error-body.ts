import type {CredentialSource} from './credentials.js';
import {DEFAULT_CREDENTIAL_SOURCE} from './credentials.js';
import type {IscErrorKind} from '../domain/errors.js';
import {IscError} from '../domain/errors.js';
import {parseRetryAfter} from './retry-after.js';

/** What could be read from an error body, whichever of ISC's three shapes it had. */
export interface ErrorBody {
	/** The best one-line description: en-US (or first) message text, error_description, message or error. */
	text?: string;
	detailCode?: string;
	trackingId?: string;
	/** `error` of the 400/401 shape (e.g. invalid_client, or "JWT validation failed: JWT is expired"). */
	error?: string;
}

export type HeaderBag = Record<string, string | string[] | undefined>;

export interface ErrorContext {
	/** 'token' for POST /oauth/token, where 400 and 401 mean the client id or secret is wrong. Default 'api'. */
	endpoint?: 'token' | 'api';
	/** Named in auth messages so the user knows what to fix. */
	credentialSource?: CredentialSource;
	/** Values that must never appear in a message or hint (client secret, tokens); replaced by [redacted]. */
	secrets?: readonly string[];
	/** What was asked for, e.g. `Aggregation 2c91…`; used in not-found and forbidden messages. */
	subject?: string;
	/** This 401 came back for a token that was fetched after a previous 401. */
	afterRefresh?: boolean;
	/** What to do about a 403 on this call, when the caller knows better than the generic advice. */
	forbiddenHint?: string;
}

const MAX_TEXT = 200;

/** Secrets as they may stand in a body: as they are, and JSON-escaped (a scraped, undecodable string keeps escapes). */
function secretForms(secrets: readonly string[] | undefined): string[] {
	const forms = new Set<string>();
	for (const secret of secrets ?? []) {
		if (secret !== '') {
			forms.add(secret);
			forms.add(JSON.stringify(secret).slice(1, -1));
		}
	}

	return [...forms];
}

/**
 * One printable line of at most MAX_TEXT characters. Secrets are replaced first, so that cutting a long text
 * cannot leave the start of one behind, and collapsing blanks cannot hide one from the redaction.
 * C0 and C1 controls (ESC, CSI U+009B, ...) go, so a body cannot drive the terminal it is printed on.
 */
function clean(value: unknown, secrets: readonly string[]): string | undefined {
	if (typeof value !== 'string') {
		return undefined;
	}

	const single = redact(value, secrets)
		.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	if (single === '') {
		return undefined;
	}

	if (single.length <= MAX_TEXT) {
		return single;
	}

	// Cut between code points, not inside a surrogate pair.
	const cut = /[\ud800-\udbff]/.test(single.charAt(MAX_TEXT - 2)) ? MAX_TEXT - 2 : MAX_TEXT - 1;
	return `${single.slice(0, cut)}…`;
}

function pickMessageText(messages: unknown, secrets: readonly string[]): string | undefined {
	if (!Array.isArray(messages)) {
		return undefined;
	}

	const items = messages.filter(
		(item): item is Record<string, unknown> =>
			item !== null && typeof item === 'object' && typeof (item as Record<string, unknown>)['text'] === 'string',
	);
	const english = items.find(item => typeof item['locale'] === 'string' && item['locale'].toLowerCase() === 'en-us');
	return clean((english ?? items[0])?.['text'], secrets);
}

/** Pulls `"field": "value"` out of text that is not valid JSON (a truncated body). */
function scrape(raw: string, field: string, secrets: readonly string[]): string | undefined {
	const match = new RegExp(`"${field}"\\s*:\\s*"((?:[^"\\\\]|\\\\.)*)"`).exec(raw);
	if (match?.[1] === undefined) {
		return undefined;
	}

	try {
		return clean(JSON.parse(`"${match[1]}"`), secrets);
	} catch {
		return clean(match[1], secrets);
	}
}

function summarise(parts: {messageText?: string; description?: string; message?: string; error?: string}): string | undefined {
	if (parts.messageText !== undefined) {
		return parts.messageText;
	}

	if (parts.description !== undefined) {
		return parts.error === undefined || parts.error === parts.description ? parts.description : `${parts.description} (${parts.error})`;
	}

	return parts.message ?? parts.error;
}

function withoutUndefined(body: ErrorBody): ErrorBody {
	return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)) as ErrorBody;
}

/**
 * Reads an error body loosely. Accepts `{error, error_description}` (token endpoint, 401), `{message}` (429) and
 * ErrorResponseDto `{detailCode, trackingId, messages: [{locale, localeOrigin, text}]}` (everything else).
 * A body that is empty, HTML, or cut short yields what can be scraped from it, possibly nothing. Never throws.
 * Every field is one printable line; each of `secrets` (a tenant may echo what it was sent) reads [redacted].
 */
export function parseErrorBody(raw: string, secrets?: readonly string[]): ErrorBody {
	const hidden = secretForms(secrets);
	let parsed: unknown;
	try {
		parsed = JSON.parse(raw);
	} catch {
		const error = scrape(raw, 'error', hidden);
		return withoutUndefined({
			text: summarise({
				messageText: scrape(raw, 'text', hidden),
				description: scrape(raw, 'error_description', hidden),
				message: scrape(raw, 'message', hidden),
				error,
			}),
			detailCode: scrape(raw, 'detailCode', hidden),
			trackingId: scrape(raw, 'trackingId', hidden),
			error,
		});
	}

	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
		return {};
	}

	const body = parsed as Record<string, unknown>;
	const error = clean(body['error'], hidden);
	return withoutUndefined({
		text: summarise({
			messageText: pickMessageText(body['messages'], hidden),
			description: clean(body['error_description'], hidden),
			message: clean(body['message'], hidden),
			error,
		}),
		detailCode: clean(body['detailCode'], hidden),
		trackingId: clean(body['trackingId'], hidden),
		error,
	});
}

function header(headers: HeaderBag, name: string): string | undefined {
	const value = headers[name] ?? headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

/** Replaces every occurrence of each secret by [redacted]. */
export function redact(text: string, secrets: readonly string[] | undefined): string {
	let result = text;
	for (const secret of secrets ?? []) {
		if (secret !== '') {
			result = result.split(secret).join('[redacted]');
		}
	}

	return result;
}

function seconds(ms: number): string {
	const value = Math.ceil(ms / 100) / 10;
	return `${Number.isInteger(value) ? value.toFixed(0) : value.toFixed(1)} s`;
}

/**
 * Maps an HTTP error answer to an IscError: 401 auth, 403 forbidden, 404 not-found, 429 rate-limited
 * (with retryAfterMs from Retry-After, seconds or HTTP-date, relative to `now`), 5xx server, other 4xx request.
 * On the token endpoint 400 and 401 are auth, and the message names where the credentials came from.
 * Any other status (1xx, 3xx) is bad-response.
 * Messages, hints, detail codes and tracking ids never contain the values listed in `context.secrets`.
 */
export function toIscError(status: number, rawBody: string, headers: HeaderBag, now: number, context: ErrorContext = {}): IscError {
	const body = parseErrorBody(rawBody, context.secrets);
	const source = context.credentialSource ?? DEFAULT_CREDENTIAL_SOURCE;
	const text = body.text ?? body.detailCode;
	/** The tenant's own words, if any. The status itself travels in `status` (callers print it). */
	const detail = text === undefined ? '' : `: ${text}`;
	const common = {
		status,
		...(body.detailCode === undefined ? {} : {detailCode: body.detailCode}),
		...(body.trackingId === undefined ? {} : {trackingId: body.trackingId}),
	};

	const make = (kind: IscError['kind'], message: string, extra: {hint?: string; retryAfterMs?: number} = {}): IscError =>
		new IscError({
			kind,
			...common,
			message: redact(message, context.secrets),
			...(extra.hint === undefined ? {} : {hint: redact(extra.hint, context.secrets)}),
			...(extra.retryAfterMs === undefined ? {} : {retryAfterMs: extra.retryAfterMs}),
		});

	const named = context.credentialSource !== undefined;
	const credentials = named ? `${source.clientId} and ${source.clientSecret}` : 'the client id and secret';
	const kind = statusKind(status, context.endpoint) ?? 'bad-response';

	switch (kind) {
		case 'auth': {
			if (context.endpoint === 'token') {
				return make(kind, `ISC refused the client credentials${named ? ` from ${credentials}` : ''}${detail}`, {
					hint: `Check ${credentials}; the API client may have been deleted or its secret rotated`,
				});
			}

			const what = context.afterRefresh === true ? 'ISC rejected a freshly issued access token' : 'ISC rejected the access token';
			return make(kind, `${what}${detail}`, {
				hint: `The API client may have been disabled or lack the needed scopes; check ${credentials}`,
			});
		}

		case 'forbidden': {
			return make(kind, `Not allowed${context.subject === undefined ? '' : ` to read ${context.subject}`}${detail}`, {
				hint: context.forbiddenHint ?? 'The API client lacks the user level or scopes for this call (e.g. ORG_ADMIN or SOURCE_ADMIN)',
			});
		}

		case 'not-found': {
			return make(kind, `${context.subject ?? 'The resource'} was not found${detail}`);
		}

		case 'rate-limited': {
			const retryAfterMs = parseRetryAfter(header(headers, 'retry-after'), now);
			const after = retryAfterMs === undefined ? '' : `; retry after ${seconds(retryAfterMs)}`;
			return make(kind, `ISC rate limit reached${detail}${after}`, retryAfterMs === undefined ? {} : {retryAfterMs});
		}

		case 'server': {
			return make(kind, `ISC server error${detail}`);
		}

		case 'request': {
			return make(kind, `ISC refused the request${detail}`);
		}

		default: {
			return make('bad-response', `ISC answered with an unexpected status${detail}`);
		}
	}
}

/**
 * The IscError kind an HTTP status maps to, or undefined for 2xx. On the token endpoint 400 and 401 are auth:
 * that is how it says the client id or secret is wrong.
 */
export function statusKind(status: number, endpoint: ErrorContext['endpoint'] = 'api'): IscErrorKind | undefined {
	if (status >= 200 && status <= 299) {
		return undefined;
	}

	if (status === 401 || (endpoint === 'token' && status === 400)) {
		return 'auth';
	}

	if (status === 403) {
		return 'forbidden';
	}

	if (status === 404) {
		return 'not-found';
	}

	if (status === 429) {
		return 'rate-limited';
	}

	if (status >= 500 && status <= 599) {
		return 'server';
	}

	return status >= 400 && status <= 499 ? 'request' : 'bad-response';
}
