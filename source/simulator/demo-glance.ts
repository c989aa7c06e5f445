import type {SimAggregationPlan, SimCluster, SimSource, SimulatorOptions} from './types.js';

/**
 * The demo tenant's sources at a glance (`aggwatch sources --demo`, the monitor's sources screen): twelve more
 * sources whose last runs ended before the demo starts, so every kind of attention shows at once. Their schedules
 * are Quartz cron expressions in the zone of their cluster (GMT-5, which never observes daylight saving time, as ISC's
 * virtual appliance clusters do), written from the demo's start time:
 *
 *   Payroll (SAP)      failed: its last run ended ERROR 3 h ago (daily schedule, answered)
 *   Badge System       warnings: COMPLETED 2 h ago, task WARNING with 2 warnings
 *   Google Workspace   held back: 310 of 2,000 accounts marked, over its deleteThreshold of 10%; the task says
 *                      "Account deletion was skipped"
 *   Finance DB         overdue: daily at the time it was 4 h ago; its last run was 28 h ago
 *   Legacy LDAP        unhealthy (healthy: false); its last run was fine
 *   Entra ID           running: started 2 minutes ago (hourly), 60,000 accounts
 *   Box                stalled: running 40 minutes where its runs take 2, its count stopped
 *   GitHub             fine: daily at 12:00 (the documentation's own `0 0 12 1/1 * ? *`), ran at its last fire
 *   Confluence         fine: hourly, ran at its last fire
 *   Slack              fine: weekly on today's weekday (days 1-7 from Sunday)
 *   Oracle HR          fine, its schedule `0 0 2 L-3 * ?` (3 days before month end) is one aggwatch cannot read: shown as it is
 *   Zoom               never aggregated, no schedule: needs no attention
 *
 * Earlier runs a day apart give each source a usual duration. Kept apart from demo-scenario.ts, whose sources and
 * runs tell the monitor's story.
 */

const HOUR = 3_600_000;
const MINUTE = 60_000;
const DAY = 24 * HOUR;

export const GLANCE_CLUSTER: SimCluster = {id: '2c9180866166b5b0016167c32ef3e005', name: 'VA Cluster East', gmtOffset: '-5'};
const OFFSET_MS = -5 * HOUR;

function sourceId(n: number): string {
	return `2c91808a7813090a01781412a6a9${(0x100 + n).toString(16).padStart(4, '0')}`;
}

function runId(source: number, run: number): string {
	return `6a1ace${source.toString(16).padStart(2, '0')}${run.toString(16).padStart(2, '0')}${'0'.repeat(22)}`;
}

/** The most recent moment at or before `now` whose wall-clock time in the cluster's zone is hour:minute. */
function lastLocalFire(hour: number, minute: number, now: number): number {
	const local = now + OFFSET_MS;
	const dayStart = local - (((local % DAY) + DAY) % DAY);
	let fire = dayStart + hour * HOUR + minute * MINUTE;
	if (fire > local) {
		fire -= DAY;
	}

	return fire - OFFSET_MS;
}

/** hour and minute in the cluster's zone of an instant. */
function localTime(at: number): {hour: number; minute: number; weekday: number} {
	const local = new Date(at + OFFSET_MS);
	return {hour: local.getUTCHours(), minute: local.getUTCMinutes(), weekday: local.getUTCDay()};
}

interface GlanceSource {
	source: SimSource;
	/** Start times (epoch ms) of its ended runs, newest first, and how each goes. */
	runs: Array<{startAt: number; plan?: Partial<SimAggregationPlan>}>;
	/** The plan every run of it follows unless a run says otherwise. */
	plan: Omit<SimAggregationPlan, 'id' | 'sourceId' | 'sourceName' | 'startAtMs'>;
}

const QUICK: GlanceSource['plan'] = {collectMs: 20_000, totalAccounts: 3000, accountsPerSecond: 30, outcome: {type: 'COMPLETED'}};

/** Four earlier daily runs before `first` (a day apart). */
function earlier(first: number): Array<{startAt: number}> {
	return [1, 2, 3, 4].map(days => ({startAt: first - days * DAY}));
}

