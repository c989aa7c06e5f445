import type {SimAggregation, SimContext, SimSourceRecord} from './state.js';
import {newAggregationId} from './ids.js';
import {phaseAt} from './timeline.js';

/**
 * TaskStatus.type. The v2025 document's enum is QUARTZ | QPOC | QUEUED_TASK (aggregations run as QUARTZ tasks);
 * the `type eq "CLOUD_ACCOUNT_AGGREGATION"` filter selects by the task definition, not by this field.
 */
export const TASK_TYPE = 'QUARTZ';
/** The value the task-status `type` filter matches for account aggregations. */
export const TASK_FILTER_TYPE = 'CLOUD_ACCOUNT_AGGREGATION';
export const TASK_UNIQUE_NAME = 'Cloud Account Aggregation';
const TASK_DESCRIPTION = 'Aggregate from the specified application';

/** TaskStatus.completionStatus for each end status (null while running). */
const COMPLETION: Record<string, 'SUCCESS' | 'TERMINATED' | 'ERROR'> = {
	COMPLETED: 'SUCCESS',
	CANCELLED: 'TERMINATED',
	TERMINATED: 'ERROR',
};

const PROGRESS: Record<string, string> = {
	STARTED: 'Started',
	ACCOUNTS_COLLECTED: 'Accounts collected',
	RETRIED: 'Retrying after a connection failure',
	COMPLETED: 'Completed',
	CANCELLED: 'Cancelled',
	TERMINATED: 'Terminated',
};

export interface TaskStatusObject {
	id: string;
	type: string;
	uniqueName: string;
	description: string;
	parentName: string | null;
	launcher: string;
	target: {id: string; type: 'APPLICATION'; name: string};
	/** ISO strings, or epoch ms in the 'epoch-ms' date form. */
	created: string | number;
	modified: string | number;
	launched: string | number;
	completed: string | number | null;
	completionStatus: 'SUCCESS' | 'TERMINATED' | 'ERROR' | null;
	messages: Array<{type: 'INFO' | 'WARN' | 'ERROR'; localizedText: {locale: string; message: string}; key: string; parameters: null}>;
	returns: Array<{name: string; attributeName: string}>;
	attributes: Record<string, unknown>;
	progress: string | null;
	percentComplete: number;
	taskDefinitionSummary: {
		id: string;
		uniqueName: string;
		description: string;
		parentName: string;
		executor: string;
		arguments: Record<string, unknown>;
	};
}

/**
 * The TaskStatus of an aggregation at `now`, or undefined before it starts. Task records outlive the status endpoint's
 * one-hour window (ISC keeps them 90 days), so an expired aggregation still appears here.
 */
export function toTaskStatus(aggregation: SimAggregation, now: number, dates: SimContext['dates'] = 'iso'): TaskStatusObject | undefined {
	const {plan} = aggregation;
	const phase = phaseAt(plan, aggregation.startEpochMs, now, Number.POSITIVE_INFINITY);
	if (phase.kind !== 'live') {
		return undefined;
	}

	const status = phase.body.status;
	const date = dateWriter(dates);
	const started = date(aggregation.startEpochMs);
	const ended = phase.endedAt === undefined ? undefined : date(phase.endedAt);
	const messages: TaskStatusObject['messages'] = [];
	if (status === 'TERMINATED') {
		messages.push({
			type: 'ERROR',
			localizedText: {locale: 'en-US', message: 'Aggregation failed after repeated connection failures with the Virtual Appliance.'},
			key: 'err_aggregation_terminated',
			parameters: null,
		});
	}

	let progress = PROGRESS[status] ?? status;
	if (status === 'ACCOUNTS_COLLECTED') {
		progress = `Processed ${phase.body.processedAccounts ?? 0} of ${phase.body.totalAccounts ?? 0} accounts`;
	}

	return {
		id: plan.id,
		type: TASK_TYPE,
		uniqueName: TASK_UNIQUE_NAME,
		description: TASK_DESCRIPTION,
		parentName: null,
		launcher: aggregation.launcher,
		target: {id: plan.sourceId, type: 'APPLICATION', name: `${plan.sourceName} [source]`},
		created: started,
		modified: ended ?? date(now),
		launched: started,
		completed: ended ?? null,
		completionStatus: COMPLETION[status] ?? null,
		messages,
		returns: [],
		attributes: {
			appId: plan.sourceId,
			optimizedAggregation: aggregation.optimized ? 'enabled' : 'disabled',
		},
		progress,
		percentComplete: status === 'COMPLETED' ? 100 : Math.floor(phase.fraction * 100),
		taskDefinitionSummary: {
			id: '2c91808475b4334b0175e1dff64b63c5',
			uniqueName: TASK_UNIQUE_NAME,
			description: 'Aggregates from the specified application.',
			parentName: TASK_UNIQUE_NAME,
			executor: 'sailpoint.task.ServiceTaskExecutor',
			arguments: {},
		},
	};
}

