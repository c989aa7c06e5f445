/** One row of the soak's report: what was measured, the limit it is held to, and the verdict. */
export type Verdict = 'ok' | 'FAIL' | 'n/a';

export interface Figure {
	name: string;
	value: string;
	limit: string;
	verdict: Verdict;
	/** Details printed under the table (mismatches, first violations, why n/a). */
	notes: string[];
}

export function figure(name: string, value: string, limit: string, ok: boolean | undefined, notes: string[] = []): Figure {
	return {name, value, limit, verdict: ok === undefined ? 'n/a' : ok ? 'ok' : 'FAIL', notes};
}

/** "+2:05" for 125_000 ms after the run's start. */
export function runTime(ms: number): string {
	const sign = ms < 0 ? '-' : '+';
	const seconds = Math.round(Math.abs(ms) / 1000);
	return `${sign}${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

export function megabytes(bytes: number): string {
	return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
