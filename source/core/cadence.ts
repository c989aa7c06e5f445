import {pollIntervalMs} from './interval.js';
import {isPolledPhase} from './phase.js';
import {findRow} from './row-index.js';
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
 * A tenant's polled rows counted by their own interval (pollIntervalMs), in focus and out of view: all the cadence
 * needs to know of them. Intervals take a handful of values, so working a cadence out of it costs next to nothing.
 */
interface TenantDemand {
	/** Own interval (ms) → rows in focus polled at it. */
	readonly focus: ReadonlyMap<number, number>;
	/** Own interval (ms) → rows out of view polled at it. */
	readonly out: ReadonlyMap<number, number>;
}

const NO_DEMAND: TenantDemand = {focus: new Map(), out: new Map()};

/** `demand` with `count` more rows (fewer when negative) of own interval `own`, in focus or not. A new object. */
function withDemand(demand: TenantDemand, own: number, inFocus: boolean, count: number): TenantDemand {
	const side = new Map(inFocus ? demand.focus : demand.out);
	const left = (side.get(own) ?? 0) + count;
	if (left === 0) {
		side.delete(own);
	} else {
		side.set(own, left);
	}

	return inFocus ? {focus: side, out: demand.out} : {focus: demand.focus, out: side};
}

/** Requests per ms the rows of `counts` ask for, each at its own interval. */
function demandPerMs(counts: ReadonlyMap<number, number>): number {
	let perMs = 0;
	for (const [own, count] of counts) {
		perMs += count / own;
	}

	return perMs;
}

/**
 * The slowest interval X that fits the rows of `counts` (own interval → rows) into `rate` requests per ms, each row
 * polled every max(own, X): rows whose own interval is above X keep it, the others share what they leave.
 */
function sharedInterval(counts: ReadonlyMap<number, number>, rate: number): number {
	const slowestFirst = [...counts].sort(([a], [b]) => b - a);
	let count = 0;
	for (const [, rows] of slowestFirst) {
		count += rows;
	}

	let left = rate;
	let every = count / left;
	for (const [own, rows] of slowestFirst) {
		if (count <= 1 || every >= own) {
			break;
		}

		// Rows slower than the share keep their own pace (all of them: each one leaving lowers the share further).
		const leaving = Math.min(rows, count - 1);
		count -= leaving;
		left -= leaving / own;
		every = count / left;
	}

	return every;
}

/** How a tenant's rows share its budget, from their demand (see tenantCadence). */
function cadenceOfDemand(demand: TenantDemand, options: MonitorOptions): TenantCadence {
	const capacity = (PLANNED_SHARE * options.budget.requests) / options.budget.windowMs; // requests per ms
	const focusDemand = demandPerMs(demand.focus);
	const outDemand = demandPerMs(demand.out);
	if (focusDemand + outDemand <= capacity) {
		return OWN_PACE;
	}

	const outRate = demand.out.size === 0 ? 0 : Math.min(outDemand, Math.max(capacity - focusDemand, MIN_OUT_OF_VIEW_SHARE * capacity));
	const focusRate = capacity - outRate;
	const cadence: TenantCadence = {focusScale: focusDemand > focusRate ? focusDemand / focusRate : 1};
	if (outRate < outDemand) {
		cadence.outOfViewMs = sharedInterval(demand.out, outRate);
	}

	return cadence;
}

/** Each tenant's demand among `rows` (tenants without polled rows are left out). O(rows). */
function demandsOf(rows: readonly TrackedRow[], focus: ReadonlySet<RowKey>, intervalMs: number): Map<string, TenantDemand> {
	const counts = new Map<string, {focus: Map<number, number>; out: Map<number, number>}>();
	for (const row of rows) {
		if (!isPolledPhase(row.phase)) {
			continue;
		}

		let tenant = counts.get(row.tenant);
		if (tenant === undefined) {
			tenant = {focus: new Map(), out: new Map()};
			counts.set(row.tenant, tenant);
		}

		const side = focus.has(row.key) ? tenant.focus : tenant.out;
		const own = pollIntervalMs(row, intervalMs);
		side.set(own, (side.get(own) ?? 0) + 1);
	}

	return counts;
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

	const [demand] = demandsOf(rows, focus, options.intervalMs).values();
	return cadenceOfDemand(demand ?? NO_DEMAND, options);
}

/** focusOf's sets, by focus array: the reducer keeps the array while the focus stays, and each pass asks again. */
const focusSets = new WeakMap<readonly RowKey[], ReadonlySet<RowKey>>();

/** The rows in focus as a set; undefined when there is no focus (every row is in focus). */
export function focusOf(state: Pick<MonitorState, 'focus'>): ReadonlySet<RowKey> | undefined {
	return state.focus === undefined ? undefined : focusSetOf(state.focus);
}

function focusSetOf(focus: readonly RowKey[]): ReadonlySet<RowKey> {
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

	return intervalIn(cadenceIn(state, focus, row.tenant), row, focus, state.options);
}

/** A tenant's cadence in `state`, from its demand (kept up to date from answer to answer: see demandTable). */
function cadenceIn(state: MonitorState, focus: ReadonlySet<RowKey>, tenant: string): TenantCadence {
	return cadenceOfDemand(demandTable(state, focus).byTenant.get(tenant) ?? NO_DEMAND, state.options);
}

