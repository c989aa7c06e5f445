/** Samples a process's resident set size (VmRSS in /proc/<pid>/status, Linux) every few seconds. */
import {readFileSync} from 'node:fs';

export interface RssSample {
	/** Epoch ms. */
	at: number;
	bytes: number;
}

export function rssBytes(pid: number): number | undefined {
	try {
		const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match?.[1] === undefined ? undefined : Number(match[1]) * 1024;
	} catch {
		return undefined; // gone, or not Linux
	}
}

export class RssSampler {
	readonly samples: RssSample[] = [];
	readonly #pid: number;
	#timer: NodeJS.Timeout | undefined;

	constructor(pid: number) {
		this.#pid = pid;
	}

	sample(): void {
		const bytes = rssBytes(this.#pid);
		if (bytes !== undefined) {
			this.samples.push({at: Date.now(), bytes});
		}
	}

	start(periodMs: number): void {
		this.sample();
		this.#timer = setInterval(() => {
			this.sample();
		}, periodMs);
	}

	stop(): void {
		clearInterval(this.#timer);
	}
}
