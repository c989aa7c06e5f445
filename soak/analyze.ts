/** Turns a run's observations into the report: every figure with its verdict, and notes on what was injected. */
import {attributeRequests} from './attribution.js';
import {finalStateFigures} from './check-final-states.js';
import {processFigures} from './check-processes.js';
import {budgetFigures, retryAfterFigure, tokenFigures, type TenantRequests} from './check-requests.js';
import {rotationFigures} from './check-rotation.js';
import {rssFigure} from './check-rss.js';
import {waitEventFigures} from './check-wait-events.js';
import {runMs} from './config.js';
import {runTime, type Figure} from './figure.js';
import type {SoakObservations} from './observations.js';

export interface SoakAnalysis {
	figures: Figure[];
	/** What the run did, for the report. */
	notes: string[];
	ok: boolean;
}

function faultNotes(observations: SoakObservations, tenants: readonly TenantRequests[]): string[] {
	const {schedule, actions, runStart} = observations;
	const labels = [...new Set(schedule.faults.map(fault => fault.label))];
	const windows = labels.map(label => {
		const mine = schedule.faults.filter(fault => fault.label === label);
		return `${label} ${runTime(Math.min(...mine.map(fault => fault.fromMs)))}–${runTime(Math.max(...mine.map(fault => fault.untilMs)))}`;
	});
	const answered = new Map<string, number>();
	for (const {attribution} of tenants) {
		for (const request of attribution.requests) {
			const kind =
				request.entry.fault === undefined
					? undefined
					: request.entry.fault === 'status'
						? `status ${request.entry.status}`
						: request.entry.fault;
			if (kind !== undefined) {
				answered.set(kind, (answered.get(kind) ?? 0) + 1);
			}
		}
	}

	const expiries = actions.filter(({action}) => action.kind === 'expire-tokens').length;
	const rotation = actions
		.filter(({action}) => action.kind === 'rotate' || action.kind === 'restore')
		.map(
			({action, at}) =>
				`${action.kind === 'rotate' ? 'rotated' : 'restored'} ${schedule.rotation.tenant}'s monitor secret ${runTime(at - runStart)}`,
		);
	const total = tenants.reduce((sum, {attribution}) => sum + attribution.requests.length, 0);
	const unattributed = tenants.reduce((sum, {attribution}) => sum + attribution.unattributed, 0);
	return [
		`fault windows: ${windows.join('; ')}`,
		`faulted answers: ${[...answered].map(([kind, count]) => `${count} ${kind}`).join(', ') || 'none'} (of ${total} requests)`,
		`every token expired ${expiries} times (expireTokens); ${rotation.join(', ')}`,
		...(unattributed > 0 ? [`${unattributed} requests could not be tied to one process; they count against every candidate`] : []),
		...(observations.badDebugLines > 0 ? [`${observations.badDebugLines} --debug log lines did not parse`] : []),
	];
}

export function analyze(observations: SoakObservations): SoakAnalysis {
	const tenants: TenantRequests[] = observations.tenants.map(tenant => ({
		tenant,
		attribution: attributeRequests({
			log: tenant.log,
			origin: tenant.origin,
			since: observations.runStart,
			owners: tenant.owners,
			talkers: tenant.talkers,
			sent: observations.sent,
		}),
	}));

	const alive = new Map<string, Set<string>>();
	for (const {tenant, attribution} of tenants) {
		for (const request of attribution.requests) {
			const id = /\/account-aggregations\/([^/]+)\/status$/.exec(request.entry.path)?.[1];
			if (id !== undefined && request.process !== undefined && request.entry.status === 200 && request.entry.fault === undefined) {
				const ids = alive.get(request.process) ?? new Set<string>();
				ids.add(`${tenant.name}/${id}`);
				alive.set(request.process, ids);
			}
		}
	}

	const {runStart, settledAt, config} = observations;
	const plannedEnd = runStart + runMs(config);
	const figures: Figure[] = [
		...processFigures(observations),
		...finalStateFigures(observations, alive),
		...waitEventFigures(observations),
		...budgetFigures(observations, tenants),
		retryAfterFigure(observations, tenants),
		...tokenFigures(observations, tenants),
		...rotationFigures(observations, tenants),
		rssFigure(observations),
	];
	const settled =
		settledAt === undefined
			? `the monitor's store still had rows that were not final when q was pressed at ${runTime(observations.quitAt - runStart)} (planned end ${runTime(plannedEnd - runStart)} + up to ${config.settleMaxSec} s)`
			: `every row the monitor could finish was final in its store at ${runTime(settledAt - runStart)}; q at ${runTime(observations.quitAt - runStart)}`;
	return {figures, notes: [settled, ...faultNotes(observations, tenants)], ok: figures.every(entry => entry.verdict !== 'FAIL')};
}
