#!/usr/bin/env node
// The thin entry: parse arguments, answer --version and --help, and only then load the command's code
// (cli/run-command.ts, itself made of dynamic imports), so `--version` loads almost nothing and scripts start fast.
import module from 'node:module';
import process from 'node:process';
import {parseCommandLine} from './cli/args.js';
import {ExitCode} from './domain/exit-codes.js';
import {version} from './version.js';

// Node 22.1+ keeps compiled code on disk between runs (in the OS temp folder); absent on Node 20, nothing happens.
(module as {enableCompileCache?: () => unknown}).enableCompileCache?.();

async function main(argv: string[]): Promise<number> {
	const parsed = parseCommandLine(argv);
	if (parsed.version) {
		process.stdout.write(`${version}\n`);
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

try {
	process.exitCode = await main(process.argv.slice(2));
} catch (error) {
	const {reportError} = await import('./cli/run-command.js');
	process.exitCode = reportError(error);
}
