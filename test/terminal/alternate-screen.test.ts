import {afterEach, describe, expect, it} from 'vitest';
import {
	enterAlternateScreen,
	enterSequence,
	formatError,
	installExitGuards,
	isAlternateScreenActive,
	mouseOffSequence,
	mouseOnSequence,
	restoreScreen,
	restoreSequence,
	resumeScreen,
	suspendScreen,
	type ExitReason,
} from '../../source/ui/terminal/alternate-screen.js';

class Recorder {
	events: string[] = [];
	write(chunk: string): boolean {
		this.events.push(`write ${JSON.stringify(chunk)}`);
		return true;
	}
}

/** What restoring needs from a tty.ReadStream; a pty is exercised in fullscreen.test.ts. */
class RawStdin {
	readonly isTTY = true;
	isRaw = true;
	constructor(private readonly events: string[]) {}
	setRawMode(mode: boolean): this {
		this.isRaw = mode;
		this.events.push(`raw ${mode}`);
		return this;
	}
}

afterEach(() => {
	restoreScreen();
});

describe('alternate screen', () => {
	it('enters: alternate buffer, hidden cursor, no autowrap', () => {
		const stdout = new Recorder();
		enterAlternateScreen(stdout);
		expect(enterSequence).toBe('\u001B[?1049h\u001B[?25l\u001B[?7l');
		expect(stdout.events).toEqual([`write ${JSON.stringify(enterSequence)}`]);
		expect(isAlternateScreenActive()).toBe(true);
	});

	it('restores once: hook first, then the screen and cursor, then raw mode; again is a no-op', () => {
		const stdout = new Recorder();
		const stdin = new RawStdin(stdout.events);
		enterAlternateScreen(stdout, {stdin, beforeRestore: () => stdout.events.push('hook')});
		stdout.events.splice(0);
		expect(restoreScreen()).toBe(true);
		expect(restoreSequence).toContain('\u001B[?25h\u001B[?1049l');
		expect(stdout.events).toEqual(['hook', `write ${JSON.stringify(restoreSequence)}`, 'raw false']);
		expect(restoreScreen()).toBe(false);
		expect(stdout.events).toHaveLength(3);
		expect(isAlternateScreenActive()).toBe(false);
	});

	it('with the mouse: reporting on after entering, off after every restore and suspend, on again on resume', () => {
		const stdout = new Recorder();
		enterAlternateScreen(stdout, {mouse: true});
		expect(stdout.events).toEqual([`write ${JSON.stringify(enterSequence + mouseOnSequence)}`]);
		expect(mouseOnSequence).toBe('\u001B[?1000h\u001B[?1006h');
		stdout.events.splice(0);
		expect(suspendScreen()).toBe(true);
		expect(resumeScreen()).toBe(true);
		expect(restoreScreen()).toBe(true);
		expect(stdout.events).toEqual([
			`write ${JSON.stringify(restoreSequence + mouseOffSequence)}`,
			`write ${JSON.stringify(enterSequence + mouseOnSequence)}`,
			`write ${JSON.stringify(restoreSequence + mouseOffSequence)}`,
		]);
		// The last thing the shell gets turns button reporting off.
		expect(mouseOffSequence.endsWith('\u001B[?1000l')).toBe(true);
	});

	it('restores even when the hook throws or the terminal is gone', () => {
		let gone = false;
		const stdout = {
			write(): boolean {
				if (gone) {
					throw new Error('EIO');
				}

				return true;
			},
		};
		const events: string[] = [];
		enterAlternateScreen(stdout, {stdin: new RawStdin(events)});
		gone = true;
		restoreScreen();
		gone = false;
		enterAlternateScreen(stdout, {
			stdin: new RawStdin(events),
			beforeRestore() {
				throw new Error('hook failed');
			},
		});
		gone = true;
		expect(() => restoreScreen()).not.toThrow();
		expect(events).toEqual(['raw false', 'raw false']);
	});
});

describe('exit guards', () => {
	it('on a signal: restores, then onExit, then exits with 128 + its number; dispose removes every handler', () => {
		const before = {
			signal: process.listenerCount('SIGUSR2'),
			exception: process.listenerCount('uncaughtException'),
			rejection: process.listenerCount('unhandledRejection'),
			exit: process.listenerCount('exit'),
		};
		const stdout = new Recorder();
		const reasons: ExitReason[] = [];
		const dispose = installExitGuards({
			signals: ['SIGUSR2'],
			onExit: reason => {
				reasons.push(reason);
				stdout.events.push('onExit');
			},
			exit: code => stdout.events.push(`exit ${code}`),
		});
		enterAlternateScreen(stdout);
		stdout.events.splice(0);
		process.emit('SIGUSR2', 'SIGUSR2');
		expect(stdout.events).toEqual([`write ${JSON.stringify(restoreSequence)}`, 'onExit', 'exit 140']);
		expect(reasons).toEqual([{kind: 'signal', signal: 'SIGUSR2', code: 140}]);

		dispose();
		dispose();
		expect({
			signal: process.listenerCount('SIGUSR2'),
			exception: process.listenerCount('uncaughtException'),
			rejection: process.listenerCount('unhandledRejection'),
			exit: process.listenerCount('exit'),
		}).toEqual(before);
	});

	it('handles only the first way out when two arrive at once', () => {
		const codes: number[] = [];
		const dispose = installExitGuards({signals: ['SIGUSR2'], exit: code => codes.push(code)});
		process.emit('SIGUSR2', 'SIGUSR2');
		process.emit('SIGUSR2', 'SIGUSR2');
		dispose();
		expect(codes).toEqual([140]);
	});
});

describe('formatError', () => {
	it('prints the stack of an Error and describes anything else that was thrown', () => {
		const error = new Error('boom');
		expect(formatError(error)).toBe(error.stack);
		expect(formatError('plain')).toBe('Unhandled rejection: plain');
		expect(formatError({code: 7})).toBe('Unhandled rejection: {"code":7}');
		expect(formatError(undefined)).toBe('Unhandled rejection: undefined');
	});
});
