#!/usr/bin/env node
// The entry of the ES module bundle (dist/main.mjs), which the dist/cli.js launcher runs for the monitor and for any
// command line that does not start with a plain command's name (those run dist/plain.cjs: source/cli-plain.ts).
import module from 'node:module';
import process from 'node:process';
import {main} from './cli/main.js';

// Node 22.1+ keeps compiled code on disk between runs (in the OS temp folder); absent on Node 20, nothing happens.
(module as {enableCompileCache?: () => unknown}).enableCompileCache?.();

process.exitCode = await main(process.argv.slice(2), async () => (await import('./cli/run-command.js')).runCommand);
