import type {ParsedCommandLine} from '../cli/args.js';
import type {Connection} from '../cli/connection.js';
import type {IscClient} from '../isc/client.js';

/** What a command gets from the CLI entry: parsed flags, output channels, a clock and a lazy connection. */
export interface CommandContext {
	values: ParsedCommandLine['values'];
	env: NodeJS.ProcessEnv;
	cwd: string;
	/** A line to standard output. */
	out(line: string): void;
	/** A line to standard error, prefixed "aggwatch: ". */
	error(line: string): void;
	/** A warning line to standard error. */
	warn(line: string): void;
	now(): number;
	/** Resolves the tenant (or starts the demo tenant with --demo) and builds its client, once. */
	connect(): Promise<{client: IscClient; connection: Connection}>;
	/** Things to close before exiting (the demo server, the debug log). */
	onCleanup(fn: () => Promise<void> | void): void;
}
