/** Figure: CPU of the aggwatch process while it watches 20 running aggregations (5 s interval, spinner on). */
import {fixed, type Figure} from './figure.js';
import {summarize} from './stats.js';
import type {SteadyRun} from './steady-run.js';

const budgetPercent = 2;

export function cpuFigure(run: SteadyRun): Figure {
	const first = run.readings[0];
	const last = run.readings.at(-1);
	if (first === undefined || last === undefined || last.at <= first.at) {
		return {
			key: 'cpu_percent',
			name: 'CPU, 20 running (5 s interval)',
			value: Number.NaN,
			unit: '% of a core',
			display: 'n/a',
			budget: `< ${budgetPercent} %`,
			ok: undefined,
			notes: ['no readings'],
		};
	}

	const percent = ((last.cpuMs - first.cpuMs) / (last.at - first.at)) * 100;
	const slices: number[] = [];
	for (let index = 1; index < run.readings.length; index++) {
		const before = run.readings[index - 1];
		const after = run.readings[index];
		if (before !== undefined && after !== undefined && after.at - before.at > 1000) {
			slices.push(((after.cpuMs - before.cpuMs) / (after.at - before.at)) * 100);
		}
	}

	const perSlice = summarize(slices);
	const seconds = (last.at - first.at) / 1000;
	return {
		key: 'cpu_percent',
		name: 'CPU, 20 running (5 s interval)',
		value: percent,
		unit: '% of a core',
		display: `${fixed(percent, 2)} %`,
		budget: `< ${budgetPercent} %`,
		ok: percent < budgetPercent,
		notes: [
			`mean over ${fixed(seconds, 0)} s; per 5 s slice p50 ${fixed(perSlice.median, 2)} %, p95 ${fixed(perSlice.p95, 2)} %; 20 running + 4 ended rows; RSS at the end ${fixed(run.rssMbAtEnd)} MB`,
		],
		details: {seconds, cpuMs: last.cpuMs - first.cpuMs, perSlicePercent: perSlice, rssMbAtEnd: run.rssMbAtEnd},
	};
}
