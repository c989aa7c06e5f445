import type {PollerClock} from '../../core/poller.js';

/** How often the monitor's --discover mode looks for new aggregations by default: one list request a minute. */
export const DEFAULT_DISCOVERY_INTERVAL_MS = 60_000;

export interface DiscoveryWatcherOptions<T extends {id: string}> {
	/** The aggregations running now, e.g. `async () => describeRunning(await listAllRunning(client, {retries: 0}), names)`. */
	list(): Promise<readonly T[]>;
	/** New aggregations: ones not reported before and not `isKnown`. Never called with an empty list. */
	onFound(rows: T[]): void;
	/** Time between the end of one look and the start of the next. Default 60 s. */
	intervalMs?: number;
	/** Rows to leave out, e.g. ids already tracked. Asked at each look. */
	isKnown?(row: T): boolean;
	/**
	 * true: the first look only learns what is running already, and only aggregations that start later are found.
	 * Default false: the first look reports everything running that is not known.
	 */
	skipInitial?: boolean;
	/** A look failed; the next one still comes after the interval (or after a longer Retry-After). */
	onError?(error: unknown): void;
	clock: PollerClock;
}

export interface DiscoveryWatcher {
	/** Looks now, then every interval. Idempotent. */
	start(): void;
	/** No further looks; one under way finishes but reports nothing. */
	stop(): void;
	/** Looks now (unless a look is under way: then resolves when it ends) and restarts the interval. */
	check(): Promise<void>;
	readonly running: boolean;
}

function retryAfterOf(error: unknown): number | undefined {
	const value = (error as {retryAfterMs?: unknown} | undefined)?.retryAfterMs;
	return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * Finds account aggregations that start while the monitor runs: one `list()` per interval, never two at once,
 * reporting each id once. The clock is injected, so tests drive it without waiting.
 */
export function createDiscoveryWatcher<T extends {id: string}>(options: DiscoveryWatcherOptions<T>): DiscoveryWatcher {
	const intervalMs = options.intervalMs ?? DEFAULT_DISCOVERY_INTERVAL_MS;
	const {clock} = options;
	const seen = new Set<string>();
	let running = false;
	let primed = options.skipInitial !== true;
	let timer: unknown;
	let current: Promise<void> | undefined;

	function arm(delayMs: number): void {
		if (timer !== undefined) {
			clock.clearTimeout(timer);
		}

		timer = running
			? clock.setTimeout(() => {
					timer = undefined;
					void check();
				}, delayMs)
			: undefined;
	}

	async function look(): Promise<void> {
		let delay = intervalMs;
		try {
			const rows = await options.list();
			if (!running) {
				return;
			}

			const found: T[] = [];
			for (const row of rows) {
				if (seen.has(row.id)) {
					continue;
				}

				seen.add(row.id);
				if (primed && options.isKnown?.(row) !== true) {
					found.push(row);
				}
			}

			primed = true;
			if (found.length > 0) {
				options.onFound(found);
			}
		} catch (error) {
			delay = Math.max(intervalMs, retryAfterOf(error) ?? 0);
			try {
				options.onError?.(error);
			} catch {
				// A failing reporter must not stop discovery.
			}
		} finally {
			arm(delay);
		}
	}

	function check(): Promise<void> {
		if (!running) {
			return Promise.resolve();
		}

		if (timer !== undefined) {
			clock.clearTimeout(timer);
			timer = undefined;
		}

		if (current === undefined) {
			const pending = look().finally(() => {
				current = undefined;
			});
			current = pending;
		}

		return current;
	}

	return {
		start() {
			if (!running) {
				running = true;
				void check();
			}
		},
		stop() {
			running = false;
			arm(0);
		},
		check,
		get running() {
			return running;
		},
	};
}
