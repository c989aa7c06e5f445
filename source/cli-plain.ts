// The entry of the CommonJS bundles that the dist/cli.js launcher runs when the first argument names a plain command
// (status, wait, start, …), none holding anything of the monitor, because Node 20 loads one CommonJS file much faster
// than an ES module graph of many small chunks. dist/plain.cjs holds every plain command; dist/status.cjs and
// dist/wait.cjs, the commands scripts run in loops, hold one each (AGGWATCH_COMMAND, set by scripts/bundle.mjs,
// names it; esbuild leaves the other branches, and the code only they import, out): less code to compile.
import process from 'node:process';
import {main} from './cli/main.js';

declare const AGGWATCH_COMMAND: string;

const loadRunner =
	AGGWATCH_COMMAND === 'status'
		? async () => (await import('./cli/run-status-command.js')).runStatusCommand
		: AGGWATCH_COMMAND === 'wait'
			? async () => (await import('./cli/run-wait-command.js')).runWaitCommand
			: async () => (await import('./cli/run-plain-command.js')).runPlainCommand;

void main(process.argv.slice(2), loadRunner).then(code => {
	process.exitCode = code;
});
