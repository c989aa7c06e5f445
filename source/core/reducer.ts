import {isCertificateError} from '../domain/certificate-codes.js';
import {isEndStatus, type AggregationStatus} from '../domain/status.js';
import {isTaskComplete} from '../domain/outcome.js';
import type {IscErrorInfo} from '../domain/errors.js';
import {demandRowsReplaced, rowCadenceMs, rowsPulledIntoFocus} from './cadence.js';
import {backoffMs, pollIntervalMs} from './interval.js';
import {resolveOptions} from './options.js';
import {isFinishedPhase, isPolledPhase} from './phase.js';
import {isFirstPass, rowsReplaced} from './poll-order.js';
import {findRow, rowIndex, sameRowOrder} from './row-index.js';
import {addSample} from './samples.js';
import {withFinalFigures} from './final-figures.js';
import {taskAnswered, taskFailed, taskRequested, withExistenceRead, withOutcomeRead} from './task-reads.js';
import {
	rowKey,
	type MonitorEvent,
	type MonitorOptions,
	type MonitorState,
	type RowKey,
	type RowPhase,
	type RowSeed,
	type TenantState,
	type TrackedRow,
} from './types.js';

/** A 429 without a usable Retry-After pauses its tenant this long. */
export const DEFAULT_RETRY_AFTER_MS = 10_000;

/** The longest a Retry-After may pause a tenant: a tenant asking for hours is asked again after this. */
export const MAX_RETRY_AFTER_MS = 15 * 60_000;

/** lastError message when a 200 body says status NOT_FOUND. */
export const NOT_FOUND_STATUS_MESSAGE = 'ISC answered with status NOT_FOUND';

/**
 * A fresh state. Seeds (from the store, or given on the command line) become rows as with an `added` event at `now`:
 * rows that can still be polled are due at once; rows restored as ended, not-found or expired are never polled.
 * Throws a RangeError for unusable options.
 */
export function createMonitorState(options: Partial<MonitorOptions> = {}, seeds: readonly RowSeed[] = [], now = 0): MonitorState {
	const state: MonitorState = {options: resolveOptions(options), rows: [], tenants: {}, paused: false};
	return addRows(state, seeds, now);
}

/**
 * The monitor's one state transition. Never mutates `state`; returns the very same object when the event changes
 * nothing, so React (and the driver's save-on-change) can skip work.
 */
export function reduce(state: MonitorState, event: MonitorEvent): MonitorState {
	switch (event.type) {
		case 'added': {
			return addRows(state, event.rows, event.now);
		}

		case 'removed': {
			const keys = new Set(event.keys);
			return keepRows(state, row => !keys.has(row.key));
		}

		case 'clear-finished': {
			return keepRows(state, row => !isFinishedPhase(row.phase));
		}

		case 'labelled': {
			return updateRow(state, event.key, row => (row.label === event.label ? row : {...row, label: event.label}));
		}

		case 'set-paused': {
			return state.paused === event.paused ? state : {...state, paused: event.paused};
		}

		case 'poll-now': {
			return pollNow(state, event.keys, event.now);
		}

		case 'requested': {
			return requested(state, event.key, event.now, event.read ?? 'status');
		}

		case 'task-read': {
			return updateRow(state, event.key, row => taskAnswered(row, event.task, event.now, state.options));
		}

		case 'task-failed': {
			return taskReadFailed(state, event.key, event.error, event.now);
		}

		case 'polled': {
			return polled(state, event.key, event.status, event.now);
		}

		case 'failed': {
			return failed(state, event.key, event.error, event.now);
		}

		case 'sent': {
			const {windowMs} = state.options.budget;
			return updateTenant(state, event.tenant, tenant => {
				const sent = tenant.sent.filter(at => at > event.now - windowMs);
				const index = event.scheduledAt === undefined ? -1 : sent.lastIndexOf(event.scheduledAt);
				if (index !== -1) {
					sent.splice(index, 1);
				}
				sent.push(event.now);
				sent.sort((a, b) => a - b);
				return {...tenant, sent};
			});
		}

		case 'focused': {
			return focused(state, event.keys, event.now);
		}
	}
}

