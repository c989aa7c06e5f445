/**
 * Which aggwatch process sent each request a simulator logged. The simulator knows the client id of a request
 * with a live or expired token and of an answered token request, and every process has client ids of its own,
 * so those are direct. A request with a token the script invalidated (expireTokens, rotateSecret), or a token
 * request answered by a fault, carries no client id: it is matched to the --debug log entry of a process that
 * may have sent it (same path, sent at most a few seconds before it arrived, same status first, earliest first).
 * The debug entry also gives the send and answer times, which the Retry-After check needs.
 */
import type {SimLogEntry} from '../source/simulator/types.js';
import type {SentRequest} from './debug-log.js';

export interface AttributedRequest {
	entry: SimLogEntry;
	/** The process that sent it, when the client id or a debug log entry says so. */
	process?: string;
	/** The processes that may have sent it: [process] when known. */
	candidates: readonly string[];
	/** Epoch ms it was sent (the debug entry's time; the arrival time when unmatched). */
	sentAt: number;
	/** Epoch ms its answer reached the process (the arrival time when unmatched). */
	answeredAt: number;
	matched?: SentRequest;
}

export interface AttributionInput {
	/** The simulator's log. */
	log: readonly SimLogEntry[];
	/** The simulator's URL origin, to pick its requests out of the debug logs. */
	origin: string;
	/** Requests that arrived before this (setup: tenant add) are left out. */
	since: number;
	/** Client id → the process that uses it. */
	owners: ReadonlyMap<string, string>;
	/** Processes that talk to this simulator. */
	talkers: readonly string[];
	/** Every debug log entry of every process. */
	sent: readonly SentRequest[];
}

export interface Attribution {
	requests: AttributedRequest[];
	/** Requests no client id or debug entry could be tied to one process (counted against every candidate). */
	unattributed: number;
}

/** How far before its arrival a request may have been sent (the simulator shares a loaded event loop). */
const MAX_SEND_LEAD_MS = 3000;
/** Clock and timer granularity between processes. */
const SLACK_MS = 50;

function statusAgrees(entry: SimLogEntry, sent: SentRequest): boolean {
	return entry.status === 0 ? sent.status === undefined : sent.status === entry.status;
}

export function attributeRequests(input: AttributionInput): Attribution {
	const lists = new Map<string, SentRequest[]>();
	for (const request of input.sent) {
		if (request.origin !== input.origin) {
			continue;
		}

		const key = `${request.process}\n${request.method} ${request.path}`;
		const list = lists.get(key) ?? [];
		list.push(request);
		lists.set(key, list);
	}

	for (const list of lists.values()) {
		list.sort((a, b) => a.at - b.at);
	}

	const used = new Set<SentRequest>();
	const requests: AttributedRequest[] = [];
	let unattributed = 0;
	const arrivals = input.log.filter(entry => entry.at >= input.since).sort((a, b) => a.at - b.at);
	for (const entry of arrivals) {
		const owner = entry.clientId === undefined ? undefined : input.owners.get(entry.clientId);
		const candidates = owner === undefined ? input.talkers : [owner];
		let best: SentRequest | undefined;
		for (const candidate of candidates) {
			for (const sent of lists.get(`${candidate}\n${entry.method} ${entry.path}`) ?? []) {
				if (used.has(sent) || sent.at < entry.at - MAX_SEND_LEAD_MS) {
					continue;
				}

				if (sent.at > entry.at + SLACK_MS) {
					break;
				}

				const better =
					best === undefined ||
					(statusAgrees(entry, sent) && !statusAgrees(entry, best)) ||
					(statusAgrees(entry, sent) === statusAgrees(entry, best) && sent.at < best.at);
				if (better) {
					best = sent;
				}
			}
		}

		if (best !== undefined) {
			used.add(best);
		}

		const process = owner ?? best?.process;
		if (process === undefined) {
			unattributed++;
		}

		requests.push({
			entry,
			...(process === undefined ? {} : {process}),
			candidates: process === undefined ? candidates : [process],
			sentAt: best?.at ?? entry.at,
			answeredAt: best?.answeredAt ?? entry.at,
			...(best === undefined ? {} : {matched: best}),
		});
	}

	return {requests, unattributed};
}
