import {ExitCode} from '../domain/exit-codes.js';
import {UsageError} from '../domain/usage-error.js';
import {parseDuration} from '../core/durations.js';
import {queryHistory} from '../history/history-query.js';
import {StoreError} from '../store/errors.js';
import {openCommandHistory} from './command-history.js';
import type {CommandContext} from './context.js';
import {stringFlag} from './flag-values.js';
import {formatHistoryTable, historyJson} from './history-format.js';

/**
 * `aggwatch history [--source NAME] [--since DURATION] [--tenant NAME] [--json]`: the aggregations aggwatch saw
 * end, newest first, from its own history file. No request is made: ISC itself forgets them after about an hour.
 */
export async function runHistory(context: CommandContext, positionals: string[]): Promise<number> {
	if (positionals.length > 0) {
		throw new UsageError(
			`history takes no arguments, found "${positionals[0]}"; to pick a source use --source "${positionals.join(' ')}"`,
			'history',
		);
	}

	const source = stringFlag(context.values, 'source', 'history');
	const tenant = stringFlag(context.values, 'tenant', 'history');
	const sinceText = stringFlag(context.values, 'since', 'history');
	const sinceMs = sinceText === undefined ? undefined : parseDuration(sinceText);
	const json = context.values.json === true;

	let entries;
	try {
		const history = openCommandHistory(context);
		if (context.values.demo === true && history.list().length === 0) {
			// The demo's history as the demo monitor starts it: a week of earlier runs (the monitor writes them afresh
			// at each start; until one has run, they are written here, so both show the same past).
			const {demoHistory} = await import('./demo-tenant.js');
			history.reset(demoHistory(context.now()));
		}

		entries = queryHistory(history.list(), {
			...(tenant === undefined ? {} : {tenant}),
			...(source === undefined ? {} : {source}),
			...(sinceMs === undefined ? {} : {endedSince: context.now() - sinceMs}),
		});
	} catch (error) {
		if (error instanceof StoreError) {
			context.error(error.message);
			return ExitCode.usage;
		}

		throw error;
	}

	if (json) {
		for (const entry of entries) {
			context.out(JSON.stringify(historyJson(entry)));
		}
	} else if (entries.length === 0) {
		const filtered = source !== undefined || tenant !== undefined || sinceMs !== undefined;
		context.error(
			filtered
				? 'no recorded aggregation matches'
				: 'no aggregations recorded yet: aggwatch records each one it sees end (in the monitor, wait and start --wait)',
		);
	} else {
		for (const line of formatHistoryTable(entries)) {
			context.out(line);
		}
	}

	return ExitCode.ok;
}
