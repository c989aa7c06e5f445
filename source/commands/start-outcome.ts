import type {IscError} from '../domain/errors.js';
import {isCertificateCode} from '../domain/certificate-codes.js';

/** Network failures that happen before a request leaves: the tenant cannot have acted on it. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * Whether a failed load-accounts call may still have started an aggregation. A refusal the tenant answered
 * (401, 403, 404, 429, other 4xx) started nothing. A lost or garbled answer (connection reset, timeout, 5xx,
 * unreadable body) may have: the tenant can have acted before the answer was lost.
 */
export function mayHaveStarted(error: IscError): boolean {
	switch (error.kind) {
		case 'auth':
		case 'forbidden':
		case 'not-found':
		case 'rate-limited':
		case 'request': {
			return false;
		}

		case 'network': {
			// An untrusted certificate stops the request in the TLS handshake, before anything is sent.
			return error.code === undefined || !(NOT_SENT_CODES.has(error.code) || isCertificateCode(error.code));
		}

		case 'server':
		case 'bad-response': {
			return true;
		}
	}
}
