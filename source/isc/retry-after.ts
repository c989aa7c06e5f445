const SECONDS = /^\d+(?:\.\d+)?$/;

/** The three HTTP-date forms: IMF-fixdate, RFC 850 and asctime. All carry a month name and an hh:mm:ss time. */
const HTTP_DATE =
	/(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[ -].*\d{1,2}:\d{2}:\d{2}|\d{1,2}:\d{2}:\d{2}.*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i;

/**
 * Reads a Retry-After header: delay-seconds (`2`) or an HTTP-date (`Wed, 21 Oct 2015 07:28:00 GMT`).
 * Returns milliseconds to wait from `now` (epoch ms), never negative; a date in the past gives 0.
 * Anything else (absent, empty, negative, garbage) gives undefined, so the caller falls back to its own backoff.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
	if (value === undefined) {
		return undefined;
	}

	const trimmed = value.trim();
	if (SECONDS.test(trimmed)) {
		const ms = Math.ceil(Number(trimmed) * 1000);
		return Number.isFinite(ms) ? ms : undefined;
	}

	if (!HTTP_DATE.test(trimmed)) {
		return undefined;
	}

	// HTTP-dates are always GMT; asctime carries no zone, and Date.parse would read it as local time.
	const at = Date.parse(/\b(?:gmt|utc)\b/i.test(trimmed) ? trimmed : `${trimmed} GMT`);
	if (Number.isNaN(at)) {
		return undefined;
	}

	return Math.max(0, at - now);
}
