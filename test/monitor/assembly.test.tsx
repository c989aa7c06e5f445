/**
 * The monitor as `aggwatch` assembles it (commands/monitor/screen.tsx): a real store in a temporary folder, the real
 * services over real clients talking to the simulated tenant on loopback, and the real screen. Only the terminal is
 * ink-testing-library's.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import React from 'react';
import {afterEach, describe, expect, test} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import {DEFAULT_ALERT_PREFS} from '../../source/alerts/prefs.js';
import {MonitorScreen} from '../../source/commands/monitor/screen.js';
import {createMonitorServices} from '../../source/commands/monitor/services.js';
import {TenantClients} from '../../source/commands/tenant-clients.js';
import type {MonitorOptions, RowSeed} from '../../source/core/types.js';
import {IscClient} from '../../source/isc/client.js';
import {startSimulator} from '../../source/simulator/server.js';
import type {Simulator, SimAggregationPlan, SimSource} from '../../source/simulator/types.js';
import {openStore, type RowRef, type StoredRow} from '../../source/store/config.js';
import {TerminalSizeProvider} from '../../source/ui/terminal/index.js';
import {ThemeProvider} from '../../source/ui/theme/theme-provider.js';
import {id} from '../ui/fixtures.js';
import {keys, plain, press, waitForFrame, waitUntil} from '../ui/helpers.js';

const running: Simulator[] = [];
const folders: string[] = [];
afterEach(async () => {
	cleanup();
	await Promise.all(running.splice(0).map(async sim => sim.close()));
	for (const folder of folders.splice(0)) {
		rmSync(folder, {recursive: true, force: true});
	}
});

function plan(aggregationId: string, name: string, overrides: Partial<SimAggregationPlan> = {}): SimAggregationPlan {
	return {
		id: aggregationId,
		sourceId: id('50'),
		sourceName: name,
		collectMs: 150,
		totalAccounts: 40,
		accountsPerSecond: 100,
		outcome: {type: 'COMPLETED'},
		...overrides,
	};
}

/** What the assembly did to the store and the terminal. */
interface Recorded {
	changed: Array<readonly StoredRow[]>;
	changedAt: number[];
	added: Array<readonly RowSeed[]>;
	removed: Array<readonly RowRef[]>;
	alerts: string[];
}

interface StartOptions {
	plans: SimAggregationPlan[];
	seeds: string[];
	secret?: string;
	saveDelayMs?: number;
	sources?: SimSource[];
	/** Overrides of the monitor's options (interval, budget). */
	monitor?: Partial<MonitorOptions>;
}

