/**
 * How an aggregation's task ended, as `GET /v2025/task-status/{id}` tells it (ISC keeps tasks 90 days, long after the
 * status endpoint forgets the aggregation). Plain data: it is shown, saved with the row, and printed by
 * `status --json` exactly in this shape. Imports nothing of ours.
 */
export interface TaskOutcome {
	/** SUCCESS, WARNING, ERROR, TERMINATED, TEMP_ERROR (or TEMPERROR), or whatever else ISC sent; null while running. */
	completionStatus: string | null;
	launched?: string;
	completed?: string;
	messages: TaskMessage[];
	/** The run's figures, keyed by attribute name (`total`, `created`, `updated`, …): only numbers. */
	counts: Record<string, number>;
}

export interface TaskMessage {
	/** INFO, WARN, ERROR, or another string ISC sent. */
	type: string;
	text: string;
}

/** What a completion status means for a script or a badge. */
export type Completion = 'success' | 'warning' | 'error' | 'terminated' | 'unknown';

export function completionOf(status: string | null | undefined): Completion | undefined {
	if (status === null || status === undefined) {
		return undefined;
	}

	switch (status.toUpperCase()) {
		case 'SUCCESS': {
			return 'success';
		}

		case 'WARNING': {
			return 'warning';
		}

		case 'ERROR':
		case 'TEMP_ERROR':
		case 'TEMPERROR': {
			return 'error';
		}

		case 'TERMINATED': {
			return 'terminated';
		}

		default: {
			return 'unknown';
		}
	}
}

/** The task has its final answer (a completion status). */
export function isTaskComplete(task: TaskOutcome | undefined): task is TaskOutcome & {completionStatus: string} {
	return task !== undefined && task.completionStatus !== null;
}

/** A run that did not succeed: ERROR, TEMP_ERROR or TERMINATED. WARNING succeeded (with warnings). */
export function isFailedCompletion(status: string | null | undefined): boolean {
	const completion = completionOf(status);
	return completion === 'error' || completion === 'terminated';
}

export function warningCount(task: Pick<TaskOutcome, 'messages'>): number {
	return task.messages.filter(message => message.type.toUpperCase().startsWith('WARN')).length;
}

export function errorCount(task: Pick<TaskOutcome, 'messages'>): number {
	return task.messages.filter(message => message.type.toUpperCase() === 'ERROR').length;
}

/**
 * Readable names for the figures account aggregations report, in the words of the event trigger ISC fires at the
 * end of an aggregation (scanned, unchanged, changed, added, removed). Other names are shown as they came.
 */
const COUNT_LABELS: Record<string, string> = {
	total: 'scanned',
	optimized: 'unchanged',
	updated: 'changed',
	created: 'added',
	deleted: 'removed',
	ignored: 'ignored',
};

/** The order figures are listed in: the trigger's words first, then the rest by name. */
const COUNT_ORDER = ['total', 'created', 'updated', 'deleted', 'optimized', 'ignored'];

export function countLabel(attributeName: string): string {
	return COUNT_LABELS[attributeName] ?? attributeName;
}

