import {completionOf, isFailedCompletion, messagesHoldBackDeletions, normalCompletionStatus, type TaskMessage} from '../domain/outcome.js';
import type {CronSchedule} from './cron-schedule.js';
import {median} from './past-runs.js';

/**
 * The tenant at a glance: one line per source, with its last account aggregation, a run in progress, its next
 * scheduled run, and whether it needs attention. Pure: the caller hands in what the tenant answered and the time.
 */

/** Why a source needs attention. A source never aggregated and without a schedule needs none. */
export type AttentionKind = 'failed' | 'warnings' | 'held-back' | 'overdue' | 'unhealthy' | 'stalled';

/** Most pressing first: the order lines are sorted in and attention kinds listed in. */
export const ATTENTION_ORDER: readonly AttentionKind[] = ['failed', 'stalled', 'overdue', 'held-back', 'unhealthy', 'warnings'];

/** One account aggregation of a source, as its task says (task-status lists). */
export interface SourceRunTask {
	id: string;
	/** null while it runs. */
	completionStatus: string | null;
	created?: string;
	launched?: string | null;
	completed?: string | null;
	/** When its progress last moved (the task's modified). */
	modified?: string | null;
	progress?: string | null;
	messages: TaskMessage[];
	counts: Record<string, number>;
}

/** What the tenant said of a source. */
export interface SourceFacts {
	tenant: string;
	id: string;
	name: string;
	connector?: string;
	healthy?: boolean;
	health?: string;
	deleteThreshold?: number;
	/** ISO: when the source was created (a schedule cannot have fired unanswered before). */
	created?: string;
}

/** The source's schedule: read (`cron`), or not readable (shown as it is), with the zone it runs in. */
export interface ScheduleFacts {
	expression: string;
	/** undefined: aggwatch cannot read the expression; it is shown as it is and never fails the line. */
	cron?: CronSchedule;
	/** "GMT-5", or "UTC" (also when the cluster's zone could not be read: then `zoneKnown` is false). */
	zone: string;
	zoneKnown: boolean;
}

export interface SourceOverviewInput {
	source: SourceFacts;
	/** The source's account aggregations known, any order (running ones included). */
	runs: readonly SourceRunTask[];
	/** undefined: not read yet; null: the source has no account aggregation schedule. */
	schedule?: ScheduleFacts | null;
	now: number;
	/** No progress for this long is a stall (default 15 minutes, like --stall-after). */
	stallAfterMs?: number;
	/**
	 * false: the task lists were not read to their end for this source (it may have run beyond what was read), so a
	 * source with no run seen is not called overdue. Default true.
	 */
	runsComplete?: boolean;
}

export interface LastRunView {
	id: string;
	/** Normalised: SUCCESS, WARNING, ERROR, TERMINATED, TEMP_ERROR, or the upper-cased value ISC sent. */
	completionStatus: string;
	launched: string | null;
	completed: string | null;
	durationSeconds: number | null;
	warnings: number;
	errors: number;
	deletionsHeldBack: boolean;
	/** Changes (added + changed + removed) and accounts scanned, where the task says. */
	changes?: number;
	scanned?: number;
	/** Median duration of the source's earlier completed runs seen (at least two). */
	usualSeconds?: number;
}

export interface RunningView {
	id: string;
	/** QUEUED (not launched yet) or RUNNING. */
	status: 'QUEUED' | 'RUNNING';
	started: string | null;
	progress?: string;
	percentComplete?: number;
}

export interface ScheduleView {
	cron: string;
	/** ISO, UTC; null when the expression cannot be read or never fired / never fires again. */
	previous: string | null;
	next: string | null;
	zone: string;
	zoneKnown: boolean;
	readable: boolean;
}

export interface SourceOverview {
	tenant: string;
	id: string;
	name: string;
	connector: string | null;
	healthy: boolean | null;
	health: string | null;
	deleteThreshold: number | null;
	running: RunningView | null;
	lastRun: LastRunView | null;
	/** undefined: the schedule is not read yet. */
	schedule: ScheduleView | null | undefined;
	overdue: boolean;
	attention: AttentionKind[];
}

