import type {RowKey} from '../core/types.js';

/** What the monitor screen asks of the monitor. The driver (use-monitor, or a test) implements it. */
export interface MonitorCommands {
	/** Track these ids (validated by the add prompt) on the current tenant. */
	add(ids: string[]): void;
	remove(keys: RowKey[]): void;
	/** Poll these rows now; every row when keys is absent. */
	pollNow(keys?: RowKey[]): void;
	setPaused(paused: boolean): void;
	/** Stop tracking every finished row (ended, not found, expired). */
	clearFinished(): void;
}

/** Commands that do nothing: for previews and the render benchmark. */
export const NOOP_COMMANDS: MonitorCommands = {
	add() {},
	remove() {},
	pollNow() {},
	setPaused() {},
	clearFinished() {},
};
