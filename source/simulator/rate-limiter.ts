/**
 * A sliding-window log per key (client id): at most `requests` accepted in any `windowMs`.
 * Refused requests are not counted, so Retry-After says exactly when the next one fits.
 */
export class SlidingWindowLimiter {
	readonly #requests: number;
	readonly #windowMs: number;
	readonly #accepted = new Map<string, number[]>();

	constructor(limit: {requests: number; windowMs: number}) {
		this.#requests = limit.requests;
		this.#windowMs = limit.windowMs;
	}

	/** Counts the request when it fits; otherwise returns how many whole seconds to wait (at least 1). */
	take(key: string, now: number): {ok: true} | {ok: false; retryAfterSec: number} {
		const since = now - this.#windowMs;
		const times = (this.#accepted.get(key) ?? []).filter(time => time > since);
		if (times.length >= this.#requests) {
			this.#accepted.set(key, times);
			const oldest = times[times.length - this.#requests] ?? now;
			return {ok: false, retryAfterSec: Math.max(1, Math.ceil((oldest + this.#windowMs - now) / 1000))};
		}

		times.push(now);
		this.#accepted.set(key, times);
		return {ok: true};
	}
}
