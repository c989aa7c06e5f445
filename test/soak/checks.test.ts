/**
 * The soak's checks on made-up records: each must catch what it is there to catch (a request inside a Retry-After
 * pause, an 81st request in 10 s, a wrong end state, a status out of order, a stack trace) and let the normal
 * cases through, so a green soak means something.
 */
import {describe, expect, it} from 'vitest';
import type {SimLogEntry} from '../../source/simulator/types.js';
import {attributeRequests} from '../../soak/attribution.js';
import {judge} from '../../soak/check-final-states.js';
import {crashSigns, parseWaitOutput, stripAnsi} from '../../soak/check-processes.js';
import {budgetFigures, maxInWindow, retryAfterFigure, type TenantRequests} from '../../soak/check-requests.js';
import {rssGrowth} from '../../soak/check-rss.js';
import {rotationFigures} from '../../soak/check-rotation.js';
import {statusOrder, waitEventFigures} from '../../soak/check-wait-events.js';
import {DEFAULT_SOAK_CONFIG, runMs, shortSoakConfig} from '../../soak/config.js';
import type {SentRequest} from '../../soak/debug-log.js';
import type {SoakObservations} from '../../soak/observations.js';
import {buildLayout, EARLIEST_END, LATEST_END, type SoakAggregation} from '../../soak/plans.js';
import {buildSchedule, retryAfterDeadline, TOKEN_PATH} from '../../soak/schedule.js';
import {TruthTracker} from '../../soak/truth.js';

const ORIGIN = 'http://127.0.0.1:40000';
const RUN_START = 1_000_000;
const STATUS = '/v2025/account-aggregations/a0000000000000000000000000000001/status';
const OTHER = '/v2025/account-aggregations/a0000000000000000000000000000002/status';

function arrival(at: number, path: string, status: number, clientId?: string, fault?: SimLogEntry['fault']): SimLogEntry {
	return {
		at,
		method: 'GET',
		path,
		query: {},
		status,
		hadAuthorization: true,
		...(clientId === undefined ? {} : {clientId}),
		...(fault === undefined ? {} : {fault}),
	};
}

function sent(process: string, at: number, path: string, status: number | undefined, durationMs = 3): SentRequest {
	return {
		process,
		at,
		answeredAt: at + durationMs,
		method: 'GET',
		origin: ORIGIN,
		path,
		...(status === undefined ? {} : {status}),
		attempt: 1,
	};
}

function observations(): SoakObservations {
	const config = shortSoakConfig();
	return {
		config,
		layout: buildLayout(config),
		schedule: buildSchedule(config),
		runStart: RUN_START,
		quitAt: RUN_START + runMs(config),
		tenants: [],
		truth: new TruthTracker([]),
		actions: [],
		monitor: {rawOutput: '', alternateScreenAfter: false, cursorVisibleAfter: true, storeRows: []},
		waits: [],
		rss: [],
		sent: [],
		badDebugLines: 0,
	};
}

function alphaRequests(log: SimLogEntry[], debug: SentRequest[]): TenantRequests {
	const tenant = {
		name: 'alpha' as const,
		origin: ORIGIN,
		log,
		owners: new Map([
			['mon', 'monitor'],
			['ci', 'wait-alpha'],
		]),
		talkers: ['monitor', 'wait-alpha'],
	};
	return {
		tenant,
		attribution: attributeRequests({log, origin: ORIGIN, since: RUN_START, owners: tenant.owners, talkers: tenant.talkers, sent: debug}),
	};
}

describe('attribution', () => {
	it('ties a request without a client id to the process whose debug log sent it', () => {
		const log = [arrival(RUN_START + 100, STATUS, 401), arrival(RUN_START + 110, STATUS, 200, 'mon')];
		const debug = [
			sent('wait-alpha', RUN_START + 40, STATUS, 200),
			sent('monitor', RUN_START + 99, STATUS, 401),
			sent('monitor', RUN_START + 109, STATUS, 200),
		];
		const {requests, unattributed} = alphaRequests(log, debug).attribution;
		expect(unattributed).toBe(0);
		expect(requests.map(request => [request.process, request.sentAt - RUN_START])).toEqual([
			['monitor', 99],
			['monitor', 109],
		]);
	});

	it('leaves a request unattributed when no debug entry can have sent it', () => {
		const {requests, unattributed} = alphaRequests(
			[arrival(RUN_START + 100, STATUS, 401)],
			[sent('monitor', RUN_START + 9000, STATUS, 401)],
		).attribution;
		expect(unattributed).toBe(1);
		expect(requests[0]?.candidates).toEqual(['monitor', 'wait-alpha']);
	});
});

