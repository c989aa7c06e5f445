import {constants} from 'node:os';

/** What restoring needs from the terminal's output stream. */
export interface ScreenStream {
	write(chunk: string): unknown;
}

/** What restoring needs from the terminal's input stream. */
export interface RawModeStream {
	readonly isTTY?: boolean;
	readonly isRaw?: boolean;
	setRawMode?(mode: boolean): unknown;
}

/**
 * Alternate screen on, cursor hidden, autowrap off. Autowrap off means a line that is wider than the terminal
 * thinks (a character whose width Ink measured differently) overwrites the last column instead of wrapping onto
 * the next row or scrolling the whole screen.
 */
export const enterSequence = '\u001B[?1049h\u001B[?25l\u001B[?7l';

/**
 * End any synchronized update, reset colours, autowrap on, cursor shown, alternate screen off: the shell gets
 * back the screen and cursor it had before.
 */
export const restoreSequence = '\u001B[?2026l\u001B[m\u001B[?7h\u001B[?25h\u001B[?1049l';

/**
 * Mouse reporting on: button presses (1000, which includes the wheel as buttons 64 and 65) in SGR encoding (1006:
 * `ESC [ < b ; x ; y M`, plain ASCII at any column). No motion reports. The terminal's own text selection then needs
 * Shift (most terminals) or Option (macOS Terminal, iTerm2).
 */
export const mouseOnSequence = '\u001B[?1000h\u001B[?1006h';

/** Mouse reporting off again, in the reverse order; written after the restore, so it is the last thing the shell gets. */
export const mouseOffSequence = '\u001B[?1006l\u001B[?1000l';

interface ActiveScreen {
	stdout: ScreenStream;
	stdin: RawModeStream | undefined;
	beforeRestore: (() => void) | undefined;
	/** Mouse reporting was switched on with the screen (and goes off with it). */
	mouse: boolean;
}

function enterBytes(screen: ActiveScreen): string {
	return screen.mouse ? enterSequence + mouseOnSequence : enterSequence;
}

function restoreBytes(screen: ActiveScreen): string {
	return screen.mouse ? restoreSequence + mouseOffSequence : restoreSequence;
}

let active: ActiveScreen | undefined;

export interface EnterAlternateScreenOptions {
	/** Its raw mode is switched off on restore. */
	stdin?: RawModeStream;
	/** Runs first on restore, e.g. to stop an output layer so no frame lands on the restored screen. */
	beforeRestore?: () => void;
	/** Switch mouse reporting on too (see mouseOnSequence); every restore and suspend switches it off. */
	mouse?: boolean;
}

/** Switch `stdout` to the alternate screen and hide the cursor. Restore with restoreScreen(). */
export function enterAlternateScreen(stdout: ScreenStream, options: EnterAlternateScreenOptions = {}): void {
	if (active !== undefined) {
		restoreScreen();
	}

	active = {stdout, stdin: options.stdin, beforeRestore: options.beforeRestore, mouse: options.mouse === true};
	stdout.write(enterBytes(active));
}

export function isAlternateScreenActive(): boolean {
	return active !== undefined;
}

/**
 * Leave the alternate screen, show the cursor and turn raw mode off. Synchronous, never throws (the terminal may
 * already be gone, e.g. after SIGHUP), and harmless to call again: returns false when there was nothing to restore.
 */
export function restoreScreen(): boolean {
	const screen = active;
	if (screen === undefined) {
		return false;
	}

	active = undefined;
	suspended = undefined;
	try {
		screen.beforeRestore?.();
	} catch {
		// Restoring the terminal matters more than whatever the hook wanted to do.
	}

	try {
		screen.stdout.write(restoreBytes(screen));
	} catch {
		// The terminal is gone: nothing left to restore.
	}

	disableRawMode(screen.stdin);
	return true;
}

/** The screen as it was when the process was suspended (Ctrl-Z), to switch back to on resume. */
let suspended: ActiveScreen | undefined;

/**
 * Before the process stops (SIGTSTP, Ctrl-Z): leave the alternate screen, show the cursor and turn raw mode off, so
 * the shell gets a working terminal, as htop and vim leave it. Returns false when no screen was active.
 */
export function suspendScreen(): boolean {
	const screen = active;
	if (screen === undefined) {
		return false;
	}

	try {
		screen.stdout.write(restoreBytes(screen));
	} catch {
		// The terminal is gone: nothing left to restore.
	}

	disableRawMode(screen.stdin);
	suspended = screen;
	return true;
}

