import {ExitCode} from '../domain/exit-codes.js';
import {IscError} from '../domain/errors.js';
import {isDelimitedFileSource} from '../domain/sources.js';
import {formatDuration} from '../core/durations.js';
import type {IscClient} from '../isc/client.js';
import type {IscSource} from '../isc/source.js';
import type {TrackedStore} from '../store/config.js';
import {StoreError} from '../store/errors.js';
import type {Connection} from './connection.js';
import type {CommandContext} from './context.js';
import {demoSuffix} from './demo-suffix.js';
import {exitCodeForError} from './error-exit-code.js';
import {booleanFlag} from './flag-values.js';
import {SourceChoiceError} from './resolve-source.js';
import {startedAt} from './running-aggregations.js';
import {startOrFindRunning, type StartAttempt} from './start-aggregation.js';
import {mayHaveStarted} from './start-outcome.js';
import {formatErrorLine} from './status-format.js';
import {utcTime} from './utc-time.js';

/** The exit code for a source that could not be resolved (after its one-line message), or undefined for another error. */
export function sourceErrorCode(context: CommandContext, error: unknown): number | undefined {
	if (error instanceof SourceChoiceError) {
		context.error(error.message);
		return error.kind === 'not-found' ? ExitCode.notFound : ExitCode.usage;
	}

	if (error instanceof IscError) {
		context.error(formatErrorLine(undefined, error));
		return exitCodeForError(error);
	}

	return undefined;
}

/** What starting one source came to: an aggregation to follow (started, or running already), or a failure told. */
export type SourceStart = {kind: 'started' | 'running'; id: string} | {kind: 'failed'; code: number};

export interface StartTarget {
	client: IscClient;
	connection: Connection;
	store: TrackedStore;
}

/**
 * Starts an aggregation of a resolved source (or finds the one running), tracks it, and says so: the id on standard
 * output and a line on standard error, or the --json event (`extra` is added to it). `next` is the hint that ends
 * the line (undefined: how to follow it; '' none). Failures are told here, with their exit code.
 */
export async function startSource(
	context: CommandContext,
	{client, connection, store}: StartTarget,
	source: IscSource,
	{next, extra = {}}: {next: string | undefined; extra?: Record<string, unknown>},
): Promise<SourceStart> {
	const disableOptimization = booleanFlag(context.values, 'disable-optimization');
	const json = context.values.json === true;
	if (isDelimitedFileSource(source)) {
		context.error(
			`"${source.name}" is a delimited-file source: its aggregation needs the CSV file uploaded with the request, which aggwatch does not do. ` +
				'Start it in ISC (Sources > Import Data > Account Aggregation, or POST /v2025/sources/{id}/load-accounts with a "file" part), ' +
				`then follow it with aggwatch discover --track${demoSuffix(context)}. Nothing was sent.`,
		);
		return {kind: 'failed', code: ExitCode.usage};
	}

	let attempt: StartAttempt;
	try {
		attempt = await startOrFindRunning(client, source.id, {disableOptimization});
	} catch (error) {
		if (!(error instanceof IscError)) {
			throw error;
		}

		if (mayHaveStarted(error)) {
			context.error(
				`the request to start an account aggregation of "${source.name}" failed: ${formatErrorLine(undefined, error)}. ` +
					'It may or may not have started an aggregation; it was not sent again, so that a lost answer cannot start a second one. ' +
					`Check before starting again: aggwatch discover${demoSuffix(context)} lists the running aggregations with their sources.`,
			);
			return {kind: 'failed', code: ExitCode.requestFailed};
		}

		context.error(
			`could not start an account aggregation of "${source.name}": ${formatErrorLine(undefined, error)}. No aggregation was started.`,
		);
		return {kind: 'failed', code: exitCodeForError(error)};
	}

	if (attempt.checkError !== undefined) {
		context.warn(
			`could not check for a running aggregation of "${source.name}" first (${formatErrorLine(undefined, attempt.checkError)}); started anyway`,
		);
	}

	const id = attempt.kind === 'started' ? attempt.id : attempt.task.id;
	const now = context.now();
	let tracked = true;
	try {
		store.addTracked([{id, tenant: connection.tenant, addedAt: now, label: source.name}]);
	} catch (error) {
		if (!(error instanceof StoreError)) {
			throw error;
		}

		tracked = false;
		context.warn(`the aggregation ${attempt.kind === 'started' ? 'started' : 'is running'} but could not be tracked: ${error.message}`);
	}

	// The demo tenant lives as long as this process: a later command would not know the id.
	const follow = context.values.demo === true ? 'add --wait to follow a demo aggregation' : `follow it with: aggwatch wait ${id}`;
	const hint = next ?? `; ${follow}`;
	if (attempt.kind === 'running') {
		const since = startedAt(attempt.task);
		if (json) {
			context.out(
				JSON.stringify({
					event: 'already-running',
					id,
					tenant: connection.tenant,
					source: {id: source.id, name: source.name},
					started: since ?? null,
					sent: attempt.sent,
					tracked,
					...extra,
				}),
			);
		} else {
			context.out(id);
			const when =
				since === undefined ? '' : ` since ${utcTime(Date.parse(since))} (${formatDuration(Math.max(0, now - Date.parse(since)))} ago)`;
			const how = attempt.sent ? 'ISC started no other: ' : 'nothing was sent: ';
			context.error(`an account aggregation of "${source.name}" is already running${when}; ${how}tracking it: ${id}${hint}`);
		}
	} else if (json) {
		context.out(
			JSON.stringify({
				event: 'started',
				id,
				tenant: connection.tenant,
				source: {id: source.id, name: source.name},
				disableOptimization,
				created: attempt.created ?? null,
				tracked,
				...extra,
			}),
		);
	} else {
		context.out(id);
		const how = disableOptimization ? ' with optimization disabled' : '';
		context.error(`started an account aggregation of "${source.name}"${how}: ${id}${hint}`);
	}

	return {kind: attempt.kind, id};
}
