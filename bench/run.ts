/**
 * `npm run bench`: builds (via the npm script), then measures aggwatch against its budgets and prints a table.
 * It reports, it does not fail on timings. Results also go to bench/results/latest.json.
 *
 *   npm run bench                       about 3 minutes
 *   BENCH_QUICK=1 npm run bench         about 1 minute (also: npm run bench -- --quick)
 *   BENCH_CPU_SECONDS, BENCH_RSS_SECONDS, BENCH_FIRST_FRAME_RUNS, BENCH_STARTUP_RUNS, BENCH_RENDER_FRAMES, BENCH_TOKEN_LIFETIME_SEC
 *
 * BENCH_ONLY=first-frame,steady,rss,render,sources runs only the named parts (while iterating on one figure).
 *
 * For investigating: BENCH_CHILD_NODE_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof" adds Node flags to the
 * aggwatch processes of the 20- and 1,000-aggregation runs, and BENCH_CLI runs another build of the CLI there and
 * in the first-frame and start-up figures (e.g. an unminified one for readable profiles, or an older one to compare).
 */
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';
import {version} from '../source/version.js';
import {readConfig} from './config.js';
import {endStateFigure} from './end-state-requests.js';
import type {Figure} from './figure.js';
import {firstFrameFigures} from './first-frame-figures.js';
import {measureFirstFrame} from './first-frame.js';
import {cpuFigure} from './idle-cpu.js';
import {measureStartup, startupFigures} from './startup.js';
import {machineInfo} from './proc.js';
import {measureRenderTimeInWorker} from './render-figure.js';
import {measureRss} from './rss-run.js';
import {runSteady} from './steady-run.js';
import {formatTable, verdict} from './table.js';
import {sourcesFigure} from './sources-figure.js';
import {bytesFigure} from './terminal-bytes.js';
import {tokenFigure} from './token-requests.js';

const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');

function log(line: string): void {
	process.stderr.write(`${line}\n`);
}

function failed(key: string, name: string, error: unknown): Figure {
	const message = error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
	log(`  ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
	return {key, name, value: Number.NaN, unit: '', display: 'failed', budget: '', ok: undefined, notes: [`failed: ${message}`]};
}

const config = readConfig();
const before = machineInfo();
const startedAt = performance.now();
log(
	`aggwatch ${version} benchmark (${config.quick ? 'quick' : 'full'}): node ${before.node}, ${before.cpus} × ${before.cpuModel}, load ${before.loadAverage.map(load => load.toFixed(2)).join(' ')}`,
);

const figures: Figure[] = [];
const only = new Set(
	(process.env['BENCH_ONLY'] ?? '')
		.split(',')
		.map(part => part.trim())
		.filter(Boolean),
);
const runs = (part: string): boolean => only.size === 0 || only.has(part);

if (runs('first-frame')) {
	log(`First frame: ${config.firstFrameRuns} runs each of aggwatch --demo and a bundled Ink hello-world`);
	try {
		figures.push(...firstFrameFigures(await measureFirstFrame(config, log)));
	} catch (error) {
		figures.push(failed('first_frame_ratio', 'First frame ÷ bundled Ink hello-world', error));
	}
}

if (runs('startup')) {
	log(`Start-up: ${config.startupRuns} interleaved runs each of node -e 0, aggwatch --version and aggwatch status ID`);
	try {
		figures.push(...startupFigures(await measureStartup(config, log)));
	} catch (error) {
		figures.push(failed('status_ratio', 'aggwatch status ID ÷ node -e 0', error));
	}
}

if (runs('steady')) {
	log(`20 running aggregations: ${config.cpuSeconds} s measured, ${config.tokenLifetimeSec} s tokens`);
	try {
		const steady = await runSteady(config, log);
		figures.push(cpuFigure(steady), bytesFigure(steady), endStateFigure(steady), tokenFigure(steady));
	} catch (error) {
		figures.push(failed('cpu_percent', 'CPU, 20 running (5 s interval)', error));
	}
}

if (runs('rss')) {
	log(`1,000 tracked aggregations: ${config.rssSeconds} s`);
	try {
		figures.push(...(await measureRss(config, log)));
	} catch (error) {
		figures.push(failed('rss_mb_1000', 'RSS, 1,000 tracked', error));
	}
}

if (runs('render')) {
	log(
		`Render time (${config.renderFrames} frames of 1,000 rows), 10 to 5,000 rows driven on a simulated clock, output layers: in-process (a child process with NODE_ENV=production)`,
	);
	try {
		figures.push(...(await measureRenderTimeInWorker()));
	} catch (error) {
		figures.push(failed('render_ms_1000', 'Render per frame, 1,000 rows (120×40)', error));
	}
}

if (runs('sources')) {
	log('aggwatch sources on a tenant of 300 sources, 40 of which ran in the last day, at the default budget');
	try {
		figures.push(await sourcesFigure(log));
	} catch (error) {
		figures.push(failed('sources_300_seconds', 'aggwatch sources, 300 sources: first full answer', error));
	}
}

const after = machineInfo();
const seconds = (performance.now() - startedAt) / 1000;
const load = (values: readonly number[]) => values.map(value => value.toFixed(2)).join(' ');
const table = formatTable(figures);
process.stdout.write(`\n${table}\n\n`);
process.stdout.write(
	`aggwatch ${version}, node ${after.node}, ${after.platform}, ${after.cpus} × ${after.cpuModel}\n` +
		`load average (1/5/15 min): ${load(before.loadAverage)} at start, ${load(after.loadAverage)} at end\n` +
		`${config.quick ? 'quick' : 'full'} run: ${seconds.toFixed(0)} s; first frame ${config.firstFrameRuns} runs, CPU window ${config.cpuSeconds} s, 1,000-row run ${config.rssSeconds} s, ${config.renderFrames} rendered frames\n`,
);

mkdirSync(resultsDir, {recursive: true});
const file = path.join(resultsDir, 'latest.json');
writeFileSync(
	file,
	`${JSON.stringify(
		{
			version,
			date: new Date().toISOString(),
			mode: config.quick ? 'quick' : 'full',
			seconds,
			config,
			machine: {...after, loadAverageAtStart: before.loadAverage},
			figures: figures.map(figure => ({...figure, verdict: verdict(figure)})),
		},
		null,
		'\t',
	)}\n`,
);
process.stdout.write(`results: ${path.relative(process.cwd(), file)}\n`);
