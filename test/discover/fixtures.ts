import type {SimAggregationPlan, SimSource} from '../../source/simulator/types.js';

export const WORKDAY: SimSource = {id: '2c91808a7813090a01781412a6a90001', name: 'Workday', type: 'Workday'};
export const AD: SimSource = {id: '2c91808a7813090a01781412a6a90002', name: 'Active Directory', type: 'Active Directory - Direct'};
export const HR_CSV: SimSource = {id: '2c91808a7813090a01781412a6a90005', name: 'HR CSV', type: 'DelimitedFile'};

/** An aggregation that runs for days: ACCOUNTS_COLLECTED, a million accounts at one a second. */
export function running(id: string, source: SimSource, startAtMs: number): SimAggregationPlan {
	return {
		id,
		sourceId: source.id,
		sourceName: source.name,
		startAtMs,
		collectMs: 10,
		totalAccounts: 1_000_000,
		accountsPerSecond: 1,
		outcome: {type: 'COMPLETED'},
	};
}

/** An aggregation that ended before the test began (its status is still served: ISC keeps it an hour). */
export function finished(id: string, source: SimSource, outcome: SimAggregationPlan['outcome'] = {type: 'COMPLETED'}): SimAggregationPlan {
	return {
		id,
		sourceId: source.id,
		sourceName: source.name,
		startAtMs: -600_000,
		collectMs: 1000,
		totalAccounts: 50,
		accountsPerSecond: 50,
		outcome,
	};
}
