/** Did every process end as it should, without crashing, and leave the terminal as it found it? */
import {figure, runTime, type Figure} from './figure.js';
import type {SoakObservations, WaitObservation} from './observations.js';

/** What a crash or an unhandled rejection leaves in a process's output. */
const CRASH_SIGNS: ReadonlyArray<[string, RegExp]> = [
	['"Unhandled"', /unhandled/i],
	['a JavaScript error name', /\b(?:TypeError|ReferenceError|RangeError|SyntaxError|EvalError|URIError|AggregateError)\b/],
	['a stack frame', /\bat (?:\S+ \()?(?:file:\/\/|node:|\/)\S*:\d+:\d+\)?/],
	['node:internal', /node:internal/],
];

/** Terminal output without escape sequences (CSI, OSC, single-character escapes). */
export function stripAnsi(text: string): string {
	return text
		.replaceAll(/\u001B\][^\u0007\u001B]*(?:\u0007|\u001B\\)/g, '')
		.replaceAll(/\u001B\[[0-?]*[ -/]*[@-~]/g, '')
		.replaceAll(/\u001B[@-_]/g, '');
}

export function crashSigns(text: string): string[] {
	const found: string[] = [];
	for (const [name, pattern] of CRASH_SIGNS) {
		const match = pattern.exec(text);
		if (match !== null) {
			const start = Math.max(0, match.index - 60);
			found.push(`${name}: …${text.slice(start, match.index + 80).replaceAll(/\s+/g, ' ')}…`);
		}
	}

	return found;
}

interface WaitSummary {
	exitCode?: unknown;
	results?: unknown;
}

/** The wait's NDJSON: every line an object, the last one the summary. */
export function parseWaitOutput(stdout: string): {events: Array<Record<string, unknown>>; summary?: WaitSummary; badLines: number} {
	const events: Array<Record<string, unknown>> = [];
	let badLines = 0;
	for (const line of stdout.split('\n')) {
		if (line.trim() === '') {
			continue;
		}

		try {
			const value: unknown = JSON.parse(line);
			if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
				events.push(value as Record<string, unknown>);
			} else {
				badLines++;
			}
		} catch {
			badLines++;
		}
	}

	const last = events.at(-1);
	return {events, ...(last?.['event'] === 'summary' ? {summary: last as WaitSummary} : {}), badLines};
}

function waitExitFigure(wait: WaitObservation, runStart: number): Figure {
	const {summary, badLines} = parseWaitOutput(wait.stdout);
	const exit = wait.exit;
	const notes: string[] = [];
	const stderr = wait.stderr.split('\n').filter(line => line.trim() !== '');
	if (stderr.length > 0) {
		notes.push(`stderr: ${stderr.slice(0, 3).join(' / ')}${stderr.length > 3 ? ` (+${stderr.length - 3} lines)` : ''}`);
	}

	if (badLines > 0) {
		notes.push(`${badLines} stdout lines are not JSON objects`);
	}

	if (summary === undefined) {
		notes.push('no summary line at the end of its output');
	}

	if (exit === undefined) {
		return figure(`${wait.name} exit`, 'still running at the end (killed)', 'exit by itself, code = summary', false, notes);
	}

	const summaryCode = typeof summary?.exitCode === 'number' ? summary.exitCode : undefined;
	const ok = exit.signal === null && exit.code !== null && [0, 2, 3].includes(exit.code) && exit.code === summaryCode && badLines === 0;
	const value = exit.signal === null ? `code ${exit.code} at ${runTime(exit.at - runStart)}` : `signal ${exit.signal}`;
	return figure(`${wait.name} exit`, `${value} (summary says ${summaryCode ?? 'nothing'})`, 'code = summary (0, 2 or 3)', ok, notes);
}

export function processFigures(observations: SoakObservations): Figure[] {
	const {monitor, waits, runStart} = observations;
	const figures: Figure[] = [];
	const exit = monitor.exit;
	figures.push(
		figure(
			'monitor exit after q',
			exit === undefined ? 'did not exit (killed)' : exit.signal === 0 ? `code ${exit.exitCode}` : `signal ${exit.signal}`,
			'code 0',
			exit !== undefined && exit.exitCode === 0 && exit.signal === 0,
		),
	);
	for (const wait of waits) {
		figures.push(waitExitFigure(wait, runStart));
	}

	const signs: string[] = [];
	for (const sign of crashSigns(stripAnsi(monitor.rawOutput))) {
		signs.push(`monitor: ${sign}`);
	}

	for (const wait of waits) {
		for (const sign of crashSigns(wait.stderr)) {
			signs.push(`${wait.name} stderr: ${sign}`);
		}

		for (const sign of crashSigns(wait.stdout)) {
			signs.push(`${wait.name} stdout: ${sign}`);
		}
	}

	figures.push(
		figure('crash signs in any output (Unhandled, TypeError…, stack frames)', String(signs.length), '0', signs.length === 0, signs),
	);
	figures.push(
		figure(
			'terminal after q',
			`${monitor.alternateScreenAfter ? 'alternate screen' : 'main screen'}, cursor ${monitor.cursorVisibleAfter ? 'visible' : 'hidden'}`,
			'main screen, cursor visible',
			!monitor.alternateScreenAfter && monitor.cursorVisibleAfter,
		),
	);
	return figures;
}
