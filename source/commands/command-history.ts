import {historyBoundsFromEnv} from '../history/bounds.js';
import {openHistory, type HistoryFile} from '../store/history-file.js';
import type {CommandContext} from './context.js';

/**
 * The history as commands open it: next to the store the command uses (the demo one with --demo), bounds from
 * AGGWATCH_HISTORY_MAX_ENTRIES / AGGWATCH_HISTORY_MAX_AGE. Throws a ConfigError for bad bounds.
 */
export function openCommandHistory(context: CommandContext): HistoryFile {
	return openHistory({
		demo: context.values.demo === true,
		env: context.env,
		bounds: historyBoundsFromEnv(context.env),
		now: context.now,
		onWarning: line => {
			context.warn(line);
		},
	});
}