function focused(state: MonitorState, keys: readonly RowKey[], now: number): MonitorState {
	const previous = state.focus === undefined ? undefined : new Set(state.focus);
	const next = new Set(keys);
	if (previous !== undefined && previous.size === next.size && [...next].every(key => previous.has(key))) {
		return state;
	}

	const refocused = {...state, focus: [...next]};
	return replaceRows(refocused, rowsPulledIntoFocus(refocused, previous, now));
}

function phaseOfSeed(seed: RowSeed): RowPhase {
	if (seed.phase !== undefined) {
		return seed.phase;
	}

	const status = seed.snapshot?.status;
	if (isEndStatus(status)) {
		return 'ended';
	}

	return status === undefined ? 'waiting' : 'running';
}

function rowFromSeed(seed: RowSeed, now: number): TrackedRow {
	const key = rowKey(seed.tenant, seed.id);
	const processed = seed.snapshot?.processedAccounts;
	const row: TrackedRow = {
		key,
		id: seed.id,
		tenant: seed.tenant,
		addedAt: seed.addedAt,
		phase: phaseOfSeed(seed),
		failures: 0,
		nextPollAt: now,
		inFlight: false,
		samples: processed !== undefined && seed.lastOkAt !== undefined ? [{at: seed.lastOkAt, processed}] : [],
	};
	if (isPolledPhase(row.phase)) {
		row.unanswered = true;
	}

	if (seed.label !== undefined) {
		row.label = seed.label;
	}

	if (seed.snapshot !== undefined) {
		row.snapshot = seed.snapshot;
	}

	if (seed.lastOkAt !== undefined) {
		row.lastOkAt = seed.lastOkAt;
	}

	if (seed.endedAt !== undefined) {
		row.endedAt = seed.endedAt;
	}

	if (seed.task !== undefined) {
		row.task = seed.task;
	}

	if (seed.taskGaveUp === true) {
		row.taskGaveUp = true;
	}

	return row;
}

function emptyTenant(name: string): TenantState {
	return {name, sent: []};
}

function addRows(state: MonitorState, seeds: readonly RowSeed[], now: number): MonitorState {
	const known = new Set(state.rows.map(row => row.key));
	const added: TrackedRow[] = [];
	let tenants = state.tenants;
	for (const seed of seeds) {
		const row = withOutcomeRead(rowFromSeed(seed, now), now, state.options);
		if (known.has(row.key)) {
			continue;
		}

		known.add(row.key);
		added.push(row);
		if (tenants[row.tenant] === undefined) {
			tenants = {...tenants, [row.tenant]: emptyTenant(row.tenant)};
		}
	}

	return added.length === 0 ? state : {...state, rows: [...state.rows, ...added], tenants};
}

/** Tenants stay when their rows go: their send history still counts against the budget. */
function keepRows(state: MonitorState, keep: (row: TrackedRow) => boolean): MonitorState {
	const rows = state.rows.filter(row => keep(row));
	return rows.length === state.rows.length ? state : {...state, rows};
}

/** Replaces one row, found by key without a scan. */
function updateRow(state: MonitorState, key: RowKey, change: (row: TrackedRow) => TrackedRow): MonitorState {
	const row = findRow(state.rows, key);
	if (row === undefined) {
		return state;
	}

	const next = change(row);
	return next === row ? state : replaceRows(state, [next]);
}

/**
 * Replaces rows (each by the row of its key) in one copy of the rows array. The copy holds the same keys in the same
 * places, so what is worked out per array moves on to it with only these rows changed: the key index (row-index.ts),
 * the poll order (poll-order.ts) and the tenants' demand (cadence.ts). So an answer costs the same however many rows
 * are tracked, but for the copy itself (a flat copy of references: states are never changed, the screen keeps the
 * one it shows while answers arrive).
 */