/** After the process continues (SIGCONT): alternate screen, hidden cursor and raw mode again. False when none was suspended. */
export function resumeScreen(): boolean {
	const screen = suspended;
	suspended = undefined;
	if (screen === undefined || active !== screen) {
		return false;
	}

	try {
		screen.stdout.write(enterBytes(screen));
		if (screen.stdin?.isTTY === true) {
			screen.stdin.setRawMode?.(true);
		}
	} catch {
		// The terminal is gone.
	}

	return true;
}

function disableRawMode(stdin: RawModeStream | undefined): void {
	try {
		if (stdin?.isTTY === true && stdin.isRaw === true) {
			stdin.setRawMode?.(false);
		}
	} catch {
		// Same as above.
	}
}

export type ExitReason =
	| {readonly kind: 'signal'; readonly signal: NodeJS.Signals; readonly code: number}
	| {readonly kind: 'crash'; readonly error: unknown; readonly code: 1};

export interface ExitGuardOptions {
	/**
	 * Its raw mode is switched off on the way out. (There is no stdout option: the screen that is restored is the
	 * one enterAlternateScreen() switched, and restoring a screen that was never switched would move the cursor.)
	 */
	stdin?: RawModeStream;
	/** Where a crash is reported, after the screen is restored. Default process.stderr. */
	stderr?: ScreenStream;
	/** Runs after the screen is restored and before the process exits (e.g. save state). Must be synchronous. */
	onExit?: (reason: ExitReason) => void;
	/** Default process.exit. */
	exit?: (code: number) => void;
	/** Default SIGTERM, SIGHUP, SIGINT and SIGQUIT. */
	signals?: readonly NodeJS.Signals[];
}

const defaultSignals: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGHUP', 'SIGINT', 'SIGQUIT'];

/**
 * Make every way out of the process restore the terminal first:
 * - a signal (SIGTERM, SIGHUP, SIGINT, SIGQUIT): restore, then exit with 128 + the signal's number;
 * - an uncaught exception or unhandled rejection: restore, print the error to stderr, exit 1;
 * - any other exit (process.exit, the event loop draining): restore on 'exit'.
 *
 * Returns a function that removes the handlers again (it does not restore the screen).
 */
export function installExitGuards(options: ExitGuardOptions = {}): () => void {
	const exit = options.exit ?? ((code: number) => process.exit(code));
	const stderr = options.stderr ?? process.stderr;
	let exiting = false;

	const restoreAll = (): void => {
		restoreScreen();
		disableRawMode(options.stdin);
	};

	const leave = (reason: ExitReason): void => {
		if (exiting) {
			return;
		}

		exiting = true;
		restoreAll();
		if (reason.kind === 'crash') {
			try {
				stderr.write(`${formatError(reason.error)}\n`);
			} catch {
				// Nowhere left to report it.
			}
		}

		try {
			options.onExit?.(reason);
		} catch {
			// Exit anyway.
		}

		exit(reason.code);
	};

	const signalHandlers = (options.signals ?? defaultSignals).map(signal => {
		const handler = (): void => {
			leave({kind: 'signal', signal, code: 128 + (constants.signals[signal] ?? 0)});
		};

		process.on(signal, handler);
		return {signal, handler};
	});
	const onUncaughtException = (error: unknown): void => {
		leave({kind: 'crash', error, code: 1});
	};

	const onUnhandledRejection = (reason: unknown): void => {
		leave({kind: 'crash', error: reason, code: 1});
	};

	const onExit = (): void => {
		restoreAll();
	};

	process.on('uncaughtException', onUncaughtException);
	process.on('unhandledRejection', onUnhandledRejection);
	process.on('exit', onExit);

	let disposed = false;
	return () => {
		if (disposed) {
			return;
		}

		disposed = true;
		for (const {signal, handler} of signalHandlers) {
			process.off(signal, handler);
		}

		process.off('uncaughtException', onUncaughtException);
		process.off('unhandledRejection', onUnhandledRejection);
		process.off('exit', onExit);
	};
}

/** The error's stack (which includes its message), or a plain description for a non-Error rejection. */
export function formatError(error: unknown): string {
	if (error instanceof Error) {
		return error.stack ?? `${error.name}: ${error.message}`;
	}

	return `Unhandled rejection: ${typeof error === 'string' ? error : (JSON.stringify(error) ?? String(error))}`;
}
