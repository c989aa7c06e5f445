import type {IncomingHttpHeaders} from 'node:http';
import type {SimAggregationPlan, SimClient, SimCluster, SimSource, SimulatorOptions} from './types.js';
import type {TokenStore} from './tokens.js';

/** One aggregation the simulated tenant knows, with its start resolved to the simulator clock. */
export interface SimAggregation {
	plan: SimAggregationPlan;
	/** Start on the simulator clock (epoch ms). */
	startEpochMs: number;
	/** Who launched it: "Scheduler" for scenario plans, the client id for load-accounts. */
	launcher: string;
	/** false when load-accounts asked for disableOptimization. */
	optimized: boolean;
}

/** A source, with the dates its Source object shows. */
export interface SimSourceRecord {
	source: SimSource;
	createdEpochMs: number;
}

/** The tenant's data and settings, shared by the endpoint handlers. */
export interface SimContext {
	now(): number;
	/** The simulator clock when it started (epoch ms); plan and fault times are relative to it. */
	readonly startedAt: number;
	readonly expiryMs: number;
	readonly tokenLifetimeSec: number;
	/** client id → current secret */
	readonly clients: Map<string, string>;
	/** client id → whether its tokens have user context, and its user level. */
	readonly profiles: Map<string, Required<Pick<SimClient, 'userContext' | 'userLevel'>>>;
	readonly dates: NonNullable<SimulatorOptions['dates']>;
	readonly notFoundAnswer: NonNullable<SimulatorOptions['notFoundAnswer']>;
	readonly taskShape: NonNullable<SimulatorOptions['taskShape']>;
	readonly tokens: TokenStore;
	readonly aggregations: Map<string, SimAggregation>;
	readonly sources: Map<string, SimSourceRecord>;
	readonly clusters: Map<string, SimCluster>;
	/** Starts an aggregation on a known source now, from its plan or the default plan. */
	launch(sourceId: string, options: {disableOptimization: boolean; launcher: string}): SimAggregation;
}

/** A request as the handlers see it: the body fully read. */
export interface SimRequest {
	method: string;
	/** Without the query string. */
	path: string;
	query: Record<string, string>;
	headers: IncomingHttpHeaders;
	body: Buffer;
}
