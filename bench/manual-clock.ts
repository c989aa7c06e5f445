/** A clock for in-process runs of the monitor driver: time moves only when advance() is called, timers fire in order. */
import type {PollerClock} from '../source/core/poller.js';

interface Timer {
	at: number;
	order: number;
	callback: () => void;
}

export class ManualClock implements PollerClock {
	#now: number;
	#order = 0;
	readonly #timers = new Set<Timer>();

	constructor(start: number) {
		this.#now = start;
	}

	now(): number {
		return this.#now;
	}

	setTimeout(callback: () => void, ms: number): unknown {
		const timer: Timer = {at: this.#now + Math.max(0, ms), order: this.#order++, callback};
		this.#timers.add(timer);
		return timer;
	}

	clearTimeout(handle: unknown): void {
		this.#timers.delete(handle as Timer);
	}

	/** Moves time to `target`, firing every timer due on the way (each at its own time), then lets promises settle. */
	async advanceTo(target: number): Promise<void> {
		for (;;) {
			let next: Timer | undefined;
			for (const timer of this.#timers) {
				if (timer.at <= target && (next === undefined || timer.at < next.at || (timer.at === next.at && timer.order < next.order))) {
					next = timer;
				}
			}

			if (next === undefined) {
				break;
			}

			this.#timers.delete(next);
			this.#now = Math.max(this.#now, next.at);
			next.callback();
			// Answers are promises: let them land (and the poller react) before the next timer.
			await new Promise(resolve => setImmediate(resolve));
		}

		this.#now = target;
		await new Promise(resolve => setImmediate(resolve));
	}
}
