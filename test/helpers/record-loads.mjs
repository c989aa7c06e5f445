// For `node --import <this file>`: records the URL of every ES module file the process loads, one per line, in
// the file named by AGGWATCH_TEST_LOADS (appended as they load). CommonJS files are not seen.
import {register} from 'node:module';
import process from 'node:process';

register(new URL('record-loads-hooks.mjs', import.meta.url), {data: {file: process.env['AGGWATCH_TEST_LOADS']}});
