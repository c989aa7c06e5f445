import {randomBytes} from 'node:crypto';
import {closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync} from 'node:fs';
import process from 'node:process';

/**
 * Replaces `file` with `text` so a reader sees the old or the new contents, never a mix: a new file next to it
 * (created 0600), flushed to disk, then renamed over it.
 */
export function writeFileAtomic(file: string, text: string): void {
	const temporary = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
	const fd = openSync(temporary, 'wx', 0o600);
	try {
		try {
			writeSync(fd, text);
			fsyncSync(fd);
		} finally {
			closeSync(fd);
		}

		renameSync(temporary, file);
	} catch (error) {
		try {
			unlinkSync(temporary);
		} catch {
			// Renamed already, or never written.
		}

		throw error;
	}
}
