import {ReadError, RequestError, TimeoutError} from 'got';
import {IscError} from '../domain/errors.js';
import {isCertificateCode} from '../domain/certificate-codes.js';

/** Plain-words reasons for the system codes a user is likely to meet. */
const REASONS: Record<string, string> = {
	ECONNRESET: 'the connection was reset',
	ECONNREFUSED: 'the connection was refused',
	ENOTFOUND: 'the host name does not resolve; check the tenant name or base URL',
	EAI_AGAIN: 'the host name could not be resolved right now (DNS)',
	EHOSTUNREACH: 'the host is unreachable',
	ENETUNREACH: 'the network is unreachable',
	EPIPE: 'the connection closed while sending',
	ECONNABORTED: 'the connection was aborted',
	ERR_STREAM_PREMATURE_CLOSE: 'the connection closed early',
};

function seconds(ms: number): string {
	return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(ms < 1000 ? 2 : 1)} s`;
}

export interface NetworkErrorContext {
	/** host[:port] for the message. */
	host: string;
	/** The timeouts that were in force, to say which bound ran out. */
	timeouts: {connectMs: number; responseMs: number; requestMs: number};
	/** The proxy every request goes through, without credentials (e.g. http://proxy.corp:3128), if any. */
	proxy?: string;
}

/**
 * Turns a got failure that carries no HTTP answer into an IscError: network (with `code`) for resets, refusals,
 * DNS failures and timeouts; bad-response when the headers arrived but the body broke off.
 * Returns undefined for anything that is not a got RequestError (those are bugs and travel on unchanged).
 */
export function fromRequestFailure(error: unknown, context: NetworkErrorContext): IscError | undefined {
	if (!(error instanceof RequestError)) {
		return undefined;
	}

	if (error instanceof TimeoutError) {
		const {event} = error;
		const bound =
			event === 'request' ? context.timeouts.requestMs : event === 'response' ? context.timeouts.responseMs : context.timeouts.connectMs;
		const phase = event === 'response' ? 'for an answer' : event === 'request' ? 'for the whole request' : `to ${event}`;
		return new IscError({
			kind: 'network',
			code: 'ETIMEDOUT',
			message: `No answer from ${context.host}: gave up waiting ${phase} after ${seconds(bound)}`,
		});
	}

	const code = typeof error.code === 'string' && error.code !== '' ? error.code : 'ERR_NETWORK';
	if (error instanceof ReadError || error.response !== undefined) {
		return new IscError({
			kind: 'bad-response',
			code,
			...(error.response === undefined ? {} : {status: error.response.statusCode}),
			message: `The answer from ${context.host} broke off before its end (${code})`,
		});
	}

	if (isCertificateCode(code)) {
		return new IscError({
			kind: 'network',
			code,
			message: `The TLS certificate of ${context.host} is not trusted: ${error.message} (${code})`,
			hint: 'If a proxy or your company inspects TLS, point NODE_EXTRA_CA_CERTS at a PEM file with its CA certificate, then start aggwatch again',
		});
	}

	const reason = REASONS[code] ?? error.message;
	if (context.proxy !== undefined && (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EHOSTUNREACH')) {
		return new IscError({
			kind: 'network',
			code,
			message: `Cannot reach the proxy ${context.proxy} (on the way to ${context.host}): ${REASONS[code] === undefined ? error.message : REASONS[code]!.replace(/; check .*$/, '')} (${code})`,
			hint: "Check HTTPS_PROXY / HTTP_PROXY (or the tenant's proxy setting), or NO_PROXY for hosts to reach directly",
		});
	}

	return new IscError({kind: 'network', code, message: `Cannot reach ${context.host}: ${reason} (${code})`});
}
