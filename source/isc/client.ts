import got, {type Got} from 'got';
import {version} from '../version.js';
import type {ApiVersion} from '../domain/api-version.js';
import {DEFAULT_API_VERSION} from '../domain/api-version.js';
import type {CredentialSource, IscCredentials} from './credentials.js';
import type {RequestLogEntry} from './debug-log.js';
import type {ErrorContext} from './error-body.js';
import {toIscError} from './error-body.js';
import {IscError} from '../domain/errors.js';
import type {ExchangeOptions, ExchangeRequest} from './http-exchange.js';
import {exchange, requestUrl} from './http-exchange.js';
import {parseJsonBody} from './json-body.js';
import type {LoadAccountsTask} from './load-accounts.js';
import {parseLoadAccountsTask} from './load-accounts.js';
import {createAgents, type ClientAgents} from './proxy-agents.js';
import {isRetryable, retryDelay} from './retry-policy.js';
import type {Sleep} from './sleep.js';
import {defaultSleep} from './sleep.js';
import type {ManagedCluster} from './managed-cluster.js';
import {parseManagedCluster} from './managed-cluster.js';
import type {SourceSchedule} from './schedules.js';
import {parseSourceSchedules} from './schedules.js';
import type {IscSource} from './source.js';
import {parseSource, parseSourceList} from './source.js';
import type {AggregationStatus} from '../domain/status.js';
import {parseAggregationStatus} from './status.js';
import type {TaskStatus} from './task-status.js';
import {parseTaskStatus, parseTaskStatusList} from './task-status.js';
import {parseTokenGrant} from './token-grant.js';
import {TokenManager} from './token-manager.js';
import {resolveBaseUrl, statusPath} from './urls.js';

export type {RequestLogEntry} from './debug-log.js';
export type {ApiVersion} from '../domain/api-version.js';
export type {IscCredentials, CredentialSource} from './credentials.js';

/** A retry the client is about to make, reported before it sleeps (so a CLI can say "retrying in 4 s"). */
export interface RetryDecision {
	/** Which retry this is: 1 for the first. The request about to be sent is try number attempt + 1. */
	attempt: number;
	/** How long the client sleeps before sending it. */
	delayMs: number;
	/** What went wrong with the previous try. */
	error: IscError;
	method: string;
	url: string;
}

export interface ClientTimeouts {
	/** DNS lookup, TCP connect and TLS handshake, each. Default 5 s. */
	connectMs?: number;
	/** From the request being sent to the response headers. Default 15 s. */
	responseMs?: number;
	/** The whole request, body included. Default 30 s. */
	requestMs?: number;
}

export interface ClientOptions {
	/** Which path the status endpoint is reached through. Default v2025. Other endpoints always use v2025. */
	apiVersion?: ApiVersion;
	timeouts?: ClientTimeouts;
	/** Retries per call after 429, 5xx and network failures. Default 3. The monitor passes 0 and schedules itself. */
	retries?: number;
	/** Longest Retry-After the client sleeps through; a longer one is thrown as rate-limited (with retryAfterMs). Default 60 s. */
	maxRetryAfterMs?: number;
	/** Exponential backoff with equal jitter for 5xx and network failures. Default 1 s doubling up to 16 s. */
	backoff?: {baseMs?: number; maxMs?: number};
	onRetry?: (decision: RetryDecision) => void;
	/** Every HTTP exchange, for a request log. Entries hold no headers, tokens or secrets. */
	onRequest?: (entry: RequestLogEntry) => void;
	/** Default `aggwatch/<version>`. */
	userAgent?: string;
	/** How messages name the tenant (e.g. a saved tenant's name). Default: from the base URL ("acme" for https://acme.api.identitynow.com). */
	tenant?: string;
	/** Send every request through this HTTP(S) proxy (see proxyFor in proxy.ts for HTTPS_PROXY / NO_PROXY). Default: direct. */
	proxy?: URL;
	/** In [0, 1), for backoff jitter. Default Math.random. */
	random?: () => number;
	/** Default: a real timer that an AbortSignal cancels. */
	sleep?: Sleep;
	/** Clock (epoch ms), for Retry-After dates, token lifetimes and log times. Default Date.now. */
	now?: () => number;
}