async function start(options: StartOptions) {
	const sim = await startSimulator({
		aggregations: options.plans,
		...(options.sources === undefined ? {} : {sources: options.sources}),
		// A budget above ISC's own limit needs the simulated limit off.
		...(options.monitor?.budget === undefined ? {} : {rateLimit: false as const}),
	});
	running.push(sim);
	const folder = mkdtempSync(path.join(tmpdir(), 'aggwatch-monitor-'));
	folders.push(folder);
	const {store} = openStore({cwd: folder});
	const now = Date.now();
	store.addTracked(options.seeds.map(seed => ({id: seed, tenant: 'sim', addedAt: now})));

	// The store as it is, with every write the monitor makes noted on the way through.
	const recorded: Recorded = {changed: [], changedAt: [], added: [], removed: [], alerts: []};
	const saveSnapshots = store.saveSnapshots.bind(store);
	store.saveSnapshots = rows => {
		recorded.changed.push(rows);
		recorded.changedAt.push(Date.now());
		return saveSnapshots(rows);
	};
	const addTracked = store.addTracked.bind(store);
	store.addTracked = rows => {
		recorded.added.push(rows);
		return addTracked(rows);
	};
	const removeTracked = store.removeTracked.bind(store);
	store.removeTracked = rows => {
		recorded.removed.push(rows);
		return removeTracked(rows);
	};

	const clientSecret = options.secret ?? 'demo-secret';
	const clients = new TenantClients({
		resolve: tenant => ({
			tenant,
			baseUrl: sim.url,
			clientId: 'demo-client',
			clientSecret,
			source: {baseUrl: 'test', clientId: 'test', clientSecret: 'test'},
			apiVersion: 'v2025',
		}),
		create: async connection =>
			new IscClient({baseUrl: connection.baseUrl, clientId: connection.clientId, clientSecret: connection.clientSecret}, {retries: 0}),
	});
	const app = render(
		<ThemeProvider color={false}>
			<TerminalSizeProvider size={{columns: 120, rows: 24}}>
				<MonitorScreen
					store={store}
					tenant="sim"
					tenantLabel="sim"
					services={createMonitorServices(clients, ['sim'])}
					alerts={DEFAULT_ALERT_PREFS}
					autoDiscover={false}
					options={{intervalMs: 100, notFoundGraceMs: 400, maxBackoffMs: 200, authRetryMs: 60_000, ...options.monitor}}
					saveDelayMs={options.saveDelayMs ?? 200}
					writeRaw={sequence => recorded.alerts.push(sequence)}
				/>
			</TerminalSizeProvider>
		</ThemeProvider>,
	);
	const close = () => {
		app.unmount();
		clients.close();
		store.close();
	};

	const waitFor = async (predicate: (text: string) => boolean, timeoutMs = 10_000) =>
		plain(await waitForFrame(() => plain(app.lastFrame() ?? ''), predicate, timeoutMs));
	return {sim, app, store, recorded, waitFor, close};
}

/**
 * The list line that mentions `needle`: a row's source name once the tenant has told it, else its id's first
 * characters (the header may mention a row too, when it tells that the row ended).
 */
const line = (text: string, needle: string) =>
	text
		.split('\n')
		.slice(1)
		.find(candidate => candidate.includes(needle)) ?? '';

