/**
 * The first-frame figures: aggwatch's median against a bundled Ink hello-world's (esbuild, minified,
 * NODE_ENV=production) measured alongside, the ratio being the one judged (it cancels most of this machine's load),
 * and the absolute median, reported.
 */
import {fixed, type Figure} from './figure.js';
import type {FirstFrameResult} from './first-frame.js';

/** At most this many times the bundled hello-world's first frame. */
export const FIRST_FRAME_RATIO_BUDGET = 1.5;

export function firstFrameFigures(result: FirstFrameResult): Figure[] {
	const {aggwatchMs, helloMs, nodeMs, ratio, runs} = result;
	return [
		{
			key: 'first_frame_ratio',
			name: 'First frame ÷ bundled Ink hello-world',
			value: ratio,
			unit: 'ratio',
			display: `${fixed(ratio, 2)}× (${fixed(aggwatchMs.median, 0)} ms vs ${fixed(helloMs.median, 0)} ms)`,
			budget: `≤ ${fixed(FIRST_FRAME_RATIO_BUDGET, 1)}×`,
			ok: ratio <= FIRST_FRAME_RATIO_BUDGET,
			notes: [
				`median of ${runs} interleaved spawns each in a pty, to the first screen with every demo row (aggwatch --demo) or "Hello, world"; the hello-world is bundled like aggwatch (esbuild, minified, NODE_ENV=production)`,
			],
			details: {aggwatchMs, helloMs, nodeMs},
		},
		{
			key: 'first_frame_ms',
			name: 'First frame, aggwatch --demo',
			value: aggwatchMs.median,
			unit: 'ms (median)',
			display: `${fixed(aggwatchMs.median, 0)} ms (p95 ${fixed(aggwatchMs.p95, 0)})`,
			budget: 'reported',
			ok: undefined,
			notes: [
				`absolute, so it moves with the machine's load; bundled Ink hello-world median ${fixed(helloMs.median, 0)} ms (p95 ${fixed(helloMs.p95, 0)}), bare node -e median ${fixed(nodeMs.median, 0)} ms`,
			],
			details: {aggwatchMs, helloMs, nodeMs},
		},
	];
}
