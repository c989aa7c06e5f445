import {ExitCode, worst} from '../cli/exit-codes.js';
import {UsageError} from '../cli/usage-error.js';
import {isFailedCompletion, type TaskOutcome} from '../domain/outcome.js';
import type {IscClient} from '../isc/client.js';
import {IscError} from '../isc/errors.js';
import {isEndStatus, type AggregationStatus} from '../isc/status.js';
import {toTaskOutcome} from '../isc/task-status.js';
import type {CommandContext} from './context.js';
import {formatErrorLine, formatStatusBlock} from './status-format.js';
import {exitCodeForError} from './error-exit-code.js';
import {formatTaskBlock, formatTaskLines} from './task-format.js';

const HEX_ID = /^[\da-f]{32}$/i;

type Result =
	/** The status endpoint answered; `task` when the run has ended and its task could be read. */
	| {id: string; status: AggregationStatus; task?: TaskOutcome; taskError?: IscError}
	/** The status endpoint answered 404 and the task exists: past the hour, or not visible yet. */
	| {id: string; task: TaskOutcome}
	| {id: string; error: IscError};

async function readTask(client: IscClient, id: string): Promise<TaskOutcome> {
	return toTaskOutcome(await client.getTaskStatus(id));
}

/**
 * One id: its status; for an ended run also its task (the outcome); for a 404 its task, which ISC keeps 90 days.
 * Only an id both endpoints answer 404 for is not found.
 */
async function lookUp(client: IscClient, id: string): Promise<Result> {
	let status: AggregationStatus;
	try {
		status = await client.getAggregationStatus(id);
	} catch (thrown) {
		const error = IscError.from(thrown);
		if (error.kind !== 'not-found') {
			return {id, error};
		}

		try {
			return {id, task: await readTask(client, id)};
		} catch (taskThrown) {
			const taskError = IscError.from(taskThrown);
			return {id, error: taskError.kind === 'not-found' ? error : taskError};
		}
	}

	if (!isEndStatus(status.status)) {
		return {id, status};
	}

	try {
		return {id, status, task: await readTask(client, id)};
	} catch (taskThrown) {
		return {id, status, taskError: IscError.from(taskThrown)};
	}
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
		if (!HEX_ID.test(id)) {
			context.warn(`"${id}" is not a 32-character hexadecimal id; sending it anyway`);
		}
	}

	const json = context.values.json === true;
	const {client} = await context.connect();
	const results = await Promise.all(ids.map(async id => lookUp(client, id)));

	const codes: number[] = [];
	let authReported = false;
	for (const result of results) {
		if ('status' in result) {
			if (json) {
				context.out(JSON.stringify({id: result.id, ...result.status, ...(result.task === undefined ? {} : {task: result.task})}));
			} else {
				const lines = [formatStatusBlock(result.id, result.status, context.now())];
				if (result.task !== undefined) {
					lines.push(...formatTaskLines(result.task));
				}

				context.out(lines.join('\n'));
			}

			if (result.taskError !== undefined) {
				context.warn(`the outcome of ${result.id} could not be read: ${formatErrorLine(undefined, result.taskError)}`);
			}

			codes.push(ExitCode.ok);
			continue;
		}

		if ('task' in result) {
			context.out(json ? JSON.stringify({id: result.id, task: result.task}) : formatTaskBlock(result.id, result.task));
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
