/**
 * Figure: time from spawning `aggwatch --demo` in a pty to the first screen that shows every demo row, against a
 * bundled Ink hello-world (bench/hello-bundle.ts) spawned the same way in the same run (runs interleaved, so load
 * drifts hit both).
 */
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {demoTrackedIds} from '../source/simulator/demo-scenario.js';
import {spawnPty} from '../test/helpers/pty.js';
import type {BenchConfig} from './config.js';
import {buildBundledHello} from './hello-bundle.js';
import {rowsOnScreen} from './rows-on-screen.js';
import {timeWhen} from './screen-wait.js';
import {summarize, type Summary} from './stats.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The built CLI; BENCH_CLI points elsewhere (another build, e.g. to compare before and after a change). */
const cli = process.env['BENCH_CLI'] ?? path.join(root, 'dist', 'cli.js');

export interface FirstFrameResult {
	aggwatchMs: Summary;
	/** The bundled Ink hello-world (esbuild, minified, NODE_ENV=production). */
	helloMs: Summary;
	/** A bare `node -e` printing one line: the floor any Node CLI pays on this machine right now. */
	nodeMs: Summary;
	/** Median aggwatch / median hello-world. */
	ratio: number;
	runs: number;
}

async function timeAggwatch(config: BenchConfig): Promise<number> {
	const ids = demoTrackedIds();
	// A fresh store per spawn: the first run of a new user (the demo clears its rows on start anyway).
	const storeDir = mkdtempSync(path.join(os.tmpdir(), 'aggwatch-bench-ff-'));
	const started = performance.now();
	const session = spawnPty(process.execPath, [cli, '--demo'], {
		cols: config.columns,
		rows: config.rows,
		cwd: storeDir,
		env: {AGGWATCH_CONFIG_DIR: storeDir},
	});
	try {
		const shown = await timeWhen(session, 'the demo rows', () => rowsOnScreen(session.screenLines(), ids) >= ids.length, 30_000);
		await session.write('q');
		await session.waitForExit({timeoutMs: 10_000});
		return shown - started;
	} finally {
		session.dispose();
		rmSync(storeDir, {recursive: true, force: true});
	}
}

async function timeHello(config: BenchConfig, script: string[], text = 'Hello, world'): Promise<number> {
	const started = performance.now();
	const session = spawnPty(process.execPath, script, {cols: config.columns, rows: config.rows, cwd: root});
	try {
		const shown = await timeWhen(session, text, () => session.screenText().includes(text), 30_000);
		await session.waitForExit({timeoutMs: 10_000});
		return shown - started;
	} finally {
		session.dispose();
	}
}

export async function measureFirstFrame(config: BenchConfig, log: (line: string) => void): Promise<FirstFrameResult> {
	const bundled = await buildBundledHello();
	try {
		const hello = [bundled.file];
		// One untimed spawn of each first: loads both into the page cache.
		await timeAggwatch(config);
		await timeHello(config, hello);
		const aggwatch: number[] = [];
		const helloTimes: number[] = [];
		const nodeTimes: number[] = [];
		for (let run = 0; run < config.firstFrameRuns; run++) {
			// Alternate which goes first, so neither always follows the other's exit.
			if (run % 2 === 0) {
				aggwatch.push(await timeAggwatch(config));
				helloTimes.push(await timeHello(config, hello));
			} else {
				helloTimes.push(await timeHello(config, hello));
				aggwatch.push(await timeAggwatch(config));
			}

			nodeTimes.push(await timeHello(config, ['-e', 'process.stdout.write("node is up")'], 'node is up'));
			log(
				`  first frame run ${run + 1}/${config.firstFrameRuns}: aggwatch ${aggwatch.at(-1)?.toFixed(0)} ms, bundled ink hello ${helloTimes.at(-1)?.toFixed(0)} ms, bare node ${nodeTimes.at(-1)?.toFixed(0)} ms`,
			);
		}

		const aggwatchMs = summarize(aggwatch);
		const helloMs = summarize(helloTimes);
		return {aggwatchMs, helloMs, nodeMs: summarize(nodeTimes), ratio: aggwatchMs.median / helloMs.median, runs: config.firstFrameRuns};
	} finally {
		bundled.dispose();
	}
}
