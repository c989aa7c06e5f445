/**
 * Benchmark settings. The default run takes about four minutes; BENCH_QUICK=1 (or --quick) about one.
 * Every length can be overridden on its own, e.g. BENCH_CPU_SECONDS=20 npm run bench.
 */
import process from 'node:process';

export interface BenchConfig {
	quick: boolean;
	/** Spawns of `aggwatch --demo` (and of the Ink hello-world) for the first-frame median. */
	firstFrameRuns: number;
	/** Interleaved runs of `node -e 0`, `aggwatch --version` and `aggwatch status ID` for the start-up ratios. */
	startupRuns: number;
	/** Length of the measured window of the 20-aggregation run (CPU, bytes). */
	cpuSeconds: number;
	/** Token lifetime the simulator grants during the 20-aggregation run. */
	tokenLifetimeSec: number;
	/**
	 * How long the 1,000-aggregation monitor runs (polling) while RSS is sampled; its CPU is taken over the second half.
	 * The full run's 90 s is what a steady state needs: V8 optimises got's request path only after some hundreds of
	 * requests (at 8 a second), so the second half of a 40 s run measured 3.8-4.7 % where that of a 90 s run measured
	 * 3.6 % twice, on the same build.
	 */
	rssSeconds: number;
	/** Timed rerenders of the 1,000-row MonitorView. */
	renderFrames: number;
	/** Terminal size of every pty and of the in-process render. */
	columns: number;
	rows: number;
}

function numberFrom(name: string, fallback: number): number {
	const raw = process.env[name];
	if (raw === undefined || raw === '') {
		return fallback;
	}

	const value = Number(raw);
	if (!Number.isFinite(value) || value <= 0) {
		throw new Error(`${name} must be a positive number, not "${raw}"`);
	}

	return value;
}

export function readConfig(argv: readonly string[] = process.argv.slice(2)): BenchConfig {
	const quick =
		argv.includes('--quick') ||
		(process.env['BENCH_QUICK'] !== undefined && process.env['BENCH_QUICK'] !== '' && process.env['BENCH_QUICK'] !== '0');
	return {
		quick,
		firstFrameRuns: Math.round(numberFrom('BENCH_FIRST_FRAME_RUNS', quick ? 3 : 7)),
		startupRuns: Math.round(numberFrom('BENCH_STARTUP_RUNS', quick ? 11 : 31)),
		cpuSeconds: numberFrom('BENCH_CPU_SECONDS', quick ? 15 : 60),
		tokenLifetimeSec: numberFrom('BENCH_TOKEN_LIFETIME_SEC', quick ? 10 : 20),
		rssSeconds: numberFrom('BENCH_RSS_SECONDS', quick ? 20 : 90),
		renderFrames: Math.round(numberFrom('BENCH_RENDER_FRAMES', quick ? 120 : 400)),
		columns: 120,
		rows: 40,
	};
}
