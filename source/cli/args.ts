import {parseArgs} from 'node:util';
import {UsageError} from '../domain/usage-error.js';
import {COMMAND_OPTIONS, COMMANDS, OPTIONS, type CommandName, type OptionName, type ParsedCommandLine} from '../commands/options.js';
import {didYouMean} from './suggest.js';

function isCommand(word: string | undefined): word is CommandName {
	return word !== undefined && (COMMANDS as readonly string[]).includes(word);
}

/**
 * Parses argv (without node and the script). The first word picks the command when it names one;
 * otherwise the words are ids for the monitor (`aggwatch <id...>`).
 */
export function parseCommandLine(argv: string[]): ParsedCommandLine {
	const firstIndex = firstWordIndex(argv);
	const first = firstIndex === undefined ? undefined : argv[firstIndex];
	const command: CommandName = isCommand(first) ? first : 'monitor';
	const rest = isCommand(first) ? argv.filter((_, index) => index !== firstIndex) : argv;

	const allowed = new Set<OptionName>([...COMMAND_OPTIONS[command], 'help', 'version']);
	let parsed;
	try {
		parsed = parseArgs({args: rest, options: OPTIONS, allowPositionals: true, strict: true});
	} catch (error) {
		throw new UsageError(describeParseError(error, [...allowed]), command);
	}

	for (const name of Object.keys(parsed.values) as OptionName[]) {
		if (!allowed.has(name)) {
			throw new UsageError(`--${name} does not apply to ${commandLabel(command)}`, command);
		}
	}

	if (command === 'monitor' && parsed.positionals.length > 0 && !looksLikeId(parsed.positionals[0]!)) {
		throw new UsageError(unknownCommand(parsed.positionals[0]!));
	}

	return {
		command,
		values: parsed.values as ParsedCommandLine['values'],
		positionals: parsed.positionals,
		help: parsed.values.help === true,
		version: parsed.values.version === true,
	};
}

/** The index of the first word that is neither a flag nor a string flag's value (`--tenant acme status` → status). */
function firstWordIndex(argv: string[]): number | undefined {
	for (let index = 0; index < argv.length; index++) {
		const word = argv[index]!;
		if (word === '--') {
			return index + 1 < argv.length ? index + 1 : undefined;
		}

		if (!word.startsWith('-') || word === '-') {
			return index;
		}

		const name = word.startsWith('--') ? word.slice(2) : undefined;
		if (name !== undefined && !name.includes('=') && Object.hasOwn(OPTIONS, name) && OPTIONS[name as OptionName].type === 'string') {
			index++;
		}
	}

	return undefined;
}

/** Ids are tokens of letters, digits, dashes and underscores; anything else on the monitor's command line is a typo'd command. */
function looksLikeId(word: string): boolean {
	return /^[\w-]+$/.test(word) && /\d/.test(word);
}

function commandLabel(command: CommandName): string {
	return command === 'monitor' ? 'the monitor' : `"aggwatch ${command}"`;
}

/** The commands a user types (the monitor is `aggwatch` alone). */
export const TYPED_COMMANDS = COMMANDS.filter(name => name !== 'monitor');

/** "unknown command "statsu"; did you mean "status"?" (or the list of commands when none is close). */
export function unknownCommand(word: string): string {
	const suggestion = didYouMean(word, TYPED_COMMANDS);
	return suggestion === undefined
		? `unknown command "${word}"; commands are ${TYPED_COMMANDS.join(', ')}`
		: `unknown command "${word}"; did you mean "${suggestion}"?`;
}

function describeParseError(error: unknown, allowed: OptionName[]): string {
	const code = (error as {code?: string}).code;
	const message = error instanceof Error ? error.message : String(error);
	const option = /'(-{1,2}[^']+)'/.exec(message)?.[1];
	switch (code) {
		case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
			const suggestion = option?.startsWith('--') ? didYouMean(option.slice(2).split('=')[0]!, allowed) : undefined;
			return `unknown option ${option ?? message}${suggestion === undefined ? '' : `; did you mean --${suggestion}?`}`;
		}

		case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
			return option ? `option ${option.split(' ')[0]} needs a value` : message;
		}

		default: {
			return message;
		}
	}
}
