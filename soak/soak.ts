/**
 * One soak run: three simulated tenants, the store set up through the CLI, one full-screen monitor in a real
 * pseudo-terminal tracking every aggregation, and two `aggwatch wait --json` processes, all through a schedule of
 * faults; then q, and the checks (analyze.ts). Shared by `npm run soak` (soak/run.ts) and the short version in
 * `npm test` (test/soak/soak.test.ts).
 */
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {openStore, type StoredRow} from '../source/store/config.js';
import {sandbox} from '../test/helpers/cli.js';
import {analyze, type SoakAnalysis} from './analyze.js';
import {finishable} from './check-final-states.js';
import {authErrorLine} from './check-rotation.js';
import {runMs, type SoakConfig} from './config.js';
import {readDebugLog, type SentRequest} from './debug-log.js';
import {megabytes, runTime} from './figure.js';
import type {MonitorObservation, SoakObservations, TenantObservation, WaitObservation} from './observations.js';
import {buildLayout} from './plans.js';
import {MONITOR, startMonitor, startWait, type MonitorProcess, type WaitProcess} from './processes.js';
import {RssSampler} from './rss.js';
import {buildSchedule, type SoakAction} from './schedule.js';
import {armTenants, startTenants, tenantNamed, type SoakSimulator} from './simulators.js';
import {TruthTracker} from './truth.js';
import {setUpStore} from './cli-setup.js';

export interface SoakOptions {
	/** The built CLI (dist/cli.js, or the tests' snapshot of it). */
	cli: string;
	/** Progress lines. */
	log?: (line: string) => void;
	/** Keep the temporary store, debug logs and so on (their folder is logged). */
	keepFiles?: boolean;
}

export interface SoakResult {
	config: SoakConfig;
	analysis: SoakAnalysis;
	/** Epoch ms of the run's start. */
	startedAt: number;
	/** Wall time of the whole soak, set-up included. */
	seconds: number;
}

const FINAL_PHASES = new Set(['ended', 'not-found', 'expired']);

const sleep = async (ms: number) =>
	new Promise<void>(resolve => {
		setTimeout(resolve, Math.max(0, ms));
	});

/** Rows in the store file right now (read without the lock: conf writes it atomically); undefined while unreadable. */
function storedRows(file: string): StoredRow[] | undefined {
	try {
		const data = JSON.parse(readFileSync(file, 'utf8')) as {tracked?: StoredRow[]};
		return Array.isArray(data.tracked) ? data.tracked : undefined;
	} catch {
		return undefined;
	}
}

function perform(action: SoakAction, tenants: readonly SoakSimulator[]): void {
	switch (action.kind) {
		case 'expire-tokens': {
			for (const tenant of tenants) {
				tenant.sim.expireTokens();
			}

			break;
		}

		case 'rotate': {
			const tenant = tenantNamed(tenants, action.tenant);
			tenant.sim.rotateSecret(tenant.spec.monitorClient.clientId, `${tenant.spec.monitorClient.clientSecret}-rotated`);
			break;
		}

		case 'restore': {
			const tenant = tenantNamed(tenants, action.tenant);
			tenant.sim.rotateSecret(tenant.spec.monitorClient.clientId, tenant.spec.monitorClient.clientSecret);
			break;
		}
	}
}

async function quitMonitor(
	monitor: MonitorProcess,
): Promise<Pick<MonitorObservation, 'exit' | 'rawOutput' | 'alternateScreenAfter' | 'cursorVisibleAfter'>> {
	const {session} = monitor;
	let exit = session.exited;
	if (exit === undefined) {
		await session.write('q');
		try {
			exit = await session.waitForExit({timeoutMs: 30_000});
		} catch {
			session.kill('SIGKILL');
		}
	}

	await session.settled();
	return {
		...(exit === undefined ? {} : {exit}),
		rawOutput: session.rawOutput(),
		alternateScreenAfter: session.isAlternateScreen(),
		cursorVisibleAfter: session.cursorVisible(),
	};
}

async function endWaits(waits: readonly WaitProcess[]): Promise<void> {
	for (const wait of waits) {
		if (wait.exit === undefined) {
			wait.child.kill('SIGTERM');
		}
	}

	await Promise.race([Promise.all(waits.map(async wait => wait.exited)), sleep(10_000)]);
	for (const wait of waits) {
		if (wait.exit === undefined) {
			wait.child.kill('SIGKILL');
		}
	}
}

