/**
 * Start-up figures of the plain commands, each a ratio to a bare `node -e 0` taken in the same run with the
 * repetitions interleaved (so load drifts hit both): `aggwatch --version`, and `aggwatch status ID` for a saved
 * tenant served by the simulator on loopback (token request, status request, printed block), plus that command's
 * peak RSS (from /usr/bin/time, in separate runs so its wrapper does not count in the timings).
 */
import {execFile, spawn} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {startSimulator} from '../source/simulator/server.js';
import type {BenchConfig} from './config.js';
import {fixed, type Figure} from './figure.js';
import {summarize, type Summary} from './stats.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The built CLI; BENCH_CLI points elsewhere (another build, e.g. to compare before and after a change). */
const cli = process.env['BENCH_CLI'] ?? path.join(root, 'dist', 'cli.js');
const TIME = '/usr/bin/time';

export const VERSION_RATIO_BUDGET = 1.25;
export const STATUS_RATIO_BUDGET = 1.8;
export const STATUS_RSS_BUDGET_MB = 55;

/** bench/fixtures/http-floor.mjs: the same requests with node:http alone. */
const floorScript = path.join(root, 'bench', 'fixtures', 'http-floor.mjs');
const CLIENT = {clientId: 'bench-client', clientSecret: 'bench-secret-not-real'};
const AGGREGATION = '5a1b2c3d4e5f60718293a4b5c6d7e8f9';

interface Exit {
	ms: number;
	stdout: string;
	stderr: string;
}

