/**
 * A second aggwatch process for the history tests. Bundled with esbuild at test time and run with plain node.
 * Prints "ready", waits for a line on stdin, records its rows one call at a time, prints "done".
 *
 *   <dir> <first> <count>    records rows hexId(first) .. hexId(first + count - 1)
 */
import process from 'node:process';
import {once} from 'node:events';
import {openHistory} from '../../source/store/history-file.js';
import {endedRow} from './fixtures.js';

const [dir, first = '0', count = '1'] = process.argv.slice(2);
if (dir === undefined) {
	throw new Error('usage: <dir> <first> <count>');
}

const history = openHistory({cwd: dir});
process.stdout.write('ready\n');
await once(process.stdin, 'data');
const now = Date.now();
for (let n = Number(first); n < Number(first) + Number(count); n++) {
	history.recordEnded([endedRow(n, now - n)]);
}

process.stdout.write('done\n');
process.exit(0);
