/**
 * Figure: status requests for aggregations the simulator had already answered as ended (COMPLETED, CANCELLED,
 * TERMINATED), over the whole 20-aggregation run. The request whose answer first carried the end state is how
 * aggwatch learns it, so it is not counted; one more per id is allowed for a request already in flight.
 */
import {planDurationMs} from '../source/simulator/timeline.js';
import type {Figure} from './figure.js';
import {statusRequestId, type SteadyRun} from './steady-run.js';

export function endStateFigure(run: SteadyRun): Figure {
	const perId: Record<string, {endedAtMs: number; seenEndedAtMs?: number; after: number}> = {};
	let excess = 0;
	let rawAfter = 0;
	const notSeen: string[] = [];
	for (const plan of run.plans.filter(candidate => run.endingIds.includes(candidate.id))) {
		const endedAt = run.simulatorStartedAt + (plan.startAtMs ?? 0) + planDurationMs(plan);
		const requests = run.log.filter(entry => statusRequestId(entry) === plan.id);
		const endAnswer = requests.findIndex(entry => entry.at >= endedAt && entry.status === 200);
		const after = endAnswer === -1 ? 0 : requests.length - endAnswer - 1;
		perId[plan.id] = {
			endedAtMs: endedAt - run.simulatorStartedAt,
			...(endAnswer === -1 ? {} : {seenEndedAtMs: (requests[endAnswer]?.at ?? 0) - run.simulatorStartedAt}),
			after,
		};
		if (endAnswer === -1) {
			notSeen.push(plan.id.slice(0, 8));
		}

		rawAfter += after;
		excess += Math.max(0, after - 1);
	}

	const notes = [
		`${run.endingIds.length} aggregations ended during the run; ${rawAfter} request(s) after an end answer, 1 per id allowed in flight`,
	];
	if (notSeen.length > 0) {
		notes.push(`never asked after its end (the end was not seen): ${notSeen.join(', ')}`);
	}

	return {
		key: 'status_requests_after_end',
		name: 'Status requests after an end state',
		value: excess,
		unit: 'requests',
		display: String(excess),
		budget: '0',
		ok: notSeen.length > 0 ? undefined : excess === 0,
		notes,
		details: {perId, rawAfter},
	};
}
