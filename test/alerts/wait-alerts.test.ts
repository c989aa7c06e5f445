import {afterEach, describe, expect, it} from 'vitest';
import {ExitCode} from '../../source/domain/exit-codes.js';
import {createWaitHooks} from '../../source/commands/wait-hooks.js';
import {runWait} from '../../source/commands/wait.js';
import {openHistory} from '../../source/store/history-file.js';
import {openStore} from '../../source/store/config.js';
import {aggregationId, commandHarness, TENANT, type CommandHarness} from '../discover/command-context.js';
import {AD, finished, WORKDAY} from '../discover/fixtures.js';

const DONE = aggregationId(1);
const CANCELLED = aggregationId(2);

let harness: CommandHarness | undefined;

afterEach(async () => {
	await harness?.close();
	harness = undefined;
});

function terminal(isTTY: boolean) {
	const written: string[] = [];
	return {written, stream: {isTTY, write: (text: string) => written.push(text)}};
}

async function tenantWithEnds(): Promise<CommandHarness> {
	harness = await commandHarness({
		sources: [WORKDAY, AD],
		aggregations: [finished(DONE, WORKDAY), finished(CANCELLED, AD, {type: 'CANCELLED', afterMs: 1500})],
	});
	// The store knows one of them by name (as after aggwatch start or discover --track).
	openStore({cwd: harness.configDir}).store.addTracked([{id: DONE, tenant: TENANT, addedAt: 1, label: 'Workday'}]);
	return harness;
}

describe('wait with the alert and history hooks', () => {
	it('rings and notifies on standard error when it is a terminal, one alert per end, named by the store', async () => {
		const h = await tenantWithEnds();
		const {written, stream} = terminal(true);
		const context = h.context();
		expect(await runWait(context, [DONE, CANCELLED], createWaitHooks(context, {alertStream: stream}))).toBe(ExitCode.failed);
		// Both had ended before the wait began: how long they ran is not known, so no duration is given.
		expect(written.sort()).toEqual([
			'\x07\x1b]9;Workday: COMPLETED, 50 accounts\x07',
			`\x07\x1b]9;…${CANCELLED.slice(-8)}: CANCELLED, 25 of 50 accounts\x07`,
		]);
	});

	it('writes no escape sequences when standard error is not a terminal, and follows AGGWATCH_ALERTS', async () => {
		const h = await tenantWithEnds();
		const piped = terminal(false);
		const first = h.context();
		await runWait(first, [DONE], createWaitHooks(first, {alertStream: piped.stream}));
		expect(piped.written).toEqual([]);

		const bellOnly = terminal(true);
		const second = h.context({}, {env: {AGGWATCH_ALERTS: 'bell'}});
		await runWait(second, [DONE], createWaitHooks(second, {alertStream: bellOnly.stream}));
		expect(bellOnly.written).toEqual(['\x07']);
	});

	it('records each end in the history once, whatever the number of waits', async () => {
		const h = await tenantWithEnds();
		for (let round = 0; round < 2; round++) {
			const context = h.context();
			await runWait(context, [DONE, CANCELLED], createWaitHooks(context, {alertStream: terminal(false).stream}));
		}

		const entries = openHistory({cwd: h.configDir}).list();
		expect(entries.map(entry => [entry.id, entry.source, entry.status])).toEqual(
			expect.arrayContaining([
				[DONE, 'Workday', 'COMPLETED'],
				[CANCELLED, undefined, 'CANCELLED'],
			]),
		);
		expect(entries).toHaveLength(2);
		expect(entries.find(entry => entry.id === DONE)).toMatchObject({tenant: TENANT, counts: {processedAccounts: 50, totalAccounts: 50}});
		// Never seen running: the recorded end (and duration) are upper bounds.
		expect(entries.map(entry => entry.lastSeenRunning)).toEqual([undefined, undefined]);
	});
});

describe('wait and stalls', () => {
	const STALLS = aggregationId(3);
	/** 0.3 s collecting, then 300 accounts at 100/s, standing still at 100 for 4 s. */
	const stalling = {
		id: STALLS,
		sourceId: WORKDAY.id,
		sourceName: 'Workday',
		startAtMs: 0,
		collectMs: 300,
		totalAccounts: 300,
		accountsPerSecond: 100,
		stall: {atMs: 1000, forMs: 4000},
		outcome: {type: 'COMPLETED' as const},
	};

	async function stallingTenant(): Promise<CommandHarness> {
		harness = await commandHarness({sources: [WORKDAY], aggregations: [stalling]});
		openStore({cwd: harness.configDir}).store.addTracked([{id: STALLS, tenant: TENANT, addedAt: 1, label: 'Workday'}]);
		return harness;
	}

	it('rings and notifies once when a run stalls', async () => {
		const h = await stallingTenant();
		const {written, stream} = terminal(true);
		const context = h.context({interval: '1', 'stall-after': '1s'});
		expect(await runWait(context, [STALLS], createWaitHooks(context, {alertStream: stream}))).toBe(ExitCode.ok);
		expect(context.captured.out.filter(line => line.includes('stalled?'))).toHaveLength(1);
		expect(written.filter(text => text.includes('stalled?'))).toEqual([
			expect.stringMatching(/^\x07\x1b\]9;Workday: stalled\? no progress for \ds \(threshold 1s\)\x07$/),
		]);
	}, 30_000);

	it("goes by the source's past runs: a pause 3× shorter than the longest one seen before is no stall", async () => {
		const h = await stallingTenant();
		const end = Date.now() - 86_400_000;
		const past = {
			tenant: TENANT,
			source: 'Workday',
			status: 'COMPLETED',
			end: new Date(end).toISOString(),
			counts: {},
			longestGapMs: 2000,
			recordedAt: new Date(end).toISOString(),
		};
		openHistory({cwd: h.configDir}).reset([{...past, id: aggregationId(8)}]);
		const context = h.context({interval: '1', 'stall-after': '1s'});
		expect(await runWait(context, [STALLS], createWaitHooks(context, {alertStream: terminal(true).stream}))).toBe(ExitCode.ok);
		expect(context.captured.out.filter(line => line.includes('stalled?'))).toEqual([]);
	}, 30_000);
});
