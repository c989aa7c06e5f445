/** One line of the benchmark's table (and of results/latest.json). */
export interface Figure {
	/** Stable key for the JSON, e.g. "cpu_percent". */
	key: string;
	name: string;
	value: number;
	unit: string;
	/** The value as printed, e.g. "1.3 %" or "p50 4.1 ms / p95 9.8 ms". */
	display: string;
	budget: string;
	/** Within budget; undefined when the figure could not be judged. */
	ok: boolean | undefined;
	notes: string[];
	/** Raw numbers behind the figure, for the JSON file. */
	details?: Record<string, unknown>;
}

export function fixed(value: number, digits = 1): string {
	return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}
