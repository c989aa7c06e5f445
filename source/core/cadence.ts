import {pollIntervalMs} from './interval.js';
import {isPolledPhase} from './phase.js';
import type {MonitorOptions, MonitorState, RowKey, TrackedRow} from './types.js';

/**
 * The share of a tenant's budget the cadence plans with. The rest is slack: answers that come late, repeats after a
 * token refresh and the rows pulled in when the user scrolls, so the schedule keeps up instead of running late.
 */
export const PLANNED_SHARE = 0.9;

/** Rows out of view always get at least this share of the planned budget, so an end is noticed on every row. */
export const MIN_OUT_OF_VIEW_SHARE = 0.2;

/** How one tenant's rows share its budget. */
export interface TenantCadence {
	/**
	 * Factor on the own interval (pollIntervalMs) of the rows in focus: 1 unless the rows in focus alone would need
	 * more than their part of the budget.
	 */
	focusScale: number;
	/**
	 * The interval of the rows out of view, when the budget cannot poll them at their own pace: each such row is polled
	 * every max(own interval, outOfViewMs). Absent when every row out of view keeps its own pace.
	 */
	outOfViewMs?: number;
}

const OWN_PACE: TenantCadence = {focusScale: 1};

/**
 * The slowest interval X that fits rows of own intervals `owns` (ascending) into `rate` requests per ms, each row
 * polled every max(own, X): rows whose own interval is above X keep it, the others share what they leave.
 */
function sharedInterval(owns: readonly number[], rate: number): number {
	let count = owns.length;
	let left = rate;
	let every = count / left;
	while (count > 1 && every < owns[count - 1]!) {
		count--;
		left -= 1 / owns[count]!;
		every = count / left;
	}

	return every;
}

/**
 * How a tenant's polled rows share its budget, given the rows the user looks at (`focus`: the rows on screen and
 * the selected row). Rows in focus are polled at their own pace (`--interval`, twice that for STARTED); rows out of
 * view share what is left of PLANNED_SHARE of the budget, and never less than MIN_OUT_OF_VIEW_SHARE of it. Without a
 * focus (no screen, e.g. `aggwatch wait`, or before the screen reported one) every row is in focus at its own pace.
 * Pure.
 */
export function tenantCadence(rows: readonly TrackedRow[], focus: ReadonlySet<RowKey> | undefined, options: MonitorOptions): TenantCadence {
	if (focus === undefined) {
		return OWN_PACE;
	}

	const capacity = (PLANNED_SHARE * options.budget.requests) / options.budget.windowMs; // requests per ms
	let focusDemand = 0;
	let outDemand = 0;
	const outOwns: number[] = [];
	for (const row of rows) {
		if (!isPolledPhase(row.phase)) {
			continue;
		}

		const own = pollIntervalMs(row, options.intervalMs);
		if (focus.has(row.key)) {
			focusDemand += 1 / own;
		} else {
			outDemand += 1 / own;
			outOwns.push(own);
		}
	}

	if (focusDemand + outDemand <= capacity) {
		return OWN_PACE;
	}

	const outRate = outOwns.length === 0 ? 0 : Math.min(outDemand, Math.max(capacity - focusDemand, MIN_OUT_OF_VIEW_SHARE * capacity));
	const focusRate = capacity - outRate;
	const cadence: TenantCadence = {focusScale: focusDemand > focusRate ? focusDemand / focusRate : 1};
	if (outRate < outDemand) {
		cadence.outOfViewMs = sharedInterval(
			outOwns.sort((a, b) => a - b),
			outRate,
		);
	}

	return cadence;
}

/** focusOf's sets, by focus array: the reducer keeps the array while the focus stays, and each pass asks again. */
const focusSets = new WeakMap<readonly RowKey[], ReadonlySet<RowKey>>();

/** The rows in focus as a set; undefined when there is no focus (every row is in focus). */
export function focusOf(state: Pick<MonitorState, 'focus'>): ReadonlySet<RowKey> | undefined {
	const {focus} = state;
	if (focus === undefined) {
		return undefined;
	}

	let set = focusSets.get(focus);
	if (set === undefined) {
		set = new Set(focus);
		focusSets.set(focus, set);
	}

	return set;
}

function intervalIn(
	cadence: TenantCadence,
	row: Pick<TrackedRow, 'key' | 'snapshot'>,
	focus: ReadonlySet<RowKey> | undefined,
	options: MonitorOptions,
): number {
	const own = pollIntervalMs(row, options.intervalMs);
	if (focus === undefined || focus.has(row.key)) {
		return own * cadence.focusScale;
	}

	return Math.max(own, cadence.outOfViewMs ?? 0);
}

/**
 * How long after an answer `row` (with the snapshot just received) is polled again, in `state`: its own interval
 * (pollIntervalMs) while in focus, the tenant's out-of-view interval otherwise (tenantCadence).
 */
