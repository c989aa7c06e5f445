// What both entries do before a command runs (source/cli.ts, the ES module bundle with the monitor; source/cli-plain.ts,
// the CommonJS bundle of the plain commands): the arguments are parsed, --version and --help answered, and only then
// the command's code loaded, so a script's `aggwatch status` starts fast.
import module from 'node:module';
import process from 'node:process';
import type {ParsedCommandLine} from '../commands/options.js';
import {exitQuietlyOnClosedPipe} from './closed-pipe.js';

/** Runs the command line with `loadRunner`'s runner and returns the exit code; errors are reported, never thrown. */
export async function main(argv: string[], loadRunner: () => Promise<(parsed: ParsedCommandLine) => Promise<number>>): Promise<number> {
	// Node 22.1+ keeps compiled code on disk between runs (in the OS temp folder); absent on Node 20, nothing happens.
	(module as {enableCompileCache?: () => unknown}).enableCompileCache?.();
	exitQuietlyOnClosedPipe();
	try {
		if (argv[0] === '__complete') {
			// What the completion scripts ask (commands/completion.ts): candidates for the word at the cursor.
			const {runComplete} = await import('../commands/completion.js');
			return runComplete(argv.slice(1), line => process.stdout.write(`${line}\n`));
		}

		const [{parseCommandLine}, {ExitCode}] = await Promise.all([import('./args.js'), import('../domain/exit-codes.js')]);
		const parsed = parseCommandLine(argv);
		if (parsed.version) {
			const {version} = await import('../version.js');
			process.stdout.write(`${version}\n`);
			return ExitCode.ok;
		}

		if (parsed.help) {
			const {helpText} = await import('./help.js');
			process.stdout.write(`${helpText(parsed.command)}\n`);
			return ExitCode.ok;
		}

		const run = await loadRunner();
		return await run(parsed);
	} catch (error) {
		const {reportError} = await import('./report-error.js');
		return reportError(error);
	}
}
