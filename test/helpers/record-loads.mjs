// For `node --import <this file>`: records the URL of every file of ours the process loads, one per line, in the file
// named by AGGWATCH_TEST_LOADS: ES modules as they load (a loader hook), CommonJS files (require's cache) at exit.
import {appendFileSync} from 'node:fs';
import {createRequire, register} from 'node:module';
import process from 'node:process';
import {pathToFileURL} from 'node:url';

const file = process.env['AGGWATCH_TEST_LOADS'];
register(new URL('record-loads-hooks.mjs', import.meta.url), {data: {file}});
const {cache} = createRequire(import.meta.url);
process.on('exit', () => {
	if (file) {
		appendFileSync(
			file,
			Object.keys(cache)
				.map(name => `${pathToFileURL(name).href}\n`)
				.join(''),
		);
	}
});
