import type {SimContext} from './state.js';
import {phaseAt} from './timeline.js';
import {errorResponseDto, json, type Reply} from './reply.js';

/** GET …/account-aggregations/{id}/status: the plan's state now, or 404 before its start, after expiry, or if unknown. */
export function handleStatus(context: SimContext, id: string): Reply {
	const aggregation = context.aggregations.get(id);
	if (aggregation === undefined) {
		return errorResponseDto(404);
	}

	const phase = phaseAt(aggregation.plan, aggregation.startEpochMs, context.now(), context.expiryMs);
	if (phase.kind !== 'live') {
		return errorResponseDto(404);
	}

	return json(200, phase.body);
}
