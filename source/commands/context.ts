import type {ParsedCommandLine} from './options.js';
import type {Connection, SavedTenants, TenantChoice} from './connection.js';
import type {Prompter} from './prompter.js';
import type {IscClient} from '../isc/client.js';
import type {TrackedStore} from '../store/config.js';
import type {SecretStore} from '../store/secrets.js';
import type {Prefs} from '../store/config.js';

export interface ClientFactoryOptions {
	/** Print "retrying in …" warnings on standard error. Default true; the full-screen monitor turns them off. */
	retryWarnings?: boolean;
}

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
	/**
	 * Resolves the tenant (--tenant, else SAIL_* / flags / ./config.json, else the default saved tenant; or the
	 * demo tenant with --demo) and builds its client, once.
	 */
	connect(): Promise<{client: IscClient; connection: Connection}>;
	/** Things to close before exiting (the demo server, clients, the store). */
	onCleanup(fn: () => Promise<void> | void): void;
}

/**
 * The whole context the CLI builds (source/cli/create-context.ts): the above plus the store, the secrets, prompts
 * and clients for any tenant. Commands that only need one connection take the smaller CommandContext.
 */
export interface CliContext extends CommandContext {
	/** Questions for the user (on standard error), or lines of standard input when it is not a terminal. */
	prompt: Prompter;
	/** The store (the demo's own with --demo), opened once; problems found on opening are printed as warnings. */
	openStore(): TrackedStore;
	/** The secret store (keychain, else the 0600 file), created once. */
	secrets(): SecretStore;
	/** Saved tenants with their secrets, for connection resolution. None with --demo. */
	savedTenants(): SavedTenants;
	/** Which tenant the command works on (see chooseTenant), without reading a secret. Undefined with none. */
	chooseTenant(): TenantChoice | undefined;
	/** The saved preferences (defaults of --on-end and --notify among them), read without conf; undefined with --demo. */
	savedPrefs(): Prefs | undefined;
	/** The webhook URL saved with `aggwatch config set notify`, from the secrets store; undefined with none (or --demo). */
	savedWebhook(): string | undefined;
	/** Appends one entry to the --debug log, when there is one. Never give it a secret. */
	debug(entry: Record<string, unknown>): void;
	/** A client for any connection, with the command's proxy, --debug log and retry warnings; closed on exit. */
	createClient(connection: Connection, options?: ClientFactoryOptions): Promise<IscClient>;
}
