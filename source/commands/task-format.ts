import {formatDuration} from '../core/durations.js';
import {taskHeldBackDeletions, type TaskOutcome} from '../domain/outcome.js';
import {HELD_BACK_TEXT} from '../domain/words.js';
import {safeText} from '../domain/status.js';
import {figuresText, taskTally} from '../domain/text.js';
import {utcTime} from './utc-time.js';
import {sourceLines} from './status-format.js';

function time(text: string | undefined): number | undefined {
	const at = text === undefined ? Number.NaN : Date.parse(text);
	return Number.isNaN(at) ? undefined : at;
}

/** The lines of a task's outcome, indented like the status block: outcome, times, figures, messages. */
export function formatTaskLines(task: TaskOutcome): string[] {
	const lines: string[] = [];
	const tally = taskTally(task);
	lines.push(`  Outcome       ${task.completionStatus ?? 'not complete yet'}${tally === '' ? '' : ` (${tally})`}`);
	const launched = time(task.launched);
	const completed = time(task.completed);
	if (launched !== undefined) {
		lines.push(`  Launched      ${utcTime(launched)}`);
	}

	if (completed !== undefined) {
		const took = launched === undefined ? '' : ` (took ${formatDuration(Math.max(0, completed - launched))})`;
		lines.push(`  Completed     ${utcTime(completed)}${took}`);
	}

	const figures = figuresText(task.counts);
	if (figures !== undefined) {
		lines.push(`  Figures       ${figures}`);
	}

	for (const message of task.messages) {
		lines.push(`  ${safeText(message.type).padEnd(12)}  ${safeText(message.text)}`);
	}

	return lines;
}

/**
 * `aggwatch status` for an id whose status ISC no longer keeps (about an hour after the end) but whose task it
 * still has (90 days): what the task says.
 */
export function formatTaskBlock(id: string, task: TaskOutcome, source?: string): string {
	const state =
		task.completionStatus === null ? 'running (status not available yet; from its task)' : 'ended (status no longer kept; from its task)';
	// Past the hour the status counts are gone: the task's "Account deletion was skipped" is all that tells of it.
	const deletions = taskHeldBackDeletions(task) ? [`  Deletions     ${HELD_BACK_TEXT} (the task says so below)`] : [];
	return [`${id}  ${state}`, ...sourceLines(source), ...deletions, ...formatTaskLines(task)].join('\n');
}
