import {ExitCode} from '../domain/exit-codes.js';
import {UsageError} from '../domain/usage-error.js';
import {IscError} from '../domain/errors.js';
import type {IscSource} from '../isc/source.js';
import type {TrackedStore} from '../store/config.js';
import {StoreError} from '../store/errors.js';
import {openCommandStore} from './command-store.js';
import type {CommandContext} from './context.js';
import {demoSuffix} from './demo-suffix.js';
import {exitCodeForError} from './error-exit-code.js';
import {booleanFlag} from './flag-values.js';
import {resolveSource, SourceChoiceError} from './resolve-source.js';
import {isDelimitedFileSource} from '../domain/sources.js';
import {startedAt} from './running-aggregations.js';
import {startOrFindRunning, type StartAttempt} from './start-aggregation.js';
import {mayHaveStarted} from './start-outcome.js';
import {utcTime} from './utc-time.js';
import {formatDuration} from '../core/durations.js';
import {formatErrorLine} from './status-format.js';
import {createWaitHooks} from './wait-hooks.js';
import {resolveAlertPrefs} from './alert-options.js';
import {runWait} from './wait.js';

/**
 * `aggwatch start <source> [--disable-optimization] [--wait] [--json]`: starts an account aggregation of a source
 * (by id or exact name), tracks it, and prints its id (alone on standard output, for `id=$(aggwatch start X)`).
 * The one request aggwatch makes that changes something: it is sent once and never retried, whatever happens.
 * When an aggregation of the source is running already (found before the POST, or ISC's 202 says so), that one is
 * printed, tracked and followed instead, with exit 0.
 */
export async function runStart(context: CommandContext, positionals: string[]): Promise<number> {
	if (positionals.length === 0) {
		throw new UsageError('start needs a source: its name or id, e.g. aggwatch start Workday', 'start');
	}

	if (positionals.length > 1) {
		throw new UsageError(`start takes one source; quote a name with spaces: aggwatch start "${positionals.join(' ')}"`, 'start');
	}

	const text = positionals[0]!.trim();
	if (text === '') {
		throw new UsageError('start needs a source name or id, not an empty one', 'start');
	}

	const disableOptimization = booleanFlag(context.values, 'disable-optimization');
	const wait = booleanFlag(context.values, 'wait');
	const json = context.values.json === true;
	// Built before anything is sent, so a bad AGGWATCH_ALERTS is reported before an aggregation starts.
	const labels = new Map<string, string>();
	const hooks = wait ? createWaitHooks(context, {labels, alerts: resolveAlertPrefs(context.values, context.env)}) : undefined;

	// The store is opened first: if it cannot be used (a StoreError: one line and exit 1 from the CLI entry),
	// nothing is started that could not be tracked.
	const store: TrackedStore = openCommandStore(context);

	try {
		const {client, connection} = await context.connect();
		let source: IscSource;
		try {
			source = await resolveSource(client, text);
		} catch (error) {
			if (error instanceof SourceChoiceError) {
				context.error(error.message);
				return error.kind === 'not-found' ? ExitCode.notFound : ExitCode.usage;
			}

			if (error instanceof IscError) {
				context.error(formatErrorLine(undefined, error));
				return exitCodeForError(error);
			}

			throw error;
		}

		if (isDelimitedFileSource(source)) {
			context.error(
				`"${source.name}" is a delimited-file source: its aggregation needs the CSV file uploaded with the request, which aggwatch does not do. ` +
					'Start it in ISC (Sources > Import Data > Account Aggregation, or POST /v2025/sources/{id}/load-accounts with a "file" part), ' +
					`then follow it with aggwatch discover --track${demoSuffix(context)}. Nothing was sent.`,
			);
			return ExitCode.usage;
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
				return ExitCode.requestFailed;
			}

			context.error(
				`could not start an account aggregation of "${source.name}": ${formatErrorLine(undefined, error)}. No aggregation was started.`,
			);
			return exitCodeForError(error);
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
		const next = wait ? '' : `; ${follow}`;
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
					}),
				);
			} else {
				context.out(id);
				const when =
					since === undefined ? '' : ` since ${utcTime(Date.parse(since))} (${formatDuration(Math.max(0, now - Date.parse(since)))} ago)`;
				const how = attempt.sent ? 'ISC started no other: ' : 'nothing was sent: ';
				context.error(`an account aggregation of "${source.name}" is already running${when}; ${how}tracking it: ${id}${next}`);
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
				}),
			);
		} else {
			context.out(id);
			const how = disableOptimization ? ' with optimization disabled' : '';
			context.error(`started an account aggregation of "${source.name}"${how}: ${id}${next}`);
		}

		if (hooks === undefined) {
			return ExitCode.ok;
		}

		labels.set(id, source.name);
		return await runWait(context, [id], hooks);
	} finally {
		store.close();
	}
}
