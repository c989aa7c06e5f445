/** setTimeout cannot wait longer than this (about 24.8 days): a longer delay fires at once, with a warning. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Calls `callback` once `ms` have passed, however long that is: delays beyond setTimeout's limit are chained.
 * Returns the function that cancels it.
 */
export function setLongTimeout(callback: () => void, ms: number): () => void {
	let handle: ReturnType<typeof setTimeout> | undefined;
	const arm = (remaining: number): void => {
		const step = Math.min(Math.max(0, remaining), MAX_TIMER_MS);
		handle = setTimeout(() => {
			if (remaining > step) {
				arm(remaining - step);
			} else {
				callback();
			}
		}, step);
	};

	arm(ms);
	return () => {
		clearTimeout(handle);
	};
}
