/**
 * The first-frame figures: aggwatch's absolute median, and the same scaled to the reference machine by the Ink
 * hello-world measured alongside (≈ 700 ms there), which is the one judged: it cancels most of this machine's load.
 */
import {fixed, type Figure} from './figure.js';
import type {FirstFrameResult} from './first-frame.js';

const budgetMs = 400;
/** What the unbundled Ink hello-world takes on the machine the budget was set on. */
export const REFERENCE_HELLO_MS = 700;

export function firstFrameFigures(result: FirstFrameResult): Figure[] {
	const {aggwatchMs, helloMs, nodeMs, ratio, runs} = result;
	const scaled = ratio * REFERENCE_HELLO_MS;
	return [
		{
			key: 'first_frame_ms',
			name: 'First frame, aggwatch --demo',
			value: aggwatchMs.median,
			unit: 'ms (median)',
			display: `${fixed(aggwatchMs.median, 0)} ms (p95 ${fixed(aggwatchMs.p95, 0)})`,
			budget: `≤ ${budgetMs} ms`,
			ok: aggwatchMs.median <= budgetMs,
			notes: [
				`median of ${runs} spawns in a pty to the first screen with every demo row; Ink hello-world (unbundled) median ${fixed(helloMs.median, 0)} ms, p95 ${fixed(helloMs.p95, 0)} ms; bare node -e median ${fixed(nodeMs.median, 0)} ms`,
			],
			details: {aggwatchMs, helloMs, nodeMs},
		},
		{
			key: 'first_frame_ratio',
			name: 'First frame ÷ Ink hello-world',
			value: ratio,
			unit: 'ratio',
			display: `${fixed(ratio, 2)}× (≈ ${fixed(scaled, 0)} ms at hello=${REFERENCE_HELLO_MS})`,
			budget: `≤ ${fixed(budgetMs / REFERENCE_HELLO_MS, 2)}× (${budgetMs}/${REFERENCE_HELLO_MS})`,
			ok: scaled <= budgetMs,
			notes: [`load-independent form of the ${budgetMs} ms budget: aggwatch median ÷ hello-world median, same run`],
			details: {scaledMs: scaled, referenceHelloMs: REFERENCE_HELLO_MS},
		},
	];
}
