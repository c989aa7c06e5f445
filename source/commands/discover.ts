import {ExitCode} from '../domain/exit-codes.js';
import {UsageError} from '../domain/usage-error.js';
import {IscError} from '../domain/errors.js';
import {SourceNames} from '../isc/source-names.js';
import {StoreError} from '../store/errors.js';
import {openCommandStore} from './command-store.js';
import type {CommandContext} from './context.js';
import {demoSuffix} from './demo-suffix.js';
import {endedJson, formatEndedTable, formatRunningTable, runningJson} from './discover-format.js';
import {describeEnded, endedRunEvent, listEnded, type EndedAggregation} from './ended-aggregations.js';
import {stringOption} from './options.js';
import {formatDuration, parseDuration} from '../core/durations.js';
import {exitCodeForError} from './error-exit-code.js';
import {booleanFlag} from './flag-values.js';
import {describeRunning, listAllRunning, type RunningAggregation} from './running-aggregations.js';
import {formatErrorLine} from './status-format.js';
import {resolveRunActions} from './run-action-options.js';
import type {TrackedStore} from '../store/config.js';
import {plural} from '../domain/text.js';

/**
 * `aggwatch discover [--track] [--json]`: the account aggregations running now on the tenant, newest first, with
 * their source names; --track adds them all to the tracked list (labelled with the source name).
 */
export async function runDiscover(context: CommandContext, positionals: string[]): Promise<number> {
	if (positionals.length > 0) {
		throw new UsageError(`discover takes no arguments, found "${positionals[0]}"`, 'discover');
	}

	const json = context.values.json === true;
	const track = booleanFlag(context.values, 'track');
	if (booleanFlag(context.values, 'ended')) {
		if (track) {
			throw new UsageError('--track takes running aggregations; drop it with --ended', 'discover');
		}

		return runDiscoverEnded(context);
	}

	for (const flag of ['since', 'failed', 'on-end', 'notify', 'notify-format'] as const) {
		if (context.values[flag] !== undefined) {
			throw new UsageError(
				`--${flag} goes with --ended, e.g. aggwatch discover --ended --${flag === 'since' ? 'since 24h' : flag === 'failed' ? 'failed' : `failed --${flag} …`}`,
				'discover',
			);
		}
	}

	// Opened first, so a store that cannot be used is reported (by the CLI entry: one line, exit 1) before any
	// request is made.
	const store: TrackedStore | undefined = track ? openCommandStore(context) : undefined;

	try {
		const {client, connection} = await context.connect();
		let rows: RunningAggregation[];
		try {
			const names = new SourceNames(client, {
				onError(sourceId, error) {
					context.warn(`the name of source ${sourceId} could not be looked up: ${formatErrorLine(undefined, error)}`);
				},
			});
			rows = await describeRunning(await listAllRunning(client), names);
		} catch (error) {
			if (!(error instanceof IscError)) {
				throw error;
			}

			context.error(formatErrorLine(undefined, error));
			return exitCodeForError(error);
		}

		const now = context.now();
		if (json) {
			for (const row of rows) {
				context.out(JSON.stringify(runningJson(row, connection.tenant)));
			}
		} else if (rows.length === 0) {
			context.error(`no account aggregations are running on ${connection.tenant}`);
		} else {
			for (const line of formatRunningTable(rows, now)) {
				context.out(line);
			}
		}

		if (store !== undefined && rows.length > 0) {
			try {
				trackAll(context, store, connection.tenant, rows, now);
			} catch (error) {
				if (error instanceof StoreError) {
					context.error(error.message);
					return ExitCode.usage;
				}

				throw error;
			}
		}

		return ExitCode.ok;
	} finally {
		store?.close();
	}
}

/** `aggwatch discover --ended [--since 24h] [--failed] [--json]`: what ended on the tenant while nobody watched. */
async function runDiscoverEnded(context: CommandContext): Promise<number> {
	const sinceText = stringOption(context.values, 'since') ?? '24h';
	const windowMs = parseDuration(sinceText);

	const json = context.values.json === true;
	const failedOnly = booleanFlag(context.values, 'failed');
	// Only --on-end, --notify or AGGWATCH_NOTIFY_URL: the saved defaults are for runs seen ending, not for a look back.
	const actions = resolveRunActions(context, 'discover', {useSaved: false});
	const {client, connection} = await context.connect();
	const now = context.now();
	let rows: EndedAggregation[];
	try {
		const names = new SourceNames(client, {
			onError(sourceId, error) {
				context.warn(`the name of source ${sourceId} could not be looked up: ${formatErrorLine(undefined, error)}`);
			},
		});
		rows = await describeEnded(await listEnded(client, {since: now - windowMs, failedOnly}), names);
	} catch (error) {
		if (!(error instanceof IscError)) {
			throw error;
		}

		context.error(formatErrorLine(undefined, error));
		return exitCodeForError(error);
	}

	if (json) {
		for (const row of rows) {
			context.out(JSON.stringify(endedJson(row, connection.tenant)));
		}
	} else if (rows.length === 0) {
		context.error(
			`no account aggregation${failedOnly ? ' failed' : ' ended'} on ${connection.tenant} in the last ${formatDuration(windowMs)}`,
		);
	} else {
		for (const line of formatEndedTable(rows)) {
			context.out(line);
		}
	}

	// Oldest first, as they happened.
	for (const row of rows.toReversed()) {
		actions.emit(endedRunEvent(row, connection.tenant, now));
	}

	await actions.settle();
	return ExitCode.ok;
}

function trackAll(context: CommandContext, store: TrackedStore, tenant: string, rows: readonly RunningAggregation[], now: number): void {
	const {added, existing} = store.addTracked(
		rows.map(row => ({id: row.id, tenant, addedAt: now, ...(row.sourceName === undefined ? {} : {label: row.sourceName})})),
	);

	// Rows tracked before their name was known get it now.
	const names = new Map(rows.map(row => [row.id, row.sourceName]));
	const unlabelled = existing.filter(row => row.label === undefined && names.get(row.id) !== undefined);
	if (unlabelled.length > 0) {
		store.saveSnapshots(unlabelled.map(row => ({...row, label: names.get(row.id)!})));
	}

	if (added.length === 0) {
		context.error(existing.length === 1 ? 'it is tracked already' : `all ${existing.length} are tracked already`);
		return;
	}

	const already = existing.length === 0 ? '' : ` (${existing.length} tracked already)`;
	context.error(`tracking ${plural(added.length, 'new aggregation')}${already}; watch them with: aggwatch${demoSuffix(context)}`);
}
