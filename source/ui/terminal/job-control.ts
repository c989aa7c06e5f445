import process from 'node:process';
import {resumeScreen, suspendScreen} from './alternate-screen.js';

/** Ctrl-Z as raw mode delivers it: a byte of input, not a signal. */
const CTRL_Z = 0x1a;

export interface JobControlOptions {
	/** Where Ctrl-Z arrives while raw mode is on. */
	stdin: NodeJS.ReadStream;
	/** The drawing layer: held back while stopped, and redrawn whole on resume. */
	output: {suspend(): void; resume(): void};
	/** Stops the process. Default: SIGSTOP to itself (SIGTSTP is caught here, so it would not stop it). */
	stop?: () => void;
}

/**
 * Job control for a full-screen app, as htop and vim do it. On SIGTSTP (or Ctrl-Z typed while raw mode is on):
 * frames are held back, the alternate screen and raw mode are left and the cursor shown, then the process stops. On
 * SIGCONT (`fg`, `bg`, `kill -CONT`): alternate screen, hidden cursor and raw mode again, and the whole screen is
 * redrawn. Returns the function that removes the handlers.
 */
export function installJobControl(options: JobControlOptions): () => void {
	const {stdin, output} = options;
	const stop = options.stop ?? (() => process.kill(process.pid, 'SIGSTOP'));

	const onStop = (): void => {
		output.suspend();
		suspendScreen();
		stop();
	};

	const onContinue = (): void => {
		// After a SIGSTOP sent by someone else the screen was not left: it is redrawn all the same.
		resumeScreen();
		output.resume();
	};

	// A 'data' listener beside Ink's 'readable' one sees the same chunks without taking them from Ink.
	const onData = (chunk: Buffer | string): void => {
		const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
		if (bytes.length === 1 && bytes[0] === CTRL_Z) {
			onStop();
		}
	};

	process.on('SIGTSTP', onStop);
	process.on('SIGCONT', onContinue);
	stdin.on('data', onData);
	return () => {
		process.off('SIGTSTP', onStop);
		process.off('SIGCONT', onContinue);
		stdin.off('data', onData);
	};
}
