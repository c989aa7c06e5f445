/** "2025-01-15 09:00:07 UTC": a time for output that reads the same on every machine and in CI logs. */
export function utcTime(epochMs: number): string {
	return Number.isFinite(epochMs)
		? new Date(epochMs)
				.toISOString()
				.replace('T', ' ')
				.replace(/\.\d+Z$/, ' UTC')
		: '?';
}