describe('request checks', () => {
	it('counts the most requests in any 10 s window', () => {
		// [100, 10 100) holds 100, 9999, 10 000 and 10 050; 0 and 10 000 are a whole window apart.
		expect(maxInWindow([0, 100, 9999, 10_000, 10_050], 10_000)).toEqual({count: 4, at: 100});
		expect(maxInWindow([10_000, 0], 10_000).count).toBe(1);
		expect(maxInWindow([], 10_000).count).toBe(0);
	});

	it('fails a process that sent one status request more than its budget in 10 s', () => {
		const budget = shortSoakConfig().budget;
		const spacing = 10_000 / budget;
		const atBudget = Array.from({length: budget}, (_, index) => RUN_START + index * spacing);
		const make = (times: number[]) =>
			alphaRequests(
				times.map(at => arrival(at, STATUS, 200, 'mon')),
				times.map(at => sent('monitor', at, STATUS, 200)),
			);
		const fine = budgetFigures(observations(), [make([...atBudget, RUN_START + 10_000])]);
		expect(fine.find(figure => figure.name.includes('monitor → alpha'))?.verdict).toBe('ok');
		const over = budgetFigures(observations(), [make([...atBudget, RUN_START + 5001])]);
		expect(over.find(figure => figure.name.includes('monitor → alpha'))?.verdict).toBe('FAIL');
	});

	it('finds a request sent inside a Retry-After pause, but not one already on its way', () => {
		const base = observations();
		const storm = base.schedule.faults.find(
			fault => fault.tenant === 'alpha' && fault.fault.type === 'status' && fault.fault.status === 429,
		);
		expect(storm).toBeDefined();
		const t = RUN_START + (storm?.fromMs ?? 0) + 10;
		const limited = arrival(t, STATUS, 429, 'mon', 'status');
		const limitedSent = sent('monitor', t - 1, STATUS, 429, 5);
		const inFlight = [arrival(t + 20, OTHER, 200, 'mon'), sent('monitor', t + 2, OTHER, 200)] as const;
		const early = [arrival(t + 1000, OTHER, 200, 'mon'), sent('monitor', t + 1000, OTHER, 200)] as const;
		const otherProcess = [arrival(t + 1000, STATUS, 200, 'ci'), sent('wait-alpha', t + 1000, STATUS, 200)] as const;

		const clean = retryAfterFigure(base, [
			alphaRequests([limited, inFlight[0], otherProcess[0]], [limitedSent, inFlight[1], otherProcess[1]]),
		]);
		expect(clean.verdict).toBe('ok');
		const broken = retryAfterFigure(base, [alphaRequests([limited, early[0]], [limitedSent, early[1]])]);
		expect(broken.verdict).toBe('FAIL');
		expect(broken.notes[0]).toMatch(/before the Retry-After/);
	});

	it('reads a Retry-After date rounded up to the second, as the simulator writes it', () => {
		expect(retryAfterDeadline({type: 'status', status: 429, retryAfterSec: 3}, 10_250)).toBe(13_250);
		expect(retryAfterDeadline({type: 'status', status: 429, retryAfterSec: 4, retryAfterDate: true}, 10_250)).toBe(15_000);
		expect(retryAfterDeadline({type: 'status', status: 503}, 10_250)).toBeUndefined();
	});
});

describe('the rotated secret', () => {
	const rotatedAt = RUN_START + 11_000;
	const rotated = (requests: Array<[at: number, path: string, status: number]>, screen: string | undefined) => {
		const base = observations();
		const name = base.schedule.rotation.tenant;
		const log = requests.map(([at, path, status]) => arrival(at, path, status, 'mon'));
		const tenant = {name, origin: ORIGIN, log, owners: new Map([['mon', 'monitor']]), talkers: ['monitor']};
		const tenants: TenantRequests[] = [
			{
				tenant,
				attribution: attributeRequests({
					log,
					origin: ORIGIN,
					since: RUN_START,
					owners: tenant.owners,
					talkers: tenant.talkers,
					sent: requests.map(([at, path, status]) => sent('monitor', at, path, status)),
				}),
			},
		];
		const observed: SoakObservations = {
			...base,
			actions: [
				{action: {kind: 'rotate', atMs: 11_000, tenant: name}, at: rotatedAt},
				{action: {kind: 'restore', atMs: 18_000, tenant: name}, at: RUN_START + 18_000},
			],
			monitor: {...base.monitor, ...(screen === undefined ? {} : {rotationScreen: screen})},
		};
		return rotationFigures(observed, tenants).find(figure => figure.name.includes('auth failure'))?.verdict;
	};

	it('wants ISC to refuse the tenant after the rotation, at its token endpoint or its API, and the user told', () => {
		const name = observations().schedule.rotation.tenant;
		const shown = `✖ ${name}: authentication failed (ISC refused the client secret)`;
		// Refused at the token endpoint: the stored secret is wrong now.
		expect(
			rotated(
				[
					[rotatedAt + 5, STATUS, 401],
					[rotatedAt + 9, TOKEN_PATH, 401],
				],
				shown,
			),
		).toBe('ok');
		// Granted a token just before the rotation, which revoked it: the API's 401 for it is the refusal.
		expect(
			rotated(
				[
					[rotatedAt - 20, TOKEN_PATH, 200],
					[rotatedAt + 5, STATUS, 401],
				],
				shown,
			),
		).toBe('ok');
		// Nothing refused after the rotation, or nothing on screen: not what the user needs.
		expect(
			rotated(
				[
					[rotatedAt - 20, STATUS, 401],
					[rotatedAt + 5, STATUS, 200],
				],
				shown,
			),
		).toBe('FAIL');
		expect(rotated([[rotatedAt + 5, STATUS, 401]], undefined)).toBe('FAIL');
	});
});

