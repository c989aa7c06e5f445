import React, {type ReactElement} from 'react';
import {render} from 'ink';
import {enterAlternateScreen, installExitGuards, restoreScreen, type ExitReason} from './alternate-screen.js';
import {installJobControl} from './job-control.js';
import {LineDiffOutput} from './line-diff-output.js';
import {TerminalSizeProvider, useTerminalSize, type TerminalSize} from './terminal-size.js';

/** The tree to show, or a function of the terminal's size that returns it (called again on every resize). */
export type FullscreenElement = ReactElement | ((size: TerminalSize) => ReactElement);

export interface RunFullscreenOptions {
	/** Default process.stdout. Must be a TTY. */
	stdout?: NodeJS.WriteStream;
	/** Default process.stdin. */
	stdin?: NodeJS.ReadStream;
	/** Default process.stderr. */
	stderr?: NodeJS.WriteStream;
	/**
	 * Let Ink end the app on Ctrl-C (raw mode delivers it as a key, not as SIGINT). Default true. Pass false to
	 * handle Ctrl-C in the app (useInput, `key.ctrl && input === 'c'`), which must then call useApp().exit().
	 */
	exitOnCtrlC?: boolean;
	/** At most one terminal write per this many ms (see LineDiffOutput). Default 20. */
	minFrameIntervalMs?: number;
	/** Runs (synchronously) when a signal or a crash ends the process, after the screen is restored. */
	onExit?: (reason: ExitReason) => void;
	/**
	 * React concurrent rendering (Ink's `concurrent`): state updates made outside React event handlers (timers,
	 * promise callbacks) are batched into one commit, hence one frame. Default false (Ink's legacy mode: one
	 * commit per update).
	 */
	concurrent?: boolean;
	/** Receives the output layer once it exists, e.g. to read its byte counter. */
	onOutput?: (output: LineDiffOutput) => void;
	/**
	 * Switch the terminal's mouse reporting on while the screen is up (off on every way out, and while suspended), so
	 * the wheel reaches the app as input (see keys/mouse.ts). Default false.
	 */
	mouse?: boolean;
}

export class NotATerminalError extends Error {
	constructor() {
		super('The monitor needs an interactive terminal: stdout is not a TTY.');
		this.name = 'NotATerminalError';
	}
}

function SizedRoot({render: renderTree}: {render: (size: TerminalSize) => ReactElement}) {
	return renderTree(useTerminalSize());
}

/**
 * Show `element` full screen until the app exits: alternate screen, hidden cursor, Ink rendering through the
 * changed-cells output layer, terminal size from a TerminalSizeProvider.
 *
 * Resolves when the app exits (useApp().exit(), Ctrl-C) and rejects with the error when a component throws
 * (Ink's error boundary) or the app calls useApp().exit(error); in both cases the terminal is already restored,
 * so the caller prints the error. While it runs, a signal (SIGTERM, SIGHUP, SIGINT, SIGQUIT), an uncaught
 * exception or an unhandled rejection restores the terminal and ends the process (128 + signal, or 1 with the
 * error printed after the restore), and any other process exit restores the terminal too.
 *
 * Raw mode is on from the start, so Ctrl-C and every other key reach the app as input (Ink's useInput); an app
 * must offer a way out through its keys. Components must not write to stdout or stderr (console.*,
 * useStdout().write) or use <Static> while it runs.
 */
export async function runFullscreen(element: FullscreenElement, options: RunFullscreenOptions = {}): Promise<void> {
	const stdout = options.stdout ?? process.stdout;
	const stdin = options.stdin ?? process.stdin;
	const stderr = options.stderr ?? process.stderr;
	if (!stdout.isTTY) {
		throw new NotATerminalError();
	}

	const output = new LineDiffOutput({stdout, minIntervalMs: options.minFrameIntervalMs});
	options.onOutput?.(output);
	const disposeGuards = installExitGuards({stdin, stderr, onExit: options.onExit});
	enterAlternateScreen(stdout, {stdin, beforeRestore: () => output.close(), mouse: options.mouse === true});
	// Ctrl-Z and SIGTSTP give the shell a working terminal before the process stops; SIGCONT takes it back and redraws.
	const disposeJobControl = installJobControl({stdin, output});
	try {
		// Raw mode from the first moment, not from when Ink's useInput effect runs after the first frame: until then
		// the terminal would echo typed keys onto the drawn screen, and turn Ctrl-C into SIGINT.
		if (stdin.isTTY) {
			stdin.setRawMode(true);
		}

		const tree = typeof element === 'function' ? <SizedRoot render={element} /> : element;
		const instance = render(<TerminalSizeProvider source={output}>{tree}</TerminalSizeProvider>, {
			// Ink's TypeScript type wants a tty.WriteStream; it uses only what LineDiffOutput provides.
			stdout: output as unknown as NodeJS.WriteStream,
			stdin,
			stderr,
			// Debug mode: Ink writes each frame whole, unthrottled, with no erase sequences and no console patching;
			// LineDiffOutput coalesces the frames and writes only what changed.
			debug: true,
			patchConsole: false,
			exitOnCtrlC: options.exitOnCtrlC ?? true,
			isScreenReaderEnabled: false,
			concurrent: options.concurrent ?? false,
		});
		await instance.waitUntilExit();
	} finally {
		disposeJobControl();
		restoreScreen();
		disposeGuards();
	}
}
