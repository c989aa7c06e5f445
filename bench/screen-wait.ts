/**
 * Waiting on a pty's screen with a finer grain than PtySession.waitFor (15 ms), for timings: checks again
 * whenever output has arrived, every few ms, and returns when the condition first held.
 */
import type {PtySession} from '../test/helpers/pty.js';

const pollMs = 4;

/** Resolves with performance.now() at the first check where `predicate` held; rejects after `timeoutMs`. */
export async function timeWhen(session: PtySession, description: string, predicate: () => boolean, timeoutMs: number): Promise<number> {
	const deadline = performance.now() + timeoutMs;
	let seenBytes = -1;
	for (;;) {
		if (session.bytesWritten !== seenBytes) {
			seenBytes = session.bytesWritten;
			await session.settled();
			if (predicate()) {
				return performance.now();
			}
		}

		if (session.exited !== undefined && session.bytesWritten === seenBytes) {
			await session.settled();
			if (predicate()) {
				return performance.now();
			}

			throw new Error(`the program exited (${JSON.stringify(session.exited)}) before ${description}.\nScreen:\n${session.screenText()}`);
		}

		if (performance.now() > deadline) {
			throw new Error(`timed out waiting for ${description}.\nScreen:\n${session.screenText()}`);
		}

		await new Promise(resolve => setTimeout(resolve, pollMs));
	}
}
