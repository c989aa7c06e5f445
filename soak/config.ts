/**
 * Soak settings. `npm run soak` runs the default profile (10 minutes, 200 aggregations); SOAK_MINUTES or
 * --minutes changes its length (every timeline and fault window scales with it). `shortSoakConfig()` is the
 * one-minute profile `npm test` runs (test/soak/soak.test.ts).
 */
import process from 'node:process';

export interface SoakConfig {
	/** Planned run length: faults and aggregation timelines are laid out over it. */
	minutes: number;
	/** Tracked aggregations in all, never-existing ids included. */
	aggregations: number;
	/** Ids no tenant ever knew (the monitor and wait must call them not-found after the 3-minute grace). */
	neverExisting: number;
	/** Rows each of the two `aggwatch wait --json` processes waits for. */
	waitRows: number;
	/** expires_in of every token the simulated tenants grant. */
	tokenLifetimeSec: number;
	/** The script invalidates every token (expireTokens) this often, half a period out of step with the lifetime. */
	expireTokensEverySec: number;
	/** --interval of the monitor and the wait processes. */
	intervalSec: number;
	/** --budget of the monitor and the wait processes: status requests per 10 s per tenant, and the check's limit. */
	budget: number;
	/** The monitor's auth retry interval (core default authRetryMs, no flag): decides whether recovery fits the run. */
	authRetryMs: number;
	/** The not-found grace of never-seen ids (core default notFoundGraceMs, no flag). */
	notFoundGraceMs: number;
	/** After the planned end, wait at most this long for the monitor's store and the wait processes to be final. */
	settleMaxSec: number;
	/** RSS is compared from this moment (minute 2 in the default run) to the end. */
	rssBaselineSec: number;
	/** RSS sampling period. */
	rssSampleSec: number;
	/**
	 * Largest RSS growth accepted, percent; undefined: the growth is reported, not held to a limit (a run too short to
	 * tell a leak from the collector's cycle).
	 */
	rssGrowthLimitPercent: number | undefined;
	/** Pseudo-terminal size. */
	columns: number;
	rows: number;
	/** Seed of the pseudo-random plan (same seed, same aggregations and outcomes). */
	seed: number;
}

export const DEFAULT_SOAK_CONFIG: SoakConfig = {
	minutes: 10,
	aggregations: 200,
	neverExisting: 5,
	waitRows: 15,
	tokenLifetimeSec: 60,
	expireTokensEverySec: 60,
	intervalSec: 5,
	budget: 80,
	authRetryMs: 5 * 60_000,
	notFoundGraceMs: 3 * 60_000,
	settleMaxSec: 60,
	rssBaselineSec: 120,
	rssSampleSec: 2,
	rssGrowthLimitPercent: 10,
	columns: 160,
	rows: 50,
	seed: 1,
};

/**
 * About a minute in all: 40 aggregations, 15 s tokens, a 2 s interval and a budget of 25 (so the budget is reached
 * with only 40 rows). No never-existing ids: their not-found grace (3 min, no flag) is longer than the run.
 */
export function shortSoakConfig(overrides: Partial<SoakConfig> = {}): SoakConfig {
	return {
		...DEFAULT_SOAK_CONFIG,
		minutes: 0.75,
		aggregations: 40,
		neverExisting: 0,
		waitRows: 6,
		tokenLifetimeSec: 15,
		expireTokensEverySec: 20,
		intervalSec: 2,
		budget: 25,
		settleMaxSec: 30,
		// Start-up allocation goes on for the first 20 s or so.
		rssBaselineSec: 20,
		rssSampleSec: 1,
		// 25 s after the baseline is less than one cycle of the collector: each window's lowest RSS depends on whether a
		// full collection fell in it, not on a leak (one build measured -30 % to +28 % over four short runs). The
		// default run holds the growth to its limit.
		rssGrowthLimitPercent: undefined,
		...overrides,
	};
}

/** The planned run length in ms. */
export function runMs(config: SoakConfig): number {
	return Math.round(config.minutes * 60_000);
}

function numberFrom(raw: string | undefined, name: string): number | undefined {
	if (raw === undefined || raw === '') {
		return undefined;
	}

	const value = Number(raw);
	if (!Number.isFinite(value) || value <= 0) {
		throw new Error(`${name} must be a positive number, not "${raw}"`);
	}

	return value;
}

function flagValue(argv: readonly string[], flag: string): string | undefined {
	const index = argv.findIndex(argument => argument === flag || argument.startsWith(`${flag}=`));
	if (index === -1) {
		return undefined;
	}

	const argument = argv[index] ?? '';
	return argument.includes('=') ? argument.slice(argument.indexOf('=') + 1) : argv[index + 1];
}

/**
 * The default profile (the short one with --short / SOAK_SHORT=1) with --minutes / SOAK_MINUTES, --aggregations / SOAK_AGGREGATIONS and --seed / SOAK_SEED
 * applied (flags win). Never-existing ids are left out of runs too short for their not-found grace.
 */
export function readSoakConfig(argv: readonly string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): SoakConfig {
	const minutes = numberFrom(flagValue(argv, '--minutes'), '--minutes') ?? numberFrom(env['SOAK_MINUTES'], 'SOAK_MINUTES');
	const aggregations =
		numberFrom(flagValue(argv, '--aggregations'), '--aggregations') ?? numberFrom(env['SOAK_AGGREGATIONS'], 'SOAK_AGGREGATIONS');
	const seed = numberFrom(flagValue(argv, '--seed'), '--seed') ?? numberFrom(env['SOAK_SEED'], 'SOAK_SEED');
	const short = argv.includes('--short') || (env['SOAK_SHORT'] !== undefined && env['SOAK_SHORT'] !== '' && env['SOAK_SHORT'] !== '0');
	const config: SoakConfig = {
		...(short ? shortSoakConfig() : DEFAULT_SOAK_CONFIG),
		...(minutes === undefined ? {} : {minutes}),
		...(aggregations === undefined ? {} : {aggregations: Math.max(12, Math.round(aggregations))}),
		...(seed === undefined ? {} : {seed: Math.round(seed)}),
	};
	const length = runMs(config);
	return {
		...config,
		neverExisting: neverExistingFits(config) ? config.neverExisting : 0,
		rssBaselineSec: Math.min(config.rssBaselineSec, (length / 1000) * 0.5),
		waitRows: Math.min(config.waitRows, Math.max(3, Math.floor(config.aggregations / 8))),
	};
}

/** Never-existing ids turn not-found notFoundGraceMs after their first 404: that has to fit well inside the run. */
export function neverExistingFits(config: SoakConfig): boolean {
	return config.notFoundGraceMs + 30_000 <= runMs(config) * 0.85;
}