export const DEFAULT_STALL_AFTER_MS = 15 * 60_000;
/** How long ISC keeps a task: a source with no task at all has not run for at least that long. */
export const TASK_RETENTION_MS = 90 * 86_400_000;
/** The least grace before a missed fire counts: 15 minutes (or a tenth of the schedule's period, if longer). */
export const MIN_GRACE_MS = 15 * 60_000;

function time(value: string | null | undefined): number | undefined {
	if (value === null || value === undefined) {
		return undefined;
	}

	const parsed = Date.parse(value);
	return Number.isNaN(parsed) ? undefined : parsed;
}

/** When a run started: launched, else created. */
function startOf(run: SourceRunTask): number | undefined {
	return time(run.launched) ?? time(run.created);
}

function durationMs(run: SourceRunTask): number | undefined {
	const [start, end] = [time(run.launched) ?? time(run.created), time(run.completed)];
	return start === undefined || end === undefined || end < start ? undefined : end - start;
}

function newestFirst(a: SourceRunTask, b: SourceRunTask): number {
	return (startOf(b) ?? Number.NEGATIVE_INFINITY) - (startOf(a) ?? Number.NEGATIVE_INFINITY);
}

function messageCount(messages: readonly TaskMessage[], kind: 'warn' | 'error'): number {
	return messages.filter(message => {
		const type = message.type.toUpperCase();
		return kind === 'warn' ? type.startsWith('WARN') && !messagesHoldBackDeletions([message]) : type === 'ERROR';
	}).length;
}

function lastRunView(run: SourceRunTask, earlier: readonly SourceRunTask[]): LastRunView {
	const duration = durationMs(run);
	const usual = median(
		earlier.filter(candidate => completionOf(candidate.completionStatus) !== undefined).flatMap(candidate => durationMs(candidate) ?? []),
	);
	const {created, updated, deleted, total} = run.counts;
	const changes = [created, updated, deleted].every(value => value === undefined)
		? undefined
		: (created ?? 0) + (updated ?? 0) + (deleted ?? 0);
	const usualCount = earlier.filter(candidate => durationMs(candidate) !== undefined).length;
	return {
		id: run.id,
		completionStatus: normalCompletionStatus(run.completionStatus ?? ''),
		launched: run.launched ?? run.created ?? null,
		completed: run.completed ?? null,
		durationSeconds: duration === undefined ? null : Math.round(duration / 1000),
		warnings: messageCount(run.messages, 'warn'),
		errors: messageCount(run.messages, 'error'),
		deletionsHeldBack: messagesHoldBackDeletions(run.messages),
		...(changes === undefined ? {} : {changes}),
		...(total === undefined ? {} : {scanned: total}),
		...(usual === undefined || usualCount < 2 ? {} : {usualSeconds: Math.round(usual / 1000)}),
	};
}

/** The grace before a missed fire counts: 15 minutes, or a tenth of the schedule's period around that fire if longer. */
export function graceMs(cron: CronSchedule, fire: number): number {
	const before = cron.fireAtOrBefore(fire - 1);
	const after = cron.fireAfter(fire);
	const periods = [before === undefined ? undefined : fire - before, after === undefined ? undefined : after - fire].filter(
		(value): value is number => value !== undefined,
	);
	const period = periods.length === 0 ? 0 : Math.min(...periods);
	return Math.max(MIN_GRACE_MS, period / 10);
}

/**
 * Overdue: the schedule fired after the source's last run (a fire while a run was still going is answered by that
 * run: ISC starts no second run of a source), that fire is more than a grace ago, and no run has started since.
 * A running source is never overdue. A source never seen to run counts from its creation, or from 90 days ago (ISC
 * keeps tasks 90 days), whichever is later.
 */
export function isOverdue(cron: CronSchedule, runs: readonly SourceRunTask[], now: number, sourceCreated?: number): boolean {
	const newest = [...runs].sort(newestFirst)[0];
	if (newest !== undefined && newest.completionStatus === null) {
		return false;
	}

	let answeredUntil: number | undefined;
	if (newest !== undefined) {
		answeredUntil = time(newest.completed) ?? startOf(newest);
	}

	// No run in the task lists: none in the 90 days ISC keeps tasks, nor since the source was created.
	answeredUntil ??= Math.max(sourceCreated ?? Number.NEGATIVE_INFINITY, now - TASK_RETENTION_MS);
	const fire = cron.fireAfter(answeredUntil);
	return fire !== undefined && fire <= now && now - fire > graceMs(cron, fire);
}

