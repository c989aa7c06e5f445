import type {SimContext} from './state.js';
import {phaseAt} from './timeline.js';
import {errorResponseDto, json, type Reply} from './reply.js';

/** ISC's words when an API client without user context asks for an aggregation status. */
export const USER_CONTEXT_REQUIRED = 'The server understood the request but refuses to authorize it.';

/**
 * GET …/account-aggregations/{id}/status: the plan's state now. Before its start, after expiry, or for an unknown id:
 * 404, or 200 {"status": "NOT_FOUND"} when the simulator is set up to answer that way. Tokens without user context
 * (an API client rather than a personal access token) get 403: the endpoint takes user-context tokens only.
 */
export function handleStatus(context: SimContext, id: string, clientId: string): Reply {
	if (context.profiles.get(clientId)?.userContext === false) {
		return errorResponseDto(403, USER_CONTEXT_REQUIRED);
	}

	const aggregation = context.aggregations.get(id);
	const phase =
		aggregation === undefined ? undefined : phaseAt(aggregation.plan, aggregation.startEpochMs, context.now(), context.expiryMs);
	if (phase?.kind !== 'live') {
		return context.notFoundAnswer === 'status-not-found' ? json(200, {status: 'NOT_FOUND'}) : errorResponseDto(404);
	}

	return json(200, phase.body);
}