function replaceRows(state: MonitorState, replacements: readonly TrackedRow[]): MonitorState {
	if (replacements.length === 0) {
		return state;
	}

	const index = rowIndex(state.rows);
	const rows = [...state.rows];
	const replaced: Array<readonly [TrackedRow, TrackedRow]> = [];
	for (const replacement of replacements) {
		const position = index.get(replacement.key);
		const old = position === undefined ? undefined : rows[position];
		if (position !== undefined && old !== undefined) {
			rows[position] = replacement;
			replaced.push([old, replacement]);
		}
	}

	sameRowOrder(state.rows, rows);
	rowsReplaced(state.rows, rows, replaced);
	demandRowsReplaced(state.rows, rows, replaced);
	return {...state, rows};
}

function updateTenant(state: MonitorState, name: string, change: (tenant: TenantState) => TenantState): MonitorState {
	const tenant = state.tenants[name] ?? emptyTenant(name);
	const next = change(tenant);
	return next === state.tenants[name] ? state : {...state, tenants: {...state.tenants, [name]: next}};
}

function withoutAuthError(tenant: TenantState): TenantState {
	if (tenant.authError === undefined && tenant.authProbeAt === undefined) {
		return tenant;
	}

	const {authError: _authError, authProbeAt: _authProbeAt, ...rest} = tenant;
	return rest;
}

function pollNow(state: MonitorState, keys: readonly RowKey[] | undefined, now: number): MonitorState {
	const wanted = keys === undefined ? undefined : new Set(keys);
	const touchedTenants = new Set<string>();
	const madeDue: TrackedRow[] = [];
	for (const row of wanted === undefined ? state.rows : [...wanted].map(key => findRow(state.rows, key))) {
		if (row === undefined || !isPolledPhase(row.phase)) {
			continue;
		}

		touchedTenants.add(row.tenant);
		// A row already due keeps its place in the overdue order.
		if (row.nextPollAt > now) {
			madeDue.push({...row, nextPollAt: now});
		}
	}

	let next = replaceRows(state, madeDue);
	// The user asked for fresh data: a tenant with an auth failure may send its probe now (still one at a time).
	for (const name of touchedTenants) {
		next = updateTenant(next, name, tenant =>
			tenant.authError === undefined || (tenant.authProbeAt ?? Infinity) <= now ? tenant : {...tenant, authProbeAt: now},
		);
	}

	return next;
}

function requested(state: MonitorState, key: RowKey, now: number, read: 'status' | 'task'): MonitorState {
	const row = findRow(state.rows, key);
	if (row === undefined) {
		return state;
	}

	const {windowMs} = state.options.budget;
	const firstPass = read === 'status' && isFirstPass(row);
	const next = updateRow(state, key, current =>
		read === 'task' ? taskRequested(current) : current.inFlight ? current : {...current, inFlight: true},
	);
	return updateTenant(next, row.tenant, tenant => ({
		...tenant,
		sent: [...tenant.sent.filter(at => at > now - windowMs), now],
		...(firstPass || tenant.firstPass !== undefined
			? {firstPass: [...(tenant.firstPass ?? []).filter(at => at > now - windowMs), ...(firstPass ? [now] : [])]}
			: {}),
		...(tenant.authError === undefined ? {} : {authProbeAt: now + state.options.authRetryMs}),
	}));
}

/** The row has had its first answer of the session (a status, or a 404): the first pass is done with it. */
function heard(row: TrackedRow): TrackedRow {
	if (row.unanswered === undefined) {
		return row;
	}

	const {unanswered: _unanswered, ...rest} = row;
	return rest;
}

function settle(row: TrackedRow): TrackedRow {
	return row.inFlight ? {...row, inFlight: false} : row;
}

