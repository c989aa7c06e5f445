import {createInterface} from 'node:readline/promises';
import type {Prompter} from '../commands/prompter.js';

/** The user pressed Ctrl-C (or Ctrl-D on an empty hidden prompt) at a prompt: exit quietly with 130. */
export class PromptCancelled extends Error {
	override readonly name = 'PromptCancelled';
	constructor() {
		super('cancelled');
	}
}

export interface PromptStreams {
	input: NodeJS.ReadStream;
	output: NodeJS.WriteStream;
}

/** Lines of a non-terminal input, one per call, without reading past what is asked for more than one chunk. */
class LineReader {
	readonly #input: NodeJS.ReadableStream;
	#buffer = '';
	#ended = false;
	#waiting: ((line: string | undefined) => void) | undefined;
	#attached = false;

	constructor(input: NodeJS.ReadableStream) {
		this.#input = input;
	}

	async next(): Promise<string | undefined> {
		const ready = this.#take();
		if (ready !== undefined || this.#ended) {
			return ready;
		}

		this.#attach();
		this.#input.resume();
		return new Promise(resolve => {
			this.#waiting = resolve;
		});
	}

	close(): void {
		if (this.#attached) {
			this.#input.removeListener('data', this.#onData);
			this.#input.removeListener('end', this.#onEnd);
			this.#attached = false;
		}

		this.#input.pause();
	}

	#take(): string | undefined {
		const index = this.#buffer.indexOf('\n');
		if (index >= 0) {
			const line = this.#buffer.slice(0, index).replace(/\r$/, '');
			this.#buffer = this.#buffer.slice(index + 1);
			return line;
		}

		if (this.#ended && this.#buffer !== '') {
			const line = this.#buffer.replace(/\r$/, '');
			this.#buffer = '';
			return line;
		}

		return undefined;
	}

	#attach(): void {
		if (!this.#attached) {
			this.#input.on('data', this.#onData);
			this.#input.on('end', this.#onEnd);
			this.#attached = true;
		}
	}

	#deliver(): void {
		if (this.#waiting === undefined) {
			return;
		}

		const line = this.#take();
		if (line !== undefined || this.#ended) {
			const resolve = this.#waiting;
			this.#waiting = undefined;
			this.#input.pause();
			resolve(line);
		}
	}

	readonly #onData = (chunk: Buffer | string): void => {
		this.#buffer += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
		this.#deliver();
	};

	readonly #onEnd = (): void => {
		this.#ended = true;
		this.#deliver();
	};
}

/** Reads one hidden line in raw mode: no echo; Backspace edits, Enter ends, Ctrl-C cancels. */
async function readHidden(input: NodeJS.ReadStream, output: NodeJS.WriteStream, question: string): Promise<string | undefined> {
	output.write(question);
	const wasRaw = input.isRaw;
	input.setRawMode(true);
	input.resume();
	try {
		return await new Promise<string | undefined>((resolve, reject) => {
			let value = '';
			const onData = (chunk: Buffer | string) => {
				// Arrow keys and other escape sequences are not part of a secret.
				const text = (typeof chunk === 'string' ? chunk : chunk.toString('utf8')).replaceAll(/\u001B(?:\[[\d;?]*[ -/]*[@-~]|O.|.)?/g, '');
				for (const character of text) {
					switch (character) {
						case '\r':
						case '\n': {
							finish();
							resolve(value);
							return;
						}

						case '\u0003': {
							finish();
							reject(new PromptCancelled());
							return;
						}

						case '\u0004': {
							if (value === '') {
								finish();
								resolve(undefined);
								return;
							}

							break;
						}

						case '\u007F':
						case '\b': {
							value = [...value].slice(0, -1).join('');
							break;
						}

						case '\u0015': {
							// Ctrl-U: start over.
							value = '';
							break;
						}

						default: {
							if (character >= ' ') {
								value += character;
							}
						}
					}
				}
			};

			const finish = () => {
				input.removeListener('data', onData);
				output.write('\n');
			};

			input.on('data', onData);
		});
	} finally {
		input.setRawMode(wasRaw);
		input.pause();
	}
}

async function readVisible(input: NodeJS.ReadStream, output: NodeJS.WriteStream, question: string): Promise<string> {
	const readline = createInterface({input, output, terminal: true});
	try {
		return await new Promise<string>((resolve, reject) => {
			readline.once('SIGINT', () => {
				output.write('\n');
				reject(new PromptCancelled());
			});
			readline.question(question).then(resolve, reject);
		});
	} finally {
		readline.close();
		input.pause();
	}
}

export function createPrompter({input, output}: PromptStreams): Prompter {
	const interactive = input.isTTY === true && output.isTTY === true;
	const lines = new LineReader(input);
	return {
		interactive,
		async line(question) {
			if (interactive) {
				return readVisible(input, output, question);
			}

			return lines.next();
		},
		async secret(question) {
			if (interactive) {
				return readHidden(input, output, question);
			}

			return lines.next();
		},
		async confirm(question) {
			const answer = interactive ? await readVisible(input, output, `${question} [y/N] `) : await lines.next();
			return /^\s*y(?:es)?\s*$/i.test(answer ?? '');
		},
		close() {
			lines.close();
		},
	};
}
