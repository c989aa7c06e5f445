import type {SimAggregation, SimContext, SimSourceRecord} from './state.js';
import {newAggregationId} from './ids.js';
import {deletionsHeldBack, phaseAt} from './timeline.js';
import type {SimAggregationPlan} from './types.js';

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
const COMPLETION: Record<string, string> = {
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
	/** null while the task is queued (not started). */
	launched: string | number | null;
	completed: string | number | null;
	completionStatus: string | null;
	/** localizedText is an object in the document, a plain string on some real tenants. */
	messages: Array<{
		type: 'INFO' | 'WARN' | 'ERROR';
		localizedText: {locale: string; message: string} | string;
		key: string;
		parameters: null;
	}>;
	returns: Array<{displayLabel: string; attributeName: string}>;
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

/** How long ISC keeps a task after it ends: 90 days (the status endpoint only about an hour). */
export const TASK_RETENTION_MS = 90 * 86_400_000;

/** What an ended account aggregation's task returns, as ISC lists it (`returns`), naming keys of `attributes`. */
const RETURNS: TaskStatusObject['returns'] = [
	{displayLabel: 'TASK_OUT_ACCOUNT_AGGREGATION_APPLICATIONS', attributeName: 'applications'},
	{displayLabel: 'TASK_OUT_ACCOUNT_AGGREGATION_TOTAL', attributeName: 'total'},
	{displayLabel: 'TASK_OUT_ACCOUNT_AGGREGATION_OPTIMIZED', attributeName: 'optimized'},
	{displayLabel: 'TASK_OUT_ACCOUNT_AGGREGATION_CREATED', attributeName: 'created'},
	{displayLabel: 'TASK_OUT_ACCOUNT_AGGREGATION_UPDATED', attributeName: 'updated'},
	{displayLabel: 'TASK_OUT_ACCOUNT_AGGREGATION_DELETED', attributeName: 'deleted'},
	{displayLabel: 'TASK_OUT_ACCOUNT_AGGREGATION_IGNORED', attributeName: 'ignored'},
];

/** The returns list real tenants send for an account aggregation: 28 names, not all of them figures. */
const REAL_RETURNS: TaskStatusObject['returns'] = [
	['APPLICATIONS', 'applications'],
	['TOTAL', 'total'],
	['OPTIMIZED', 'optimizedAggregation'],
	['IGNORED', 'ignored'],
	['UNCHANGED_ACCOUNTS', 'optimized'],
	['CREATED', 'created'],
	['UPDATED', 'updated'],
	['DELETED', 'deleted'],
	['MANAGER_CHANGES', 'managerChanges'],
	['BUSINESS_ROLE_CHANGES', 'detectedRoleChanges'],
	['EXCEPTION_CHANGES', 'exceptionChanges'],
	['POLICIES', 'policies'],
	['POLICY_VIOLATIONS', 'policyViolations'],
	['POLICY_NOTIFICATIONS', 'policyNotifications'],
	['SCORES_CHANGED', 'scoresChanged'],
	['SNAPSHOTS_CREATED', 'snapshotsCreated'],
	['SCOPES_CREATED', 'scopesCreated'],
	['SCOPES_CORRELATED', 'scopesCorrelated'],
	['SCOPES_SELECTED', 'scopesSelected'],
	['SCOPES_DORMANT', 'scopesDormant'],
	['UNSCOPED_IDENTITIES', 'unscopedIdentities'],
	['CERTIFICATIONS_CREATED', 'certificationsCreated'],
	['CERTIFICATIONS_DELETED', 'certificationsDeleted'],
	['APPLICATIONS_GENERATED', 'applicationsGenerated'],
	['MANAGED_ATTRIBUTES_PROMOTED', 'managedAttributesCreated'],
	['MANAGED_ATTRIBUTES_PROMOTED_BY_APP', 'managedAttributesCreatedByApplication'],
	['IDENTITYENTITLEMENTS_CREATED', 'identityEntitlementsCreated'],
	['GROUPS_CREATED', 'groupsCreated'],
].map(([label, attributeName]) => ({
	displayLabel: label === 'UNCHANGED_ACCOUNTS' ? 'TASK_OUT_UNCHANGED_ACCOUNTS' : `TASK_OUT_ACCOUNT_AGGREGATION_${label!}`,
	attributeName: attributeName!,
}));

type TaskShape = SimContext['taskShape'];

/** The WARN message of a run whose deletions ISC skipped: more were marked than the source's deleteThreshold allows. */
function deletionSkippedText(plan: SimAggregationPlan): string {
	const marked = plan.totalAccountsMarkedForDeletion ?? 0;
	return `Account deletion was skipped: ${marked} accounts were marked for deletion, more than the delete threshold of ${plan.deleteThreshold ?? 0}% of ${plan.totalAccounts}.`;
}

function message(type: 'INFO' | 'WARN' | 'ERROR', text: string, shape: TaskShape, key = text): TaskStatusObject['messages'][number] {
	return {type, localizedText: shape === 'real' ? text : {locale: 'en-US', message: text}, key, parameters: null};
}

/** Figures as the shape writes them: numbers, or digit strings as real tenants send them. */
function written(attributes: Record<string, unknown>, shape: TaskShape): Record<string, unknown> {
	return shape === 'real'
		? Object.fromEntries(Object.entries(attributes).map(([name, value]) => [name, typeof value === 'number' ? String(value) : value]))
		: attributes;
}

/**
 * The run's figures as attributes, numbers like a real tenant sends: the status endpoint's processedAccounts are
 * the accounts that changed (a tenth of them new), the rest of the accounts scanned were unchanged (optimized).
 */
function figures(plan: SimAggregationPlan, changes: number, deleted: number): Record<string, unknown> {
	const scanned = Math.max(changes, plan.task?.scannedAccounts ?? plan.totalAccounts);
	const created = Math.floor(changes / 10);
	return {
		applications: plan.sourceName,
		total: scanned,
		optimized: scanned - changes,
		created,
		updated: changes - created,
		deleted,
		ignored: 0,
	};
}

/** The task's completionStatus once the plan's run ends with `status` (undefined while it runs). */
export function completionStatusOf(plan: SimAggregationPlan, status: string | undefined): string | undefined {
	if (status === 'COMPLETED') {
		const taskPlan = plan.task ?? {};
		return (
			taskPlan.completionStatus ??
			((taskPlan.errors ?? []).length > 0
				? 'ERROR'
				: (taskPlan.warnings ?? []).length > 0 || deletionsHeldBack(plan)
					? 'WARNING'
					: 'SUCCESS')
		);
	}

	return status === undefined ? undefined : COMPLETION[status];
}

const TASK_DEFINITION_SUMMARY = {
	id: '2c91808475b4334b0175e1dff64b63c5',
	uniqueName: TASK_UNIQUE_NAME,
	description: 'Aggregates from the specified application.',
	parentName: TASK_UNIQUE_NAME,
	executor: 'sailpoint.task.ServiceTaskExecutor',
	arguments: {},
};

/**
 * The TaskStatus of an aggregation at `now`, or undefined before ISC has its task (its start, or plan.queuedMs
 * before) and 90 days after its end. Task records outlive the status endpoint's one-hour window, so an expired
 * aggregation still appears here; a queued one appears not launched yet.
 */
export function toTaskStatus(
	aggregation: SimAggregation,
	now: number,
	dates: SimContext['dates'] = 'iso',
	shape: TaskShape = 'document',
): TaskStatusObject | undefined {
	const {plan} = aggregation;
	const phase = phaseAt(plan, aggregation.startEpochMs, now, Number.POSITIVE_INFINITY);
	const date = dateWriter(dates);
	// A task queued before its start keeps the date it was created.
	const createdAt = aggregation.startEpochMs - (plan.queuedMs ?? 0);
	if (phase.kind === 'pending') {
		return now >= createdAt ? queuedTask(aggregation, date(createdAt)) : undefined;
	}

	if (phase.kind !== 'live' || (phase.endedAt !== undefined && now >= phase.endedAt + TASK_RETENTION_MS)) {
		return undefined;
	}

	const status = phase.body.status;
	const started = date(aggregation.startEpochMs);
	const ended = phase.endedAt === undefined ? undefined : date(phase.endedAt);
	const messages: TaskStatusObject['messages'] = [];
	if (status === 'TERMINATED') {
		messages.push(
			message(
				'ERROR',
				'Aggregation failed after repeated connection failures with the Virtual Appliance.',
				shape,
				'err_aggregation_terminated',
			),
		);
	}

	const taskPlan = plan.task ?? {};
	const completionStatus = completionStatusOf(plan, status) ?? null;
	let attributes: Record<string, unknown> = {};
	if (status === 'COMPLETED') {
		for (const text of taskPlan.warnings ?? []) {
			messages.push(message('WARN', text, shape));
		}

		if (deletionsHeldBack(plan)) {
			messages.push(message('WARN', deletionSkippedText(plan), shape));
		}

		for (const text of taskPlan.errors ?? []) {
			messages.push(message('ERROR', text, shape));
		}
	}

	if (phase.endedAt !== undefined) {
		attributes = written(figures(plan, phase.body.processedAccounts ?? 0, phase.body.deletedAccounts ?? 0), shape);
	}

	let progress = PROGRESS[status] ?? status;
	if (status === 'ACCOUNTS_COLLECTED') {
		progress = `Processed ${phase.body.processedAccounts ?? 0} of ${phase.body.totalAccounts ?? 0} accounts`;
	}

	const head = taskHead(aggregation);
	return {
		...head,
		created: date(createdAt),
		modified: ended ?? date(now),
		launched: started,
		completed: ended ?? null,
		completionStatus,
		messages,
		returns: phase.endedAt === undefined ? [] : shape === 'real' ? REAL_RETURNS : RETURNS,
		attributes: {...head.attributes, ...attributes},
		progress,
		percentComplete: status === 'COMPLETED' ? 100 : Math.floor(phase.fraction * 100),
	};
}

/** What an aggregation's task says whatever its state: which task, whose, on which source, and how it aggregates. */
function taskHead(aggregation: SimAggregation) {
	const {plan} = aggregation;
	return {
		id: plan.id,
		type: TASK_TYPE,
		uniqueName: TASK_UNIQUE_NAME,
		description: TASK_DESCRIPTION,
		parentName: null,
		launcher: aggregation.launcher,
		target: {id: plan.sourceId, type: 'APPLICATION' as const, name: `${plan.sourceName} [source]`},
		attributes: {appId: plan.sourceId, optimizedAggregation: aggregation.optimized ? 'enabled' : 'disabled'},
		taskDefinitionSummary: TASK_DEFINITION_SUMMARY,
	};
}

/** The task of an aggregation that ISC has queued but not started: not launched, no progress, no outcome. */
function queuedTask(aggregation: SimAggregation, created: string | number): TaskStatusObject {
	return {
		...taskHead(aggregation),
		created,
		modified: created,
		launched: null,
		completed: null,
		completionStatus: null,
		messages: [],
		returns: [],
		progress: null,
		percentComplete: 0,
	};
}

/** Dates as the document writes them (ISO) or as real tenants do (epoch ms). */
function dateWriter(dates: SimContext['dates']): (epochMs: number) => string | number {
	return dates === 'epoch-ms' ? epochMs => epochMs : epochMs => new Date(epochMs).toISOString();
}

/** The warning ISC puts in the 202 answer of a start refused because an aggregation of the source is running. */
export const ALREADY_RUNNING_MESSAGE =
	'This aggregation failed because the currently running aggregation must complete before the next one can start.';

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
