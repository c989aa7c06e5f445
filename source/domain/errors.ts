/**
 * Every failure the ISC client reports is an IscError with one of these kinds.
 * - auth: bad or rejected credentials (token endpoint 400/401, or a 401 that survives one token refresh)
 * - forbidden: 403, the credentials lack the user level or scope
 * - not-found: 404
 * - rate-limited: 429; `retryAfterMs` says how long the tenant asked us to wait
 * - server: 5xx
 * - network: reset, refused, DNS failure, timeout (see `code`)
 * - bad-response: a body that is not JSON, is truncated, or does not match the contract
 * - request: any other 4xx (a request the tenant refused as malformed)
 */
export type IscErrorKind = 'auth' | 'forbidden' | 'not-found' | 'rate-limited' | 'server' | 'network' | 'bad-response' | 'request';

export interface IscErrorInit {
	kind: IscErrorKind;
	message: string;
	status?: number;
	detailCode?: string;
	trackingId?: string;
	/** For rate-limited: the parsed Retry-After, in milliseconds. */
	retryAfterMs?: number;
	/** For network: the system or got code, e.g. ECONNRESET, ETIMEDOUT. */
	code?: string;
	/** What the user should do about it, when we know (e.g. "check SAIL_CLIENT_SECRET"). */
	hint?: string;
}

export class IscError extends Error {
	override readonly name = 'IscError';
	readonly kind: IscErrorKind;
	readonly status?: number;
	readonly detailCode?: string;
	readonly trackingId?: string;
	readonly retryAfterMs?: number;
	readonly code?: string;
	readonly hint?: string;

	constructor(init: IscErrorInit) {
		super(init.message);
		this.kind = init.kind;
		this.status = init.status;
		this.detailCode = init.detailCode;
		this.trackingId = init.trackingId;
		this.retryAfterMs = init.retryAfterMs;
		this.code = init.code;
		this.hint = init.hint;
	}

	/** An IscError as is; anything else thrown on the way (a bug, an abort) as a network-kind IscError with its message. */
	static from(error: unknown): IscError {
		if (error instanceof IscError) {
			return error;
		}

		const message = error instanceof Error ? error.message : String(error);
		const code = (error as {code?: unknown} | undefined)?.code;
		return new IscError({kind: 'network', message, ...(typeof code === 'string' ? {code} : {})});
	}

	/** A plain, JSON-safe copy (for state, storage and --json output). */
	toInfo(): IscErrorInfo {
		return {
			kind: this.kind,
			message: this.message,
			...(this.status === undefined ? {} : {status: this.status}),
			...(this.detailCode === undefined ? {} : {detailCode: this.detailCode}),
			...(this.trackingId === undefined ? {} : {trackingId: this.trackingId}),
			...(this.retryAfterMs === undefined ? {} : {retryAfterMs: this.retryAfterMs}),
			...(this.code === undefined ? {} : {code: this.code}),
			...(this.hint === undefined ? {} : {hint: this.hint}),
		};
	}
}

export type IscErrorInfo = Omit<IscErrorInit, never>;

export function isIscError(value: unknown): value is IscError {
	return value instanceof IscError;
}
