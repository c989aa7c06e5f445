/**
 * Entry of the render-time figure's own process (see render-figure.ts): React must load as its production build,
 * as in the bundled CLI, so NODE_ENV=production has to be set before anything imports it. Prints the figure as
 * JSON on stdout; progress goes to stderr.
 */
import process from 'node:process';
import {readConfig} from './config.js';
import {measureRenderTime} from './render-time.js';

if (process.env['NODE_ENV'] !== 'production') {
	throw new Error('run the render worker with NODE_ENV=production (render-figure.ts does)');
}

const figure = await measureRenderTime(readConfig(), (line) => {
	process.stderr.write(`${line}\n`);
});
process.stdout.write(`${JSON.stringify(figure)}\n`);