export interface CallOptions {
	/** Overrides ClientOptions.retries for this call. */
	retries?: number;
	/** Cancels the request and any retry sleep; the call then rejects with the signal's reason. */
	signal?: AbortSignal;
	/**
	 * Called right before each HTTP request of the call (not its token requests) would leave, retries and the repeat
	 * after a token refresh included; the request waits for the promise it may return (a caller's rate budget).
	 */
	onSend?: (() => void) | (() => Promise<void>);
}

export interface PageOptions {
	/** 0 to 250. Default 250. */
	limit?: number;
	/** Default 0. */
	offset?: number;
}

export const DEFAULT_TIMEOUTS: Required<ClientTimeouts> = {connectMs: 5000, responseMs: 15_000, requestMs: 30_000};
export const DEFAULT_RETRIES = 3;
export const DEFAULT_MAX_RETRY_AFTER_MS = 60_000;
export const DEFAULT_BACKOFF = {baseMs: 1000, maxMs: 16_000};

/** Repeats of one call after 401s for tokens that lapsed on the way (see #run), besides its one token refresh. */
const MAX_LAPSED_REPEATS = 2;

/** The filter that lists running account aggregations. */
export const RUNNING_AGGREGATIONS_FILTER = 'type eq "CLOUD_ACCOUNT_AGGREGATION" and completionStatus isnull';

/**
 * The filter that lists the account aggregations of some sources (`sourceId in (…)`), or only their running ones
 * (`completionStatus isnull`): one task-status list for many sources, instead of one task per source.
 */
export function sourcesAggregationsFilter(sourceIds: readonly string[], runningOnly = false): string {
	const ids = sourceIds.map(id => JSON.stringify(id)).join(',');
	return `type eq "CLOUD_ACCOUNT_AGGREGATION" and sourceId in (${ids})${runningOnly ? ' and completionStatus isnull' : ''}`;
}

interface Operation<T> {
	method: 'GET' | 'POST';
	path: string;
	query?: string;
	headers?: Record<string, string>;
	/** A fresh body for each try (a FormData cannot be sent twice). */
	body?: () => FormData;
	/**
	 * False for requests that start something (load-accounts): they are never retried once they may have
	 * reached the tenant, whatever the failure; only a 401 (which proves nothing was done) is redone once.
	 */
	idempotent: boolean;
	/** Names the thing asked for in not-found and forbidden messages. */
	subject?: string;
	/** What the body is, for bad-response messages. */
	what: string;
	/** The endpoint takes user-context tokens only (a PAT): a 403 says so. */
	userContextOnly?: boolean;
	parse: (json: unknown) => T;
}

/** The tenant a base URL names: "acme" for https://acme.api.identitynow.com, else the host. */
export function tenantOf(baseUrl: string): string {
	const {host} = new URL(baseUrl);
	return /^([^.]+)\.api\.identitynow(?:-demo)?\.com$/i.exec(host)?.[1] ?? host;
}

