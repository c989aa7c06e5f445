import type {TaskOutcome} from '../domain/outcome.js';
import type {AggregationStatus} from '../domain/status.js';
import type {IscErrorInfo} from '../domain/errors.js';

/**
 * The monitor core's data. Plain, serialisable objects only: no classes, no Dates (times are epoch ms).
 * The core never reads the clock; every event carries `now`.
 */

/** Where a tracked row stands, as the user sees it. */
export type RowPhase =
	/** Added, no answer yet (or only errors so far). */
	| 'waiting'
	/** Has a status that is not an end state; still polled. */
	| 'running'
	/** Reached COMPLETED, CANCELLED or TERMINATED; never polled again. */
	| 'ended'
	/** Never seen, and ISC kept answering 404 past the grace period. Not polled again. */
	| 'not-found'
	/** Seen before, now 404: ISC keeps status for about an hour after completion. Last values kept. Not polled again. */
	| 'expired';

export interface ErrorNote extends IscErrorInfo {
	/** When it happened (epoch ms). */
	at: number;
}

export interface ProgressSample {
	at: number;
	processed: number;
}

/** Identifies a row: the same aggregation id can in principle exist on two tenants. */
export type RowKey = string; // `${tenant}\u0000${id}`, built by rowKey()

export function rowKey(tenant: string, id: string): RowKey {
	return `${tenant}\u0000${id}`;
}

export interface TrackedRow {
	key: RowKey;
	id: string;
	tenant: string;
	/** When the user added it (epoch ms); the "added order" sort uses it, then insertion order. */
	addedAt: number;
	/** The source name once known. The UI falls back to the short id. */
	label?: string;
	/** The last good status body. Kept through errors, 404-expiry and restarts. */
	snapshot?: AggregationStatus;
	/** When `snapshot` was received. */
	lastOkAt?: number;
	phase: RowPhase;
	/** The most recent failure; cleared by the next success. */
	lastError?: ErrorNote;
	/** Consecutive failures, drives per-row backoff. */
	failures: number;
	/** When this row is next due for a request. Ignored for phases that are not polled. */
	nextPollAt: number;
	/**
	 * No answer yet in this session (set when the row is added or restored, dropped by its first answer: a status, or
	 * a 404). Until then nobody knows whether the run still goes, has ended or was ever there: such rows are asked
	 * first (the first pass, see schedule.ts). Not saved.
	 */
	unanswered?: true;
	/** A request for this row is in flight. */
	inFlight: boolean;
	/** Recent (at, processedAccounts) observations for rate and ETA; bounded in length. */
	samples: ProgressSample[];
	/** First 404 while never seen (for the not-found grace period). */
	firstMissingAt?: number;
	/** When an end state was first observed. */
	endedAt?: number;
	/** When the processed counts (or the status) last moved, as first seen; the stall rule counts from it. */
	progressAt?: number;
	/** The longest time between two moves of the counts seen after STARTED (ms): how long a pause is normal for the source. */
	longestGapMs?: number;
	/** When it was first seen past STARTED, having been seen in STARTED (so how long STARTED lasted is known). */
	leftStartedAt?: number;
	/** The last answer of the row's task (task-status/{id}): its outcome once completionStatus is set. Saved. */
	task?: TaskOutcome;
	/** A task read to make (see task-reads.ts). */
	taskRead?: TaskRead;
	/** The task had no completion status (or could not be read) within taskGiveUpMs: the outcome stays unknown. Saved. */
	taskGaveUp?: boolean;
}

/** A pending read of a row's task. */
export interface TaskRead {
	/** outcome: how an ended run went. exists: whether an id the status endpoint does not know exists at all. */
	purpose: 'outcome' | 'exists';
	/** When reads for this purpose began (for giving up). */
	since: number;
	dueAt: number;
	inFlight: boolean;
	failures: number;
}

