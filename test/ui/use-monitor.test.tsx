import React from 'react';
import {afterEach, describe, expect, test} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import {createMonitorState} from '../../source/core/reducer.js';
import {rowKey, type RowKey, type RowSeed, type TrackedRow} from '../../source/core/types.js';
import {IscClient} from '../../source/isc/client.js';
import {startSimulator} from '../../source/simulator/server.js';
import type {Simulator, SimAggregationPlan, SimSource} from '../../source/simulator/types.js';
import {describeRunning, listAllRunning} from '../../source/commands/running-aggregations.js';
import {SourceNames} from '../../source/isc/source-names.js';
import type {AlertOutput, StartableSource} from '../../source/ui/app.js';
import {MonitorApp} from '../../source/ui/monitor-app.js';
import {UiRoot} from '../../source/ui/ui-root.js';
import {id} from './fixtures.js';
import {keys, plain, press, waitForFrame, waitUntil} from './helpers.js';

const running: Simulator[] = [];
afterEach(async () => {
	cleanup();
	await Promise.all(running.splice(0).map(async (sim) => sim.close()));
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

interface Recorded {
	changed: TrackedRow[][];
	changedAt: number[];
	added: RowSeed[][];
	removed: RowKey[][];
	removedRows: TrackedRow[][];
	errors: unknown[];
	quit: number;
	alerts: AlertOutput[];
}

interface StartOptions {
	plans: SimAggregationPlan[];
	seeds: string[];
	secret?: string;
	saveDelayMs?: number;
	sources?: SimSource[];
	/** Offer D (discover through the simulator's task-status) and S (its sources and load-accounts). */
	pickers?: boolean;
}

async function start(options: StartOptions) {
	const sim = await startSimulator({aggregations: options.plans, ...(options.sources === undefined ? {} : {sources: options.sources})});
	running.push(sim);
	const client = new IscClient({baseUrl: sim.url, clientId: 'demo-client', clientSecret: options.secret ?? 'demo-secret'}, {retries: 0});
	const recorded: Recorded = {changed: [], changedAt: [], added: [], removed: [], removedRows: [], errors: [], quit: 0, alerts: []};
	const names = new SourceNames(client);
	const pickers = options.pickers
		? {
				async discover() {
					const running = await describeRunning(await listAllRunning(client), names);
					return running.map((item) => ({...item, tenant: 'sim'}));
				},
				async listSources() {
					return (await client.listSources()).map((source) => ({...source, tenant: 'sim'}));
				},
				async startAggregation(source: StartableSource) {
					const started = await client.importAccounts(source.id);
					return {id: started.task.id};
				},
				onAlert(output: AlertOutput) {
					recorded.alerts.push(output);
				},
			}
		: {};
	const now = Date.now();
	const initialState = createMonitorState(
		{intervalMs: 100, notFoundGraceMs: 400, maxBackoffMs: 200, authRetryMs: 60_000},
		options.seeds.map((seed) => ({id: seed, tenant: 'sim', addedAt: now})),
		now,
	);
	const app = render(
		<UiRoot color={false} size={{columns: 120, rows: 24}}>
			<MonitorApp
				initialState={initialState}
				tenant="sim"
				tenantLabel="sim"
				fetchStatus={async (row) => client.getAggregationStatus(row.id, {retries: 0})}
				saveDelayMs={options.saveDelayMs ?? 200}
				onRowsChanged={(rows) => {
					recorded.changed.push(rows);
					recorded.changedAt.push(Date.now());
				}}
				onRowsAdded={(seeds) => recorded.added.push(seeds)}
				onRowsRemoved={(keysRemoved, rows) => {
					recorded.removed.push(keysRemoved);
					recorded.removedRows.push(rows);
				}}
				onError={(error) => recorded.errors.push(error)}
				onQuit={() => {
					recorded.quit++;
				}}
				{...pickers}
			/>
		</UiRoot>,
	);
	const waitFor = async (predicate: (text: string) => boolean, timeoutMs = 10_000) =>
		plain(await waitForFrame(() => plain(app.lastFrame() ?? ''), predicate, timeoutMs));
	return {sim, app, recorded, waitFor};
}

/** The list line that mentions `needle` (the header may mention a row too, when it tells that the row ended). */
const line = (text: string, needle: string) => text.split('\n').slice(1).find((candidate) => candidate.includes(needle)) ?? '';

describe('useMonitor with the simulated tenant', () => {
	test('polls tracked ids until they end, and reports snapshots to the store in batches', async () => {
		const first = id('a1');
		const second = id('b2');
		const {app, recorded, waitFor} = await start({
			plans: [plan(first, 'AD'), plan(second, 'HR', {totalAccounts: 1_000_000, accountsPerSecond: 10})],
			seeds: [first, second],
		});
		const text = await waitFor((frame) => line(frame, first.slice(0, 8)).includes('completed'));
		expect(line(text, first.slice(0, 8))).toMatch(/40\/40 100%/);
		await waitFor((frame) => line(frame, second.slice(0, 8)).includes('collected'));
		await waitUntil(() =>
			recorded.changed.flat().some((row) => row.id === first && row.snapshot?.status === 'COMPLETED' && row.phase === 'ended'),
		);
		// Batched: never two saves closer together than saveDelayMs (a little slack for timer rounding).
		for (let index = 1; index < recorded.changedAt.length; index++) {
			expect(recorded.changedAt[index]! - recorded.changedAt[index - 1]!).toBeGreaterThanOrEqual(195);
		}

		app.unmount();
		expect(recorded.errors).toEqual([]);
	});

	test('changes not saved yet are saved on unmount', async () => {
		const only = id('a7');
		const {app, recorded, waitFor} = await start({plans: [plan(only, 'AD')], seeds: [only], saveDelayMs: 60_000});
		await waitFor((frame) => line(frame, only.slice(0, 8)).includes('completed'));
		expect(recorded.changed).toEqual([]);
		app.unmount();
		expect(recorded.changed).toHaveLength(1);
		expect(recorded.changed[0]).toEqual([expect.objectContaining({id: only, phase: 'ended'})]);
	});

	test('ids added with a are tracked and polled; unknown ids end as not found; d removes a row', async () => {
		const known = id('c3');
		const {recorded, waitFor, app} = await start({plans: [plan(known, 'CRM')], seeds: []});
		await waitFor((frame) => frame.includes('No aggregations tracked yet'));
		await press(app.stdin, 'a');
		const unknown = id('dd');
		await press(app.stdin, `${known} ${unknown}`);
		await press(app.stdin, keys.enter);
		expect(recorded.added).toEqual([[expect.objectContaining({id: known, tenant: 'sim'}), expect.objectContaining({id: unknown, tenant: 'sim'})]]);
		await waitFor((frame) => line(frame, known.slice(0, 8)).includes('completed'));
		await waitFor((frame) => line(frame, unknown.slice(0, 8)).includes('not found'));
		// Remove the selected (first) row.
		await press(app.stdin, 'd');
		await waitFor((frame) => frame.includes('Stop tracking'));
		await press(app.stdin, 'y');
		await waitFor((frame) => !frame.includes(known.slice(0, 8)));
		expect(recorded.removed).toEqual([[rowKey('sim', known)]]);
		expect(recorded.removedRows).toEqual([[expect.objectContaining({id: known, tenant: 'sim', phase: 'ended'})]]);
	});

	test('rejected credentials: one banner for the tenant, with what to do', async () => {
		const {waitFor} = await start({plans: [plan(id('e5'), 'AD'), plan(id('f6'), 'HR')], seeds: [id('e5'), id('f6')], secret: 'wrong'});
		const text = await waitFor((frame) => frame.includes('authentication failed'));
		expect(text.match(/authentication failed/g)).toHaveLength(1);
		expect(text).toMatch(/To fix:/);
	});

	test('D tracks a running aggregation found on the tenant; when it ends the terminal is alerted once', async () => {
		const running = id('9a');
		const {app, recorded, waitFor} = await start({
			plans: [plan(running, 'Workday', {collectMs: 300, totalAccounts: 60, accountsPerSecond: 100})],
			seeds: [],
			pickers: true,
		});
		await waitFor((frame) => frame.includes('D discover'));
		await press(app.stdin, 'D');
		await waitFor((frame) => frame.includes('Workday') && frame.includes('1 of 1 not tracked yet'));
		await press(app.stdin, keys.enter);
		await waitFor((frame) => frame.includes('Tracking 1 aggregation: Workday'));
		expect(recorded.added).toEqual([[expect.objectContaining({id: running, tenant: 'sim', label: 'Workday'})]]);
		await waitFor((frame) => line(frame, 'Workday').includes('completed'));
		await waitUntil(() => recorded.alerts.length > 0);
		expect(recorded.alerts).toHaveLength(1);
		expect(recorded.alerts[0]?.alert.title).toBe('Workday: COMPLETED');
		expect(recorded.alerts[0]?.sequence).toMatch(/^\u0007\u001B\]9;Workday: COMPLETED, 60 accounts in .+\u0007$/);
		app.unmount();
		expect(recorded.errors).toEqual([]);
	});

	test('S starts an aggregation on a source after asking; the new id is tracked and polled; a delimited-file source is refused', async () => {
		const plannedRun = {collectMs: 100, totalAccounts: 30, accountsPerSecond: 100, outcome: {type: 'COMPLETED' as const}};
		const {app, recorded, waitFor, sim} = await start({
			plans: [],
			seeds: [],
			pickers: true,
			sources: [
				{id: id('51'), name: 'Okta', type: 'Okta', plan: plannedRun},
				{id: id('52'), name: 'HR CSV', type: 'DelimitedFile', plan: plannedRun},
			],
		});
		await waitFor((frame) => frame.includes('S start'));
		await press(app.stdin, 'S');
		await waitFor((frame) => frame.includes('HR CSV') && frame.includes('Okta'));
		await press(app.stdin, keys.enter); // HR CSV comes first by name
		await waitFor((frame) => frame.includes('HR CSV is a delimited-file source'));
		await press(app.stdin, keys.down);
		await press(app.stdin, keys.enter);
		await waitFor((frame) => frame.includes('Start an account aggregation on Okta (sim)? This changes the tenant.'));
		await press(app.stdin, 'y');
		const text = await waitFor((frame) => frame.includes('Started an account aggregation on Okta (sim), id '));
		const started = /id ([\da-f]{32})/.exec(text)?.[1];
		expect(started).toBeDefined();
		expect(recorded.added).toEqual([[expect.objectContaining({id: started, tenant: 'sim', label: 'Okta'})]]);
		await waitFor((frame) => line(frame, 'Okta').includes('completed'));
		// Only the Okta start reached the tenant.
		expect(sim.log.filter((request) => request.method === 'POST' && request.path.includes('/load-accounts'))).toHaveLength(1);
		app.unmount();
	});
});
