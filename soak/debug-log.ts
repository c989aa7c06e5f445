/** Reads an aggwatch --debug request log (JSON lines, one per HTTP exchange; no secrets in it). */
import {readFileSync} from 'node:fs';

export interface SentRequest {
	/** The process that wrote the log. */
	process: string;
	/** Epoch ms the request was sent. */
	at: number;
	/** Epoch ms the answer (or the failure) came. */
	answeredAt: number;
	method: string;
	/** Scheme, host and port, e.g. http://127.0.0.1:41234. */
	origin: string;
	/** Path without the query string. */
	path: string;
	/** Absent when no answer came (reset, timeout). */
	status?: number;
	attempt: number;
	errorKind?: string;
}

interface DebugLine {
	at?: unknown;
	method?: unknown;
	url?: unknown;
	status?: unknown;
	durationMs?: unknown;
	attempt?: unknown;
	errorKind?: unknown;
}

/** Every exchange in `file`; lines that are not entries (there should be none) are counted in `bad`. */
export function readDebugLog(file: string, processName: string): {requests: SentRequest[]; bad: number} {
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch {
		return {requests: [], bad: 0};
	}

	const requests: SentRequest[] = [];
	let bad = 0;
	for (const line of text.split('\n')) {
		if (line.trim() === '') {
			continue;
		}

		try {
			const entry = JSON.parse(line) as DebugLine;
			if (typeof entry.at !== 'number' || typeof entry.url !== 'string' || typeof entry.method !== 'string') {
				bad++;
				continue;
			}

			const url = new URL(entry.url);
			const duration = typeof entry.durationMs === 'number' ? entry.durationMs : 0;
			requests.push({
				process: processName,
				at: entry.at,
				answeredAt: entry.at + duration,
				method: entry.method,
				origin: url.origin,
				path: url.pathname,
				...(typeof entry.status === 'number' ? {status: entry.status} : {}),
				attempt: typeof entry.attempt === 'number' ? entry.attempt : 1,
				...(typeof entry.errorKind === 'string' ? {errorKind: entry.errorKind} : {}),
			});
		} catch {
			bad++;
		}
	}

	return {requests, bad};
}