/** Dates as the document writes them (ISO) or as real tenants do (epoch ms). */
function dateWriter(dates: SimContext['dates']): (epochMs: number) => string | number {
	return dates === 'epoch-ms' ? epochMs => epochMs : epochMs => new Date(epochMs).toISOString();
}

/** The warning ISC puts in the 202 answer of a start refused because an aggregation of the source is running. */
export const ALREADY_RUNNING_MESSAGE = 'This aggregation failed because the currently running aggregation must complete before the next one can start.';

/** The 202 body of POST /sources/{id}/load-accounts (`LoadAccountsTask`). */
export function toLoadAccountsTask(aggregation: SimAggregation, dates: SimContext['dates'] = 'iso'): unknown {
	const date = dateWriter(dates);
	const created = date(aggregation.startEpochMs);
	const real = dates === 'epoch-ms';
	return {
		success: true,
		task: {
			id: aggregation.plan.id,
			type: TASK_TYPE,
			name: TASK_UNIQUE_NAME,
			description: TASK_DESCRIPTION,
			launcher: aggregation.launcher,
			created,
			// The published real answer has launched a few ms after created.
			launched: real ? aggregation.startEpochMs + 13 : created,
			completed: null,
			completionStatus: null,
			parentName: null,
			messages: [],
			progress: real ? null : 'Initializing...',
			attributes: {
				appId: aggregation.plan.sourceId,
				optimizedAggregation: aggregation.optimized ? 'enabled' : 'disabled',
				...(real ? {eventId: aggregation.startEpochMs % 1_000_000} : {}),
			},
			returns: [
				{displayLabel: 'TASK_OUT_ACCOUNT_AGGREGATION_APPLICATIONS', attributeName: 'applications'},
				{displayLabel: 'TASK_OUT_ACCOUNT_AGGREGATION_TOTAL', attributeName: 'total'},
				{displayLabel: 'TASK_OUT_ACCOUNT_AGGREGATION_OPTIMIZED', attributeName: 'optimizedAggregation'},
				{displayLabel: 'TASK_OUT_ACCOUNT_AGGREGATION_CREATED', attributeName: 'created'},
				{displayLabel: 'TASK_OUT_ACCOUNT_AGGREGATION_UPDATED', attributeName: 'updated'},
				{displayLabel: 'TASK_OUT_ACCOUNT_AGGREGATION_DELETED', attributeName: 'deleted'},
			],
		},
	};
}

/**
 * The 202 body of a load-accounts call that started nothing because an aggregation of the source is running: a task
 * of its own (not recorded: it never runs) carrying ISC's WARN message.
 */
export function toRefusedLoadAccountsTask(record: SimSourceRecord, launcher: string, now: number, dates: SimContext['dates']): unknown {
	const date = dateWriter(dates);
	return {
		success: true,
		task: {
			id: newAggregationId(),
			type: TASK_TYPE,
			name: TASK_UNIQUE_NAME,
			description: TASK_DESCRIPTION,
			launcher,
			created: date(now),
			launched: date(now),
			completed: date(now),
			completionStatus: 'WARNING',
			parentName: null,
			messages: [{type: 'WARN', error: false, warning: true, key: ALREADY_RUNNING_MESSAGE, localizedText: ALREADY_RUNNING_MESSAGE}],
			progress: null,
			attributes: {appId: record.source.id, optimizedAggregation: 'enabled'},
			returns: [],
		},
	};
}
