import {EventEmitter} from 'node:events';

/** A TTY stdin that never produces input and accepts every call Ink may make on one: for rendering in-process. */
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
