#!/usr/bin/env node
// The thin entry: it loads nothing of ours until it knows what to run. `--version` alone is answered first; then the
// arguments are parsed, --version and --help answered, and only then the command's code loaded (cli/run-command.ts,
// itself made of dynamic imports), so `--version` loads almost nothing and scripts start fast.
import module from 'node:module';
import process from 'node:process';

// Node 22.1+ keeps compiled code on disk between runs (in the OS temp folder); absent on Node 20, nothing happens.
(module as {enableCompileCache?: () => unknown}).enableCompileCache?.();

declare const AGGWATCH_VERSION: string | undefined;

/** version.ts's value, read here rather than imported: the bundle shares that module in a chunk of its own. */
function printVersion(): void {
	process.stdout.write(`${typeof AGGWATCH_VERSION === 'string' ? AGGWATCH_VERSION : '0.0.0-dev'}\n`);
}

async function main(argv: string[]): Promise<number> {
	const [{parseCommandLine}, {ExitCode}] = await Promise.all([import('./cli/args.js'), import('./domain/exit-codes.js')]);
	const parsed = parseCommandLine(argv);
	if (parsed.version) {
		printVersion();
		return ExitCode.ok;
	}

	if (parsed.help) {
		const {helpText} = await import('./cli/help.js');
		process.stdout.write(`${helpText(parsed.command)}\n`);
		return ExitCode.ok;
	}

	const {runCommand} = await import('./cli/run-command.js');
	return runCommand(parsed);
}

const argv = process.argv.slice(2);
try {
	if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
		// What main() answers too, without loading the parser.
		printVersion();
	} else {
		process.exitCode = await main(argv);
	}
} catch (error) {
	const {reportError} = await import('./cli/run-command.js');
	process.exitCode = reportError(error);
}
