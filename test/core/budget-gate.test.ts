import {afterEach, describe, expect, it} from 'vitest';
import {createBudgetGate} from '../../source/core/budget-gate.js';
import {createMonitorStore} from '../../source/core/monitor-store.js';
import {createPoller} from '../../source/core/poller.js';
import {createMonitorServices} from '../../source/commands/monitor/services.js';
import {TenantClients} from '../../source/commands/tenant-clients.js';
import {IscClient} from '../../source/isc/client.js';
import {startSimulator} from '../../source/simulator/server.js';
import type {Simulator} from '../../source/simulator/types.js';
import {collecting, createFakeClock, flush, seed, stateWith, T1} from './fixtures.js';

const budget = {requests: 4, windowMs: 1000};

describe('budget gate', () => {
	it('lets other requests out only in free slots of the tenant budget, and records each as sent', async () => {
		const clock = createFakeClock(0);
		const store = createMonitorStore(stateWith([], {budget}));
		const gate = createBudgetGate(clock);
		gate.attach(store.getState, store.dispatch);
		const released: number[] = [];
		for (let i = 0; i < 6; i++) {
			void gate.acquire(T1).then(() => released.push(clock.now()));
		}

		await clock.advanceTo(3000);
		// Spacing of 1000 / 4 = 250 ms between any two requests of the tenant.
		expect(released).toEqual([0, 250, 500, 750, 1000, 1250]);
		// The sends of the last window, as the schedule sees them.
		expect(store.getState().tenants[T1]?.sent).toEqual([500, 750, 1000, 1250]);
		gate.close();
	});

	it('shares the budget with the poller: status polls and gated requests never exceed it together', async () => {
		const clock = createFakeClock(0);
		const store = createMonitorStore(stateWith([seed(1), seed(2), seed(3)], {budget, intervalMs: 100}));
		const sends: number[] = [];
		const poller = createPoller({
			getState: store.getState,
			dispatch: store.dispatch,
			clock,
			async fetchStatus(_row, options) {
				options?.onSend?.();
				sends.push(clock.now());
				return collecting(1);
			},
		});
		const gate = createBudgetGate(clock);
		gate.attach(store.getState, store.dispatch);
		poller.start();
		for (let i = 0; i < 10; i++) {
			void gate.acquire(T1).then(() => sends.push(clock.now()));
		}

		await clock.advanceTo(5000);
		poller.stop();
		gate.close();
		expect(sends.length).toBeGreaterThan(10);
		const sorted = [...sends].sort((a, b) => a - b);
		for (const [index, at] of sorted.entries()) {
			const inWindow = sorted.filter(other => other > at - budget.windowMs && other <= at);
			expect(inWindow.length, `sends in the window ending at ${at} (#${index})`).toBeLessThanOrEqual(budget.requests);
		}
	});
});

describe('monitor services', () => {
	let sim: Simulator | undefined;
	afterEach(async () => {
		await sim?.close();
	});

	it('record every discovery, name and source request against the tenant budget (over HTTP)', async () => {
		sim = await startSimulator({
			rateLimit: false,
			sources: [{id: 's1', name: 'Workday', type: 'Workday'}],
			aggregations: [
				{
					id: 'f'.repeat(32),
					sourceId: 's1',
					sourceName: 'Workday',
					startAtMs: -3 * 3_600_000,
					collectMs: 1000,
					totalAccounts: 10,
					accountsPerSecond: 10,
					outcome: {type: 'COMPLETED'},
					task: {warnings: ['w']},
				},
			],
		});
		const target = sim;
		const clients = new TenantClients({
			resolve: () => ({
				tenant: T1,
				baseUrl: target.url,
				clientId: 'demo-client',
				clientSecret: 'demo-secret',
				source: {baseUrl: 'test', clientId: 'test', clientSecret: 'test'},
				apiVersion: 'v2025',
			}),
			create: async connection =>
				new IscClient({baseUrl: connection.baseUrl, clientId: connection.clientId, clientSecret: connection.clientSecret}, {retries: 0}),
		});
		const store = createMonitorStore(stateWith([]));
		const services = createMonitorServices(clients, [T1]);
		services.attachBudget(store.getState, store.dispatch);
		try {
			await services.listSources();
			await services.discover();
			// The history view's runs found on the tenant: ended ones, marked, with the task's completion status.
			const found = await services.endedOnTenants(24 * 3_600_000);
			expect(found).toEqual([
				expect.objectContaining({id: 'f'.repeat(32), tenant: T1, source: 'Workday', status: 'WARNING', foundOnTenant: true}),
			]);
			await flush();
			const apiRequests = target.log.filter(entry => entry.path.startsWith('/v2025')).length;
			expect(apiRequests).toBeGreaterThanOrEqual(3);
			expect(store.getState().tenants[T1]?.sent).toHaveLength(apiRequests);
		} finally {
			services.close();
			clients.close();
		}
	});
});
