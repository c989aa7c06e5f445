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
import {mayHaveStarted} from './start-outcome.js';
import {formatErrorLine} from './status-format.js';
import {createWaitHooks} from './wait-hooks.js';
import {resolveAlertPrefs} from './alert-options.js';
import {runWait} from './wait.js';

/**
 * `aggwatch start <source> [--disable-optimization] [--wait] [--json]`: starts an account aggregation of a source
 * (by id or exact name), tracks it, and prints its id (alone on standard output, for `id=$(aggwatch start X)`).
 * The one request aggwatch makes that changes something: it is sent once and never retried, whatever happens.
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
				`"${source.name}" is a delimited-file source: its aggregation needs the CSV file uploaded with the request, which aggwatch does not do. `
				+ 'Start it in ISC (Sources > Import Data > Account Aggregation, or POST /v2025/sources/{id}/load-accounts with a "file" part), '
				+ `then follow it with aggwatch discover --track${demoSuffix(context)}. Nothing was sent.`,
			);
			return ExitCode.usage;
		}

		let id: string;
		let created: string | undefined;
		try {
			const started = await client.importAccounts(source.id, {disableOptimization});
			id = started.task.id;
			created = started.task.created ?? undefined;
		} catch (error) {
			if (!(error instanceof IscError)) {
				throw error;
			}

			if (mayHaveStarted(error)) {
				context.error(
					`the request to start an account aggregation of "${source.name}" failed: ${formatErrorLine(undefined, error)}. `
					+ 'It may or may not have started an aggregation; it was not sent again, so that a lost answer cannot start a second one. '
					+ `Check before starting again: aggwatch discover${demoSuffix(context)} lists the running aggregations with their sources.`,
				);
				return ExitCode.requestFailed;
			}

			context.error(`could not start an account aggregation of "${source.name}": ${formatErrorLine(undefined, error)}. No aggregation was started.`);
			return exitCodeForError(error);
		}

		const now = context.now();
		let tracked = true;
		try {
			store.addTracked([{id, tenant: connection.tenant, addedAt: now, label: source.name}]);
		} catch (error) {
			if (!(error instanceof StoreError)) {
				throw error;
			}

			tracked = false;
			context.warn(`the aggregation started but could not be tracked: ${error.message}`);
		}

		if (json) {
			context.out(
				JSON.stringify({
					event: 'started',
					id,
					tenant: connection.tenant,
					source: {id: source.id, name: source.name},
					disableOptimization,
					created: created ?? null,
					tracked,
				}),
			);
		} else {
			context.out(id);
			const how = disableOptimization ? ' with optimization disabled' : '';
			// The demo tenant lives as long as this process: a later command would not know the id.
			const follow = context.values.demo === true ? 'add --wait to follow a demo aggregation' : `follow it with: aggwatch wait ${id}`;
			const next = wait ? '' : `; ${follow}`;
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