function savedRows(configDir: string): {rows: StoredRow[]; error?: string} {
	try {
		const {store} = openStore({cwd: configDir, onWarning() {}});
		try {
			return {rows: store.listTracked()};
		} finally {
			store.close();
		}
	} catch (error) {
		return {rows: [], error: error instanceof Error ? error.message : String(error)};
	}
}

/** With keepFiles: the simulators' logs, RSS samples and the script's actions next to the --debug logs, for a closer look. */
function keepRecords(dir: string, observations: SoakObservations): void {
	for (const tenant of observations.tenants) {
		writeFileSync(path.join(dir, `simulator-${tenant.name}.jsonl`), tenant.log.map(entry => JSON.stringify(entry)).join('\n') + '\n');
	}

	for (const wait of observations.waits) {
		writeFileSync(path.join(dir, `${wait.name}.stdout.ndjson`), wait.stdout);
		writeFileSync(path.join(dir, `${wait.name}.stderr.txt`), wait.stderr);
	}

	writeFileSync(path.join(dir, 'monitor-terminal.txt'), observations.monitor.rawOutput);
	writeFileSync(
		path.join(dir, 'rss.json'),
		JSON.stringify(observations.rss.map(sample => ({t: sample.at - observations.runStart, mb: sample.bytes / 1024 / 1024}))),
	);
	writeFileSync(
		path.join(dir, 'actions.json'),
		JSON.stringify(
			observations.actions.map(({action, at}) => ({...action, t: at - observations.runStart})),
			null,
			'\t',
		),
	);
	writeFileSync(
		path.join(dir, 'run.json'),
		JSON.stringify({runStart: observations.runStart, quitAt: observations.quitAt, settledAt: observations.settledAt}),
	);
}