describe('end states', () => {
	const plan = {
		id: 'a0000000000000000000000000000001',
		sourceId: 's',
		sourceName: 'S',
		collectMs: 10,
		totalAccounts: 10,
		accountsPerSecond: 1,
		outcome: {type: 'COMPLETED'},
	} as const;
	const aggregation: SoakAggregation = {id: plan.id, tenant: 'alpha', plan, endAtMs: 1000, planned: 'COMPLETED'};
	const never: SoakAggregation = {id: 'dead0000000000000000000000000000', tenant: 'alpha', planned: 'NOT_FOUND'};

	it('wants the true end status and counts, and expired only for what really expired', () => {
		const live = {lastLive: 'COMPLETED', processedAccounts: 10, totalAccounts: 10};
		expect(judge(aggregation, live, {outcome: 'COMPLETED', processedAccounts: 10, totalAccounts: 10}).ok).toBe(true);
		expect(judge(aggregation, live, {outcome: 'COMPLETED', processedAccounts: 9, totalAccounts: 10}).ok).toBe(false);
		expect(judge(aggregation, live, {outcome: 'CANCELLED', processedAccounts: 10, totalAccounts: 10}).ok).toBe(false);
		expect(judge(aggregation, live, {outcome: 'expired'}).ok).toBe(false);
		expect(judge(aggregation, {...live, goneAt: 5}, {outcome: 'expired'}).ok).toBe(true);
		expect(judge(aggregation, {lastLive: 'ACCOUNTS_COLLECTED'}, {outcome: 'ACCOUNTS_COLLECTED'}).ok).toBe(false);
	});

	it('accepts an expired row with its outcome from the task only when the task tells the true end', () => {
		const gone = {lastLive: 'COMPLETED', processedAccounts: 10, totalAccounts: 10, goneAt: 5};
		expect(judge(aggregation, gone, {outcome: 'expired', taskCompletion: 'SUCCESS'}).ok).toBe(true);
		expect(judge(aggregation, gone, {outcome: 'expired', taskCompletion: 'ERROR'}).ok).toBe(false);
		expect(
			judge(aggregation, {lastLive: 'COMPLETED', processedAccounts: 10, totalAccounts: 10}, {outcome: 'expired', taskCompletion: 'SUCCESS'})
				.ok,
		).toBe(false);
	});

	it('accepts waiting for an aggregation that expired before it was ever answered, and only then', () => {
		const gone = {lastLive: 'COMPLETED', processedAccounts: 10, totalAccounts: 10, goneAt: 5};
		expect(judge(aggregation, gone, {outcome: 'waiting'}, false).ok).toBe(true);
		expect(judge(aggregation, gone, {outcome: 'waiting'}, true).ok).toBe(false);
		expect(judge(aggregation, {lastLive: 'COMPLETED'}, {outcome: 'waiting'}, false).ok).toBe(false);
	});

	it('wants not-found for an id no tenant knew', () => {
		expect(judge(never, undefined, {outcome: 'not-found'}).ok).toBe(true);
		expect(judge(never, undefined, {outcome: 'waiting'}).ok).toBe(false);
	});

	it('catches a wait change event out of the plan order or a count going back', () => {
		const base = observations();
		const spec = base.layout.waits[0];
		if (spec === undefined) {
			throw new Error('the short layout has wait processes');
		}

		const target = base.layout.aggregations.find(candidate => candidate.id === spec.ids[0]);
		expect(target?.plan).toBeDefined();
		const order = statusOrder(target?.plan).filter(status => status !== 'WAITING' && status !== 'EXPIRED');
		const line = (status: string, processedAccounts?: number) =>
			JSON.stringify({event: 'change', id: target?.id, status, ...(processedAccounts === undefined ? {} : {processedAccounts})});
		const withEvents = (lines: string[]) =>
			waitEventFigures({...base, waits: [{name: 'wait-x', spec, stdout: `${lines.join('\n')}\n`, stderr: ''}]})[0];
		expect(withEvents(order.map(status => line(status)))?.verdict).toBe('ok');
		expect(withEvents([line(order.at(-1) ?? ''), line(order[0] ?? '')])?.verdict).toBe('FAIL');
		expect(withEvents([line(order[0] ?? '', 50), line(order[0] ?? '', 40)])?.verdict).toBe('FAIL');
	});
});

