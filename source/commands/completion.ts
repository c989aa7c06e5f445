// `aggwatch completion bash|zsh|fish|powershell`: a script that asks aggwatch itself what to offer. Each shell's
// script runs `aggwatch __complete <words before the cursor…> :<word at the cursor>` and offers the lines it prints
// (the current word comes last, after a colon, so it is never an empty argument, which older PowerShell drops).
// One engine for the four shells: commands, each command's flags, tenant subcommands, and saved tenants' names.
import {UsageError} from '../domain/usage-error.js';
import {readSavedSettings} from '../store/saved-settings.js';
import {COMMAND_OPTIONS, COMMANDS, OPTIONS, type CommandName, type OptionName} from './options.js';
import {TENANT_SUBCOMMANDS} from './tenant.js';

export const SHELLS = ['bash', 'zsh', 'fish', 'powershell'] as const;
type Shell = (typeof SHELLS)[number];

const API_VERSIONS = ['v2025', 'v2024', 'beta', 'v1'];

function isCommand(word: string | undefined): word is CommandName {
	return word !== undefined && word !== 'monitor' && (COMMANDS as readonly string[]).includes(word);
}

function takesValue(word: string): boolean {
	const name = word.startsWith('--') ? word.slice(2) : undefined;
	return name !== undefined && Object.hasOwn(OPTIONS, name) && OPTIONS[name as OptionName].type === 'string';
}

/** Saved tenants' names, read without conf (nothing is written); none when the settings cannot be read. */
function savedTenantNames(): string[] {
	const settings = readSavedSettings();
	return settings.usable ? Object.keys(settings.tenants).sort() : [];
}

/**
 * What to offer at the cursor: `before` are the words typed after `aggwatch` (flags and their values included),
 * `current` the word being completed. Only candidates that begin with `current` are returned.
 */
export function completions(before: readonly string[], current: string, tenantNames: () => string[] = savedTenantNames): string[] {
	const previous = before.at(-1);
	let candidates: string[];
	if (previous === '--tenant') {
		candidates = tenantNames();
	} else if (previous === '--api-version') {
		candidates = API_VERSIONS;
	} else if (previous !== undefined && takesValue(previous)) {
		candidates = [];
	} else {
		// The command is the first word that is neither a flag nor a flag's value.
		const words: string[] = [];
		for (let index = 0; index < before.length; index++) {
			const word = before[index]!;
			if (word.startsWith('-')) {
				if (takesValue(word)) {
					index++;
				}
			} else {
				words.push(word);
			}
		}

		const command = isCommand(words[0]) ? words[0] : undefined;
		if (current.startsWith('-')) {
			candidates = [...(command === undefined ? COMMAND_OPTIONS.monitor : COMMAND_OPTIONS[command]), 'help'].map(name => `--${name}`);
		} else if (command === undefined) {
			candidates = words.length === 0 ? COMMANDS.filter(name => name !== 'monitor') : [];
		} else if (command === 'help') {
			candidates = words.length === 1 ? COMMANDS.filter(name => name !== 'monitor' && name !== 'help') : [];
		} else if (command === 'completion') {
			candidates = words.length === 1 ? [...SHELLS] : [];
		} else if (command === 'tenant') {
			candidates =
				words.length === 1 ? [...TENANT_SUBCOMMANDS] : ['use', 'remove'].includes(words[1]!) && words.length === 2 ? tenantNames() : [];
		} else {
			candidates = [];
		}
	}

	return candidates.filter(candidate => candidate.startsWith(current));
}

/** `aggwatch __complete <words…> :<current>` (what the scripts call): one candidate per line. */
export function runComplete(args: readonly string[], out: (line: string) => void): number {
	const last = args.at(-1);
	const [before, current] = last?.startsWith(':') ? [args.slice(0, -1), last.slice(1)] : [args, ''];
	for (const candidate of completions(before, current)) {
		out(candidate);
	}

	return 0;
}

const BASH = `# bash completion for aggwatch. Load it with:  source <(aggwatch completion bash)
# or save it:  aggwatch completion bash > ~/.local/share/bash-completion/completions/aggwatch
_aggwatch() {
	local current=\${COMP_WORDS[COMP_CWORD]}
	local -a before=("\${COMP_WORDS[@]:1:COMP_CWORD-1}")
	local IFS=$'\\n'
	COMPREPLY=($(aggwatch __complete "\${before[@]}" ":\${current}" 2>/dev/null))
}
complete -o default -F _aggwatch aggwatch
`;

const ZSH = `#compdef aggwatch
# zsh completion for aggwatch. Load it with:  source <(aggwatch completion zsh)   (after compinit)
# or save it as _aggwatch in a folder of your $fpath.
_aggwatch() {
	local -a candidates
	candidates=("\${(@f)$(aggwatch __complete "\${(@)words[2,CURRENT-1]}" ":\${words[CURRENT]}" 2>/dev/null)}")
	candidates=(\${candidates:#})
	(( \${#candidates} )) && compadd -Q -- "\${candidates[@]}"
}
if [[ "\${funcstack[1]}" = "_aggwatch" ]]; then
	_aggwatch "$@"
else
	compdef _aggwatch aggwatch
fi
`;

const FISH = `# fish completion for aggwatch. Load it with:  aggwatch completion fish | source
# or save it:  aggwatch completion fish > ~/.config/fish/completions/aggwatch.fish
function __aggwatch_complete
	set -l before (commandline -opc)
	set -e before[1]
	aggwatch __complete $before ":"(commandline -ct) 2>/dev/null
end
complete -c aggwatch -f -a '(__aggwatch_complete)'
`;

const POWERSHELL = `# PowerShell completion for aggwatch. Load it with:
#   aggwatch completion powershell | Out-String | Invoke-Expression
# or add that line to your profile ($PROFILE).
Register-ArgumentCompleter -Native -CommandName aggwatch -ScriptBlock {
	param($wordToComplete, $commandAst, $cursorPosition)
	# The words before the one at the cursor (which ends at the cursor, or is empty after a space).
	$before = @($commandAst.CommandElements |
		Select-Object -Skip 1 |
		Where-Object { $_.Extent.EndOffset -lt $cursorPosition } |
		ForEach-Object { $_.ToString() })
	aggwatch __complete @before ":$wordToComplete" 2>$null | ForEach-Object {
		[System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
	}
}
`;

const SCRIPTS: Record<Shell, string> = {bash: BASH, zsh: ZSH, fish: FISH, powershell: POWERSHELL};

/** `aggwatch completion <shell>`: prints the shell's script. */
export function runCompletion(positionals: readonly string[], out: (text: string) => void): number {
	const [shell, ...rest] = positionals;
	if (shell === undefined || !(SHELLS as readonly string[]).includes(shell) || rest.length > 0) {
		throw new UsageError(
			shell === undefined
				? `completion needs a shell: ${SHELLS.join(', ')}`
				: `completion takes one shell: ${SHELLS.join(', ')} (got "${positionals.join(' ')}")`,
			'completion',
		);
	}

	out(SCRIPTS[shell as Shell].trimEnd());
	return 0;
}
