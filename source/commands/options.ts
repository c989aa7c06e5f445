/** The command line as commands see it: which command, which flags. Parsed by cli/args.ts. */
export const COMMANDS = [
	'monitor',
	'status',
	'wait',
	'track',
	'untrack',
	'list',
	'tenant',
	'discover',
	'start',
	'history',
	'notify',
	'config',
	'sources',
	'help',
	'completion',
] as const;
export type CommandName = (typeof COMMANDS)[number];

type OptionSpec = {type: 'boolean' | 'string'; short?: string; multiple?: boolean};

/** Every flag aggwatch knows. Each command accepts a subset (cli/args.ts). */
export const OPTIONS = {
	help: {type: 'boolean', short: 'h'},
	version: {type: 'boolean', short: 'v'},
	demo: {type: 'boolean'},
	json: {type: 'boolean'},
	tenant: {type: 'string'},
	'base-url': {type: 'string'},
	'client-id': {type: 'string'},
	'client-secret-stdin': {type: 'boolean'},
	'api-version': {type: 'string'},
	debug: {type: 'string'},
	'no-color': {type: 'boolean'},
	ascii: {type: 'boolean'},
	interval: {type: 'string'},
	budget: {type: 'string'},
	timeout: {type: 'string'},
	'stall-after': {type: 'string'},
	'give-up-after': {type: 'string'},
	yes: {type: 'boolean', short: 'y'},
	'drop-rows': {type: 'boolean'},
	'keep-rows': {type: 'boolean'},
	track: {type: 'boolean'},
	'disable-optimization': {type: 'boolean'},
	wait: {type: 'boolean'},
	source: {type: 'string'},
	since: {type: 'string'},
	'no-bell': {type: 'boolean'},
	'no-mouse': {type: 'boolean'},
	'no-notify': {type: 'boolean'},
	discover: {type: 'boolean'},
	'fail-on-warning': {type: 'boolean'},
	ended: {type: 'boolean'},
	failed: {type: 'boolean'},
	sequence: {type: 'boolean'},
	'continue-on-failure': {type: 'boolean'},
	'on-end': {type: 'string'},
	notify: {type: 'string'},
	'notify-format': {type: 'string'},
	attention: {type: 'boolean'},
} as const satisfies Record<string, OptionSpec>;

export type OptionName = keyof typeof OPTIONS;

const CONNECTION: OptionName[] = ['tenant', 'base-url', 'client-id', 'client-secret-stdin', 'api-version', 'debug', 'demo'];

/** The flags each command takes (besides --help and --version): cli/args.ts refuses the others, completion offers these. */
/** What to do when a run ends (stalls, holds deletions back): a command, a webhook. */
const RUN_ACTIONS: OptionName[] = ['on-end', 'notify', 'notify-format'];

export const COMMAND_OPTIONS: Record<CommandName, OptionName[]> = {
	monitor: [
		...CONNECTION,
		'no-color',
		'ascii',
		'no-mouse',
		'interval',
		'budget',
		'no-bell',
		'no-notify',
		'discover',
		'stall-after',
		...RUN_ACTIONS,
	],
	status: [...CONNECTION, 'json'],
	wait: [
		...CONNECTION,
		'json',
		'interval',
		'budget',
		'timeout',
		'no-color',
		'no-bell',
		'no-notify',
		'stall-after',
		'give-up-after',
		'fail-on-warning',
		...RUN_ACTIONS,
	],
	track: ['tenant', 'base-url', 'demo'],
	untrack: ['tenant', 'base-url', 'demo'],
	list: ['json', 'demo', 'tenant'],
	// Each subcommand checks which of these apply to it (commands/tenant.ts).
	tenant: ['base-url', 'client-id', 'client-secret-stdin', 'api-version', 'json', 'drop-rows', 'keep-rows', 'yes', 'debug'],
	discover: [...CONNECTION, 'json', 'track', 'ended', 'since', 'failed', ...RUN_ACTIONS],
	start: [
		...CONNECTION,
		'json',
		'disable-optimization',
		'wait',
		'timeout',
		'interval',
		'budget',
		'no-bell',
		'no-notify',
		'stall-after',
		'give-up-after',
		'fail-on-warning',
		'sequence',
		'continue-on-failure',
		...RUN_ACTIONS,
	],
	history: ['json', 'source', 'since', 'tenant', 'demo'],
	sources: [...CONNECTION, 'json', 'attention', 'budget', 'stall-after', ...RUN_ACTIONS],
	notify: ['notify-format', 'debug'],
	config: [],
	help: [],
	completion: [],
};

export interface ParsedCommandLine {
	command: CommandName;
	/** Flag values by long name. Booleans are true or absent. */
	values: Partial<Record<OptionName, string | boolean>>;
	positionals: string[];
	help: boolean;
	version: boolean;
}

export function stringOption(values: ParsedCommandLine['values'], name: OptionName): string | undefined {
	const value = values[name];
	return typeof value === 'string' ? value : undefined;
}
