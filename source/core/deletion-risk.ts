import {taskHeldBackDeletions, type TaskOutcome} from '../domain/outcome.js';
import type {AggregationStatus} from '../domain/status.js';
import type {RowPhase} from './types.js';

/**
 * ISC skips the delete phase of an aggregation when the accounts marked for deletion are more than the source's
 * deleteThreshold per cent of its accounts. These rules tell the user before and after it happens.
 */

export interface DeletionContext {
	/** The source's deleteThreshold (0 to 100), when known. */
	thresholdPercent?: number;
	/** Accounts in the source's last recorded run (its total), when the history has one. */
	lastRunAccounts?: number;
}

export interface DeletionRisk {
	marked: number;
	deleted: number;
	/** What the share is of: the last recorded run's accounts, else this run's total. Absent when neither is known. */
	basis?: {accounts: number; from: 'last-run' | 'this-run'};
	/** marked / basis, as a percentage. */
	sharePercent?: number;
	thresholdPercent?: number;
	/** The share is over the threshold: ISC will probably hold the deletions back. */
	over: boolean;
	/**
	 * The deletions were held back: it COMPLETED having marked accounts but deleted fewer, or its task says "Account
	 * deletion was skipped".
	 */
	heldBack: boolean;
	/** Only the task's message tells of the deletions: the status endpoint's counts are not known (past the hour). */
	countsKnown: boolean;
}

/** Held back, as far as the status counts and the task tell (an ended or expired run). */
export function deletionsHeldBack(snapshot: AggregationStatus | undefined, phase: RowPhase, task: TaskOutcome | undefined): boolean {
	const marked = snapshot?.totalAccountsMarkedForDeletion ?? 0;
	const deleted = snapshot?.deletedAccounts ?? 0;
	const ended = phase === 'ended' || phase === 'expired';
	return (
		(ended && taskHeldBackDeletions(task)) || (phase === 'ended' && snapshot?.status === 'COMPLETED' && marked > 0 && deleted < marked)
	);
}

/**
 * The deletion figures of a row, or undefined when it has marked and deleted nothing (or ISC did not say).
 * `over` needs a known threshold and basis; `heldBack` only needs the end (or the task's message, with no counts).
 */
export function deletionRisk(
	snapshot: AggregationStatus | undefined,
	phase: RowPhase,
	context: DeletionContext = {},
	task?: TaskOutcome,
): DeletionRisk | undefined {
	const marked = snapshot?.totalAccountsMarkedForDeletion ?? 0;
	const deleted = snapshot?.deletedAccounts ?? 0;
	const heldBack = deletionsHeldBack(snapshot, phase, task);
	if (marked <= 0 && deleted <= 0) {
		return heldBack ? {marked, deleted, over: false, heldBack, countsKnown: false} : undefined;
	}

	let basis: DeletionRisk['basis'];
	if (context.lastRunAccounts !== undefined && context.lastRunAccounts > 0) {
		basis = {accounts: context.lastRunAccounts, from: 'last-run'};
	} else if (snapshot?.totalAccounts !== undefined && snapshot.totalAccounts > 0) {
		basis = {accounts: snapshot.totalAccounts, from: 'this-run'};
	}

	const sharePercent = basis === undefined ? undefined : (marked / basis.accounts) * 100;
	const threshold = context.thresholdPercent;
	const over = threshold !== undefined && sharePercent !== undefined && sharePercent > threshold;
	return {
		marked,
		deleted,
		...(basis === undefined ? {} : {basis}),
		...(sharePercent === undefined ? {} : {sharePercent}),
		...(threshold === undefined ? {} : {thresholdPercent: threshold}),
		over,
		heldBack,
		countsKnown: true,
	};
}
