import type {PollerClock} from './poller.js';

/**
 * A tenant's request budget for a one-shot command: at most `requests` per `windowMs`, spread evenly (one every
 * windowMs / requests), as the monitor spreads its own (core/schedule.ts). Every request waits its turn with
 * acquire(), retries and repeats included, and is counted.
 */
export interface RequestPacer {
	/** Resolves when one more request may leave, and counts it. */
	acquire(): Promise<void>;
	/** Requests let through so far. */
	readonly sent: number;
	/** Cancels the timer; waiting requests are let through. */
	close(): void;
}

export function createRequestPacer(budget: {requests: number; windowMs: number}, clock: PollerClock): RequestPacer {
	const spacingMs = budget.windowMs / budget.requests;
	const sentAt: number[] = [];
	const waiting: Array<() => void> = [];
	let timer: unknown;
	let closed = false;

	function readyAt(now: number): number {
		const last = sentAt.at(-1);
		let ready = last === undefined ? now : Math.max(now, last + spacingMs);
		while (sentAt.length > 0 && sentAt[0]! <= now - budget.windowMs) {
			sentAt.shift();
		}

		if (sentAt.length >= budget.requests) {
			ready = Math.max(ready, sentAt[sentAt.length - budget.requests]! + budget.windowMs);
		}

		return ready;
	}

	const pacer = {
		sent: 0,
		async acquire() {
			return new Promise<void>(resolve => {
				waiting.push(resolve);
				if (timer === undefined) {
					drain();
				}
			});
		},
		close() {
			closed = true;
			if (timer !== undefined) {
				clock.clearTimeout(timer);
				timer = undefined;
			}

			for (const resolve of waiting.splice(0)) {
				resolve();
			}
		},
	};

	function drain(): void {
		timer = undefined;
		while (waiting.length > 0) {
			const now = clock.now();
			const ready = closed ? now : readyAt(now);
			if (ready > now) {
				timer = clock.setTimeout(drain, Math.ceil(ready - now));
				return;
			}

			sentAt.push(now);
			pacer.sent++;
			waiting.shift()!();
		}
	}

	return pacer;
}
