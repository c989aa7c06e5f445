#!/usr/bin/env node
// The entry of the ES module bundle (dist/main.mjs), which the dist/cli.js launcher runs for the monitor and for any
// command line that does not start with a plain command's name (those run dist/plain.cjs: source/cli-plain.ts).
import process from 'node:process';
import {main} from './cli/main.js';

process.exitCode = await main(process.argv.slice(2), async () => (await import('./cli/run-command.js')).runCommand);
