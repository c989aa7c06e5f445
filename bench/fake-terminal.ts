/** A terminal stand-in for rendering in-process: a sized stdout that counts what it is given (stdin: test/helpers/idle-stdin). */
import {EventEmitter} from 'node:events';
import type {TerminalWriteStream} from '../source/ui/index.js';

export class FakeStdout extends EventEmitter implements TerminalWriteStream {
	readonly isTTY = true;
	bytes = 0;
	writes = 0;

	constructor(
		readonly columns: number,
		readonly rows: number,
	) {
		super();
	}

	write(chunk: string): boolean {
		this.bytes += Buffer.byteLength(chunk, 'utf8');
		this.writes++;
		return true;
	}
}
