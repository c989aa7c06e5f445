import {spawn} from 'node:child_process';

/** A command line that opens a URL, or why there is none here. */
export type Opener = {command: string; args: string[]; verbatim?: boolean} | {why: string};

/**
 * How `url` is opened on this machine, as CLIs such as gh do it: `$BROWSER` when set (its first entry, a list
 * separated by `:` (`;` on Windows) as Python's webbrowser reads it; `%s` in it is the URL, else the URL is added as
 * the last argument), else the platform's opener: `open` on macOS, `cmd /c start` on Windows, `xdg-open` elsewhere
 * when there is a display to open it on (over SSH there is none: nothing is tried, and the caller says the URL).
 */
export function openerFor(url: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): Opener {
	const browser = (env.BROWSER ?? '')
		.split(platform === 'win32' ? ';' : ':')
		.map(entry => entry.trim())
		.find(entry => entry !== '');
	if (browser !== undefined) {
		const [command = browser, ...rest] = browser.split(/\s+/);
		const args = rest.some(word => word.includes('%s')) ? rest.map(word => word.replaceAll('%s', url)) : [...rest, url];
		return {command, args};
	}

	switch (platform) {
		case 'darwin': {
			return {command: 'open', args: [url]};
		}

		case 'win32': {
			// start's first quoted argument is a window title; cmd would read a bare & in the URL as a command separator.
			return {command: 'cmd', args: ['/d', '/s', '/c', `start "" "${url.replaceAll('"', '%22')}"`], verbatim: true};
		}

		default: {
			if ((env.DISPLAY ?? '') === '' && (env.WAYLAND_DISPLAY ?? '') === '') {
				return {why: 'no display to open a browser on, and BROWSER is not set'};
			}

			return {command: 'xdg-open', args: [url]};
		}
	}
}

/** What opening came to: started (the opener runs on its own), or why not, in a few words. */
export type OpenOutcome = {opened: true; command: string} | {opened: false; why: string};

export interface OpenUrlOptions {
	env?: NodeJS.ProcessEnv;
	platform?: NodeJS.Platform;
}

/**
 * Starts the opener for `url` detached, with no terminal (its output would spoil the monitor's screen, and a
 * text-mode browser must not take the terminal over), and does not wait for it: resolves once it has started, or
 * with why it could not be (never rejects).
 */
export async function openUrl(url: string, options: OpenUrlOptions = {}): Promise<OpenOutcome> {
	const opener = openerFor(url, options.env ?? process.env, options.platform ?? process.platform);
	if ('why' in opener) {
		return {opened: false, why: opener.why};
	}

	const {command, args, verbatim = false} = opener;
	return new Promise(resolve => {
		try {
			const child = spawn(command, args, {detached: true, stdio: 'ignore', windowsHide: true, windowsVerbatimArguments: verbatim});
			child.once('error', (error: NodeJS.ErrnoException) => {
				resolve({opened: false, why: `${command} could not be started (${error.code ?? error.message})`});
			});
			child.once('spawn', () => {
				child.unref();
				resolve({opened: true, command});
			});
		} catch (error) {
			resolve({opened: false, why: `${command} could not be started (${error instanceof Error ? error.message : String(error)})`});
		}
	});
}
