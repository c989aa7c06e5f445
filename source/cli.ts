#!/usr/bin/env node
// The thin entry (bundled as dist/main.mjs, run by the dist/cli.js launcher, which answers `--version` alone itself):
// it loads nothing of ours until it knows what to run. The arguments are parsed, --version and --help answered, and
// only then the command's code loaded (cli/run-command.ts, itself made of dynamic imports), so scripts start fast.
import module from 'node:module';
import process from 'node:process';
import v8 from 'node:v8';

// Node 22.1+ keeps compiled code on disk between runs (in the OS temp folder); absent on Node 20, nothing happens.
(module as {enableCompileCache?: () => unknown}).enableCompileCache?.();

/** Commands that answer and exit: no polling loop, no screen. */
const ONE_SHOT = new Set(['status', 'discover', 'history', 'list', 'track', 'untrack', 'tenant']);

async function main(argv: string[]): Promise<number> {
	const [{parseCommandLine}, {ExitCode}] = await Promise.all([import('./cli/args.js'), import('./domain/exit-codes.js')]);
	const parsed = parseCommandLine(argv);
	if (parsed.version) {
		const {version} = await import('./version.js');
		process.stdout.write(`${version}\n`);
		return ExitCode.ok;
	}

	if (parsed.help) {
		const {helpText} = await import('./cli/help.js');
		process.stdout.write(`${helpText(parsed.command)}\n`);
		return ExitCode.ok;
	}

	if (ONE_SHOT.has(parsed.command)) {
		// V8's optimising compiler pays off in long runs; a command that is over in a tenth of a second only pays its
		// memory (about 3 MB of peak RSS for the couple of functions it optimises while the modules load).
		v8.setFlagsFromString('--no-opt');
	}

	const {runCommand} = await import('./cli/run-command.js');
	return runCommand(parsed);
}

try {
	process.exitCode = await main(process.argv.slice(2));
} catch (error) {
	const {reportError} = await import('./cli/run-command.js');
	process.exitCode = reportError(error);
}
