// The entry of the CommonJS bundle (dist/plain.cjs) that the dist/cli.js launcher runs when the first argument names
// a plain command (status, wait, start, …): one file holding every plain command and nothing of the monitor, because
// Node 20 loads one CommonJS file much faster than an ES module graph of many small chunks.
import process from 'node:process';
import {main} from './cli/main.js';

void main(process.argv.slice(2), async () => (await import('./cli/run-plain-command.js')).runPlainCommand).then(code => {
	process.exitCode = code;
});
