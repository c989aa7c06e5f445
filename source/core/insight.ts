import {deletionRisk, type DeletionRisk} from './deletion-risk.js';
import {compareWithPast, type Comparison, type PastRun} from './past-runs.js';
import {isPolledPhase} from './phase.js';
import {rowElapsed} from './progress.js';
import {stallBaseline, stallOf, type Stall} from './stall.js';
import type {TrackedRow} from './types.js';

/** What the monitor knows about a row beyond its status: a stall, the deletion risk, how it compares with the past. */
export interface RowInsight {
	stall?: Stall;
	deletion?: DeletionRisk;
	comparison?: Comparison;
}

export interface InsightContext {
	/** --stall-after. */
	stallAfterMs: number;
	/** Earlier runs of the row's source on its tenant, newest first (empty when unknown). */
	past: readonly PastRun[];
	/** The source's deleteThreshold, when known. */
	thresholdPercent?: number;
}

/** The insight for one row at `now`; an empty object when there is nothing to say. */
export function rowInsight(row: TrackedRow, now: number, context: InsightContext): RowInsight {
	const stall = stallOf(row, context.stallAfterMs, stallBaseline(context.past));
	const lastRunAccounts = context.past.find(run => run.counts.totalAccounts !== undefined)?.counts.totalAccounts;
	const deletion = deletionRisk(
		row.snapshot,
		row.phase,
		{
			...(context.thresholdPercent === undefined ? {} : {thresholdPercent: context.thresholdPercent}),
			...(lastRunAccounts === undefined ? {} : {lastRunAccounts}),
		},
		row.task,
	);
	const elapsedMs = rowElapsed(row, now);
	const snapshot = row.snapshot;
	const comparison =
		row.phase === 'running' || row.phase === 'ended'
			? compareWithPast(
					{
						...(elapsedMs === undefined ? {} : {elapsedMs}),
						running: isPolledPhase(row.phase),
						...(snapshot?.status === undefined ? {} : {status: snapshot.status}),
						counts: {
							...(snapshot?.processedAccounts === undefined ? {} : {processedAccounts: snapshot.processedAccounts}),
							...(snapshot?.totalAccountsMarkedForDeletion === undefined
								? {}
								: {totalAccountsMarkedForDeletion: snapshot.totalAccountsMarkedForDeletion}),
							...(snapshot?.deletedAccounts === undefined ? {} : {deletedAccounts: snapshot.deletedAccounts}),
						},
					},
					context.past,
				)
			: undefined;
	return {
		...(stall === undefined ? {} : {stall}),
		...(deletion === undefined ? {} : {deletion}),
		...(comparison === undefined ? {} : {comparison}),
	};
}
