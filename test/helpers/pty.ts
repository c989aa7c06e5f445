/**
 * Runs a command in a real pseudo-terminal (node-pty) and reads its screen the way a person would see it, through
 * a headless xterm of the same size. For end-to-end tests of the full-screen UI: no sleeps, every wait polls the
 * screen (or awaits an event) up to a generous timeout, so the tests hold on a slow, busy 2-core machine.
 */
import {spawn, type IPty} from 'node-pty';
import xterm from '@xterm/headless';

const {Terminal} = xterm;
type XtermTerminal = InstanceType<typeof Terminal>;

export interface PtyOptions {
	cols?: number;
	rows?: number;
	cwd?: string;
	/**
	 * Added to (or, with undefined, removed from) the child's environment. The base is this process's environment
	 * with TERM=xterm-256color and without CI and CONTINUOUS_INTEGRATION: with either set, even to "false", Ink
	 * renders only the last frame (is-in-ci) or, for CI=false, chalk turns colours off (supports-color checks
	 * `'CI' in env`). Pass {CI: 'false'} to reproduce that.
	 */
	env?: Record<string, string | undefined>;
}

export interface PtyExit {
	exitCode: number;
	/** The signal number that ended the process, 0 when it exited by itself. */
	signal: number;
}

export interface WaitOptions {
	timeoutMs?: number;
}

const defaultTimeoutMs = 15_000;
const pollMs = 15;

export class PtySession {
	readonly terminal: XtermTerminal;
	readonly #pty: IPty;
	#raw = '';
	#bytes = 0;
	#cursorHidden = false;
	#exit: PtyExit | undefined;
	readonly #exited: Promise<PtyExit>;
	#parsing: Promise<void> = Promise.resolve();
	#disposed = false;

