import type {ClientRequest, IncomingMessage} from 'node:http';
import type {Got} from 'got';
import type {RequestLogEntry} from './debug-log.js';
import type {ErrorContext} from './error-body.js';
import {redact, statusKind} from './error-body.js';
import {IscError} from '../domain/errors.js';
import type {NetworkErrorContext} from './network-error.js';
import {fromRequestFailure} from './network-error.js';

export interface ExchangeRequest {
	method: 'GET' | 'POST';
	/** Path from the host root, starting with a slash. */
	path: string;
	/** Already encoded query string, without `?`. */
	query?: string;
	headers?: Record<string, string>;
	form?: Record<string, string>;
	body?: FormData;
	signal?: AbortSignal;
	/**
	 * The largest answer body read, in bytes (decompressed). Reading stops there: the exchange fails as a bad-response
	 * with code ANSWER_TOO_LARGE (never retried). Default DEFAULT_MAX_ANSWER_BYTES.
	 */
	maxBytes?: number;
	/** For the request log. */
	attempt: number;
	endpoint: ErrorContext['endpoint'];
}

export interface ExchangeResult {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: string;
}

export interface ExchangeOptions {
	http: Got;
	baseUrl: string;
	network: NetworkErrorContext;
	now: () => number;
	/** Values that must not appear in an error message (the secret, tokens). */
	secrets: () => readonly string[];
	onRequest?: (entry: RequestLogEntry) => void;
}

/** Far above any real answer of the endpoints aggwatch calls (a status body is under 2 KB). */
export const DEFAULT_MAX_ANSWER_BYTES = 1024 * 1024;

/** The code of an answer cut off at its kind's size cap. */
export const ANSWER_TOO_LARGE = 'ANSWER_TOO_LARGE';

function megabytes(bytes: number): string {
	const mb = bytes / (1024 * 1024);
	return Number.isInteger(mb) ? String(mb) : mb.toFixed(1);
}

function tooLarge(host: string, maxBytes: number, status: number | undefined): IscError {
	return new IscError({
		kind: 'bad-response',
		code: ANSWER_TOO_LARGE,
		...(status === undefined ? {} : {status}),
		message: `The answer from ${host} is larger than ${megabytes(maxBytes)} MB; it was not read further and is not retried`,
	});
}

/** The full URL of a request, as logged and reported (it never holds credentials). */
export function requestUrl(baseUrl: string, path: string, query?: string): string {
	return `${baseUrl}${path}${query === undefined || query === '' ? '' : `?${query}`}`;
}

/**
 * One HTTP exchange, no retries: any status comes back as a result; a failure without an answer becomes an
 * IscError (network, or bad-response when the body broke off); an abort rejects with the signal's reason.
 * Every exchange, good or bad, goes to onRequest.
 */
export async function exchange(options: ExchangeOptions, request: ExchangeRequest): Promise<ExchangeResult> {
	const url = requestUrl(options.baseUrl, request.path, request.query);
	const at = options.now();
	const started = performance.now();
	const log = (fields: Pick<RequestLogEntry, 'status' | 'errorKind' | 'errorCode'>): void => {
		options.onRequest?.({at, method: request.method, url, durationMs: performance.now() - started, attempt: request.attempt, ...fields});
	};

	const maxBytes = request.maxBytes ?? DEFAULT_MAX_ANSWER_BYTES;
	// Set when the answer passes maxBytes: the request is cancelled there, so no more of it is read.
	let oversized: {status: number} | undefined;
	let answerStatus = 0;
	let response;
	try {
		const pending = options.http(request.path.replace(/^\/+/, ''), {
			method: request.method,
			...(request.query === undefined ? {} : {searchParams: request.query}),
			...(request.headers === undefined ? {} : {headers: request.headers}),
			...(request.form === undefined ? {} : {form: request.form}),
			...(request.body === undefined ? {} : {body: request.body}),
			...(request.signal === undefined ? {} : {signal: request.signal}),
		});
		// The promise's own response event comes only once the whole body is read: the headers come from the request.
		pending.on('request', (outgoing: ClientRequest) => {
			outgoing.once('response', (answer: IncomingMessage) => {
				answerStatus = answer.statusCode ?? 0;
				const declared = Number(answer.headers['content-length']);
				if (Number.isFinite(declared) && declared > maxBytes && oversized === undefined) {
					oversized = {status: answerStatus};
					pending.cancel();
				}
			});
		});
		pending.on('downloadProgress', (progress: {transferred: number}) => {
			if (progress.transferred > maxBytes && oversized === undefined) {
				oversized = {status: answerStatus};
				pending.cancel();
			}
		});
		response = await pending;
	} catch (error) {
		if (request.signal?.aborted === true) {
			log({errorCode: 'ABORTED'});
			throw request.signal.reason;
		}

		if (oversized !== undefined) {
			const status = oversized.status === 0 ? undefined : oversized.status;
			log({...(status === undefined ? {} : {status}), errorKind: 'bad-response', errorCode: ANSWER_TOO_LARGE});
			throw tooLarge(options.network.host, maxBytes, status);
		}

		const mapped = fromRequestFailure(error, options.network);
		if (mapped === undefined) {
			throw error;
		}

		log({
			...(mapped.status === undefined ? {} : {status: mapped.status}),
			errorKind: mapped.kind,
			...(mapped.code === undefined ? {} : {errorCode: mapped.code}),
		});
		throw new IscError({...mapped.toInfo(), message: redact(mapped.message, options.secrets())});
	}

	const kind = statusKind(response.statusCode, request.endpoint);
	log({status: response.statusCode, ...(kind === undefined ? {} : {errorKind: kind})});
	return {status: response.statusCode, headers: response.headers, body: response.body};
}