function polled(state: MonitorState, key: RowKey, status: AggregationStatus, now: number): MonitorState {
	const row = findRow(state.rows, key);
	if (row === undefined) {
		return state;
	}

	if (!isPolledPhase(row.phase)) {
		return updateRow(state, key, settle);
	}

	// Any 200 proves the tenant's credentials work again.
	const next = updateTenant(state, row.tenant, withoutAuthError);
	if (status.status === 'NOT_FOUND') {
		// A NOT_FOUND body is treated exactly like a 404: expired if the row was seen before, else not-found after the grace.
		return updateRow(next, key, current =>
			missing(
				heard(current),
				{kind: 'not-found', message: NOT_FOUND_STATUS_MESSAGE, status: 200},
				now,
				current.snapshot !== undefined,
				next.options,
			),
		);
	}

	// In focus the row's own interval; out of view what the tenant's budget leaves (core/cadence.ts).
	const every = rowCadenceMs(next, {...row, snapshot: status});
	return updateRow(next, key, current => answered(current, status, now, every, next.options));
}

function answered(row: TrackedRow, status: AggregationStatus, now: number, every: number, options: MonitorOptions): TrackedRow {
	const ended = isEndStatus(status.status);
	const {lastError: _lastError, firstMissingAt: _firstMissingAt, unanswered: _unanswered, ...rest} = row;
	const next: TrackedRow = {
		...rest,
		snapshot: status,
		lastOkAt: now,
		phase: ended ? 'ended' : status.status === undefined ? 'waiting' : 'running',
		failures: 0,
		inFlight: false,
		nextPollAt: now + every,
		samples: status.processedAccounts === undefined ? row.samples : addSample(row.samples, {at: now, processed: status.processedAccounts}),
	};
	if (ended) {
		next.endedAt = row.endedAt ?? now;
		return withOutcomeRead(next, now, options);
	}

	return withProgress(next, row, status, now);
}

/** Notes when the counts or the status moved (progressAt), the longest pause between moves, and when STARTED ended. */
function withProgress(next: TrackedRow, row: TrackedRow, status: AggregationStatus, now: number): TrackedRow {
	const before = row.snapshot;
	const moved =
		row.progressAt === undefined ||
		before?.status !== status.status ||
		before?.processedAccounts !== status.processedAccounts ||
		before?.processedIdentities !== status.processedIdentities;
	if (moved) {
		next.progressAt = now;
		if (row.progressAt !== undefined && before?.status !== undefined && before.status !== 'STARTED') {
			next.longestGapMs = Math.max(row.longestGapMs ?? 0, now - row.progressAt);
		}
	}

	if (row.leftStartedAt === undefined && before?.status === 'STARTED' && status.status !== 'STARTED' && status.status !== undefined) {
		next.leftStartedAt = now;
	}

	return next;
}

/**
 * A 404 (or a NOT_FOUND body). A row seen before, or whose task has ended, has expired: ISC forgets an aggregation
 * about an hour after it ends.
 * A row never seen is retried with backoff for notFoundGraceMs from its first 404 (the id may not be visible yet),
 * then it is not-found. The last retry is timed to land at the end of the grace period.
 */
function missing(row: TrackedRow, error: IscErrorInfo, now: number, seen: boolean, options: MonitorOptions): TrackedRow {
	// A row never seen whose task has ended is past the hour too: while within it, the status endpoint would answer.
	// ISC forgets a run's status about an hour after its end: expected, so not an error (the phase says it).
	if (seen || isTaskComplete(row.task)) {
		const {lastError: _lastError, ...rest} = row;
		return withOutcomeRead(withFinalFigures({...rest, phase: 'expired', inFlight: false}), now, options);
	}

	// The first 404 of an id never seen: its task tells at once whether the id exists at all.
	row = withExistenceRead(row, now, options);
	const firstMissingAt = row.firstMissingAt ?? now;
	const graceEnd = firstMissingAt + options.notFoundGraceMs;
	if (now >= graceEnd) {
		return {...row, phase: 'not-found', inFlight: false, firstMissingAt, lastError: {...error, at: now}};
	}

	const failures = row.failures + 1;
	const delay = backoffMs(pollIntervalMs(row, options.intervalMs), failures, options.maxBackoffMs);
	return {
		...row,
		inFlight: false,
		firstMissingAt,
		failures,
		lastError: {...error, at: now},
		nextPollAt: Math.min(now + delay, graceEnd),
	};
}

