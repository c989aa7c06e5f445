/** Summary statistics over samples (ms, bytes, …). Percentiles use the nearest-rank method. */

export interface Summary {
	count: number;
	min: number;
	median: number;
	p95: number;
	max: number;
	mean: number;
}

export function percentile(sorted: readonly number[], fraction: number): number {
	if (sorted.length === 0) {
		return Number.NaN;
	}

	const rank = Math.ceil(fraction * sorted.length);
	return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? Number.NaN;
}

export function median(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	if (sorted.length === 0) {
		return Number.NaN;
	}

	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export function summarize(values: readonly number[]): Summary {
	const sorted = [...values].sort((a, b) => a - b);
	const sum = sorted.reduce((total, value) => total + value, 0);
	return {
		count: sorted.length,
		min: sorted[0] ?? Number.NaN,
		median: median(sorted),
		p95: percentile(sorted, 0.95),
		max: sorted.at(-1) ?? Number.NaN,
		mean: sorted.length === 0 ? Number.NaN : sum / sorted.length,
	};
}
