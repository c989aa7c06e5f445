// A reader that goes away (`aggwatch wait … | head -1`) is not a failure: like gh, the command ends quietly with exit 0.
// Node reports a closed pipe as an 'error' event on the stream (EPIPE), which, unhandled, crashes with a stack trace.
// Nothing aggwatch holds spans that moment: the store's locks are taken and released within one synchronous call.
import process from 'node:process';

function onStreamError(error: NodeJS.ErrnoException): void {
	if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') {
		process.exit(0);
	}

	throw error;
}

/** From now on, a closed standard output or standard error ends the process with exit 0 and prints nothing. */
export function exitQuietlyOnClosedPipe(): void {
	process.stdout.on('error', onStreamError);
	process.stderr.on('error', onStreamError);
}
