/**
 * What the wait processes said along the way, not only at the end: every status in their NDJSON change events must
 * be one the aggregation's plan passes through, in the plan's order, and processedAccounts never goes back. A
 * corrupt body (malformed, non-JSON, truncated) taken for a status would show here as a status out of place or a
 * count that jumps around.
 */
import type {SimAggregationPlan} from '../source/simulator/types.js';
import {parseWaitOutput} from './check-processes.js';
import {figure, type Figure} from './figure.js';
import type {SoakObservations} from './observations.js';

/** The statuses a plan goes through, in order (WAITING: no answer yet; EXPIRED: 404 after being seen). */
export function statusOrder(plan: SimAggregationPlan | undefined): string[] {
	if (plan === undefined) {
		return ['WAITING', 'NOT_FOUND'];
	}

	switch (plan.outcome.type) {
		case 'COMPLETED': {
			return ['WAITING', 'STARTED', 'ACCOUNTS_COLLECTED', 'COMPLETED', 'EXPIRED'];
		}

		case 'CANCELLED': {
			return plan.outcome.afterMs < plan.collectMs
				? ['WAITING', 'STARTED', 'CANCELLED', 'EXPIRED']
				: ['WAITING', 'STARTED', 'ACCOUNTS_COLLECTED', 'CANCELLED', 'EXPIRED'];
		}

		case 'TERMINATED': {
			return ['WAITING', 'STARTED', 'RETRIED', 'TERMINATED', 'EXPIRED'];
		}
	}
}

export function waitEventFigures(observations: SoakObservations): Figure[] {
	const figures: Figure[] = [];
	for (const wait of observations.waits) {
		const {events} = parseWaitOutput(wait.stdout);
		const problems: string[] = [];
		const last = new Map<string, {rank: number; processed?: number; status: string}>();
		let changes = 0;
		for (const event of events) {
			if (event['event'] !== 'change') {
				continue;
			}

			changes++;
			const id = String(event['id']);
			const status = String(event['status']);
			const aggregation = observations.layout.aggregations.find(candidate => candidate.id === id && candidate.tenant === wait.spec.tenant);
			if (aggregation === undefined) {
				problems.push(`${id}: not one of the ids it waits for`);
				continue;
			}

			const order = statusOrder(aggregation.plan);
			const rank = order.indexOf(status);
			const before = last.get(id);
			const processed = typeof event['processedAccounts'] === 'number' ? event['processedAccounts'] : undefined;
			if (rank === -1) {
				problems.push(`${id}: status ${status}, which its plan never has (${order.join(' → ')})`);
			} else if (before !== undefined && rank < before.rank) {
				problems.push(`${id}: ${status} after ${before.status}`);
			}

			if (processed !== undefined && before?.processed !== undefined && processed < before.processed) {
				problems.push(`${id}: processedAccounts went back from ${before.processed} to ${processed}`);
			}

			last.set(id, {
				rank: Math.max(rank, before?.rank ?? -1),
				status,
				...(processed === undefined ? (before?.processed === undefined ? {} : {processed: before.processed}) : {processed}),
			});
		}

		figures.push(
			figure(
				`${wait.name} change events: statuses in plan order, counts never back`,
				`${problems.length} out of place in ${changes} events`,
				'0',
				problems.length === 0 && changes > 0,
				problems.length > 8 ? [...problems.slice(0, 8), `… and ${problems.length - 8} more`] : problems,
			),
		);
	}

	return figures;
}