	constructor(command: string, args: readonly string[], options: PtyOptions = {}) {
		const cols = options.cols ?? 100;
		const rows = options.rows ?? 30;
		this.terminal = new Terminal({cols, rows, allowProposedApi: true, scrollback: 1000});
		// xterm has no public "cursor hidden" state: watch DECTCEM (CSI ? 25 h / l) as the parser sees it.
		for (const final of ['h', 'l'] as const) {
			this.terminal.parser.registerCsiHandler({prefix: '?', final}, parameters => {
				if (parameters.includes(25)) {
					this.#cursorHidden = final === 'l';
				}

				return false;
			});
		}

		const env = childEnvironment(options.env);
		this.#pty = spawn(command, [...args], {
			// node-pty sets the child's TERM to this name, so a TERM given in options.env must be passed here.
			name: env['TERM'] ?? 'xterm-256color',
			cols,
			rows,
			cwd: options.cwd ?? process.cwd(),
			env,
		});
		this.#pty.onData(data => {
			if (this.#disposed) {
				return;
			}

			this.#raw += data;
			this.#bytes += Buffer.byteLength(data, 'utf8');
			this.#parsing = new Promise(resolve => {
				this.terminal.write(data, resolve);
			});
		});
		this.#exited = new Promise(resolve => {
			this.#pty.onExit(({exitCode, signal}) => {
				this.#exit = {exitCode, signal: signal ?? 0};
				resolve(this.#exit);
			});
		});
	}

	get pid(): number {
		return this.#pty.pid;
	}

	/** Bytes the program has written to the terminal so far. */
	get bytesWritten(): number {
		return this.#bytes;
	}

	get exited(): PtyExit | undefined {
		return this.#exit;
	}

	/** Everything the program wrote, escape sequences included. */
	rawOutput(): string {
		return this.#raw;
	}

	/** The visible rows of the active buffer, trailing spaces trimmed. */
	screenLines(): string[] {
		const buffer = this.terminal.buffer.active;
		const lines: string[] = [];
		for (let row = 0; row < this.terminal.rows; row++) {
			lines.push(buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '');
		}

		return lines;
	}

	screenText(): string {
		return this.screenLines().join('\n');
	}

	isAlternateScreen(): boolean {
		return this.terminal.buffer.active.type === 'alternate';
	}

	cursorVisible(): boolean {
		return !this.#cursorHidden;
	}

	/** Whether the program has the terminal reporting mouse buttons (xterm's 1000 and up), as the terminal sees it. */
	mouseReporting(): boolean {
		return this.terminal.modes.mouseTrackingMode !== 'none';
	}

	/** Resolves once the headless terminal has parsed everything received so far. */
	async settled(): Promise<void> {
		let current: Promise<void>;
		do {
			current = this.#parsing;
			await current;
		} while (current !== this.#parsing);
	}

	/** Type keys: each string is one key, written on its own, with a turn of the event loop in between. */
	async write(...keys: string[]): Promise<void> {
		for (const key of keys) {
			this.#pty.write(key);
			await new Promise(resolve => setImmediate(resolve));
		}
	}

	async waitFor(description: string, predicate: () => boolean, options: WaitOptions | number = {}): Promise<void> {
		const deadline = Date.now() + timeoutOf(options);
		for (;;) {
			await this.settled();
			if (predicate()) {
				return;
			}

			if (Date.now() > deadline) {
				throw new Error(
					`Timed out waiting for ${description}.${this.#exit ? ` The program exited (${JSON.stringify(this.#exit)}).` : ''}\n` +
						`Screen:\n${this.screenText()}\n` +
						`Raw output tail: ${JSON.stringify(this.#raw.slice(-600))}`,
				);
			}

			await new Promise(resolve => setTimeout(resolve, pollMs));
		}
	}

	/** Polls the screen until it contains `text` (or matches it); `options` may be a timeout in ms. */
	async waitForText(text: string | RegExp, options: WaitOptions | number = {}): Promise<void> {
		await this.waitFor(
			`screen text ${String(text)}`,
			() => {
				const screen = this.screenText();
				return typeof text === 'string' ? screen.includes(text) : text.test(screen);
			},
			options,
		);
	}

	/** Resolves with the exit status once the program has exited and all its output has been parsed. */
	async waitForExit(options: WaitOptions | number = {}): Promise<PtyExit> {
		const timeoutMs = timeoutOf(options);
		let timer: NodeJS.Timeout | undefined;
		const timeout = new Promise<never>((_, reject) => {
			timer = setTimeout(() => {
				reject(new Error(`The program did not exit within ${timeoutMs} ms.\nScreen:\n${this.screenText()}`));
			}, timeoutMs);
		});
		try {
			const status = await Promise.race([this.#exited, timeout]);
			await this.settled();
			return status;
		} finally {
			clearTimeout(timer);
		}
	}

	/** Resize the pty (the program gets SIGWINCH) and the headless terminal. */
	resize(cols: number, rows: number): void {
		this.#pty.resize(cols, rows);
		this.terminal.resize(cols, rows);
	}

	kill(signal: NodeJS.Signals = 'SIGTERM'): void {
		this.#pty.kill(signal);
	}

	/** Kill the program if it still runs and free the terminal. Safe to call twice. */
	dispose(): void {
		if (this.#disposed) {
			return;
		}

		this.#disposed = true;
		if (this.#exit === undefined) {
			try {
				this.#pty.kill('SIGKILL');
			} catch {
				// Already gone.
			}
		}

		this.terminal.dispose();
	}
}

function timeoutOf(options: WaitOptions | number): number {
	return typeof options === 'number' ? options : (options.timeoutMs ?? defaultTimeoutMs);
}

function childEnvironment(overrides: Record<string, string | undefined> = {}): Record<string, string> {
	const environment: Record<string, string | undefined> = {
		...process.env,
		CI: undefined,
		CONTINUOUS_INTEGRATION: undefined,
		TERM: 'xterm-256color',
		COLUMNS: undefined,
		LINES: undefined,
		...overrides,
	};
	const result: Record<string, string> = {};
	for (const [key, value] of Object.entries(environment)) {
		if (value !== undefined) {
			result[key] = value;
		}
	}

	return result;
}

/** Start `command args` in a pty of the given size. Call dispose() when done (afterEach). */
export function spawnPty(command: string, args: readonly string[], options: PtyOptions = {}): PtySession {
	return new PtySession(command, args, options);
}
