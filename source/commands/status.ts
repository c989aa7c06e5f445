import {ExitCode, worst} from '../domain/exit-codes.js';
import {UsageError} from '../domain/usage-error.js';
import {isFailedCompletion, taskOutcomeJson, type TaskOutcome} from '../domain/outcome.js';
import {deletionsHeldBack} from '../core/deletion-risk.js';
import type {IscClient} from '../isc/client.js';
import {IscError} from '../domain/errors.js';
import {isEndStatus, type AggregationStatus} from '../domain/status.js';
import {toTaskOutcome, type TaskStatus} from '../isc/task-status.js';
import {stripSourceSuffix} from '../isc/source-names.js';
import type {CommandContext} from './context.js';
import {formatErrorLine, formatStatusBlock} from './status-format.js';
import {exitCodeForError} from './error-exit-code.js';
import {formatTaskBlock, formatTaskLines} from './task-format.js';
import {isHexId} from '../domain/guards.js';

type Result =
	/** The status endpoint answered; `task` when the run has ended and its task could be read. */
	| {id: string; status: AggregationStatus; task?: TaskOutcome; taskError?: IscError}
	/** The status endpoint answered 404 and the task exists: past the hour, or not visible yet. */
	| {id: string; task: TaskOutcome}
	| {id: string; error: IscError};

/** The source names the tasks read so far gave, by aggregation id (a task's target names its source). */
type Names = Map<string, string>;

async function readTask(client: IscClient, id: string, names: Names): Promise<TaskOutcome> {
	const task = await client.getTaskStatus(id);
	rememberSource(names, id, task);
	return toTaskOutcome(task);
}

function rememberSource(names: Names, id: string, task: TaskStatus): void {
	const name = task.target?.name;
	if (name !== undefined && stripSourceSuffix(name) !== '') {
		names.set(id, stripSourceSuffix(name));
	}
}

/**
 * The source's name of a run whose task was not read for its outcome (it still runs): one task read, whose failure
 * only leaves the name out.
 */
async function readSourceName(client: IscClient, id: string, names: Names): Promise<void> {
	try {
		rememberSource(names, id, await client.getTaskStatus(id));
	} catch {
		// The name is a help, not the answer: the status is printed without it.
	}
}

/**
 * One id: its status; for an ended run also its task (the outcome); for a 404 its task, which ISC keeps 90 days.
 * Only an id both endpoints answer 404 for is not found.
 */
async function lookUp(client: IscClient, id: string, names: Names): Promise<Result> {
	let status: AggregationStatus;
	try {
		status = await client.getAggregationStatus(id);
	} catch (thrown) {
		const error = IscError.from(thrown);
		if (error.kind !== 'not-found') {
			return {id, error};
		}

		try {
			return {id, task: await readTask(client, id, names)};
		} catch (taskThrown) {
			const taskError = IscError.from(taskThrown);
			return {id, error: taskError.kind === 'not-found' ? error : taskError};
		}
	}

	if (status.status === 'NOT_FOUND') {
		// ISC's way of saying 404 in a 200: the task may still know the run (past the hour).
		try {
			return {id, task: await readTask(client, id, names)};
		} catch (taskThrown) {
			const taskError = IscError.from(taskThrown);
			return taskError.kind === 'not-found' ? {id, status} : {id, error: taskError};
		}
	}

	if (!isEndStatus(status.status)) {
		await readSourceName(client, id, names);
		return {id, status};
	}

	try {
		return {id, status, task: await readTask(client, id, names)};
	} catch (taskThrown) {
		return {id, status, taskError: IscError.from(taskThrown)};
	}
}

function sourceField(names: Names, id: string): {source?: string} {
	const name = names.get(id);
	return name === undefined ? {} : {source: name};
}

/** Past the hour, the exit code follows the task: ERROR or TERMINATED as a failed run (2), anything else 0. */
function taskExitCode(task: TaskOutcome): number {
	return isFailedCompletion(task.completionStatus) ? ExitCode.failed : ExitCode.ok;
}

/** `aggwatch status <id...> [--json]`: status (and, for ended runs, task) requests per id, printed in the order given. */
export async function runStatus(context: CommandContext, ids: string[]): Promise<number> {
	if (ids.length === 0) {
		throw new UsageError('status needs at least one aggregation id, e.g. aggwatch status 2c91808477a6b0c60177a81146b8110b', 'status');
	}

	for (const id of ids) {
		if (!isHexId(id)) {
			context.warn(`"${id}" is not a 32-character hexadecimal id; sending it anyway`);
		}
	}

	const json = context.values.json === true;
	const {client} = await context.connect();
	const names: Names = new Map();
	const results = await Promise.all(ids.map(async id => lookUp(client, id, names)));

	const codes: number[] = [];
	let authReported = false;
	for (const result of results) {
		if ('status' in result) {
			// A 200 with status NOT_FOUND whose task is unknown too: shown as it came, but exit 3 like a 404.
			const notFound = result.status.status === 'NOT_FOUND';
			const ended = isEndStatus(result.status.status);
			const heldBack = ended && deletionsHeldBack(result.status, 'ended', result.task);
			if (json) {
				context.out(
					JSON.stringify({
						id: result.id,
						...sourceField(names, result.id),
						...result.status,
						...(result.task === undefined ? {} : {task: taskOutcomeJson(result.task)}),
						...(ended ? {deletionsHeldBack: heldBack} : {}),
					}),
				);
			} else if (notFound) {
				context.error(
					`${result.id}: ISC answered status NOT_FOUND: it does not know this aggregation (a wrong id, or one not visible yet)`,
				);
			} else {
				const lines = [formatStatusBlock(result.id, result.status, context.now(), heldBack, names.get(result.id))];
				if (result.task !== undefined) {
					lines.push(...formatTaskLines(result.task));
				}

				context.out(lines.join('\n'));
			}

			if (result.taskError !== undefined) {
				context.warn(`the outcome of ${result.id} could not be read: ${formatErrorLine(undefined, result.taskError)}`);
			}

			codes.push(notFound ? ExitCode.notFound : ExitCode.ok);
			continue;
		}

		if ('task' in result) {
			const ended = result.task.completionStatus !== null;
			context.out(
				json
					? JSON.stringify({
							id: result.id,
							...sourceField(names, result.id),
							task: taskOutcomeJson(result.task),
							...(ended ? {deletionsHeldBack: deletionsHeldBack(undefined, 'expired', result.task)} : {}),
						})
					: formatTaskBlock(result.id, result.task, names.get(result.id)),
			);
			codes.push(taskExitCode(result.task));
			continue;
		}

		const {error} = result;
		codes.push(exitCodeForError(error));
		if (json) {
			context.out(JSON.stringify({id: result.id, error: error.toInfo()}));
		}

		// Bad credentials fail every id the same way: say it once.
		if (error.kind === 'auth') {
			if (!authReported) {
				context.error(formatErrorLine(undefined, error));
			}

			authReported = true;
		} else {
			context.error(formatErrorLine(result.id, error));
		}
	}

	return worst(codes);
}
