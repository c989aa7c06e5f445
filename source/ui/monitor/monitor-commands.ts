import {isFinishedPhase} from '../../core/phase.js';
import type {MonitorStore} from '../../core/monitor-store.js';
import {rowKey, type RowKey, type RowSeed, type TrackedRow} from '../../core/types.js';
import type {DiscoveredAggregation, MonitorCommands, StartableSource, StartResult} from './commands.js';

/** What the monitor's commands report to, read afresh on each call (the latest props). */
export interface MonitorCallbacks {
	/** The tenant ids typed at the add prompt go to. */
	tenant: string;
	onRowsAdded?(seeds: RowSeed[]): void;
	/** The user removed these rows (d, or c for the finished ones); `rows` are the rows as they were. */
	onRowsRemoved?(keys: RowKey[], rows: TrackedRow[]): void;
	startAggregation?(source: StartableSource): Promise<StartResult>;
}

export interface MonitorCommandsOptions {
	store: Pick<MonitorStore, 'getState' | 'dispatch'>;
	now(): number;
	/** Look at the polling schedule again (after added, poll-now, set-paused). */
	wake(): void;
	/** Show the state now rather than at the next tick (after the user's own commands). */
	flush(): void;
	callbacks(): MonitorCallbacks;
	/** Offer startAggregation (the S picker). */
	canStart: boolean;
}

/** The commands the monitor screen sends (add, remove, poll now, pause, clear, track, start), as core events. */
export function createMonitorCommands({store, now, wake, flush, callbacks, canStart}: MonitorCommandsOptions): MonitorCommands {
	/** Tracks rows not tracked yet, each on its own tenant: the one add path of a, D and S. */
	const track = (wanted: readonly RowSeed[]): void => {
		const known = new Set(store.getState().rows.map(row => row.key));
		const seeds: RowSeed[] = [];
		for (const seed of wanted) {
			const key = rowKey(seed.tenant, seed.id);
			if (!known.has(key)) {
				known.add(key);
				seeds.push(seed);
			}
		}

		if (seeds.length === 0) {
			return;
		}

		store.dispatch({type: 'added', rows: seeds, now: now()});
		callbacks().onRowsAdded?.(seeds);
		wake();
		flush();
	};

	const discovered = (items: readonly DiscoveredAggregation[]): RowSeed[] => {
		const at = now();
		return items.map(item => ({
			id: item.id,
			tenant: item.tenant,
			addedAt: at,
			...(item.sourceName === undefined ? {} : {label: item.sourceName}),
		}));
	};

	return {
		add(ids) {
			const at = now();
			const {tenant} = callbacks();
			track([...new Set(ids)].map((id): RowSeed => ({id, tenant, addedAt: at})));
		},
		track(items) {
			track(discovered(items));
		},
		...(canStart
			? {
					async startAggregation(source: StartableSource): Promise<StartResult> {
						const start = callbacks().startAggregation;
						if (start === undefined) {
							return {error: 'starting aggregations is not available here'};
						}

						const result = await start(source);
						if ('id' in result) {
							track(discovered([{id: result.id, tenant: source.tenant, sourceName: source.name}]));
						}

						return result;
					},
				}
			: {}),
		remove(keys) {
			const wanted = new Set(keys);
			const rows = store.getState().rows.filter(row => wanted.has(row.key));
			store.dispatch({type: 'removed', keys});
			flush();
			if (rows.length > 0) {
				callbacks().onRowsRemoved?.(
					rows.map(row => row.key),
					rows,
				);
			}
		},
		pollNow(keys) {
			store.dispatch(keys === undefined ? {type: 'poll-now', now: now()} : {type: 'poll-now', keys, now: now()});
			wake();
			flush();
		},
		setPaused(paused) {
			store.dispatch({type: 'set-paused', paused, now: now()});
			wake();
			flush();
		},
		focus(keys) {
			store.dispatch({type: 'focused', keys, now: now()});
			// Rows that came into view may be due now. The screen shows them already: nothing to flush.
			wake();
		},
		clearFinished() {
			const rows = store.getState().rows.filter(row => isFinishedPhase(row.phase));
			store.dispatch({type: 'clear-finished'});
			flush();
			if (rows.length > 0) {
				callbacks().onRowsRemoved?.(
					rows.map(row => row.key),
					rows,
				);
			}
		},
	};
}
