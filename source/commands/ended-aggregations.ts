import type {RunEvent} from '../core/run-event.js';
import {completionOf, errorCount, isFailedCompletion, warningCount, type TaskOutcome} from '../domain/outcome.js';
import type {CallOptions, IscClient} from '../isc/client.js';
import type {SourceNames} from '../isc/source-names.js';
import {toTaskOutcome, type TaskStatus} from '../isc/task-status.js';
import {DEFAULT_PAGE_SIZE} from './running-aggregations.js';

/**
 * Account aggregations of the tenant. The list endpoint filters on type and completionStatus with eq, in and isnull
 * only (no "not"), so ended runs are picked out here: those with a completion status.
 */
export const ACCOUNT_AGGREGATIONS_FILTER = 'type eq "CLOUD_ACCOUNT_AGGREGATION"';

/** An account aggregation that ended, as `discover --ended` lists it. */
export interface EndedAggregation {
	id: string;
	sourceName?: string;
	sourceId?: string;
	/** launched, else created (ISO), when the task says. */
	started?: string;
	/** completed (ISO), when the task says. */
	completed?: string;
	durationMs?: number;
	warnings: number;
	errors: number;
	task: TaskOutcome;
}

export interface ListEndedOptions {
	/** Only runs that ended at or after this time (epoch ms). */
	since: number;
	/** Only runs that did not succeed (ERROR, TEMP_ERROR, TERMINATED). */
	failedOnly?: boolean;
	pageSize?: number;
	/** A guard against a tenant that ignores offset. Default 200. */
	maxPages?: number;
	call?: CallOptions;
}

function time(text: string | null | undefined): number | undefined {
	const at = typeof text === 'string' ? Date.parse(text) : Number.NaN;
	return Number.isNaN(at) ? undefined : at;
}

/**
 * The ended account aggregations of the window, newest first: one filtered task-status list sorted by -created, page
 * by page, stopping at the first page that reaches back past `since` (a run created before the window cannot have
 * been created after it; one created before but ended within it is kept when it is on a page read).
 */
export async function listEnded(client: Pick<IscClient, 'listTaskStatus'>, options: ListEndedOptions): Promise<TaskStatus[]> {
	const limit = Math.min(DEFAULT_PAGE_SIZE, Math.max(1, Math.floor(options.pageSize ?? DEFAULT_PAGE_SIZE)));
	const maxPages = options.maxPages ?? 200;
	const byId = new Map<string, TaskStatus>();
	for (let page = 0; page < maxPages; page++) {
		const tasks = await client.listTaskStatus(
			{filters: ACCOUNT_AGGREGATIONS_FILTER, sorters: '-created', limit, offset: page * limit},
			options.call,
		);
		let fresh = 0;
		let reachedBack = false;
		for (const task of tasks) {
			if (byId.has(task.id)) {
				continue;
			}

			fresh++;
			byId.set(task.id, task);
			const created = time(task.created);
			if (created !== undefined && created < options.since) {
				reachedBack = true;
			}
		}

		if (tasks.length < limit || fresh === 0 || reachedBack) {
			break;
		}
	}

	return [...byId.values()].filter(task => {
		if (task.completionStatus === null) {
			return false;
		}

		const ended = time(task.completed) ?? time(task.modified) ?? time(task.created);
		if (ended === undefined || ended < options.since) {
			return false;
		}

		return options.failedOnly !== true || isFailedCompletion(task.completionStatus);
	});
}

export async function describeEnded(tasks: readonly TaskStatus[], names: SourceNames): Promise<EndedAggregation[]> {
	return Promise.all(
		tasks.map(async task => {
			const outcome = toTaskOutcome(task);
			const started = task.launched ?? task.created;
			const startedAt = time(started);
			const completedAt = time(task.completed);
			const sourceName = await names.nameFor(task);
			return {
				id: task.id,
				...(sourceName === undefined ? {} : {sourceName}),
				...(task.target?.id === undefined ? {} : {sourceId: task.target.id}),
				...(started === undefined ? {} : {started}),
				...(typeof task.completed === 'string' ? {completed: task.completed} : {}),
				...(startedAt !== undefined && completedAt !== undefined ? {durationMs: Math.max(0, completedAt - startedAt)} : {}),
				warnings: warningCount(outcome),
				errors: errorCount(outcome),
				task: outcome,
			};
		}),
	);
}

/**
 * The "ended" event of a run found on the task list (discover --ended), for --on-end and --notify. The status
 * endpoint is not asked (it forgets a run within the hour): a TERMINATED task stands for TERMINATED, any other
 * completion for COMPLETED, as ISC's own end-of-aggregation trigger reports it.
 */
export function endedRunEvent(run: EndedAggregation, tenant: string, now: number): RunEvent {
	return {
		event: 'ended',
		id: run.id,
		tenant,
		...(run.sourceName === undefined ? {} : {source: run.sourceName}),
		status: completionOf(run.task.completionStatus) === 'terminated' ? 'TERMINATED' : 'COMPLETED',
		outcome: run.task.completionStatus ?? 'UNKNOWN',
		warnings: run.warnings,
		errors: run.errors,
		...(run.durationMs === undefined ? {} : {durationSeconds: Math.round(run.durationMs / 1000)}),
		...(Object.keys(run.task.counts).length === 0 ? {} : {counts: run.task.counts}),
		at: new Date(now).toISOString(),
	};
}
