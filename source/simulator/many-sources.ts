import type {SimAggregationPlan, SimSource, SimulatorOptions} from './types.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * A large tenant for the bench (and tests): `count` sources with schedules, of which `ranInLastDay` ran in the last
 * day (daily at 02:00 UTC, their last run answering the last fire); half of the rest ran weeks ago on a quarterly
 * schedule, the others never ran and have no schedule. Placed from `now` (the simulator's start).
 */
export function manySources(options: {
	count: number;
	ranInLastDay: number;
	now: number;
}): Pick<SimulatorOptions, 'sources' | 'aggregations'> {
	const {count, ranInLastDay, now} = options;
	const lastTwoAm = now - (((now % DAY) + DAY) % DAY) + 2 * HOUR - (now % DAY < 2 * HOUR ? DAY : 0);
	const sources: SimSource[] = [];
	const aggregations: SimAggregationPlan[] = [];
	for (let index = 0; index < count; index++) {
		const id = `2c9180${index.toString(16).padStart(26, '0')}`;
		const name = `Source ${String(index + 1).padStart(4, '0')}`;
		const recent = index < ranInLastDay;
		const older = !recent && index % 2 === 0;
		sources.push({
			id,
			name,
			type: ['Workday', 'Active Directory - Direct', 'ServiceNow', 'Salesforce', 'LDAP'][index % 5]!,
			...(recent ? {schedules: [{cronExpression: '0 0 2 * * ?'}]} : older ? {schedules: [{cronExpression: '0 0 3 1 1/3 ? *'}]} : {}),
		});
		if (recent || older) {
			const start = recent ? lastTwoAm + 5000 : now - (10 + (index % 70)) * DAY;
			aggregations.push({
				id: `b${index.toString(16).padStart(31, '0')}`,
				sourceId: id,
				sourceName: name,
				startAtMs: start - now,
				collectMs: 10_000,
				totalAccounts: 2000,
				accountsPerSecond: 100,
				outcome: {type: 'COMPLETED'},
			});
		}
	}

	return {sources, aggregations};
}
