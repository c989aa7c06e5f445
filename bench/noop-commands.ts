import type {MonitorCommands} from '../source/ui/index.js';

/** Commands that do nothing: for previews and the render benchmark. */
export const NOOP_COMMANDS: MonitorCommands = {
	add() {},
	remove() {},
	pollNow() {},
	setPaused() {},
	clearFinished() {},
};
