import type {AggregationStatus, KNOWN_STATUSES} from '../domain/status.js';
import type {SimAggregationPlan} from './types.js';

/**
 * The AccountAggregationStatus body, as the status endpoint sends it for a run it knows: start always there (null
 * allowed), and a status of the document's other than NOT_FOUND (status-endpoint.ts answers that one itself).
 */
export interface StatusBody extends Omit<AggregationStatus, 'start' | 'status'> {
	start: string | null;
	status: Exclude<(typeof KNOWN_STATUSES)[number], 'NOT_FOUND'>;
}

export type Phase =
	/** Its start is still in the future: the tenant does not know it yet (404). */
	| {kind: 'pending'}
	/** Ended more than expiryMs ago: the status endpoint answers 404 again. */
	| {kind: 'gone'; endedAt: number}
	| {
			kind: 'live';
			body: StatusBody;
			/** Epoch ms of the end, when it has ended. */
			endedAt?: number;
			/** 0..1, how far account processing has come (1 once completed). */
			fraction: number;
	  };

/** How long account processing takes at the plan's rate (ms). */
export function processingMs(plan: SimAggregationPlan): number {
	if (plan.totalAccounts <= 0) {
		return 0;
	}

	if (plan.accountsPerSecond <= 0) {
		return Number.POSITIVE_INFINITY;
	}

	return Math.ceil((plan.totalAccounts / plan.accountsPerSecond) * 1000);
}

/** How long the plan's stall holds processing up (0 when it has none, or it would come after the end). */
export function stallMs(plan: SimAggregationPlan): number {
	const stall = plan.stall;
	return stall === undefined || stall.atMs >= processingMs(plan) ? 0 : Math.max(0, stall.forMs);
}

/** Time spent actually processing, `elapsedInProcessingMs` after processing began (a stall does not count). */
function workedMs(plan: SimAggregationPlan, elapsedInProcessingMs: number): number {
	const stall = plan.stall;
	if (stall === undefined || stallMs(plan) === 0 || elapsedInProcessingMs <= stall.atMs) {
		return elapsedInProcessingMs;
	}

	return elapsedInProcessingMs < stall.atMs + stall.forMs ? stall.atMs : elapsedInProcessingMs - stall.forMs;
}

/**
 * When the plan ends, in ms after its start. A cancellation at or after the natural end never happens
 * (the aggregation completed first). Infinity when it never ends (a zero rate).
 */
export function planDurationMs(plan: SimAggregationPlan): number {
	const natural = plan.collectMs + processingMs(plan) + stallMs(plan);
	switch (plan.outcome.type) {
		case 'COMPLETED': {
			return natural;
		}

		case 'CANCELLED': {
			return Math.min(plan.outcome.afterMs, natural);
		}

		case 'TERMINATED': {
			return plan.collectMs + plan.outcome.retries * plan.outcome.retryMs;
		}
	}
}

/** Whether ISC holds the plan's deletions back: more marked than deleteThreshold per cent of its accounts. */
export function deletionsHeldBack(plan: SimAggregationPlan): boolean {
	const marked = plan.totalAccountsMarkedForDeletion ?? 0;
	return plan.deleteThreshold !== undefined && plan.totalAccounts > 0 && (marked / plan.totalAccounts) * 100 > plan.deleteThreshold;
}

function counts(plan: SimAggregationPlan, elapsedInProcessingMs: number): {body: Omit<StatusBody, 'start' | 'status'>; fraction: number} {
	const total = plan.totalAccounts;
	const processed = Math.min(total, Math.max(0, Math.floor((plan.accountsPerSecond * workedMs(plan, elapsedInProcessingMs)) / 1000)));
	const fraction = total <= 0 ? 1 : processed / total;
	const marked = plan.totalAccountsMarkedForDeletion ?? 0;
	const identities = plan.totalIdentities ?? total;
	return {
		body: {
			totalAccounts: total,
			processedAccounts: processed,
			totalAccountsMarkedForDeletion: marked,
			deletedAccounts: deletionsHeldBack(plan) ? 0 : Math.floor(marked * fraction),
			totalIdentities: identities,
			processedIdentities: Math.floor(identities * fraction),
		},
		fraction,
	};
}

/**
 * What the tenant knows about one aggregation at `now`, computed from its plan alone.
 * `startEpochMs` is the aggregation's start on the simulator clock.
 *
 * COMPLETED:  STARTED [0, collectMs) → ACCOUNTS_COLLECTED, processedAccounts growing at accountsPerSecond → COMPLETED.
 * CANCELLED:  the same, until afterMs; then CANCELLED with counts frozen (no counts if cancelled while STARTED).
 * TERMINATED: STARTED [0, collectMs) → RETRIED for retries × retryMs → TERMINATED (never any counts).
 * Every outcome answers 404 (gone) once expiryMs have passed since its end.
 */
export function phaseAt(plan: SimAggregationPlan, startEpochMs: number, now: number, expiryMs: number): Phase {
	const elapsed = now - startEpochMs;
	if (elapsed < 0) {
		return {kind: 'pending'};
	}

	const duration = planDurationMs(plan);
	const endedAt = startEpochMs + duration;
	if (elapsed >= duration && now >= endedAt + expiryMs) {
		return {kind: 'gone', endedAt};
	}

	const start = new Date(startEpochMs).toISOString();
	const ended = elapsed >= duration;
	const outcome = plan.outcome;

	if (outcome.type === 'TERMINATED') {
		if (ended) {
			return {kind: 'live', body: {start, status: 'TERMINATED'}, endedAt, fraction: 0};
		}

		return {kind: 'live', body: {start, status: elapsed < plan.collectMs ? 'STARTED' : 'RETRIED'}, fraction: 0};
	}

	// COMPLETED and CANCELLED share the collect/process timeline; a cancellation freezes it.
	const at = ended ? duration : elapsed;
	if (at < plan.collectMs) {
		if (ended) {
			return {kind: 'live', body: {start, status: 'CANCELLED'}, endedAt, fraction: 0};
		}

		return {kind: 'live', body: {start, status: 'STARTED'}, fraction: 0};
	}

	const {body, fraction} = counts(plan, at - plan.collectMs);
	if (!ended) {
		return {kind: 'live', body: {start, status: 'ACCOUNTS_COLLECTED', ...body}, fraction};
	}

	const status =
		outcome.type === 'CANCELLED' && outcome.afterMs < plan.collectMs + processingMs(plan) + stallMs(plan) ? 'CANCELLED' : 'COMPLETED';
	return {kind: 'live', body: {start, status, ...body}, endedAt, fraction};
}