function pauseTenant(state: MonitorState, name: string, error: IscErrorInfo, now: number): MonitorState {
	const until = now + Math.min(MAX_RETRY_AFTER_MS, Math.max(0, error.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS));
	return updateTenant(state, name, tenant =>
		tenant.pausedUntil !== undefined && tenant.pausedUntil >= until ? tenant : {...tenant, pausedUntil: until},
	);
}

/**
 * A failure that stops the whole tenant (credentials, permission, an untrusted TLS certificate): shown once, on the
 * tenant; its rows keep their data and only one probe goes out per authRetryMs until a request succeeds.
 */
function stopTenant(state: MonitorState, name: string, error: IscErrorInfo, now: number): MonitorState {
	return updateTenant(state, name, tenant => ({
		...tenant,
		authError: {...error, at: now},
		authProbeAt: now + state.options.authRetryMs,
	}));
}

function taskReadFailed(state: MonitorState, key: RowKey, error: IscErrorInfo, now: number): MonitorState {
	const row = findRow(state.rows, key);
	if (row === undefined) {
		return state;
	}

	if (isCertificateError(error) && row.taskRead !== undefined) {
		// As for a status poll: the tenant stops; the read keeps its place for when it may go on.
		return updateRow(stopTenant(state, row.tenant, error, now), key, current =>
			current.taskRead === undefined ? current : {...current, taskRead: {...current.taskRead, inFlight: false}},
		);
	}

	const next = error.kind === 'rate-limited' ? pauseTenant(state, row.tenant, error, now) : state;
	return updateRow(next, key, current => taskFailed(current, error, now, state.options));
}

function failed(state: MonitorState, key: RowKey, error: IscErrorInfo, now: number): MonitorState {
	const row = findRow(state.rows, key);
	if (row === undefined) {
		return state;
	}

	if (!isPolledPhase(row.phase)) {
		return updateRow(state, key, settle);
	}

	const {options} = state;
	switch (error.kind) {
		case 'not-found': {
			// The tenant answered, so its credentials work.
			const next = updateTenant(state, row.tenant, withoutAuthError);
			return updateRow(next, key, current => missing(heard(current), error, now, current.snapshot !== undefined, options));
		}

		case 'rate-limited': {
			// The whole tenant (one client id) is over its limit: pause it; the row keeps its place and its record.
			return updateRow(pauseTenant(state, row.tenant, error, now), key, settle);
		}

		case 'auth':
		case 'forbidden': {
			// Shown once, on the tenant; rows keep their data and only one probe goes out per authRetryMs.
			return updateRow(stopTenant(state, row.tenant, error, now), key, settle);
		}

		default: {
			if (isCertificateError(error)) {
				// An untrusted TLS certificate fails every request of the tenant alike, and no retry mends it: the
				// tenant stops as for failing credentials, with one message (what to do: NODE_EXTRA_CA_CERTS).
				return updateRow(stopTenant(state, row.tenant, error, now), key, settle);
			}

			return updateRow(state, key, current => {
				const failures = current.failures + 1;
				const delay = backoffMs(pollIntervalMs(current, options.intervalMs), failures, options.maxBackoffMs);
				return {...current, inFlight: false, failures, lastError: {...error, at: now}, nextPollAt: now + delay};
			});
		}
	}
}
