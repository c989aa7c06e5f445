import {spawn} from 'node:child_process';
import process from 'node:process';
import {formatDuration} from '../core/durations.js';
import type {RunEvent} from '../core/run-event.js';

/** --on-end's command is stopped after this long. */
export const ON_END_TIMEOUT_MS = 30_000;

/** The variables --on-end's command gets, besides the event as JSON on its standard input. */
export function onEndEnvironment(event: RunEvent): Record<string, string> {
	return {
		AGGWATCH_EVENT: event.event,
		AGGWATCH_ID: event.id,
		AGGWATCH_TENANT: event.tenant,
		AGGWATCH_SOURCE: event.source ?? '',
		AGGWATCH_STATUS: event.status,
		AGGWATCH_OUTCOME: event.outcome,
		AGGWATCH_WARNINGS: String(event.warnings),
		AGGWATCH_ERRORS: String(event.errors),
		AGGWATCH_DURATION_SECONDS: event.durationSeconds === undefined ? '' : String(event.durationSeconds),
	};
}

export interface OnEndOptions {
	env: NodeJS.ProcessEnv;
	/** Default ON_END_TIMEOUT_MS. */
	timeoutMs?: number;
	/**
	 * Where the command's output goes: `stderr` (aggwatch's standard error, so it never mixes with --json on standard
	 * output) or `ignore` (the monitor, whose screen it would spoil).
	 */
	output: 'stderr' | 'ignore';
	/** Stops the command early (the caller is exiting). */
	signal?: AbortSignal;
}

/** How the command went: undefined when it exited 0, else why not, in a few words. */
export type OnEndResult = string | undefined;

/**
 * Runs COMMAND through the shell with the event in AGGWATCH_* variables and as one line of JSON on its standard
 * input. It gets `timeoutMs`; then it is stopped (its whole process group, on Unix). Never rejects.
 */
export async function runOnEnd(command: string, event: RunEvent, options: OnEndOptions): Promise<OnEndResult> {
	const timeoutMs = options.timeoutMs ?? ON_END_TIMEOUT_MS;
	const group = process.platform !== 'win32';
	return new Promise<OnEndResult>(resolve => {
		let settled = false;
		let stopped: string | undefined;
		const child = spawn(command, {
			shell: true,
			env: {...options.env, ...onEndEnvironment(event)},
			stdio: ['pipe', options.output === 'stderr' ? 2 : 'ignore', options.output === 'stderr' ? 2 : 'ignore'],
			// Its own process group, so that what the shell started is stopped with it.
			detached: group,
			windowsHide: true,
		});
		const stop = (reason: string) => {
			stopped ??= reason;
			try {
				if (group && child.pid !== undefined) {
					process.kill(-child.pid, 'SIGKILL');
				} else {
					child.kill('SIGKILL');
				}
			} catch {
				// It ended meanwhile.
			}
		};

		const timer = setTimeout(() => {
			stop(`did not finish within ${formatDuration(timeoutMs)} and was stopped`);
		}, timeoutMs);
		const onAbort = () => {
			stop('was stopped as aggwatch exited');
		};

		options.signal?.addEventListener('abort', onAbort, {once: true});
		const finish = (result: OnEndResult) => {
			if (settled) {
				return;
			}

			settled = true;
			clearTimeout(timer);
			options.signal?.removeEventListener('abort', onAbort);
			resolve(result);
		};

		child.on('error', error => {
			finish(`could not be run (${error.message.split('\n')[0]})`);
		});
		child.on('close', (code, signal) => {
			if (stopped !== undefined) {
				finish(stopped);
			} else if (code === 0) {
				finish(undefined);
			} else {
				finish(code === null ? `was ended by ${signal ?? 'a signal'}` : `exited with code ${code}`);
			}
		});
		// A command that does not read its input closes the pipe: that is fine.
		child.stdin?.on('error', () => undefined);
		child.stdin?.end(`${JSON.stringify(event)}\n`);
	});
}