export async function runSoak(config: SoakConfig, options: SoakOptions): Promise<SoakResult> {
	const log = options.log ?? (() => undefined);
	const began = Date.now();
	const length = runMs(config);
	const layout = buildLayout(config);
	const schedule = buildSchedule(config);
	const tenants = await startTenants(layout, config);
	const box = sandbox();
	const storeFile = path.join(box.config, 'config.json');
	const timers: NodeJS.Timeout[] = [];
	let monitor: MonitorProcess | undefined;
	const waits: WaitProcess[] = [];
	try {
		log(
			`set-up: ${layout.tenants.length} tenants, ${layout.aggregations.length} aggregations, tracked through the CLI (store ${box.config})`,
		);
		await setUpStore(options.cli, box, tenants, layout);

		const runStart = Date.now();
		armTenants(tenants, layout, schedule, runStart);
		const truth = new TruthTracker(tenants);
		truth.start(500);
		monitor = startMonitor(options.cli, box, config);
		for (const spec of layout.waits) {
			waits.push(startWait(options.cli, box, config, spec));
		}

		const rss = new RssSampler(monitor.pid);
		rss.start(config.rssSampleSec * 1000);
		const actions: SoakObservations['actions'] = [];
		for (const action of schedule.actions) {
			timers.push(
				setTimeout(
					() => {
						perform(action, tenants);
						actions.push({action, at: Date.now()});
					},
					runStart + action.atMs - Date.now(),
				),
			);
		}

		// While the rotated tenant's secret is wrong, watch the screen for its auth error (the last screen if it never shows).
		let rotationScreen: string | undefined;
		const session = monitor.session;
		const rotated = schedule.rotation;
		const watchScreen = (): void => {
			if (Date.now() >= runStart + rotated.restoreAtMs || session.exited !== undefined) {
				return;
			}

			void session.settled().then(() => {
				rotationScreen = session.screenText();
				if (authErrorLine(rotationScreen, rotated.tenant) === undefined) {
					timers.push(setTimeout(watchScreen, 250));
				}
			});
		};

		timers.push(setTimeout(watchScreen, runStart + rotated.rotateAtMs - Date.now()));

		// Until the planned end, then until the store and the waits are final (bounded), watching the store file.
		const wanted = finishable(layout.aggregations, schedule.rotation).map(aggregation => `${aggregation.tenant}/${aggregation.id}`);
		let settledAt: number | undefined;
		const plannedEnd = runStart + length;
		const settleDeadline = plannedEnd + config.settleMaxSec * 1000;
		const progressEvery = Math.max(10_000, length / 20);
		let nextProgress = runStart + progressEvery;
		for (;;) {
			const now = Date.now();
			const rows = storedRows(storeFile);
			const byKey = new Map(rows?.map(row => [`${row.tenant}/${row.id}`, row]));
			const final = wanted.filter(key => FINAL_PHASES.has(byKey.get(key)?.phase ?? '')).length;
			if (settledAt === undefined && rows !== undefined && final === wanted.length) {
				settledAt = now;
			}

			if (now >= nextProgress) {
				nextProgress += progressEvery;
				const memory = rss.samples.at(-1);
				log(
					`${runTime(now - runStart)}  store: ${final}/${wanted.length} final  waits running: ${waits.filter(wait => wait.exit === undefined).length}` +
						`  monitor RSS ${memory === undefined ? '?' : megabytes(memory.bytes)}`,
				);
			}

			const waitsDone = waits.every(wait => wait.exit !== undefined);
			if (session.exited !== undefined || now >= settleDeadline || (now >= plannedEnd && settledAt !== undefined && waitsDone)) {
				break;
			}

			await sleep(500);
		}

		for (const timer of timers) {
			clearTimeout(timer);
		}

		const quitAt = Date.now();
		rss.sample();
		rss.stop();
		log(`${runTime(quitAt - runStart)}  q`);
		const screen = await quitMonitor(monitor);
		truth.stop();
		await endWaits(waits);

		const saved = savedRows(box.config);
		const sent: SentRequest[] = [];
		let badDebugLines = 0;
		for (const [name, file] of [[MONITOR, monitor.debugFile], ...waits.map(wait => [wait.name, wait.debugFile])] as Array<
			[string, string]
		>) {
			const {requests, bad} = readDebugLog(file, name);
			sent.push(...requests);
			badDebugLines += bad;
		}

		const tenantObservations: TenantObservation[] = tenants.map(tenant => {
			const owners = new Map([[tenant.spec.monitorClient.clientId, MONITOR]]);
			const talkers = [MONITOR];
			for (const wait of waits.filter(candidate => candidate.spec.tenant === tenant.spec.name)) {
				if (tenant.spec.waitClient !== undefined) {
					owners.set(tenant.spec.waitClient.clientId, wait.name);
				}

				talkers.push(wait.name);
			}

			return {name: tenant.spec.name, origin: new URL(tenant.sim.url).origin, log: tenant.sim.log, owners, talkers};
		});
		const waitObservations: WaitObservation[] = waits.map(wait => ({
			name: wait.name,
			spec: wait.spec,
			...(wait.exit === undefined ? {} : {exit: wait.exit}),
			stdout: wait.stdout(),
			stderr: wait.stderr(),
		}));
		const observations: SoakObservations = {
			config,
			layout,
			schedule,
			runStart,
			quitAt,
			...(settledAt === undefined ? {} : {settledAt}),
			tenants: tenantObservations,
			truth,
			actions,
			monitor: {
				...screen,
				...(rotationScreen === undefined ? {} : {rotationScreen}),
				storeRows: saved.rows,
				...(saved.error === undefined ? {} : {storeError: saved.error}),
			},
			waits: waitObservations,
			rss: rss.samples,
			sent,
			badDebugLines,
		};
		if (options.keepFiles === true) {
			keepRecords(box.work, observations);
		}

		return {config, analysis: analyze(observations), startedAt: runStart, seconds: (Date.now() - began) / 1000};
	} finally {
		for (const timer of timers) {
			clearTimeout(timer);
		}

		monitor?.session.dispose();
		for (const wait of waits) {
			if (wait.exit === undefined) {
				wait.child.kill('SIGKILL');
			}
		}

		await Promise.all(tenants.map(async tenant => tenant.sim.close()));
		if (options.keepFiles === true) {
			log(`files kept in ${path.dirname(box.config)}`);
		} else {
			box.remove();
		}
	}
}