export function orderedCounts(counts: Readonly<Record<string, number>>): Array<[name: string, value: number]> {
	const rank = (name: string): number => {
		const index = COUNT_ORDER.indexOf(name);
		return index === -1 ? COUNT_ORDER.length : index;
	};

	return Object.entries(counts).sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Accounts scanned, where the task says (`total`). */
export function scannedAccounts(task: TaskOutcome | undefined): number | undefined {
	return task?.counts['total'];
}

/**
 * A completion status in one spelling, the one `--json` gives (SUCCESS, WARNING, ERROR, TERMINATED, TEMP_ERROR): real tenants have sent `Success`, `Error` and `TEMPERROR` beside the
 * document's SUCCESS, ERROR and TEMP_ERROR. Case, spaces, hyphens and underscores are ignored; a value that is none of
 * the five is returned as it came (upper-cased), so nothing is made up.
 */
export function normalCompletionStatus(status: string): string {
	const key = status.toUpperCase().replaceAll(/[\s_-]/g, '');
	switch (key) {
		case 'TEMPERROR': {
			return 'TEMP_ERROR';
		}

		case 'SUCCESS':
		case 'WARNING':
		case 'ERROR':
		case 'TERMINATED': {
			return key;
		}

		default: {
			return status.toUpperCase();
		}
	}
}

/** What a real monitoring console reads as a delete-threshold trip in an aggregation's task messages. */
const DELETION_SKIPPED = 'account deletion was skipped';

/**
 * The task says ISC held the deletions back: its messages contain "Account deletion was skipped" (a WARNING task,
 * when the share marked for deletion was over the source's deleteThreshold). Past the hour this message is all that
 * is left of it: the status endpoint's counts are gone.
 */
export function taskHeldBackDeletions(task: TaskOutcome | undefined): boolean {
	return task !== undefined && messagesHoldBackDeletions(task.messages);
}

/** The same reading of a task's messages alone (a task-status list entry). */
export function messagesHoldBackDeletions(messages: readonly TaskMessage[]): boolean {
	return messages.some(message => message.text.toLowerCase().includes(DELETION_SKIPPED));
}

/** A task as `--json` prints it: completionStatus in one spelling (the raw value beside it where it differs). */
export interface TaskOutcomeJson extends Omit<TaskOutcome, 'completionStatus'> {
	completionStatus: string | null;
	completionStatusRaw?: string;
}

export function taskOutcomeJson(task: TaskOutcome): TaskOutcomeJson {
	const raw = task.completionStatus;
	const normal = raw === null ? null : normalCompletionStatus(raw);
	const {completionStatus: _raw, ...rest} = task;
	return {completionStatus: normal, ...(raw !== null && raw !== normal ? {completionStatusRaw: raw} : {}), ...rest};
}

/** The symbols an outcome label uses for warnings and errors (the monitor's theme has ASCII ones too). */
export interface OutcomeGlyphs {
	warning: string;
	error: string;
}

export const OUTCOME_GLYPHS: OutcomeGlyphs = {warning: '⚠', error: '✖'};

/** What an outcome label needs of a task: its completion status and how many warnings and errors it reported. */
export interface OutcomeTally {
	completionStatus: string | null;
	warnings: number;
	errors: number;
}

const END_WORDS: Readonly<Record<string, string>> = {COMPLETED: 'completed', CANCELLED: 'cancelled', TERMINATED: 'terminated'};

/**
 * A run's outcome as the row badge says it, for every list of runs: "completed", "completed ⚠ 3" (its task warned
 * three times), "completed ✖ 2", "cancelled". Where no end status is known (a run found only on the tenant's task
 * list), the task's completion status in one spelling: "SUCCESS", "WARNING ⚠ 3", "ERROR". "?" when nothing is known.
 */
export function outcomeLabel(status: string | undefined, task: OutcomeTally | undefined, glyphs: OutcomeGlyphs = OUTCOME_GLYPHS): string {
	const raw = task?.completionStatus ?? null;
	const word =
		status !== undefined && END_WORDS[status] !== undefined
			? END_WORDS[status]
			: raw === null
				? (status ?? '?')
				: normalCompletionStatus(raw);
	const completion = completionOf(raw);
	let mark = '';
	if (completion === 'warning') {
		mark = task!.warnings > 0 ? ` ${glyphs.warning} ${task!.warnings}` : ` ${glyphs.warning}`;
	} else if ((completion === 'error' || completion === 'terminated') && task!.errors > 0) {
		mark = ` ${glyphs.error} ${task!.errors}`;
	} else if (completion === 'error' && word === 'completed') {
		mark = ` ${glyphs.error}`;
	}

	return `${word}${mark}`;
}