export function rowCadenceMs(state: MonitorState, row: Pick<TrackedRow, 'key' | 'tenant' | 'snapshot'>): number {
	const focus = focusOf(state);
	if (focus === undefined) {
		return pollIntervalMs(row, state.options.intervalMs);
	}

	return intervalIn(cachedTenantCadence(state, row.tenant, focus), row, focus, state.options);
}

/** Tenant cadences worked out for a rows array, for the focus and options they were worked out with. */
interface CadenceCache {
	focus: readonly RowKey[];
	options: MonitorOptions;
	byTenant: Map<string, TenantCadence>;
}

/**
 * tenantCadence scans a tenant's rows; an answer asks for it, so it is kept per rows array and carried over to the
 * next array when an answer leaves every row's pace as it was (cadenceRowReplaced): the cost of an answer does not
 * grow with the number of rows.
 */
const cadenceCaches = new WeakMap<readonly TrackedRow[], CadenceCache>();

function cachedTenantCadence(state: MonitorState, tenant: string, focus: ReadonlySet<RowKey>): TenantCadence {
	let cache = cadenceCaches.get(state.rows);
	if (cache === undefined || cache.focus !== state.focus || cache.options !== state.options) {
		cache = {focus: state.focus ?? [], options: state.options, byTenant: new Map()};
		cadenceCaches.set(state.rows, cache);
	}

	let cadence = cache.byTenant.get(tenant);
	if (cadence === undefined) {
		cadence = tenantCadence(
			state.rows.filter(candidate => candidate.tenant === tenant),
			focus,
			state.options,
		);
		cache.byTenant.set(tenant, cadence);
	}

	return cadence;
}

/** A row's demand on its tenant's budget: none once it is no longer polled, else one request per own interval. */
function demandMs(row: TrackedRow, options: MonitorOptions): number | undefined {
	return isPolledPhase(row.phase) ? pollIntervalMs(row, options.intervalMs) : undefined;
}

/**
 * `next` is `previous` with `old` replaced by `replacement`. When the replacement asks as much of the budget as the
 * old row did, every tenant's cadence stays as it was, so next shares previous's worked-out cadences.
 */
export function cadenceRowReplaced(
	previous: readonly TrackedRow[],
	next: readonly TrackedRow[],
	old: TrackedRow,
	replacement: TrackedRow,
): void {
	const cache = cadenceCaches.get(previous);
	if (cache !== undefined && demandMs(old, cache.options) === demandMs(replacement, cache.options)) {
		cadenceCaches.set(next, cache);
	}
}

/**
 * The interval of the rows out of view, for the header: the longest of any tenant, when it is slower than
 * `--interval` (the user should know the rows they scroll to may be that old). Undefined without a focus, or when
 * every row out of view is polled at `--interval` or faster than it needs.
 */
export function outOfViewEveryMs(state: MonitorState): number | undefined {
	const focus = focusOf(state);
	if (focus === undefined) {
		return undefined;
	}

	const byTenant = new Map<string, TrackedRow[]>();
	for (const row of state.rows) {
		const rows = byTenant.get(row.tenant);
		if (rows === undefined) {
			byTenant.set(row.tenant, [row]);
		} else {
			rows.push(row);
		}
	}

	let slowest: number | undefined;
	for (const rows of byTenant.values()) {
		const every = tenantCadence(rows, focus, state.options).outOfViewMs;
		if (every !== undefined && every > state.options.intervalMs) {
			slowest = Math.max(slowest ?? 0, every);
		}
	}

	return slowest;
}

/**
 * Rows coming into focus whose next poll is further away than their interval in focus allows are pulled in to
 * their last answer + that interval, or to now when that has passed (due now, not overdue: a row just scrolled to
 * is not marked stale for the moment it waits for its turn). Rows in flight, failing (backoff) or without an answer
 * yet keep their schedule. `now` is the time of the focus change.
 */
export function pullIntoFocus(state: MonitorState, previous: ReadonlySet<RowKey> | undefined, now: number): MonitorState {
	const focus = focusOf(state);
	if (focus === undefined) {
		return state;
	}

	const cadences = new Map<string, TenantCadence>();
	const cadenceOf = (tenant: string): TenantCadence => {
		let cadence = cadences.get(tenant);
		if (cadence === undefined) {
			cadence = tenantCadence(
				state.rows.filter(row => row.tenant === tenant),
				focus,
				state.options,
			);
			cadences.set(tenant, cadence);
		}

		return cadence;
	};

	let changed = false;
	const rows = state.rows.map(row => {
		if (
			!focus.has(row.key) ||
			previous?.has(row.key) === true ||
			!isPolledPhase(row.phase) ||
			row.inFlight ||
			row.failures > 0 ||
			row.lastOkAt === undefined
		) {
			return row;
		}

		const due = Math.max(now, row.lastOkAt + intervalIn(cadenceOf(row.tenant), row, focus, state.options));
		if (row.nextPollAt <= due) {
			return row;
		}

		changed = true;
		return {...row, nextPollAt: due};
	});
	return changed ? {...state, rows} : state;
}
