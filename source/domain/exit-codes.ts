/** Exit codes shared by every command; the README's table documents them. Where several apply, the highest wins. */
export const ExitCode = {
	ok: 0,
	/** Usage or configuration error. */
	usage: 1,
	/** An aggregation ended CANCELLED or TERMINATED. */
	failed: 2,
	/** An id was not found, or expired before an end state was seen. */
	notFound: 3,
	/** Authentication or permission failure. */
	auth: 4,
	/** `wait --timeout` ran out. */
	timeout: 5,
	/** A request failed for another reason (network, server, rate limit, bad response) after retries. */
	requestFailed: 6,
} as const;

export function worst(codes: Iterable<number>): number {
	let result = 0;
	for (const code of codes) {
		result = Math.max(result, code);
	}

	return result;
}
