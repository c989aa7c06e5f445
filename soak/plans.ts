/**
 * What the soak tracks: three simulated tenants (each with its own client for the monitor, two with a second
 * client for a wait process), the aggregations on them with mixed lengths and outcomes, and the ids the two
 * wait processes wait for. All times here are relative to the run's start (the moment the monitor is launched)
 * and scale with the run's length, so every aggregation ends within the run whatever its length.
 */
import type {SimAggregationPlan, SimClient} from '../source/simulator/types.js';
import {neverExistingFits, runMs, type SoakConfig} from './config.js';
import {seededRandom, type Random} from './random.js';

export const SOAK_TENANTS = ['alpha', 'bravo', 'charlie'] as const;
export type SoakTenant = (typeof SOAK_TENANTS)[number];

export type FinalStatus = 'COMPLETED' | 'CANCELLED' | 'TERMINATED' | 'NOT_FOUND';

export interface TenantSpec {
	name: SoakTenant;
	/** The client the monitor uses (saved as tenant `name`). */
	monitorClient: SimClient;
	/**
	 * The client of the wait process on this tenant, saved as tenant `<name>-ci`. Its own client id: ISC limits per
	 * client id, and two processes sharing one would each spend a full budget against one limit.
	 */
	waitClient?: SimClient;
	/** How long status stays available after an end (short on bravo: its aggregations expire to 404 within the run). */
	expiryMs: number;
	/** The monitor's secret of this tenant is rotated during the run, then rotated back. */
	rotated: boolean;
}

export interface SoakAggregation {
	id: string;
	tenant: SoakTenant;
	/** The simulator plan; its startAtMs is relative to the run's start. Absent: an id no tenant ever knew. */
	plan?: SimAggregationPlan;
	/** When it ends, ms after the run's start. */
	endAtMs?: number;
	/** The end status the plan leads to (what the simulator will say); NOT_FOUND for never-existing ids. */
	planned: FinalStatus;
}

export interface WaitSpec {
	/** Process label in the report, e.g. wait-alpha. */
	name: string;
	tenant: SoakTenant;
	/** The saved tenant it runs with (--tenant): same URL as `tenant`, the tenant's wait client. */
	savedTenant: string;
	ids: string[];
}

export interface SoakLayout {
	tenants: TenantSpec[];
	aggregations: SoakAggregation[];
	waits: WaitSpec[];
	/** Latest end of any aggregation, ms after the run's start. */
	lastEndMs: number;
}

/** Fractions of the run: every aggregation ends in [EARLIEST_END, LATEST_END]; late starters start by LATEST_START. */
export const EARLIEST_END = 0.08;
export const LATEST_END = 0.62;
const LATEST_START = 0.15;

/** The outcome mix, cycled: 13 in 20 complete, 4 are cancelled (1 while still STARTED), 3 end TERMINATED after RETRIED. */
const OUTCOMES = [
	'COMPLETED',
	'COMPLETED',
	'CANCELLED',
	'COMPLETED',
	'TERMINATED',
	'COMPLETED',
	'COMPLETED',
	'CANCELLED-EARLY',
	'COMPLETED',
	'COMPLETED',
	'TERMINATED',
	'COMPLETED',
	'CANCELLED',
	'COMPLETED',
	'COMPLETED',
	'TERMINATED',
	'COMPLETED',
	'CANCELLED',
	'COMPLETED',
	'COMPLETED',
] as const;

const SOURCES = ['Active Directory', 'Workday', 'ServiceNow', 'Okta', 'SAP', 'Salesforce', 'GitHub', 'Azure AD'];

function secretFor(label: string): string {
	return `soak-${label}-SECRET-${label.length}x7q`;
}

function tenantSpecs(config: SoakConfig): TenantSpec[] {
	const length = runMs(config);
	return SOAK_TENANTS.map(name => ({
		name,
		monitorClient: {clientId: `soak-${name}-monitor`, clientSecret: secretFor(`${name}-monitor`)},
		...(name === 'charlie' ? {} : {waitClient: {clientId: `soak-${name}-ci`, clientSecret: secretFor(`${name}-ci`)}}),
		// bravo forgets ended aggregations quickly, so most of them are 404 again before the run ends.
		expiryMs: name === 'bravo' ? Math.round(Math.min(60_000, Math.max(10_000, length * 0.08))) : 3_600_000,
		rotated: name === 'charlie',
	}));
}

/** A 32-hex id whose first 8 characters (the short id on screen) say tenant and index. */
function aggregationId(tenantIndex: number, index: number, random: Random): string {
	return `${(0xa0 + tenantIndex).toString(16)}${index.toString(16).padStart(6, '0')}${random.hex(24)}`;
}

