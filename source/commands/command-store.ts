import {openStore, type TrackedStore} from '../store/config.js';
import type {CommandContext} from './context.js';

/**
 * The store, as a command opens it: the demo store with --demo, the folder from the context's environment
 * (AGGWATCH_CONFIG_DIR) otherwise. Warnings (a file set aside) are printed. Throws StoreError.
 */
export function openCommandStore(context: CommandContext): TrackedStore {
	const {store, warnings} = openStore({
		demo: context.values.demo === true,
		env: context.env,
		onWarning: line => {
			context.warn(line);
		},
	});
	for (const warning of warnings) {
		context.warn(warning);
	}

	return store;
}
