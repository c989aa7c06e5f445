/** A terminal stand-in for rendering in-process: a sized stdout that counts what it is given, and an idle stdin. */
import {EventEmitter} from 'node:events';
import type {TerminalWriteStream} from '../source/ui/terminal/index.js';

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

/** Never produces input; accepts every call Ink may make on a TTY stdin. */
export class IdleStdin extends EventEmitter {
	readonly isTTY = true;
	setEncoding(): void {}
	setRawMode(): void {}
	resume(): void {}
	pause(): void {}
	ref(): void {}
	unref(): void {}
	read(): null {
		return null;
	}
}
