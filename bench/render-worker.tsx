/**
 * Entry of the render-time figure's own process (see render-figure.ts): React must load as its production build,
 * as in the bundled CLI, so NODE_ENV=production has to be set before anything imports it. Prints the figure as
 * JSON on stdout: the render time, the out-of-view answer and scale figures of the in-process driver runs (driver-run.tsx),
 * and the output-layer comparison. Progress goes to stderr.
 */
import process from 'node:process';
import {readConfig} from './config.js';
import {runDriver, type DriverRun} from './driver-run.js';
import type {Figure} from './figure.js';
import {measureOutputLayers} from './output-layers.js';
import {measureRenderTime} from './render-time.js';
import {outOfViewFigure, scaleFigure} from './scale-figures.js';

if (process.env['NODE_ENV'] !== 'production') {
	throw new Error('run the render worker with NODE_ENV=production (render-figure.ts does)');
}

const config = readConfig();
const log = (line: string) => {
	process.stderr.write(`${line}\n`);
};

const figures: Figure[] = [await measureRenderTime(config, log)];
const runs: DriverRun[] = [];
for (const rows of [10, 100, 1000, 5000]) {
	runs.push(
		await runDriver({rows, seconds: config.quick ? 10 : 30, warmupSeconds: 40, columns: config.columns, terminalRows: config.rows}),
	);
	log(`  driver: ${rows} rows simulated`);
}

const thousand = runs.find(run => run.rows === 1000);
if (thousand !== undefined) {
	figures.push(outOfViewFigure(thousand));
}

figures.push(scaleFigure(runs), await measureOutputLayers(config, log));
process.stdout.write(`${JSON.stringify(figures)}\n`);
