import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';

/** Temporary folders for one test file; `cleanup` (afterEach) removes them. Never the real home. */
export function tempDirs(): {make: () => string; cleanup: () => void} {
	const made: string[] = [];
	return {
		make() {
			const dir = mkdtempSync(path.join(tmpdir(), 'aggwatch-store-'));
			made.push(dir);
			return dir;
		},
		cleanup() {
			for (const dir of made.splice(0)) {
				rmSync(dir, {recursive: true, force: true});
			}
		},
	};
}