export interface TenantState {
	name: string;
	/** A 429 paused the whole tenant until this time (epoch ms). */
	pausedUntil?: number;
	/**
	 * A failure that stops the tenant: credentials or permission that keep failing, or a TLS certificate that is not
	 * trusted. While set, the tenant is polled only at a slow retry pace (one probe per authRetryMs).
	 */
	authError?: ErrorNote;
	/** Send times of the tenant's requests within the last budget window, oldest first. */
	sent: number[];
	/** The times of the tenant's first-pass requests (rows still unanswered) within the last budget window, oldest first. */
	firstPass?: number[];
	/**
	 * While `authError` is set: the earliest time the next (single) probe request may go out.
	 * Set to now + authRetryMs by each auth failure and each probe sent; poll-now moves it to now.
	 */
	authProbeAt?: number;
}

export interface MonitorOptions {
	/** Poll interval for ACCOUNTS_COLLECTED and RETRIED rows; STARTED and waiting rows use twice this. */
	intervalMs: number;
	/** Request budget per tenant (per client id). Default 80 per 10 s. */
	budget: {requests: number; windowMs: number};
	/** How long a never-seen id may answer 404 before it is marked not-found. */
	notFoundGraceMs: number;
	/** Ceiling of the per-row exponential backoff. */
	maxBackoffMs: number;
	/** How often a tenant with an auth failure is tried again. */
	authRetryMs: number;
	/**
	 * Read each ended row's task for its outcome, and the task of an id the status endpoint does not know (a 404 from
	 * both is not-found at once). Needs the poller's fetchTask. Default false.
	 */
	readTasks: boolean;
	/** How long an outcome read keeps trying a task that has not completed. */
	taskGiveUpMs: number;
}

export const DEFAULT_OPTIONS: MonitorOptions = {
	intervalMs: 5000,
	budget: {requests: 80, windowMs: 10_000},
	notFoundGraceMs: 3 * 60_000,
	maxBackoffMs: 60_000,
	authRetryMs: 5 * 60_000,
	readTasks: false,
	taskGiveUpMs: 3 * 60_000,
};

export interface MonitorState {
	options: MonitorOptions;
	/** In insertion order. */
	rows: TrackedRow[];
	tenants: Record<string, TenantState>;
	/** The user paused polling (p). */
	paused: boolean;
	/**
	 * The rows the user looks at: on screen, and the selected one. They are polled at their own pace; the rest share
	 * what is left of the budget (core/cadence.ts). Absent (no screen, as with `wait`): every row is in focus.
	 */
	focus?: RowKey[];
}

/** What a row looks like when it is added or restored from the store. */
export interface RowSeed {
	id: string;
	tenant: string;
	addedAt: number;
	label?: string;
	snapshot?: AggregationStatus;
	lastOkAt?: number;
	phase?: RowPhase;
	endedAt?: number;
	task?: TaskOutcome;
	taskGaveUp?: boolean;
}

export type MonitorEvent =
	/** Rows added by the user, restored from the store, or found on disk from another process. Existing keys are left as they are. */
	| {type: 'added'; rows: RowSeed[]; now: number}
	| {type: 'removed'; keys: RowKey[]}
	/** A request for this row was sent (counts against the tenant budget); `read: 'task'` for a task read. */
	| {type: 'requested'; key: RowKey; now: number; read?: 'status' | 'task'}
	| {type: 'task-read'; key: RowKey; task: TaskOutcome; now: number}
	| {type: 'task-failed'; key: RowKey; error: IscErrorInfo; now: number}
	| {type: 'polled'; key: RowKey; status: AggregationStatus; now: number}
	| {type: 'failed'; key: RowKey; error: IscErrorInfo; now: number}
	/** r / R: make rows due now (all rows when keys is absent). Does not bypass budget or 429 pauses. */
	| {type: 'poll-now'; keys?: RowKey[]; now: number}
	| {type: 'set-paused'; paused: boolean; now: number}
	/** c: drop rows in phases ended, not-found and expired. */
	| {type: 'clear-finished'}
	| {type: 'labelled'; key: RowKey; label: string}
	| {type: 'sent'; tenant: string; scheduledAt?: number; now: number}
	/** The screen shows these rows (the ones on screen and the selected one): see MonitorState.focus. */
	| {type: 'focused'; keys: RowKey[]; now: number};