/** The claims of a JWT access token, or undefined when it is not one (the signature is not checked: advice only). */
function tokenClaims(token: string): Record<string, unknown> | undefined {
	try {
		const claims: unknown = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
		return claims !== null && typeof claims === 'object' && !Array.isArray(claims) ? (claims as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}

/**
 * The advice for a 403 from an endpoint that takes user-context tokens only. A token of a personal access token
 * carries the user (identity_id / user_name claims); one of an API client (client credentials of an OAuth client)
 * does not.
 */
function userContextHint(token: string, tenant: string): string {
	const claims = tokenClaims(token);
	const pat = `use a personal access token (PAT) of a user with ORG_ADMIN, SOURCE_ADMIN or SOURCE_SUBADMIN in tenant ${tenant}`;
	if (claims !== undefined && claims['identity_id'] === undefined && claims['user_name'] === undefined) {
		return `These credentials are an API client without user context, and the aggregation status endpoint accepts only user-context tokens: ${pat}`;
	}

	if (claims !== undefined) {
		return `The user of this personal access token lacks the user level for the aggregation status: ${pat}`;
	}

	return `The aggregation status endpoint accepts only user-context tokens; if these credentials are an API client, ${pat}`;
}

function queryString(params: Record<string, string | number | undefined>): string {
	return Object.entries(params)
		.filter((entry): entry is [string, string | number] => entry[1] !== undefined)
		.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
		.join('&');
}

/**
 * The ISC client for one tenant: the only code in aggwatch that talks HTTP. It owns one got instance and its
 * connection pool, the access token, timeouts, retries and the mapping of every failure to an IscError.
 * Results are validated objects; failures are IscErrors (or the AbortSignal's reason), never raw got errors.
 */
/** Paging plus the standard `filters` and `sorters` collection parameters. */
export type ListQuery = PageOptions & {filters?: string; sorters?: string};

export class IscClient {
	/** Normalised base URL, e.g. https://acme.api.identitynow.com. */
	readonly baseUrl: string;
	readonly apiVersion: ApiVersion;
	readonly #clientId: string;
	readonly #clientSecret: string;
	readonly #credentialSource: CredentialSource | undefined;
	readonly #http: Got;
	readonly #agents: ClientAgents;
	readonly #tokens: TokenManager;
	readonly #exchange: ExchangeOptions;
	readonly #retries: number;
	readonly #maxRetryAfterMs: number;
	readonly #backoff: {baseMs: number; maxMs: number};
	readonly #onRetry: ((decision: RetryDecision) => void) | undefined;
	readonly #random: () => number;
	readonly #sleep: Sleep;
	readonly #now: () => number;
	readonly #tenant: string;
	/** Source lists go with for-subadmin=me: a plain one was refused (403) and that one was not. */
	#forSubadmin = false;
	/** Tokens handed out so far: kept out of every error message. */
	readonly #issued = new Set<string>();

	/** Throws a BaseUrlError when `credentials.baseUrl` is not a usable tenant name or URL. */
	constructor(credentials: IscCredentials, options: ClientOptions = {}) {
		this.baseUrl = resolveBaseUrl(credentials.baseUrl);
		this.apiVersion = options.apiVersion ?? DEFAULT_API_VERSION;
		this.#clientId = credentials.clientId;
		this.#clientSecret = credentials.clientSecret;
		this.#credentialSource = credentials.credentialSource;
		this.#retries = Math.max(0, Math.floor(options.retries ?? DEFAULT_RETRIES));
		this.#maxRetryAfterMs = options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
		this.#backoff = {...DEFAULT_BACKOFF, ...options.backoff};
		this.#onRetry = options.onRetry;
		this.#random = options.random ?? Math.random;
		this.#sleep = options.sleep ?? defaultSleep;
		this.#now = options.now ?? Date.now;
		this.#tenant = options.tenant ?? tenantOf(this.baseUrl);

		const timeouts = {...DEFAULT_TIMEOUTS, ...options.timeouts};
		this.#agents = createAgents(options.proxy);
		this.#http = got.extend({
			prefixUrl: this.baseUrl,
			headers: {
				'user-agent': options.userAgent ?? `aggwatch/${version}`,
				accept: 'application/json',
			},
			timeout: {
				lookup: timeouts.connectMs,
				connect: timeouts.connectMs,
				secureConnect: timeouts.connectMs,
				response: timeouts.responseMs,
				request: timeouts.requestMs,
			},
			// Retries are ours (see #run): one budget, onRetry before each sleep, and no retry of load-accounts.
			// got's own are off; maxRetryAfter is set anyway so got never sleeps through a long Retry-After.
			retry: {limit: 0, maxRetryAfter: this.#maxRetryAfterMs},
			throwHttpErrors: false,
			followRedirect: false,
			responseType: 'text',
			agent: this.#agents,
		});
		this.#exchange = {
			http: this.#http,
			baseUrl: this.baseUrl,
			network: {
				host: new URL(this.baseUrl).host,
				timeouts,
				// Named in errors without any user:password it may carry.
				...(options.proxy === undefined ? {} : {proxy: `${options.proxy.protocol}//${options.proxy.host}`}),
			},
			now: this.#now,
			secrets: () => [this.#clientSecret, ...this.#issued],
			...(options.onRequest === undefined ? {} : {onRequest: options.onRequest}),
		};
		this.#tokens = new TokenManager({fetch: async () => this.#fetchToken(), now: this.#now});
	}

	/** Token requests sent so far (N status calls within a token's lifetime should cost one). */
	get tokenRequests(): number {
		return this.#tokens.tokenRequests;
	}

	/**
	 * Gets an access token (or reuses the cached one): proves the base URL, client id and secret work.
	 * Throws IscError like any call (auth when ISC refuses the credentials). No retries beyond the client's own.
	 */
	async checkCredentials(): Promise<void> {
		await this.#tokens.token();
	}

	/** GET the status of an account aggregation (the task id load-accounts returned). */
	async getAggregationStatus(id: string, options: CallOptions = {}): Promise<AggregationStatus> {
		return this.#run(
			{
				method: 'GET',
				path: statusPath(this.apiVersion, id),
				headers: {'x-sailpoint-experimental': 'true'},
				idempotent: true,
				subject: `Aggregation ${id}`,
				what: 'status body',
				userContextOnly: true,
				parse: parseAggregationStatus,
			},
			options,
		);
	}

	/**
	 * GET /v2025/task-status/{id}: the task of an aggregation (the same id). ISC keeps it 90 days, so it still answers
	 * after the status endpoint has forgotten the aggregation; its completionStatus, messages and counts are the outcome.
	 */
	async getTaskStatus(id: string, options: CallOptions = {}): Promise<TaskStatus> {
		return this.#run(
			{
				method: 'GET',
				path: `/v2025/task-status/${encodeURIComponent(id)}`,
				idempotent: true,
				subject: `Task ${id}`,
				what: 'task status',
				parse: parseTaskStatus,
			},
			options,
		);
	}

	/** Running account aggregations, newest first: GET /v2025/task-status filtered on CLOUD_ACCOUNT_AGGREGATION and no completion status. */
	async listRunningAggregations(page: PageOptions = {}, options: CallOptions = {}): Promise<TaskStatus[]> {
		return this.#run(
			{
				method: 'GET',
				path: '/v2025/task-status',
				query: queryString({
					limit: page.limit ?? 250,
					offset: page.offset ?? 0,
					filters: RUNNING_AGGREGATIONS_FILTER,
					sorters: '-created',
				}),
				idempotent: true,
				what: 'task status list',
				parse: parseTaskStatusList,
			},
			options,
		);
	}

	/** GET /v2025/sources/{id}. */
	async getSource(id: string, options: CallOptions = {}): Promise<IscSource> {
		return this.#run(
			{
				method: 'GET',
				path: `/v2025/sources/${encodeURIComponent(id)}`,
				idempotent: true,
				subject: `Source ${id}`,
				what: 'source',
				parse: parseSource,
			},
			options,
		);
	}

	/** GET /v2025/sources/{sourceId}/schedules: the source's aggregation schedules (Quartz cron expressions). */
	async listSourceSchedules(sourceId: string, options: CallOptions = {}): Promise<SourceSchedule[]> {
		return this.#run(
			{
				method: 'GET',
				path: `/v2025/sources/${encodeURIComponent(sourceId)}/schedules`,
				idempotent: true,
				subject: `Source ${sourceId}`,
				what: 'source schedule list',
				parse: parseSourceSchedules,
			},
			options,
		);
	}

	/** GET /v2025/managed-clusters/{id}: a virtual appliance cluster, for the zone its sources' schedules run in. */
	async getManagedCluster(id: string, options: CallOptions = {}): Promise<ManagedCluster> {
		return this.#run(
			{
				method: 'GET',
				path: `/v2025/managed-clusters/${encodeURIComponent(id)}`,
				idempotent: true,
				subject: `Managed cluster ${id}`,
				what: 'managed cluster',
				parse: parseManagedCluster,
			},
			options,
		);
	}

	/** GET /v2025/task-status with any filter (e.g. `id in ("…","…")`), sorters and paging. */
	async listTaskStatus(query: ListQuery = {}, options: CallOptions = {}): Promise<TaskStatus[]> {
		return this.#list('/v2025/task-status', 'task status list', parseTaskStatusList, query, options);
	}

	/**
	 * GET /v2025/sources, optionally with a filter (e.g. `name sw "Work"`) and sorters. A SOURCE_SUBADMIN must say
	 * `for-subadmin=me` or gets 403 (the document says so): after a 403 the list is asked once more that way, and this
	 * client keeps asking that way from then on.
	 */
	async listSources(query: ListQuery = {}, options: CallOptions = {}): Promise<IscSource[]> {
		if (this.#forSubadmin) {
			return this.#list('/v2025/sources', 'source list', parseSourceList, query, options, {'for-subadmin': 'me'});
		}

		try {
			return await this.#list('/v2025/sources', 'source list', parseSourceList, query, options);
		} catch (error) {
			if (!(error instanceof IscError) || error.kind !== 'forbidden') {
				throw error;
			}

			let sources: IscSource[];
			try {
				sources = await this.#list('/v2025/sources', 'source list', parseSourceList, query, options, {'for-subadmin': 'me'});
			} catch {
				// Not a subadmin after all: the first refusal is the one to report.
				throw error;
			}

			this.#forSubadmin = true;
			return sources;
		}
	}

	/** A GET of one page of a collection, with the standard collection parameters. */
	async #list<T>(
		path: string,
		what: string,
		parse: (body: unknown) => T[],
		query: ListQuery,
		options: CallOptions,
		extra: Record<string, string> = {},
	): Promise<T[]> {
		return this.#run(
			{
				method: 'GET',
				path,
				query: queryString({
					limit: query.limit ?? 250,
					offset: query.offset ?? 0,
					filters: query.filters,
					sorters: query.sorters,
					...extra,
				}),
				idempotent: true,
				what,
				parse,
			},
			options,
		);
	}

	/**
	 * Starts an account aggregation: POST /v2025/sources/{id}/load-accounts (multipart/form-data).
	 * Never retried once it may have reached the tenant, not even after a reset or a 5xx: a lost answer must not
	 * start a second aggregation. Only a 401 (nothing was done) leads to one token refresh and one more try.
	 * The `retries` call option only applies to getting a token first.
	 */
	async importAccounts(
		sourceId: string,
		importOptions: {disableOptimization?: boolean} = {},
		options: CallOptions = {},
	): Promise<LoadAccountsTask> {
		return this.#run(
			{
				method: 'POST',
				path: `/v2025/sources/${encodeURIComponent(sourceId)}/load-accounts`,
				body() {
					const form = new FormData();
					form.set('disableOptimization', importOptions.disableOptimization === true ? 'true' : 'false');
					return form;
				},
				idempotent: false,
				subject: `Source ${sourceId}`,
				what: 'load-accounts answer',
				parse: parseLoadAccountsTask,
			},
			options,
		);
	}

	/** Closes pooled connections. The client is not used afterwards. */
	close(): void {
		this.#agents.http.destroy();
		this.#agents.https.destroy();
	}

	#errorContext(extra: ErrorContext): ErrorContext {
		return {
			...(this.#credentialSource === undefined ? {} : {credentialSource: this.#credentialSource}),
			secrets: [this.#clientSecret, ...this.#issued],
			...extra,
		};
	}

	async #fetchToken() {
		const result = await exchange(this.#exchange, {
			method: 'POST',
			path: '/oauth/token',
			form: {grant_type: 'client_credentials', client_id: this.#clientId, client_secret: this.#clientSecret},
			attempt: 1,
			endpoint: 'token',
		});
		if (result.status < 200 || result.status > 299) {
			throw toIscError(result.status, result.body, result.headers, this.#now(), this.#errorContext({endpoint: 'token'}));
		}

		const grant = parseTokenGrant(parseJsonBody(result.body, 'token answer'));
		this.#issued.add(grant.accessToken);
		return grant;
	}

	/**
	 * One call: token, the caller's budget (onSend), the token to send taken as the request leaves, the request; at
	 * most one token refresh after a 401 (and up to MAX_LAPSED_REPEATS more for a 401 that met a token past its
	 * refresh point), then retries within the budget for 429 (after Retry-After), 5xx and network failures (after
	 * backoff). Each retry is announced before its sleep.
	 */
	async #run<T>(operation: Operation<T>, options: CallOptions): Promise<T> {
		const retries = Math.max(0, Math.floor(options.retries ?? this.#retries));
		const {signal} = options;
		const url = requestUrl(this.baseUrl, operation.path, operation.query);
		let retried = 0;
		let tries = 0;
		let refreshed = false;
		let lapsedRepeats = 0;

		for (;;) {
			signal?.throwIfAborted();
			// Becomes true once the request itself (not the token request before it) may have reached the tenant.
			let sent = false;
			try {
				// A token first, so credentials that fail cost no turn of the caller's budget...
				await this.#tokens.token();
				signal?.throwIfAborted();
				// The caller's budget may hold the request back; until it leaves, nothing has reached the tenant.
				await options.onSend?.();
				signal?.throwIfAborted();
				// ...and the one sent taken as it leaves: the wait may have outlasted the first (short tokens, a busy
				// budget), and a request never leaves with a token past its refresh point.
				const token = await this.#tokens.token();
				signal?.throwIfAborted();
				tries++;
				sent = true;
				const request: ExchangeRequest = {
					method: operation.method,
					path: operation.path,
					headers: {...operation.headers, authorization: `Bearer ${token}`},
					attempt: tries,
					endpoint: 'api',
					...(operation.query === undefined ? {} : {query: operation.query}),
					...(operation.body === undefined ? {} : {body: operation.body()}),
					...(signal === undefined ? {} : {signal}),
				};
				const result = await exchange(this.#exchange, request);

				if (result.status === 401) {
					this.#tokens.invalidate(token);
					// A token that reached its refresh point meanwhile lapsed on the way (or the tenant's clock runs
					// ahead): its 401 says nothing about the credentials, and the repeat with a new token is not the
					// one refresh a call gets.
					if (this.#tokens.lapsed(token) && lapsedRepeats < MAX_LAPSED_REPEATS) {
						lapsedRepeats++;
						continue;
					}

					if (!refreshed) {
						refreshed = true;
						continue;
					}
				}

				if (result.status < 200 || result.status > 299) {
					throw toIscError(
						result.status,
						result.body,
						result.headers,
						this.#now(),
						this.#errorContext({
							afterRefresh: refreshed,
							...(operation.subject === undefined ? {} : {subject: operation.subject}),
							...(operation.userContextOnly === true ? {forbiddenHint: userContextHint(token, this.#tenant)} : {}),
						}),
					);
				}

				return operation.parse(parseJsonBody(result.body, operation.what));
			} catch (error) {
				if (signal?.aborted === true) {
					throw signal.reason;
				}

				if (!(error instanceof IscError)) {
					throw error;
				}

				const mayRepeat = operation.idempotent || !sent;
				if (!mayRepeat || retried >= retries || !isRetryable(error)) {
					throw error;
				}

				const delayMs = retryDelay(error, retried + 1, {...this.#backoff, maxRetryAfterMs: this.#maxRetryAfterMs, random: this.#random});
				if (delayMs === undefined) {
					throw error;
				}

				retried++;
				this.#onRetry?.({attempt: retried, delayMs, error, method: operation.method, url});
				try {
					await this.#sleep(delayMs, signal);
				} catch (sleepError) {
					// An abort rejects with the signal's own reason, as it does during a request.
					signal?.throwIfAborted();
					throw sleepError;
				}
			}
		}
	}
}
