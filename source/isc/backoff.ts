export interface BackoffOptions {
	/** Delay before the first retry, before jitter. */
	baseMs: number;
	/** Ceiling of the delay, jitter included. */
	maxMs: number;
	/** A number in [0, 1); Math.random in production, fixed in tests. */
	random: () => number;
	/**
	 * full: anywhere in [0, d); equal: in [d/2, d), so a retry never fires at once. Default equal.
	 * (d = min(maxMs, baseMs * 2^(attempt-1)))
	 */
	jitter?: 'full' | 'equal';
}

/**
 * Delay before retry number `attempt` (1 for the first retry): exponential in the attempt, capped at
 * maxMs, with jitter so many clients that failed together do not come back together. Whole milliseconds.
 */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
	const {baseMs, maxMs, random, jitter = 'equal'} = options;
	const exponent = Math.max(0, Math.floor(attempt) - 1);
	const ceiling = Math.max(0, Math.min(maxMs, baseMs * 2 ** Math.min(exponent, 52)));
	const r = Math.min(Math.max(random(), 0), 1);
	const delay = jitter === 'full' ? ceiling * r : ceiling / 2 + (ceiling / 2) * r;
	return Math.min(Math.floor(delay), Math.floor(ceiling));
}
