/**
 * The three simulated tenants of a soak, each a real HTTP server on 127.0.0.1 with its own clients, token lifetime
 * and expiry. Their clocks are wrapped so each one's start (the origin of plan and fault times) is known exactly;
 * plans and faults are added once the run starts, shifted from run time to simulator time.
 */
import {startSimulator} from '../source/simulator/server.js';
import type {SimClient, Simulator} from '../source/simulator/types.js';
import type {SoakConfig} from './config.js';
import type {SoakLayout, SoakTenant, TenantSpec} from './plans.js';
import {toFaultRule, type SoakSchedule} from './schedule.js';

export interface SoakSimulator {
	spec: TenantSpec;
	sim: Simulator;
	/** Epoch ms of the simulator's start: plan startAtMs and fault windows count from here. */
	startedAt: number;
	/** The clients it knows. */
	clients: SimClient[];
}

export async function startTenants(layout: SoakLayout, config: SoakConfig): Promise<SoakSimulator[]> {
	const started: SoakSimulator[] = [];
	try {
		for (const spec of layout.tenants) {
			let startedAt: number | undefined;
			const clients = [spec.monitorClient, ...(spec.waitClient === undefined ? [] : [spec.waitClient])];
			const sim = await startSimulator({
				clients,
				tokenLifetimeSec: config.tokenLifetimeSec,
				expiryMs: spec.expiryMs,
				now() {
					const now = Date.now();
					startedAt ??= now;
					return now;
				},
			});
			started.push({spec, sim, startedAt: startedAt ?? Date.now(), clients});
		}
	} catch (error) {
		await Promise.all(started.map(async tenant => tenant.sim.close()));
		throw error;
	}

	return started;
}

/** Adds every plan and fault window, converting run time (ms after `runStart`) to each simulator's time. */
export function armTenants(tenants: readonly SoakSimulator[], layout: SoakLayout, schedule: SoakSchedule, runStart: number): void {
	for (const tenant of tenants) {
		const offset = runStart - tenant.startedAt;
		for (const aggregation of layout.aggregations) {
			if (aggregation.tenant === tenant.spec.name && aggregation.plan !== undefined) {
				tenant.sim.addAggregation({...aggregation.plan, startAtMs: (aggregation.plan.startAtMs ?? 0) + offset});
			}
		}

		for (const window of schedule.faults) {
			if (window.tenant === tenant.spec.name) {
				tenant.sim.addFault(toFaultRule(window, offset));
			}
		}
	}
}

export function tenantNamed(tenants: readonly SoakSimulator[], name: SoakTenant): SoakSimulator {
	const tenant = tenants.find(candidate => candidate.spec.name === name);
	if (tenant === undefined) {
		throw new Error(`no simulated tenant ${name}`);
	}

	return tenant;
}
