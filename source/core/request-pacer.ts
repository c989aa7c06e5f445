import type {PollerClock} from './poller.js';

/**
 * A tenant's request budget for a one-shot command: at most `requests` in any `windowMs` (a sliding window, as ISC
 * counts its own limit of 100 per 10 s per token). Unlike the monitor, which polls without end and spreads its
 * requests evenly (core/schedule.ts), a one-shot read may use a window's whole budget as soon as it can: 300
 * sources' schedules take about 30 s at 80 per 10 s instead of 38 s. Every request waits its turn with acquire(),
 * retries and repeats included, and is counted.
 */
export interface RequestPacer {
	/** Resolves when one more request may leave, with the time its turn came (by the pacer's clock), and counts it. */
	acquire(): Promise<number>;
	/** Requests let through so far. */
	readonly sent: number;
	/** Cancels the timer; waiting requests are let through. */
	close(): void;
}

export function createRequestPacer(budget: {requests: number; windowMs: number}, clock: PollerClock): RequestPacer {
	const sentAt: number[] = [];
	const waiting: Array<(at: number) => void> = [];
	let timer: unknown;
	let closed = false;

	function readyAt(now: number): number {
		let ready = now;
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
			return new Promise<number>(resolve => {
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

			const now = clock.now();
			for (const resolve of waiting.splice(0)) {
				resolve(now);
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
			waiting.shift()!(now);
		}
	}

	return pacer;
}
