import type {RowPhase, TrackedRow} from './types.js';

/** Phases that are still polled. Every other phase is final: the row never gets another request. */
export function isPolledPhase(phase: RowPhase): boolean {
	return phase === 'waiting' || phase === 'running';
}

/** Phases `clear-finished` removes: ended, not-found and expired. */
export function isFinishedPhase(phase: RowPhase): boolean {
	return !isPolledPhase(phase);
}

export function isPolled(row: Pick<TrackedRow, 'phase'>): boolean {
	return isPolledPhase(row.phase);
}
