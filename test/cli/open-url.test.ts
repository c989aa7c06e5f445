/** How `o` opens an address: $BROWSER first, else the platform's opener; never the terminal, never a crash. */
import {chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {openerFor, openUrl} from '../../source/commands/open-url.js';

const URL = 'https://acme.identitynow.com/ui/a/admin/connections/sources/2c9180835d2e5168015d32f890ca1581';

describe('openerFor', () => {
	it('takes $BROWSER first: its first entry, the address for %s or as the last argument', () => {
		expect(openerFor(URL, {BROWSER: 'firefox'}, 'linux')).toEqual({command: 'firefox', args: [URL]});
		expect(openerFor(URL, {BROWSER: 'w3m-launcher --new-tab:lynx'}, 'linux')).toEqual({command: 'w3m-launcher', args: ['--new-tab', URL]});
		expect(openerFor(URL, {BROWSER: 'open -a Safari %s'}, 'darwin')).toEqual({command: 'open', args: ['-a', 'Safari', URL]});
		expect(openerFor(URL, {BROWSER: ' : '}, 'darwin')).toEqual({command: 'open', args: [URL]});
	});

	it('else the platform opener: open, cmd /c start, xdg-open with a display', () => {
		expect(openerFor(URL, {}, 'darwin')).toEqual({command: 'open', args: [URL]});
		expect(openerFor(URL, {}, 'win32')).toEqual({command: 'cmd', args: ['/d', '/s', '/c', `start "" "${URL}"`], verbatim: true});
		expect(openerFor(URL, {DISPLAY: ':0'}, 'linux')).toEqual({command: 'xdg-open', args: [URL]});
		expect(openerFor(URL, {WAYLAND_DISPLAY: 'wayland-0'}, 'freebsd')).toEqual({command: 'xdg-open', args: [URL]});
	});

	it('over SSH (no display, no $BROWSER) there is nothing to try', () => {
		expect(openerFor(URL, {}, 'linux')).toEqual({why: 'no display to open a browser on, and BROWSER is not set'});
	});
});

describe('openUrl', () => {
	let dir: string | undefined;
	afterEach(() => {
		if (dir !== undefined) {
			rmSync(dir, {recursive: true, force: true});
			dir = undefined;
		}
	});

	it('starts the opener detached and does not wait for it', async () => {
		dir = mkdtempSync(path.join(tmpdir(), 'aggwatch-open-'));
		const script = path.join(dir, 'browser.sh');
		const written = path.join(dir, 'opened.txt');
		writeFileSync(script, `#!/bin/sh\nprintf '%s' "$1" > '${written}.part' && mv '${written}.part' '${written}'\n`);
		chmodSync(script, 0o755);
		expect(await openUrl(URL, {env: {BROWSER: script}, platform: 'linux'})).toEqual({opened: true, command: script});
		await expect.poll(() => existsSync(written)).toBe(true);
		expect(readFileSync(written, 'utf8')).toBe(URL);
	});

	it('an opener that cannot be started is a reason, not an error', async () => {
		const outcome = await openUrl(URL, {env: {BROWSER: '/nonexistent/aggwatch-browser'}, platform: 'linux'});
		expect(outcome).toEqual({opened: false, why: '/nonexistent/aggwatch-browser could not be started (ENOENT)'});
		expect(await openUrl(URL, {env: {}, platform: 'linux'})).toEqual({
			opened: false,
			why: 'no display to open a browser on, and BROWSER is not set',
		});
	});
});
