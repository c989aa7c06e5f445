/**
 * The simulated tenant's public contract. It is a real HTTP server on 127.0.0.1 that follows
 * spec/isc-openapi-v2025-subset.yaml; `--demo`, the tests and the benchmarks all use it.
 */

export interface SimClient {
	clientId: string;
	clientSecret: string;
	/**
	 * false: an API client without user context (client credentials of an OAuth client, not a personal access
	 * token). The account aggregation status endpoint answers it 403, as ISC does. Default true.
	 */
	userContext?: boolean;
	/** The user's level. SOURCE_SUBADMIN: GET /sources without `for-subadmin` answers 403, as the document says. Default ORG_ADMIN. */
	userLevel?: 'ORG_ADMIN' | 'SOURCE_ADMIN' | 'SOURCE_SUBADMIN';
}

export interface SimSource {
	id: string;
	name: string;
	/** Connector type, e.g. "Active Directory - Direct", "Workday", "DelimitedFile". */
	type: string;
	/** The Source's deleteThreshold (0 to 100). Default 10, ISC's default. */
	deleteThreshold?: number;
	/** The plan used when load-accounts starts an aggregation on this source (id and start are filled in). */
	plan?: Omit<SimAggregationPlan, 'id' | 'sourceId' | 'sourceName' | 'startAtMs'>;
	/** GET /sources/{id}/schedules: its schedules (type ACCOUNT_AGGREGATION unless given). Default none. */
	schedules?: Array<{type?: 'ACCOUNT_AGGREGATION' | 'GROUP_AGGREGATION'; cronExpression: string}>;
	/** The Source's `healthy`. Default true. */
	healthy?: boolean;
	/** The Source's `status`. Default SOURCE_STATE_HEALTHY, or SOURCE_STATE_ERROR_SOURCE when not healthy. */
	status?: string;
	/**
	 * The id of the managed cluster (virtual appliance cluster) it runs on: a cluster of `SimulatorOptions.clusters`.
	 * Default: the default cluster for direct connectors, none (null) for delimited files.
	 */
	clusterId?: string | null;
}

/** A managed cluster (virtual appliance cluster): its schedules run at gmtOffset hours from GMT. */
export interface SimCluster {
	id: string;
	name: string;
	/** configuration.gmtOffset, e.g. "-5". */
	gmtOffset: string;
}

export type SimOutcome =
	| {type: 'COMPLETED'}
	/** Cancelled this long after its start. */
	| {type: 'CANCELLED'; afterMs: number}
	/** STARTED, then RETRIED `retries` times (each lasting retryMs), then TERMINATED. */
	| {type: 'TERMINATED'; retries: number; retryMs: number};

export interface SimAggregationPlan {
	/** The task id: 32 lowercase hex characters. */
	id: string;
	sourceId: string;
	sourceName: string;
	/** Start time relative to the simulator's start (ms). Negative: it started before; positive: it starts later (404 until then). Default 0. */
	startAtMs?: number;
	/**
	 * How long before its start ISC already had its task (ms): task-status/{id} then answers a task not launched yet
	 * (no completion status) while the status endpoint still answers 404, as for a run handed out by load-accounts that
	 * has not started. Default 0: the tenant knows neither before the start.
	 */
	queuedMs?: number;
	/** Time spent in STARTED before ACCOUNTS_COLLECTED (ms). */
	collectMs: number;
	totalAccounts: number;
	accountsPerSecond: number;
	outcome: SimOutcome;
	totalAccountsMarkedForDeletion?: number;
	totalIdentities?: number;
	/**
	 * The processed count stops moving `atMs` into account processing, for `forMs` (Infinity: it never moves
	 * again and the aggregation never ends), then goes on at the same rate.
	 */
	stall?: {atMs: number; forMs: number};
	/**
	 * The source's deleteThreshold as ISC applies it: when the accounts marked for deletion are more than this
	 * percentage of totalAccounts, nothing is deleted (deletedAccounts stays 0). Filled in from the source's
	 * deleteThreshold when the plan's source is known; absent: deletions always happen.
	 */
	deleteThreshold?: number;
	/** What the aggregation's task says once it ends (task-status/{id}). Default: no messages, SUCCESS when COMPLETED. */
	task?: SimTaskPlan;
}

/** The task side of a plan: messages and figures ISC reports in task-status once the aggregation ends. */
export interface SimTaskPlan {
	/** WARN messages; a COMPLETED run with warnings (and no errors) ends WARNING. */
	warnings?: string[];
	/** ERROR messages; a COMPLETED run with errors ends ERROR ("completed, possibly with errors"). */
	errors?: string[];
	/** Accounts read from the source (attribute `total`). Default totalAccounts (every account changed). */
	scannedAccounts?: number;
	/** Overrides the completion status at the end (e.g. TEMP_ERROR). */
	completionStatus?: string;
}

