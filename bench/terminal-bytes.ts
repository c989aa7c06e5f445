/** Figure: bytes aggwatch writes to the terminal per second in the 20-aggregation run (the pty's raw count). */
import {fixed, type Figure} from './figure.js';
import {summarize} from './stats.js';
import type {SteadyRun} from './steady-run.js';

const budgetBytesPerSecond = 2048;

export function bytesFigure(run: SteadyRun): Figure {
	const first = run.readings[0];
	const last = run.readings.at(-1);
	if (first === undefined || last === undefined || last.at <= first.at) {
		return {
			key: 'bytes_per_second',
			name: 'Terminal output, same run',
			value: Number.NaN,
			unit: 'B/s',
			display: 'n/a',
			budget: '< 2 KB/s',
			ok: undefined,
			notes: ['no readings'],
		};
	}

	const seconds = (last.at - first.at) / 1000;
	const rate = (last.bytes - first.bytes) / seconds;
	const slices: number[] = [];
	for (let index = 1; index < run.readings.length; index++) {
		const before = run.readings[index - 1];
		const after = run.readings[index];
		if (before !== undefined && after !== undefined && after.at - before.at > 1000) {
			slices.push((after.bytes - before.bytes) / ((after.at - before.at) / 1000));
		}
	}

	const perSlice = summarize(slices);
	return {
		key: 'bytes_per_second',
		name: 'Terminal output, same run',
		value: rate,
		unit: 'B/s',
		display: `${fixed(rate, 0)} B/s`,
		budget: '< 2 KB/s',
		ok: rate < budgetBytesPerSecond,
		notes: [
			`${last.bytes - first.bytes} B in ${fixed(seconds, 0)} s; per 5 s slice p50 ${fixed(perSlice.median, 0)}, p95 ${fixed(perSlice.p95, 0)} B/s`,
		],
		details: {seconds, bytes: last.bytes - first.bytes, perSliceBytesPerSecond: perSlice},
	};
}