/** Each tenant's demand in a rows array, for the focus and --interval it was counted with. Never changed once made. */
interface DemandTable {
	focus: readonly RowKey[];
	intervalMs: number;
	byTenant: ReadonlyMap<string, TenantDemand>;
}

/**
 * The demand table of each rows array, once asked for. It moves on from array to array with the rows an answer
 * replaces (demandRowsReplaced) and from focus to focus with the rows that came into or left the view, so neither
 * an answer nor a scroll counts every row again.
 */
const demandTables = new WeakMap<readonly TrackedRow[], DemandTable>();

/** Polled rows ask for one request per own interval; others ask for nothing. */
function ownOf(row: TrackedRow, intervalMs: number): number | undefined {
	return isPolledPhase(row.phase) ? pollIntervalMs(row, intervalMs) : undefined;
}

/** `byTenant` with `row` counted in (`count` 1) or out (-1), as polled at `own`. */
function counted(byTenant: Map<string, TenantDemand>, row: TrackedRow, own: number, inFocus: boolean, count: number): void {
	byTenant.set(row.tenant, withDemand(byTenant.get(row.tenant) ?? NO_DEMAND, own, inFocus, count));
}

function demandTable(state: MonitorState, focus: ReadonlySet<RowKey>): DemandTable {
	const focusKeys = state.focus ?? [];
	const {intervalMs} = state.options;
	const known = demandTables.get(state.rows);
	if (known !== undefined && known.focus === focusKeys && known.intervalMs === intervalMs) {
		return known;
	}

	let table: DemandTable;
	if (known !== undefined && known.intervalMs === intervalMs) {
		// Another focus: only the rows that came into view or left it move.
		const before = focusSetOf(known.focus);
		const byTenant = new Map(known.byTenant);
		const move = (key: RowKey, inFocus: boolean): void => {
			const row = findRow(state.rows, key);
			const own = row === undefined ? undefined : ownOf(row, intervalMs);
			if (row !== undefined && own !== undefined) {
				counted(byTenant, row, own, !inFocus, -1);
				counted(byTenant, row, own, inFocus, 1);
			}
		};

		for (const key of focus) {
			if (!before.has(key)) {
				move(key, true);
			}
		}

		for (const key of before) {
			if (!focus.has(key)) {
				move(key, false);
			}
		}

		table = {focus: focusKeys, intervalMs, byTenant};
	} else {
		table = {focus: focusKeys, intervalMs, byTenant: demandsOf(state.rows, focus, intervalMs)};
	}

	demandTables.set(state.rows, table);
	return table;
}

/**
 * `next` is `previous` with rows replaced in the same places: each pair is [old row, its replacement]. When
 * previous's demand is known, next's is worked out from it by counting the old rows out and their replacements in.
 */
export function demandRowsReplaced(
	previous: readonly TrackedRow[],
	next: readonly TrackedRow[],
	replaced: ReadonlyArray<readonly [TrackedRow, TrackedRow]>,
): void {
	const table = demandTables.get(previous);
	if (table === undefined) {
		return;
	}

	const {intervalMs} = table;
	const changed = replaced.filter(
		([old, replacement]) => old.tenant !== replacement.tenant || ownOf(old, intervalMs) !== ownOf(replacement, intervalMs),
	);
	if (changed.length === 0) {
		demandTables.set(next, table);
		return;
	}

	const focus = focusSetOf(table.focus);
	const byTenant = new Map(table.byTenant);
	for (const [old, replacement] of changed) {
		const before = ownOf(old, intervalMs);
		const after = ownOf(replacement, intervalMs);
		if (before !== undefined) {
			counted(byTenant, old, before, focus.has(old.key), -1);
		}

		if (after !== undefined) {
			counted(byTenant, replacement, after, focus.has(replacement.key), 1);
		}
	}

	demandTables.set(next, {focus: table.focus, intervalMs, byTenant});
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

	let slowest: number | undefined;
	for (const demand of demandTable(state, focus).byTenant.values()) {
		const every = cadenceOfDemand(demand, state.options).outOfViewMs;
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
 * yet keep their schedule. `now` is the time of the focus change. Returns the rows to replace (the rows in focus
 * only are looked at).
 */
export function rowsPulledIntoFocus(state: MonitorState, previous: ReadonlySet<RowKey> | undefined, now: number): TrackedRow[] {
	const focus = focusOf(state);
	if (focus === undefined) {
		return [];
	}

	const pulled: TrackedRow[] = [];
	for (const key of focus) {
		const row = previous?.has(key) === true ? undefined : findRow(state.rows, key);
		if (row === undefined || !isPolledPhase(row.phase) || row.inFlight || row.failures > 0 || row.lastOkAt === undefined) {
			continue;
		}

		const due = Math.max(now, row.lastOkAt + intervalIn(cadenceIn(state, focus, row.tenant), row, focus, state.options));
		if (row.nextPollAt > due) {
			pulled.push({...row, nextPollAt: due});
		}
	}

	return pulled;
}