export type FaultKind =
	/** Answer with this status (and an appropriate ISC error body). 429 adds Retry-After: retryAfterSec (default 2). */
	| {type: 'status'; status: number; retryAfterSec?: number; retryAfterDate?: boolean}
	/** Destroy the socket without answering. */
	| {type: 'reset'}
	/** Never answer (until the server closes). */
	| {type: 'hang'}
	/** 200 with a body that is JSON but violates the contract (e.g. processedAccounts: "lots"). */
	| {type: 'malformed'}
	/** 200 with a non-JSON body (an HTML error page). */
	| {type: 'non-json'}
	/** 200 that sends half a JSON body and then ends the response. */
	| {type: 'truncated'}
	/**
	 * This status with this JSON body, as a tenant might answer: e.g. the document's own LoadAccountsTask example, or
	 * a 202 saying success: false. Nothing happens on the tenant (a load-accounts answered this way starts nothing).
	 */
	| {type: 'answer'; status: number; body: unknown};

export interface FaultRule {
	fault: FaultKind;
	/** Only requests whose path starts with this (e.g. "/oauth/token", "/v2025/account-aggregations"). Default: every path. */
	pathPrefix?: string;
	/** Only this many matching requests, then the rule is spent. Default: unlimited while active. */
	count?: number;
	/** Active only within [fromMs, untilMs) of simulator time since start. Default: always. */
	fromMs?: number;
	untilMs?: number;
}

export interface SimulatorOptions {
	/** Default: one client, demo-client / demo-secret. */
	clients?: SimClient[];
	aggregations?: SimAggregationPlan[];
	sources?: SimSource[];
	/** Managed clusters besides the default one (DEFAULT_CLUSTER, at GMT). */
	clusters?: SimCluster[];
	/** expires_in of issued tokens, seconds. Default 749. */
	tokenLifetimeSec?: number;
	/** ISC's own limit per client id. Default {requests: 100, windowMs: 10_000}; false turns it off. */
	rateLimit?: {requests: number; windowMs: number} | false;
	/** How long status stays available after an aggregation ends (ms). Default 3_600_000. */
	expiryMs?: number;
	faults?: FaultRule[];
	/** Clock (epoch ms). Default Date.now. Tests may inject a controllable clock. */
	now?: () => number;
	/** Default 0 (a free port). Always binds 127.0.0.1. */
	port?: number;
	/**
	 * How dates are written in task answers (load-accounts and task-status). 'iso' (default): ISO strings, as the
	 * document says. 'epoch-ms': epoch milliseconds, as real tenants send them; the load-accounts answer then also has
	 * progress null and a numeric attributes.eventId, like the one real answer SailPoint published.
	 */
	dates?: 'iso' | 'epoch-ms';
	/**
	 * How the status endpoint answers an id it does not know (never started, or expired). '404' (default), or
	 * 'status-not-found': 200 with {"status": "NOT_FOUND"}, which the document also allows.
	 */
	notFoundAnswer?: '404' | 'status-not-found';
	/**
	 * How task-status answers are shaped. 'document' (default): as the v2025 document's examples. 'real': as real
	 * tenants send them: figures as digit strings, `localizedText` as a plain string, and the 28-name `returns` list
	 * (`applications` holding the source name, `optimizedAggregation` "enabled"). Mixed-case completion statuses come
	 * from a plan's task.completionStatus.
	 */
	taskShape?: 'document' | 'real';
}

export interface SimLogEntry {
	/** Simulator clock, epoch ms, when the request arrived. */
	at: number;
	method: string;
	/** Path without the query string. */
	path: string;
	query: Record<string, string>;
	/** Status sent, or 0 when the fault was reset/hang/truncated-without-status. */
	status: number;
	/** The client id the bearer token (or the token request) belongs to, when known. */
	clientId?: string;
	/** Lower-cased request headers that tests assert on. authorization is reduced to whether it was present. */
	experimentalHeader?: string;
	userAgent?: string;
	accept?: string;
	hadAuthorization: boolean;
	/** Which fault answered, if any. */
	fault?: FaultKind['type'];
}

export interface SimAggregationView {
	id: string;
	sourceName: string;
	/** What the status endpoint would answer now (status field), or 'GONE' once expired, or 'PENDING' before start. */
	status: string;
	processedAccounts?: number;
	totalAccounts?: number;
}

export interface Simulator {
	/** http://127.0.0.1:PORT (no trailing slash). */
	readonly url: string;
	/** Every request, in arrival order. */
	readonly log: SimLogEntry[];
	addFault(rule: FaultRule): void;
	clearFaults(): void;
	/** Invalidate every token issued so far (the next API call with one answers 401). */
	expireTokens(): void;
	/** Change a client's secret (old one stops working at the token endpoint, and its tokens are invalidated). */
	rotateSecret(clientId: string, newSecret: string): void;
	addAggregation(plan: SimAggregationPlan): void;
	/** Starts a new aggregation on a source, as load-accounts does; returns its id. */
	startAggregation(sourceId: string, options?: {disableOptimization?: boolean}): string;
	/** The truth, for assertions: every aggregation's current state. */
	aggregations(): SimAggregationView[];
	close(): Promise<void>;
}