function glanceSources(now: number): GlanceSource[] {
	const at = (hoursAgo: number) => now - hoursAgo * HOUR;
	const daily = (when: number) => {
		const {hour, minute} = localTime(when);
		return `0 ${minute} ${hour} * * ?`;
	};

	const failedAt = lastLocalFire(localTime(at(3.2)).hour, localTime(at(3.2)).minute, now);
	const warnedAt = at(2);
	const heldAt = at(1.5);
	const financeFire = lastLocalFire(localTime(at(4)).hour, localTime(at(4)).minute, now);
	const githubFire = lastLocalFire(12, 0, now);
	const confluence = localTime(now - 20 * MINUTE);
	const confluenceFire = now - 20 * MINUTE;
	const slack = localTime(at(1));
	return [
		{
			source: {
				id: sourceId(1),
				name: 'Payroll (SAP)',
				type: 'SAP',
				clusterId: GLANCE_CLUSTER.id,
				schedules: [{cronExpression: daily(failedAt)}],
			},
			plan: QUICK,
			runs: [
				{
					startAt: failedAt + 3000,
					plan: {
						task: {
							completionStatus: 'ERROR',
							errors: ['Connection to the SAP system was refused (RFC_COMMUNICATION_FAILURE); 2,400 accounts were not read.'],
						},
					},
				},
				...earlier(failedAt + 3000),
			],
		},
		{
			source: {
				id: sourceId(2),
				name: 'Badge System',
				type: 'JDBC',
				clusterId: GLANCE_CLUSTER.id,
				schedules: [{cronExpression: daily(warnedAt)}],
			},
			plan: QUICK,
			runs: [
				{
					startAt: warnedAt + 4000,
					plan: {
						task: {
							warnings: [
								'Account "badge-0042" has no owner attribute; it was left uncorrelated.',
								'Account "badge-1177" appears twice in the result set; the second row was skipped.',
							],
						},
					},
				},
				...earlier(warnedAt + 4000),
			],
		},
		{
			source: {
				id: sourceId(3),
				name: 'Google Workspace',
				type: 'Google Apps',
				deleteThreshold: 10,
				clusterId: GLANCE_CLUSTER.id,
				schedules: [{cronExpression: daily(heldAt)}],
			},
			plan: {...QUICK, totalAccounts: 2000},
			runs: [
				{
					startAt: heldAt + 2000,
					plan: {
						totalAccountsMarkedForDeletion: 310,
						task: {
							warnings: [
								'Account deletion was skipped: 310 of 2,000 accounts (15.5%) were to be deleted, over the delete threshold of 10%.',
							],
						},
					},
				},
				...earlier(heldAt + 2000),
			],
		},
		{
			source: {
				id: sourceId(4),
				name: 'Finance DB',
				type: 'JDBC',
				clusterId: GLANCE_CLUSTER.id,
				schedules: [{cronExpression: daily(financeFire)}],
			},
			plan: QUICK,
			// Yesterday's fire ran; today's, 4 h ago, did not.
			runs: [{startAt: financeFire - DAY + 5000}, ...earlier(financeFire - DAY + 5000)],
		},
		{
			source: {
				id: sourceId(5),
				name: 'Legacy LDAP',
				type: 'LDAP',
				healthy: false,
				status: 'SOURCE_STATE_ERROR_CLUSTER',
				clusterId: GLANCE_CLUSTER.id,
			},
			plan: QUICK,
			runs: [{startAt: at(5)}, ...earlier(at(5))],
		},
		{
			source: {
				id: sourceId(6),
				name: 'Entra ID',
				type: 'Azure Active Directory',
				clusterId: GLANCE_CLUSTER.id,
				schedules: [{cronExpression: `0 ${localTime(now - 2 * MINUTE).minute} * * * ?`}],
			},
			plan: {collectMs: 60_000, totalAccounts: 60_000, accountsPerSecond: 40, outcome: {type: 'COMPLETED'}},
			runs: [{startAt: now - 2 * MINUTE + 1000}, ...earlier(now - 2 * MINUTE + 1000)],
		},
		{
			source: {id: sourceId(7), name: 'Box', type: 'Box', clusterId: GLANCE_CLUSTER.id},
			plan: {collectMs: 20_000, totalAccounts: 4000, accountsPerSecond: 40, outcome: {type: 'COMPLETED'}},
			runs: [{startAt: now - 40 * MINUTE, plan: {stall: {atMs: 30_000, forMs: Number.POSITIVE_INFINITY}}}, ...earlier(now - 40 * MINUTE)],
		},
		{
			source: {
				id: sourceId(8),
				name: 'GitHub',
				type: 'GitHub',
				clusterId: GLANCE_CLUSTER.id,
				schedules: [{cronExpression: '0 0 12 1/1 * ? *'}],
			},
			plan: QUICK,
			runs: [{startAt: githubFire + 4000}, ...earlier(githubFire + 4000)],
		},
		{
			source: {
				id: sourceId(9),
				name: 'Confluence',
				type: 'Confluence',
				clusterId: GLANCE_CLUSTER.id,
				schedules: [{cronExpression: `0 ${confluence.minute} * * * ?`}],
			},
			plan: {...QUICK, totalAccounts: 900},
			runs: [{startAt: confluenceFire + 3000}, ...[1, 2, 3, 4].map(hours => ({startAt: confluenceFire + 3000 - hours * HOUR}))],
		},
		{
			source: {
				id: sourceId(10),
				name: 'Slack',
				type: 'Slack',
				clusterId: GLANCE_CLUSTER.id,
				schedules: [{cronExpression: `0 ${slack.minute} ${slack.hour} ? * ${slack.weekday + 1}`}],
			},
			plan: QUICK,
			runs: [{startAt: at(1) + 2000}, ...[7, 14].map(days => ({startAt: at(1) + 2000 - days * DAY}))],
		},
		{
			source: {
				id: sourceId(11),
				name: 'Oracle HR',
				type: 'Oracle HRMS',
				clusterId: GLANCE_CLUSTER.id,
				schedules: [{cronExpression: '0 0 2 L-3 * ?'}],
			},
			plan: QUICK,
			runs: [{startAt: at(30)}, ...earlier(at(30))],
		},
		{
			source: {id: sourceId(12), name: 'Zoom', type: 'Zoom', clusterId: GLANCE_CLUSTER.id},
			plan: QUICK,
			runs: [],
		},
	];
}

/** The options with the glance sources, their runs and their cluster added; runs placed from `now` (the simulator's start). */
export function withGlanceSources(options: SimulatorOptions, now: number): SimulatorOptions {
	const sources: SimSource[] = [];
	const aggregations: SimAggregationPlan[] = [];
	for (const [index, glance] of glanceSources(now).entries()) {
		sources.push({...glance.source, plan: glance.plan});
		for (const [runIndex, run] of glance.runs.entries()) {
			aggregations.push({
				...glance.plan,
				...run.plan,
				id: runId(index + 1, runIndex),
				sourceId: glance.source.id,
				sourceName: glance.source.name,
				startAtMs: run.startAt - now,
			});
		}
	}

	return {
		...options,
		sources: [...(options.sources ?? []), ...sources],
		aggregations: [...(options.aggregations ?? []), ...aggregations],
		clusters: [...(options.clusters ?? []), GLANCE_CLUSTER],
	};
}