describe('the monitor, assembled, with the simulated tenant', () => {
	test('polls tracked ids until they end, and reports snapshots to the store in batches', async () => {
		const first = id('a1');
		const second = id('b2');
		const {recorded, waitFor, close} = await start({
			plans: [plan(first, 'AD'), plan(second, 'HR', {totalAccounts: 1_000_000, accountsPerSecond: 10})],
			seeds: [first, second],
		});
		const text = await waitFor(frame => line(frame, 'AD ').includes('completed'));
		expect(line(text, 'AD ')).toMatch(/40\/40 100%/);
		await waitFor(frame => line(frame, 'HR ').includes('collected'));
		await waitUntil(() =>
			recorded.changed.flat().some(row => row.id === first && row.snapshot?.status === 'COMPLETED' && row.phase === 'ended'),
		);
		// Batched: never two saves closer together than saveDelayMs (a little slack for timer rounding).
		for (let index = 1; index < recorded.changedAt.length; index++) {
			expect(recorded.changedAt[index]! - recorded.changedAt[index - 1]!).toBeGreaterThanOrEqual(195);
		}

		close();
	});

	test('changes not saved yet are saved on unmount', async () => {
		const only = id('a7');
		const {app, store, recorded, waitFor} = await start({plans: [plan(only, 'AD')], seeds: [only], saveDelayMs: 60_000});
		await waitFor(frame => line(frame, 'AD ').includes('completed'));
		expect(recorded.changed).toEqual([]);
		app.unmount();
		expect(recorded.changed).toHaveLength(1);
		expect(recorded.changed[0]).toEqual([expect.objectContaining({id: only, phase: 'ended'})]);
		expect(store.listTracked()).toEqual([
			expect.objectContaining({id: only, phase: 'ended', snapshot: expect.objectContaining({status: 'COMPLETED'})}),
		]);
		store.close();
	});

	test('ids added with a are tracked and polled; unknown ids end as not found; d removes a row', async () => {
		const known = id('c3');
		const {recorded, waitFor, app, store, close} = await start({plans: [plan(known, 'CRM')], seeds: []});
		await waitFor(frame => frame.includes('No aggregations tracked yet'));
		await press(app.stdin, 'a');
		const unknown = id('dd');
		await press(app.stdin, `${known} ${unknown}`);
		await press(app.stdin, keys.enter);
		expect(recorded.added).toEqual([
			[expect.objectContaining({id: known, tenant: 'sim'}), expect.objectContaining({id: unknown, tenant: 'sim'})],
		]);
		await waitFor(frame => line(frame, 'CRM ').includes('completed'));
		await waitFor(frame => line(frame, unknown.slice(0, 8)).includes('not found'));
		// Remove the selected (first) row.
		await press(app.stdin, 'd');
		await waitFor(frame => frame.includes('Stop tracking'));
		await press(app.stdin, 'y');
		await waitFor(frame => !frame.includes('CRM '));
		expect(recorded.removed).toEqual([[{tenant: 'sim', id: known}]]);
		expect(store.listTracked().map(row => row.id)).toEqual([unknown]);
		close();
	});

	test('rejected credentials: one banner for the tenant, with what to do', async () => {
		const {waitFor, close} = await start({
			plans: [plan(id('e5'), 'AD'), plan(id('f6'), 'HR')],
			seeds: [id('e5'), id('f6')],
			secret: 'wrong',
		});
		const text = await waitFor(frame => frame.includes('authentication failed'));
		expect(text.match(/authentication failed/g)).toHaveLength(1);
		expect(text).toMatch(/To fix:/);
		close();
	});

	test('D tracks a running aggregation found on the tenant; when it ends the terminal is alerted once', async () => {
		const running = id('9a');
		const {app, recorded, waitFor, close} = await start({
			plans: [plan(running, 'Workday', {collectMs: 300, totalAccounts: 60, accountsPerSecond: 100})],
			seeds: [],
		});
		await waitFor(frame => frame.includes('D discover'));
		await press(app.stdin, 'D');
		await waitFor(frame => frame.includes('Workday') && frame.includes('1 of 1 not tracked yet'));
		await press(app.stdin, keys.enter);
		await waitFor(frame => frame.includes('Tracking 1 aggregation: Workday'));
		expect(recorded.added).toEqual([[expect.objectContaining({id: running, tenant: 'sim', label: 'Workday'})]]);
		await waitFor(frame => line(frame, 'Workday').includes('completed'));
		await waitUntil(() => recorded.alerts.length > 0);
		expect(recorded.alerts).toHaveLength(1);
		expect(recorded.alerts[0]).toMatch(/^\u0007\u001B\]9;Workday: COMPLETED, 60 accounts in .+\u0007$/);
		close();
	});

	test('S starts an aggregation on a source after asking; the new id is tracked and polled; a delimited-file source is refused', async () => {
		const plannedRun = {collectMs: 100, totalAccounts: 30, accountsPerSecond: 100, outcome: {type: 'COMPLETED' as const}};
		const {app, recorded, waitFor, sim, close} = await start({
			plans: [],
			seeds: [],
			sources: [
				{id: id('51'), name: 'Okta', type: 'Okta', plan: plannedRun},
				{id: id('52'), name: 'HR CSV', type: 'DelimitedFile', plan: plannedRun},
			],
		});
		await waitFor(frame => frame.includes('S start'));
		await press(app.stdin, 'S');
		await waitFor(frame => frame.includes('HR CSV') && frame.includes('Okta'));
		await press(app.stdin, keys.enter); // HR CSV comes first by name
		await waitFor(frame => frame.includes('HR CSV is a delimited-file source'));
		await press(app.stdin, keys.down);
		await press(app.stdin, keys.enter);
		await waitFor(frame => frame.includes('Start an account aggregation on Okta (sim)? This changes the tenant.'));
		await press(app.stdin, 'y');
		const text = await waitFor(frame => frame.includes('Started an account aggregation on Okta (sim), id '));
		const started = /id ([\da-f]{32})/.exec(text)?.[1];
		expect(started).toBeDefined();
		expect(recorded.added).toEqual([[expect.objectContaining({id: started, tenant: 'sim', label: 'Okta'})]]);
		await waitFor(frame => line(frame, 'Okta').includes('completed'));
		// Only the Okta start reached the tenant.
		expect(sim.log.filter(request => request.method === 'POST' && request.path.includes('/load-accounts'))).toHaveLength(1);
		close();
	});

	test('rows on screen are polled at --interval, rows out of view less often; scrolling moves the focus; the header says how often', async () => {
		// 40 long aggregations, 19 of them on a 24-line screen; 1 s interval, a budget of 24 requests a second.
		const ids = Array.from({length: 40}, (_, n) => (0xa9_00_00 + n).toString(16).padStart(32, '0'));
		const name = (n: number) => `R${String(n).padStart(2, '0')}`;
		const plans = ids.map((aggregationId, n) =>
			plan(aggregationId, name(n), {
				sourceId: (0x50_00 + n).toString(16).padStart(32, '0'),
				collectMs: 100,
				totalAccounts: 1_000_000,
				accountsPerSecond: 1,
			}),
		);
		const {sim, app, waitFor, close} = await start({
			plans,
			seeds: ids,
			monitor: {intervalMs: 1000, budget: {requests: 24, windowMs: 1000}},
		});
		const onScreen = (frame: string) => ids.filter((_, n) => frame.includes(`${name(n)} `));
		const statusRequests = (aggregationId: string, from: number, to: number) =>
			sim.log.filter(entry => entry.path === `/v2025/account-aggregations/${aggregationId}/status` && entry.at >= from && entry.at < to)
				.length;
		const mean = (values: number[]) => values.reduce((total, value) => total + value, 0) / values.length;
		/** Status requests per row over `ms`, for the rows on screen (`shown`) and the others. */
		const measure = async (shown: readonly string[], ms: number) => {
			const from = Date.now();
			await new Promise(resolve => setTimeout(resolve, ms));
			const to = Date.now();
			return {
				inView: mean(shown.map(aggregationId => statusRequests(aggregationId, from, to))),
				outOfView: mean(
					ids.filter(aggregationId => !shown.includes(aggregationId)).map(aggregationId => statusRequests(aggregationId, from, to)),
				),
			};
		};

		// Once the rows on screen are collecting, at 1 s they would take 19 of the 21.6 planned a second; rows out of
		// view keep a fifth (4.32 a second, the rows on screen are slowed a little), so the 21 of them share it: ~5 s.
		const first = await waitFor(
			frame => frame.split('\n')[0]!.includes('live, out of view: every ~5s') && line(frame, `${name(0)} `).includes('collected'),
		);
		const top = onScreen(first);
		expect(top).toHaveLength(19);
		expect(top).toContain(ids[0]);
		const before = await measure(top, 4000);
		expect(before.inView).toBeGreaterThanOrEqual(2.5); // about one a second, answers included
		expect(before.outOfView).toBeLessThan(before.inView / 2);

		// Scroll to the last row: the rows now on screen get the interval, the first ones go to the shared pace.
		await press(app.stdin, 'G');
		const last = await waitFor(frame => frame.includes(`${name(39)} `) && !frame.includes(`${name(0)} `));
		const bottom = onScreen(last);
		expect(bottom).toContain(ids[39]);
		const after = await measure(bottom, 4000);
		expect(after.inView).toBeGreaterThanOrEqual(2.5);
		expect(after.outOfView).toBeLessThan(after.inView / 2);
		expect(mean(ids.slice(0, 5).map(aggregationId => statusRequests(aggregationId, Date.now() - 4000, Date.now())))).toBeLessThan(
			after.inView / 2,
		);
		close();
	}, 30_000);
});
