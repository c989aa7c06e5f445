import type {CallOptions, IscClient} from '../isc/client.js';
import {IscError} from '../domain/errors.js';
import type {TaskStatus} from '../isc/task-status.js';
import {findRunningOfSource} from './running-aggregations.js';

/** What starting an aggregation of a source came to. */
export type StartAttempt =
	/** ISC started one: `id` is the new aggregation. */
	(
		| {kind: 'started'; id: string; created?: string}
		/**
		 * One was running already: `task` is it. `sent` says whether the POST went out (false: the check before it found
		 * the running one; true: ISC refused the start, saying one is running, and this is the one found afterwards).
		 */
		| {kind: 'running'; task: TaskStatus; sent: boolean}
	) & {
		/** The check for a running aggregation before the POST failed (the start went ahead); for a warning. */
		checkError?: IscError;
	};

export interface StartAttemptOptions {
	disableOptimization?: boolean;
	/** For every request; the POST itself is never retried once sent, whatever this says. */
	call?: CallOptions;
}

/**
 * Starts an account aggregation of a source, unless one is running: first one task-status list request for a running
 * aggregation of the source (send nothing if there is one), then the POST, whose "already running" refusal is
 * answered with the running aggregation too. Throws the POST's IscError as it is (see mayHaveStarted), an auth
 * failure of the check, and a request IscError when ISC refused the start but no running aggregation could be found.
 */
export async function startOrFindRunning(
	client: Pick<IscClient, 'importAccounts' | 'listTaskStatus'>,
	sourceId: string,
	options: StartAttemptOptions = {},
): Promise<StartAttempt> {
	const call = options.call ?? {};
	let checkError: IscError | undefined;
	try {
		const running = await findRunningOfSource(client, sourceId, call);
		if (running !== undefined) {
			return {kind: 'running', task: running, sent: false};
		}
	} catch (error) {
		if (!(error instanceof IscError) || error.kind === 'auth') {
			throw error;
		}

		// ISC refuses a second start itself (and that refusal is handled below): a failed check need not stop the start.
		checkError = error;
	}

	const withCheck = checkError === undefined ? {} : {checkError};
	const answer = await client.importAccounts(sourceId, {disableOptimization: options.disableOptimization === true}, call);
	if (answer.alreadyRunning !== true) {
		const created = answer.task.created ?? undefined;
		return {kind: 'started', id: answer.task.id, ...(created === undefined ? {} : {created}), ...withCheck};
	}

	let running: TaskStatus | undefined;
	try {
		running = await findRunningOfSource(client, sourceId, call);
	} catch (error) {
		if (!(error instanceof IscError)) {
			throw error;
		}

		throw new IscError({
			kind: 'request',
			status: 202,
			message: `ISC started nothing because an aggregation of the source is already running, and looking that one up failed: ${error.message}`,
			...(error.trackingId === undefined ? {} : {trackingId: error.trackingId}),
		});
	}

	if (running === undefined) {
		throw new IscError({
			kind: 'request',
			status: 202,
			message:
				'ISC started nothing because an aggregation of the source is already running, but none is running now (it may just have ended); start it again',
		});
	}

	return {kind: 'running', task: running, sent: true, ...withCheck};
}