function planFor(
	id: string,
	tenant: SoakTenant,
	index: number,
	random: Random,
	length: number,
): {plan: SimAggregationPlan; endAtMs: number; planned: FinalStatus} {
	const outcome = OUTCOMES[index % OUTCOMES.length] ?? 'COMPLETED';
	const lateStart = tenant !== 'bravo' && random.next() < 0.2;
	const startAtMs = Math.round(lateStart ? random.between(0.02, LATEST_START) * length : -random.between(0, 0.1) * length);
	const earliestEnd = Math.max(EARLIEST_END * length, startAtMs + 0.1 * length);
	const endAtMs = Math.round(random.between(earliestEnd, LATEST_END * length));
	const duration = endAtMs - startAtMs;
	const source = SOURCES[index % SOURCES.length] ?? 'Source';
	const totalAccounts = random.int(100, 50_000);
	// A late starter's id was handed out (load-accounts answered with it) before the run: ISC has its task, queued, from
	// then until it starts, while its status answers 404.
	const queued = lateStart ? {queuedMs: startAtMs + 60_000} : {};
	const base = {
		id,
		sourceId: `src-${tenant}-${index % SOURCES.length}`,
		sourceName: `${source} (${tenant})`,
		startAtMs,
		totalAccounts,
		...queued,
	};
	switch (outcome) {
		case 'COMPLETED': {
			const collectMs = Math.round(duration * random.between(0.05, 0.3));
			const processingSec = (duration - collectMs) / 1000;
			return {
				plan: {
					...base,
					collectMs,
					accountsPerSecond: totalAccounts / processingSec,
					outcome: {type: 'COMPLETED'},
					totalAccountsMarkedForDeletion: Math.floor(totalAccounts / 50),
				},
				endAtMs,
				planned: 'COMPLETED',
			};
		}

		case 'CANCELLED': {
			// Cancelled while counting: the natural end would come well after the cancellation.
			const collectMs = Math.round(duration * random.between(0.05, 0.3));
			const naturalSec = (duration * 2 - collectMs) / 1000;
			return {
				plan: {...base, collectMs, accountsPerSecond: totalAccounts / naturalSec, outcome: {type: 'CANCELLED', afterMs: duration}},
				endAtMs,
				planned: 'CANCELLED',
			};
		}

		case 'CANCELLED-EARLY': {
			// Cancelled while still STARTED: no counts ever.
			return {
				plan: {...base, collectMs: duration * 2, accountsPerSecond: 100, outcome: {type: 'CANCELLED', afterMs: duration}},
				endAtMs,
				planned: 'CANCELLED',
			};
		}

		case 'TERMINATED': {
			const retries = 1 + (index % 3);
			const collectMs = Math.round(duration * 0.2);
			return {
				plan: {
					...base,
					collectMs,
					accountsPerSecond: 100,
					outcome: {type: 'TERMINATED', retries, retryMs: (duration - collectMs) / retries},
				},
				endAtMs,
				planned: 'TERMINATED',
			};
		}
	}
}

/** Picks `count` of `candidates`, one of each planned outcome first, then at random. */
function mixedSubset(candidates: readonly SoakAggregation[], count: number, random: Random): SoakAggregation[] {
	const chosen: SoakAggregation[] = [];
	for (const status of ['COMPLETED', 'CANCELLED', 'TERMINATED', 'NOT_FOUND'] as const) {
		const first = candidates.find(candidate => candidate.planned === status);
		if (first !== undefined && chosen.length < count) {
			chosen.push(first);
		}
	}

	const rest = candidates.filter(candidate => !chosen.includes(candidate));
	while (chosen.length < count && rest.length > 0) {
		const [picked] = rest.splice(Math.floor(random.next() * rest.length), 1);
		if (picked !== undefined) {
			chosen.push(picked);
		}
	}

	return chosen;
}

/** The whole soak layout for a config: same seed, same layout. */
export function buildLayout(config: SoakConfig): SoakLayout {
	const random = seededRandom(config.seed);
	const length = runMs(config);
	const tenants = tenantSpecs(config);
	const neverExisting = neverExistingFits(config) ? config.neverExisting : 0;
	const existing = Math.max(SOAK_TENANTS.length, config.aggregations - neverExisting);
	const aggregations: SoakAggregation[] = [];
	for (let index = 0; index < existing; index++) {
		const tenantIndex = index % SOAK_TENANTS.length;
		const tenant = SOAK_TENANTS[tenantIndex] ?? 'alpha';
		const id = aggregationId(tenantIndex, index, random);
		aggregations.push({id, tenant, ...planFor(id, tenant, index, random, length)});
	}

	for (let index = 0; index < neverExisting; index++) {
		const tenant = SOAK_TENANTS[index % SOAK_TENANTS.length] ?? 'alpha';
		aggregations.push({id: `dead${index.toString(16).padStart(4, '0')}${random.hex(24)}`, tenant, planned: 'NOT_FOUND'});
	}

	const waits: WaitSpec[] = [];
	for (const spec of tenants) {
		if (spec.waitClient === undefined) {
			continue;
		}

		const candidates = aggregations.filter(aggregation => aggregation.tenant === spec.name);
		waits.push({
			name: `wait-${spec.name}`,
			tenant: spec.name,
			savedTenant: `${spec.name}-ci`,
			ids: mixedSubset(candidates, config.waitRows, random).map(aggregation => aggregation.id),
		});
	}

	const lastEndMs = Math.max(0, ...aggregations.map(aggregation => aggregation.endAtMs ?? 0));
	return {tenants, aggregations, waits, lastEndMs};
}
