import {chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';

/** A $BROWSER for pty tests: a script that writes the address it is given to a file beside it. */
export interface FakeBrowser {
	/** The script, for BROWSER. */
	browser: string;
	/** The address it was last given, once it was run. */
	opened(): string | undefined;
	remove(): void;
}

export function fakeBrowser(): FakeBrowser {
	const scratch = mkdtempSync(path.join(tmpdir(), 'aggwatch-browser-'));
	const browser = path.join(scratch, 'browser.sh');
	const file = path.join(scratch, 'opened.txt');
	writeFileSync(browser, `#!/bin/sh\nprintf '%s\\n' "$1" > '${file}.part' && mv '${file}.part' '${file}'\n`);
	chmodSync(browser, 0o755);
	return {
		browser,
		opened: () => (existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined),
		remove() {
			rmSync(scratch, {recursive: true, force: true});
		},
	};
}
