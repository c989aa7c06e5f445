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

	let response;
	try {
		response = await options.http(request.path.replace(/^\/+/, ''), {
			method: request.method,
			...(request.query === undefined ? {} : {searchParams: request.query}),
			...(request.headers === undefined ? {} : {headers: request.headers}),
			...(request.form === undefined ? {} : {form: request.form}),
			...(request.body === undefined ? {} : {body: request.body}),
			...(request.signal === undefined ? {} : {signal: request.signal}),
		});
	} catch (error) {
		if (request.signal?.aborted === true) {
			log({errorCode: 'ABORTED'});
			throw request.signal.reason;
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
