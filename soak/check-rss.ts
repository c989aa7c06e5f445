/**
 * Memory: the monitor's RSS from the baseline moment (minute 2 of the default run, once start-up allocation is
 * done) to the end. Each end is the median of a short window's samples: RSS saws up and down with garbage
 * collection, a full collection now and then drops it by a third for a sample or two, and a leak raises the whole
 * window, which no single peak or dip moves.
 */
import {median} from '../source/core/past-runs.js';
import {runMs} from './config.js';
import {figure, megabytes, runTime, type Figure} from './figure.js';
import type {SoakObservations} from './observations.js';
import type {RssSample} from './rss.js';

export function rssGrowth(
	samples: readonly RssSample[],
	baselineAt: number,
	endAt: number,
	windowMs: number,
): {base?: number; end?: number} {
	const base = median(samples.filter(sample => sample.at >= baselineAt && sample.at < baselineAt + windowMs).map(sample => sample.bytes));
	const end = median(samples.filter(sample => sample.at > endAt - windowMs && sample.at <= endAt).map(sample => sample.bytes));
	return {...(base === undefined ? {} : {base}), ...(end === undefined ? {} : {end})};
}

export function rssFigure(observations: SoakObservations): Figure {
	const {config, rss, runStart, quitAt} = observations;
	const windowMs = Math.max(3 * config.rssSampleSec * 1000, Math.min(30_000, runMs(config) * 0.2));
	const baselineAt = runStart + config.rssBaselineSec * 1000;
	const {base, end} = rssGrowth(rss, baselineAt, quitAt, windowMs);
	const name = `monitor RSS growth, ${runTime(baselineAt - runStart)} → end`;
	const limitPercent = config.rssGrowthLimitPercent;
	const limit = limitPercent === undefined ? 'reported (needs a run of minutes)' : `< ${limitPercent} %`;
	if (base === undefined || end === undefined) {
		return figure(name, 'no samples', limit, limitPercent === undefined ? undefined : false);
	}

	const growth = ((end - base) / base) * 100;
	const peak = Math.max(...rss.map(sample => sample.bytes));
	return figure(
		name,
		`${growth >= 0 ? '+' : ''}${growth.toFixed(1)} % (median ${megabytes(base)} → ${megabytes(end)}, peak ${megabytes(peak)})`,
		limit,
		limitPercent === undefined ? undefined : growth < limitPercent,
		limitPercent === undefined ? [`${name}: not held to a limit in a run this short: a window is shorter than the collector's cycle`] : [],
	);
}