function runningView(run: SourceRunTask): RunningView {
	return {
		id: run.id,
		status: run.launched === null || run.launched === undefined ? 'QUEUED' : 'RUNNING',
		started: run.launched ?? run.created ?? null,
		...(run.progress === null || run.progress === undefined ? {} : {progress: run.progress}),
	};
}

/** A running run looks stalled: no progress (the task's modified) for stallAfter, or running 3× the usual and at least stallAfter. */
function looksStalled(run: SourceRunTask, usualMs: number | undefined, now: number, stallAfterMs: number): boolean {
	const modified = time(run.modified);
	if (modified !== undefined && now - modified >= stallAfterMs) {
		return true;
	}

	const start = startOf(run);
	return start !== undefined && usualMs !== undefined && now - start >= Math.max(stallAfterMs, 3 * usualMs);
}

export function sourceOverview(input: SourceOverviewInput): SourceOverview {
	const {source, now} = input;
	const stallAfterMs = input.stallAfterMs ?? DEFAULT_STALL_AFTER_MS;
	const runs = [...input.runs].sort(newestFirst);
	const running = runs.find(run => run.completionStatus === null);
	const ended = runs.filter(run => run.completionStatus !== null);
	const last = ended[0];
	const lastRun = last === undefined ? null : lastRunView(last, ended.slice(1, 11));
	const usualMs = median(ended.slice(0, 10).flatMap(run => durationMs(run) ?? []));

	let schedule: ScheduleView | null | undefined;
	let overdue = false;
	if (input.schedule === null) {
		schedule = null;
	} else if (input.schedule !== undefined) {
		const {cron, expression, zone, zoneKnown} = input.schedule;
		const previous = cron?.fireAtOrBefore(now);
		const next = cron?.fireAfter(now);
		schedule = {
			cron: expression,
			previous: previous === undefined ? null : new Date(previous).toISOString(),
			next: next === undefined ? null : new Date(next).toISOString(),
			zone,
			zoneKnown,
			readable: cron !== undefined,
		};
		overdue = cron !== undefined && (runs.length > 0 || input.runsComplete !== false) && isOverdue(cron, runs, now, time(source.created));
	}

	const attention = new Set<AttentionKind>();
	if (lastRun !== null) {
		if (isFailedCompletion(lastRun.completionStatus)) {
			attention.add('failed');
		}

		if (lastRun.deletionsHeldBack) {
			attention.add('held-back');
		}

		if (lastRun.warnings > 0 || (completionOf(lastRun.completionStatus) === 'warning' && !lastRun.deletionsHeldBack)) {
			attention.add('warnings');
		}
	}

	if (overdue) {
		attention.add('overdue');
	}

	if (source.healthy === false) {
		attention.add('unhealthy');
	}

	if (running !== undefined && looksStalled(running, usualMs, now, stallAfterMs)) {
		attention.add('stalled');
	}

	return {
		tenant: source.tenant,
		id: source.id,
		name: source.name,
		connector: source.connector ?? null,
		healthy: source.healthy ?? null,
		health: source.health ?? null,
		deleteThreshold: source.deleteThreshold ?? null,
		running: running === undefined ? null : runningView(running),
		lastRun,
		schedule,
		overdue,
		attention: ATTENTION_ORDER.filter(kind => attention.has(kind)),
	};
}

/** How pressing a line is: the rank of its most pressing attention kind; lines without any after all of them. */
function rank(overview: SourceOverview): number {
	const first = overview.attention[0];
	return first === undefined ? ATTENTION_ORDER.length + (overview.running === null ? 1 : 0) : ATTENTION_ORDER.indexOf(first);
}

/** Those needing attention first (most pressing kind first, then by how many kinds), then running ones, then by name and tenant. */
export function compareOverviews(a: SourceOverview, b: SourceOverview): number {
	return (
		rank(a) - rank(b) ||
		b.attention.length - a.attention.length ||
		a.name.localeCompare(b.name, 'en', {sensitivity: 'base'}) ||
		a.tenant.localeCompare(b.tenant) ||
		a.id.localeCompare(b.id)
	);
}
