// The --debug request log: checked once at start (a file that cannot be written is a usage error, not a failure of
// every request), then appended to one JSON line per request.
import {appendFileSync, closeSync, openSync} from 'node:fs';
import type {RequestLogEntry} from '../isc/client.js';

/** A --debug FILE that cannot be written: one line, exit 1. */
export class DebugFileError extends Error {
	override readonly name = 'ConfigError';
}

const REASONS: Record<string, string> = {
	EISDIR: 'it is a folder',
	EACCES: 'permission denied',
	EPERM: 'permission denied',
	ENOENT: 'its folder does not exist',
	ENOTDIR: 'a part of its path is not a folder',
	EROFS: 'the file system is read-only',
	ENOSPC: 'the disk is full',
};

function reason(error: unknown): string {
	const code = (error as {code?: unknown} | undefined)?.code;
	return typeof code === 'string' ? (REASONS[code] ?? code) : String(error);
}

/** Opens `file` for appending (creating it 0600) and closes it again; throws DebugFileError when that fails. */
export function checkDebugFile(file: string): void {
	try {
		closeSync(openSync(file, 'a', 0o600));
	} catch (error) {
		throw new DebugFileError(`cannot write the --debug log to ${JSON.stringify(file)}: ${reason(error)}; give a file you can write`);
	}
}

/**
 * One line of the --debug log: the client's request entry (method, URL, status, timing, attempt, error kind) with
 * the time and tenant. Entries hold no headers, bodies, tokens or secrets; the file is created 0600. A write that
 * fails later (the disk filled up) is said once through `warn` and the log stops there; the requests go on.
 */
export function debugWriter(file: string, tenant: string, warn: (line: string) => void): (entry: RequestLogEntry) => void {
	let broken = false;
	return entry => {
		if (broken) {
			return;
		}

		try {
			appendFileSync(file, `${JSON.stringify({time: new Date(entry.at).toISOString(), tenant, ...entry})}\n`, {mode: 0o600});
		} catch (error) {
			broken = true;
			warn(`the --debug log stopped: cannot write to ${JSON.stringify(file)}: ${reason(error)}`);
		}
	};
}
