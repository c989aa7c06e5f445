import type {ProgressSample} from './types.js';

/** At most this many progress samples are kept per row. */
export const MAX_SAMPLES = 20;
/** Samples older than this (relative to the newest) are dropped. */
export const SAMPLE_WINDOW_MS = 5 * 60_000;

/**
 * Appends a sample, keeping the last MAX_SAMPLES within SAMPLE_WINDOW_MS of it.
 * A count lower than the previous one means the aggregation started over (e.g. RETRIED): the old samples describe
 * another run, so they are dropped.
 */
export function addSample(samples: readonly ProgressSample[], sample: ProgressSample): ProgressSample[] {
	const last = samples.at(-1);
	if (last !== undefined && (sample.processed < last.processed || sample.at < last.at)) {
		return [sample];
	}

	const kept = samples.filter(s => s.at >= sample.at - SAMPLE_WINDOW_MS);
	kept.push(sample);
	return kept.length > MAX_SAMPLES ? kept.slice(kept.length - MAX_SAMPLES) : kept;
}
