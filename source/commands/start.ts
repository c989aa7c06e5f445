import {ExitCode} from '../domain/exit-codes.js';
import {UsageError} from '../domain/usage-error.js';
import type {IscSource} from '../isc/source.js';
import type {TrackedStore} from '../store/config.js';
import {resolveAlertPrefs} from './alert-options.js';
import {openCommandStore} from './command-store.js';
import type {CommandContext} from './context.js';
import {booleanFlag} from './flag-values.js';
import {resolveSource} from './resolve-source.js';
import {resolveRunActions} from './run-action-options.js';
import {sourceErrorCode, startSource} from './start-source.js';
import {createWaitHooks} from './wait-hooks.js';
import {runWait} from './wait.js';

/**
 * `aggwatch start <source> [--disable-optimization] [--wait] [--json]`: starts an account aggregation of a source
 * (by id or exact name), tracks it, and prints its id (alone on standard output, for `id=$(aggwatch start X)`).
 * The one request aggwatch makes that changes something: it is sent once and never retried, whatever happens.
 * When an aggregation of the source is running already (found before the POST, or ISC's 202 says so), that one is
 * printed, tracked and followed instead, with exit 0.
 */
export async function runStart(context: CommandContext, positionals: string[]): Promise<number> {
	if (booleanFlag(context.values, 'sequence')) {
		const {runSequence} = await import('./start-sequence.js');
		return runSequence(context, positionals);
	}

	if (context.values['continue-on-failure'] === true) {
		throw new UsageError('--continue-on-failure goes with --sequence: aggwatch start A B C --sequence --continue-on-failure', 'start');
	}

	if (positionals.length === 0) {
		throw new UsageError('start needs a source: its name or id, e.g. aggwatch start Workday', 'start');
	}

	if (positionals.length > 1) {
		throw new UsageError(
			`start takes one source; quote a name with spaces: aggwatch start "${positionals.join(' ')}", or start them one after another with --sequence`,
			'start',
		);
	}

	const text = positionals[0]!.trim();
	if (text === '') {
		throw new UsageError('start needs a source name or id, not an empty one', 'start');
	}

	const wait = booleanFlag(context.values, 'wait');
	// Built before anything is sent, so a bad AGGWATCH_ALERTS, --notify or --on-end is reported before an aggregation starts.
	const labels = new Map<string, string>();
	const actions = wait ? resolveRunActions(context, 'start') : undefined;
	if (!wait && (context.values['on-end'] !== undefined || context.values.notify !== undefined)) {
		throw new UsageError('--on-end and --notify need --wait (or --sequence): without it start does not see the run end', 'start');
	}

	const hooks = wait
		? createWaitHooks(context, {labels, alerts: resolveAlertPrefs(context.values, context.env), ...(actions ? {actions} : {})})
		: undefined;

	// The store is opened first: if it cannot be used (a StoreError: one line and exit 1 from the CLI entry),
	// nothing is started that could not be tracked.
	const store: TrackedStore = openCommandStore(context);

	try {
		const {client, connection} = await context.connect();
		let source: IscSource;
		try {
			source = await resolveSource(client, text);
		} catch (error) {
			const code = sourceErrorCode(context, error);
			if (code === undefined) {
				throw error;
			}

			return code;
		}

		const started = await startSource(context, {client, connection, store}, source, {next: wait ? '' : undefined});
		if (started.kind === 'failed') {
			return started.code;
		}

		if (hooks === undefined) {
			return ExitCode.ok;
		}

		labels.set(started.id, source.name);
		const code = await runWait(context, [started.id], hooks);
		await actions?.settle();
		return code;
	} finally {
		store.close();
	}
}
