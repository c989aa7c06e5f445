/**
 * Figures from the in-process driver runs (driver-run.tsx): what an answer for a row out of view draws, and how
 * the monitor's cost changes from 10 to 5,000 tracked rows.
 */
import type {DriverRun} from './driver-run.js';
import {fixed, type Figure} from './figure.js';

/** An answer for a row out of view: frames and bytes it causes before the next tick (the 1,000-row run). */
export function outOfViewFigure(run: DriverRun): Figure {
	const ok = run.answersOutOfView > 0 && run.framesBetweenTicks === 0 && run.bytesBetweenTicks === 0;
	return {
		key: 'out_of_view_answer',
		name: 'Poll answer for a row out of view',
		value: run.framesBetweenTicks,
		unit: 'frames',
		display: `${run.framesBetweenTicks} frames, ${run.bytesBetweenTicks} B`,
		budget: 'no frame',
		ok,
		notes: [
			`${run.rows.toLocaleString('en-US')} tracked, ${run.seconds} simulated s: ${run.answers} answers (${run.answersOutOfView} for rows out of view) drew ${run.framesBetweenTicks} frames and wrote ${run.bytesBetweenTicks} B between the ticks; the ${run.ticks} ticks drew ${run.framesAtTicks} frames, ${fixed(run.bytesAtTicks / Math.max(1, run.ticks), 0)} B each`,
		],
		details: {...run},
	};
}

/** How CPU per answer, per tick and per second change with the number of tracked rows. */
export function scaleFigure(runs: readonly DriverRun[]): Figure {
	const first = runs[0];
	const last = runs.at(-1);
	const growth = first === undefined || last === undefined ? Number.NaN : last.cpuPerAnswerMs / first.cpuPerAnswerMs;
	const rows = (run: DriverRun) => run.rows.toLocaleString('en-US');
	return {
		key: 'scale_answer_cost',
		name: `Cost per answer, ${first === undefined ? '?' : rows(first)} → ${last === undefined ? '?' : rows(last)} tracked`,
		value: growth,
		unit: '× (CPU per answer, largest ÷ smallest)',
		display: `${fixed(growth, 1)}× (${runs.map(run => `${fixed(run.cpuPerAnswerMs, 2)}`).join(' / ')} ms)`,
		budget: '≤ 2× (flat)',
		ok: Number.isFinite(growth) ? growth <= 2 : undefined,
		notes: [
			`CPU per answer / per tick's frame (p50) / per simulated second, without HTTP: ${runs
				.map(run => `${rows(run)} rows ${fixed(run.cpuPerAnswerMs, 2)} / ${fixed(run.tickCpuMs.median)} / ${fixed(run.cpuMsPerSecond)} ms`)
				.join('; ')}`,
		],
		details: {runs},
	};
}