describe('process output', () => {
	it('sees crash signs in output, not in ordinary screen text', () => {
		expect(crashSigns('TypeError: Cannot read properties of undefined\n    at render (file:///app/dist/cli.js:12:34)')).toHaveLength(2);
		expect(crashSigns('[UnhandledPromiseRejection: This error originated…]')).toHaveLength(1);
		expect(
			crashSigns(stripAnsi('\u001B[1m✖ charlie: authentication failed\u001B[0m at +2:30 (ISC server error 503, trackingId 7f3e)')),
		).toEqual([]);
	});

	it('reads the wait NDJSON and its summary', () => {
		const parsed = parseWaitOutput('{"event":"change"}\nnot json\n{"event":"summary","exitCode":2,"results":[]}\n');
		expect(parsed.badLines).toBe(1);
		expect(parsed.summary?.exitCode).toBe(2);
	});

	it('compares the middle of each RSS window, so neither a collection dip nor a peak decides, and a leak shows', () => {
		const series = (megabytes: number[]) => megabytes.map((mb, index) => ({at: index * 1000, bytes: mb * 1024 * 1024}));
		// A full collection dips the baseline window, a peak comes at the end: no growth.
		const steady = rssGrowth(series([110, 77, 112, 111, 115, 112, 160, 113, 114]), 0, 8000, 4000);
		expect((steady.end ?? 0) / (steady.base ?? 1)).toBeCloseTo(113.5 / 110.5, 3);
		// Every sample of the end window higher: growth.
		const leaking = rssGrowth(series([100, 101, 100, 102, 120, 125, 124, 126, 125]), 0, 8000, 4000);
		expect((leaking.end ?? 0) / (leaking.base ?? 1)).toBeCloseTo(125 / 100.5, 3);
	});
});

describe('the layout and the fault schedule', () => {
	it('ends every aggregation within the run, and is the same for the same seed', () => {
		const layout = buildLayout(DEFAULT_SOAK_CONFIG);
		const length = runMs(DEFAULT_SOAK_CONFIG);
		expect(layout.aggregations).toHaveLength(200);
		expect(layout.aggregations.filter(aggregation => aggregation.plan === undefined)).toHaveLength(5);
		for (const aggregation of layout.aggregations.filter(candidate => candidate.plan !== undefined)) {
			expect(aggregation.endAtMs).toBeGreaterThanOrEqual(EARLIEST_END * length);
			expect(aggregation.endAtMs).toBeLessThanOrEqual(LATEST_END * length + 1);
		}

		expect(new Set(layout.aggregations.map(aggregation => aggregation.planned))).toEqual(
			new Set(['COMPLETED', 'CANCELLED', 'TERMINATED', 'NOT_FOUND']),
		);
		expect(buildLayout(DEFAULT_SOAK_CONFIG)).toEqual(layout);
		expect(layout.waits.map(wait => wait.ids.length)).toEqual([15, 15]);
	});

	it('keeps the rotated tenant calm until its auth retry, and ends every fault by 70 % of the run', () => {
		const schedule = buildSchedule(DEFAULT_SOAK_CONFIG);
		const {rotation} = schedule;
		expect(rotation.recoveryExpected).toBe(true);
		expect(schedule.faultsEndMs).toBeLessThanOrEqual(0.7 * runMs(DEFAULT_SOAK_CONFIG));
		const rotated = schedule.faults.filter(fault => fault.tenant === rotation.tenant);
		expect(rotated.every(fault => fault.untilMs <= rotation.rotateAtMs || fault.fromMs >= rotation.calmUntilMs)).toBe(true);
		expect(buildSchedule(shortSoakConfig()).rotation.recoveryExpected).toBe(false);
	});
});