/** Runs a command to its end (asynchronously: the simulator answers from this process meanwhile). */
function run(command: string, args: readonly string[], env: Record<string, string>): Promise<Exit> {
	return new Promise((resolve, reject) => {
		const started = performance.now();
		const child = spawn(command, args, {env, stdio: ['ignore', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.on('error', reject);
		child.on('close', code => {
			const ms = performance.now() - started;
			if (code === 0) {
				resolve({ms, stdout, stderr});
			} else {
				reject(new Error(`${path.basename(command)} ${args.join(' ')} exited ${code}: ${stderr.trim()}`));
			}
		});
	});
}

/** Peak RSS in MB (MiB) of `node <args>`, from GNU time's %M (KiB), printed as its last line of standard error. */
async function peakRssMb(args: readonly string[], env: Record<string, string>): Promise<number> {
	const {stderr} = await run(TIME, ['-f', '%M', process.execPath, ...args], env);
	return Number(stderr.trim().split('\n').at(-1)) / 1024;
}

export interface StartupResult {
	runs: number;
	nodeMs: Summary;
	versionMs: Summary;
	statusMs: Summary;
	/** The same three requests made with node:http alone (bench/fixtures/http-floor.mjs). */
	floorMs: Summary;
	/** Per-run ratios' medians would hide drift between runs; these are median ÷ median, as the other figures. */
	versionRatio: number;
	statusRatio: number;
	/**
	 * The same two with this machine's NODE_EXTRA_CA_CERTS (when it sets one): Node reads the extra certificates as it
	 * starts, in both. Undefined without it.
	 */
	withCa?: {file: string; nodeMs: Summary; statusMs: Summary; statusRatio: number};
	/** Undefined when /usr/bin/time is not there. */
	statusRssMb?: Summary;
	nodeRssMb?: Summary;
}

function withRatio(file: string, nodeMs: Summary, statusMs: Summary): NonNullable<StartupResult['withCa']> {
	return {file, nodeMs, statusMs, statusRatio: statusMs.median / nodeMs.median};
}

export async function measureStartup(config: BenchConfig, log: (line: string) => void): Promise<StartupResult> {
	const sim = await startSimulator({
		clients: [CLIENT],
		aggregations: [
			{
				id: AGGREGATION,
				sourceId: 'bench-source',
				sourceName: 'Bench',
				startAtMs: -120_000,
				collectMs: 1000,
				totalAccounts: 50,
				accountsPerSecond: 50,
				outcome: {type: 'COMPLETED'},
			},
		],
		rateLimit: false,
	});
	const home = mkdtempSync(path.join(os.tmpdir(), 'aggwatch-bench-startup-'));
	// The secret goes to the 0600 file, not a keychain: the same work on every machine.
	const env = {PATH: process.env['PATH'] ?? '', HOME: home, AGGWATCH_CONFIG_DIR: path.join(home, 'config'), AGGWATCH_KEYRING: 'off'};
	try {
		await new Promise<void>((resolve, reject) => {
			execFile(
				process.execPath,
				[cli, 'tenant', 'add', 'local', '--base-url', sim.url, '--client-id', CLIENT.clientId],
				{env: {...env, SAIL_CLIENT_SECRET: CLIENT.clientSecret}},
				error => {
					if (error) {
						reject(error);
					} else {
						resolve();
					}
				},
			);
		});
		const caFile = process.env['NODE_EXTRA_CA_CERTS'];
		const ca = caFile === undefined || caFile === '' ? undefined : {file: caFile, env: {...env, NODE_EXTRA_CA_CERTS: caFile}};
		const cases = {
			node: () => run(process.execPath, ['-e', '0'], env),
			version: () => run(process.execPath, [cli, '--version'], env),
			status: () => run(process.execPath, [cli, 'status', AGGREGATION], env),
			floor: () => run(process.execPath, [floorScript, sim.url, CLIENT.clientId, CLIENT.clientSecret, AGGREGATION], env),
			nodeCa: () => run(process.execPath, ['-e', '0'], ca?.env ?? env),
			statusCa: () => run(process.execPath, [cli, 'status', AGGREGATION], ca?.env ?? env),
		};
		const shown = await cases.status();
		if (!shown.stdout.includes('COMPLETED')) {
			throw new Error(`aggwatch status printed no status: ${shown.stdout.trim()} ${shown.stderr.trim()}`);
		}

		// Untimed once each: the page cache.
		await cases.node();
		await cases.version();
		const times = {
			node: [] as number[],
			version: [] as number[],
			status: [] as number[],
			floor: [] as number[],
			nodeCa: [] as number[],
			statusCa: [] as number[],
		};
		const rss = {node: [] as number[], status: [] as number[]};
		const withTime = existsSync(TIME);
		const order =
			ca === undefined
				? (['node', 'version', 'status', 'floor'] as const)
				: (['node', 'version', 'status', 'floor', 'nodeCa', 'statusCa'] as const);
		for (let run = 0; run < config.startupRuns; run++) {
			// Rotate the order, so none always follows another's exit.
			for (let index = 0; index < order.length; index++) {
				const name = order[(index + run) % order.length]!;
				times[name].push((await cases[name]()).ms);
			}

			if (withTime) {
				// In the environment of the budgeted figure (see startupFigures): the extra certificates take memory too.
				rss.node.push(await peakRssMb(['-e', '0'], ca?.env ?? env));
				rss.status.push(await peakRssMb([cli, 'status', AGGREGATION], ca?.env ?? env));
			}
		}

		const nodeMs = summarize(times.node);
		const versionMs = summarize(times.version);
		const statusMs = summarize(times.status);
		log(
			`  ${config.startupRuns} runs: node -e 0 ${fixed(nodeMs.median, 0)} ms, --version ${fixed(versionMs.median, 0)} ms, status ${fixed(statusMs.median, 0)} ms (medians)`,
		);
		return {
			runs: config.startupRuns,
			nodeMs,
			versionMs,
			statusMs,
			floorMs: summarize(times.floor),
			versionRatio: versionMs.median / nodeMs.median,
			statusRatio: statusMs.median / nodeMs.median,
			...(ca === undefined ? {} : {withCa: withRatio(ca.file, summarize(times.nodeCa), summarize(times.statusCa))}),
			...(withTime ? {statusRssMb: summarize(rss.status), nodeRssMb: summarize(rss.node)} : {}),
		};
	} finally {
		await sim.close();
		rmSync(home, {recursive: true, force: true});
	}
}

export function startupFigures(result: StartupResult): Figure[] {
	const {runs, nodeMs, versionMs, versionRatio, statusRssMb, nodeRssMb, withCa} = result;
	const interleaved = `medians of ${runs} interleaved runs each, whole process (spawn to exit)`;
	return [
		{
			key: 'version_ratio',
			name: 'aggwatch --version ÷ node -e 0',
			value: versionRatio,
			unit: 'ratio',
			display: `${fixed(versionRatio, 2)}× (${fixed(versionMs.median, 0)} ms vs ${fixed(nodeMs.median, 0)} ms)`,
			budget: `≤ ${fixed(VERSION_RATIO_BUDGET, 2)}×`,
			ok: versionRatio <= VERSION_RATIO_BUDGET,
			notes: [interleaved],
			details: {versionMs, nodeMs},
		},
		...statusFigures(result, interleaved),
		statusRssMb === undefined
			? {
					key: 'status_rss_mb',
					name: 'Peak RSS, aggwatch status ID',
					value: Number.NaN,
					unit: 'MB',
					display: 'n/a',
					budget: `< ${STATUS_RSS_BUDGET_MB} MB`,
					ok: undefined,
					notes: [`${TIME} is not installed`],
				}
			: {
					key: 'status_rss_mb',
					name: 'Peak RSS, aggwatch status ID',
					value: statusRssMb.median,
					unit: 'MB',
					display: `${fixed(statusRssMb.median)} MB (max ${fixed(statusRssMb.max)})`,
					budget: `< ${STATUS_RSS_BUDGET_MB} MB`,
					ok: statusRssMb.median < STATUS_RSS_BUDGET_MB,
					notes: [
						`median over ${runs} runs of GNU time's maximum resident set size (each run's peak)${withCa === undefined ? '' : ', with NODE_EXTRA_CA_CERTS as the status ratio'}; a bare node -e 0 peaks at ${fixed(nodeRssMb?.median ?? Number.NaN)} MB`,
					],
					details: {statusRssMb, nodeRssMb},
				},
	];
}

/**
 * `aggwatch status ID` ÷ `node -e 0`, held to STATUS_RATIO_BUDGET as issue 11 measured it: in this machine's
 * environment, whose NODE_EXTRA_CA_CERTS makes Node read the extra certificates as it starts, in both. (The build of
 * the day the issue was filed measures 2.5× that way and 6.0× without the certificates; the issue says 2.4×, and 1.75×
 * for --version, which also matches only with them.) The same ratio without the certificates is reported next to it,
 * with its floor: node:http alone making the same three requests. On a machine without NODE_EXTRA_CA_CERTS only that
 * one exists, and it is the one held to the budget.
 */
function statusFigures(result: StartupResult, interleaved: string): Figure[] {
	const {nodeMs, statusMs, floorMs, statusRatio, withCa} = result;
	const setUp =
		'a saved tenant (secret in the file, AGGWATCH_KEYRING=off) served by the simulator on loopback: token, status and task requests (the run has ended, so its outcome is read)';
	const floor = `for scale: node:http alone making the same three requests (bench/fixtures/http-floor.mjs) took ${fixed(floorMs.median / nodeMs.median, 2)}× (${fixed(floorMs.median, 0)} ms)`;
	const clean: Figure = {
		key: 'status_ratio_clean',
		name: 'aggwatch status ID ÷ node -e 0, no NODE_EXTRA_CA_CERTS',
		value: statusRatio,
		unit: 'ratio',
		display: `${fixed(statusRatio, 2)}× (${fixed(statusMs.median, 0)} ms vs ${fixed(nodeMs.median, 0)} ms)`,
		budget: withCa === undefined ? `≤ ${fixed(STATUS_RATIO_BUDGET, 1)}×` : 'reported',
		ok: withCa === undefined ? statusRatio <= STATUS_RATIO_BUDGET : undefined,
		notes: [`${interleaved}; ${setUp}; without NODE_EXTRA_CA_CERTS; ${floor}`],
		details: {statusMs, nodeMs, floorMs},
	};
	if (withCa === undefined) {
		return [{...clean, key: 'status_ratio', name: 'aggwatch status ID ÷ node -e 0'}];
	}

	return [
		{
			key: 'status_ratio',
			name: 'aggwatch status ID ÷ node -e 0, as issue 11 measured',
			value: withCa.statusRatio,
			unit: 'ratio',
			display: `${fixed(withCa.statusRatio, 2)}× (${fixed(withCa.statusMs.median, 0)} ms vs ${fixed(withCa.nodeMs.median, 0)} ms)`,
			budget: `≤ ${fixed(STATUS_RATIO_BUDGET, 1)}×`,
			ok: withCa.statusRatio <= STATUS_RATIO_BUDGET,
			notes: [
				`${interleaved}; ${setUp}; with this machine's NODE_EXTRA_CA_CERTS (${withCa.file}) in both, as a shell here starts them and as the issue's figures were taken (see statusFigures in bench/startup.ts)`,
			],
			details: withCa,
		},
		clean,
	];
}
