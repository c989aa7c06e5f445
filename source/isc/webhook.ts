// The webhook sender of --notify and `aggwatch notify test`. It is not the ISC client, but it sits beside it in isc/
// because isc/ is the one folder allowed to talk HTTP (readme, Development): got, the proxy agents and Retry-After
// are shared with the client, and no other layer gains the right to open a connection. It takes a URL and a JSON
// body, and knows nothing of events or formats (commands/ makes the body with core/notify-format.ts).
import got from 'got';
import {version} from '../version.js';
import {createAgents} from './proxy-agents.js';
import {parseRetryAfter} from './retry-after.js';
import {defaultSleep, type Sleep} from './sleep.js';

/** A webhook URL is a secret (its path is the credential): it is never put in an error, a log line or the output. */
export class WebhookUrlError extends Error {}

/**
 * Checks a webhook URL: https, or http to a loopback host (as for tenants). The message never repeats the URL.
 * Returns it parsed.
 */
export function parseWebhookUrl(text: string): URL {
	let url: URL;
	try {
		url = new URL(text.trim());
	} catch {
		throw new WebhookUrlError('the webhook URL is not a URL; give the full https://… address the service gave you');
	}

	const loopback = url.hostname === 'localhost' || url.hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
		throw new WebhookUrlError(
			`the webhook URL must start with https:// (plain http only to this machine); it starts with ${url.protocol}//`,
		);
	}

	return url;
}

/** One attempt, for the --debug log: the host only, never the path or query (where the secret is). */
export interface WebhookAttempt {
	kind: 'webhook';
	method: 'POST';
	host: string;
	attempt: number;
	status?: number;
	error?: string;
	durationMs: number;
	at: number;
}

export interface WebhookOptions {
	/** From proxyFor(url, env). */
	proxy?: URL;
	/** Retries stop once this long has passed since the first try. Default 60 s. */
	withinMs?: number;
	/** Each try's own time limit. Default 10 s (less when the window is nearly over). */
	attemptTimeoutMs?: number;
	onAttempt?: (attempt: WebhookAttempt) => void;
	sleep?: Sleep;
	now?: () => number;
}

/** What the webhook answered in the end. ok: a 2xx. */
export interface WebhookAnswer {
	ok: boolean;
	/** The HTTP status of the last answer; absent when none came (network error, timeout). */
	status?: number;
	/** The start of the last answer's body, on one line. */
	body?: string;
	/** Why the last try failed, when no answer came. */
	error?: string;
	attempts: number;
}

const RETRY_STATUSES = new Set([408, 425, 429, 500, 502, 503, 504]);

function firstBodyLine(text: string): string {
	const line = text.replaceAll(/\s+/g, ' ').trim();
	return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/** A got failure in words that hold no URL. */
function describe(error: unknown): string {
	const code = (error as {code?: string}).code;
	if (code === 'ETIMEDOUT') {
		return 'no answer in time';
	}

	return code === undefined ? 'the request failed' : `network error ${code}`;
}

/**
 * POSTs `body` as JSON to the webhook, trying again after a network error, a timeout, 408, 425, 429 and 5xx (after
 * Retry-After when it says, else 1 s, 2 s, 4 s, …) as long as the next try starts within `withinMs` of the first.
 * Never throws for a failed delivery: the answer says what happened. Errors and attempts never carry the URL.
 */
export async function postWebhook(url: URL, body: unknown, options: WebhookOptions = {}): Promise<WebhookAnswer> {
	const now = options.now ?? Date.now;
	const sleep = options.sleep ?? defaultSleep;
	const withinMs = options.withinMs ?? 60_000;
	const attemptTimeoutMs = options.attemptTimeoutMs ?? 10_000;
	const agents = createAgents(options.proxy);
	const first = now();
	const payload = JSON.stringify(body);
	let answer: WebhookAnswer = {ok: false, attempts: 0};
	try {
		for (let attempt = 1; ; attempt++) {
			const started = now();
			const timeout = Math.max(1000, Math.min(attemptTimeoutMs, first + withinMs - started));
			let retryAfterMs: number | undefined;
			try {
				const response = await got.post(url, {
					body: payload,
					headers: {'content-type': 'application/json', 'user-agent': `aggwatch/${version}`},
					timeout: {request: timeout},
					retry: {limit: 0},
					throwHttpErrors: false,
					followRedirect: false,
					responseType: 'text',
					agent: agents,
				});
				answer = {
					ok: response.statusCode >= 200 && response.statusCode < 300,
					status: response.statusCode,
					body: firstBodyLine(response.body),
					attempts: attempt,
				};
				retryAfterMs = parseRetryAfter(response.headers['retry-after'], now());
				options.onAttempt?.({
					kind: 'webhook',
					method: 'POST',
					host: url.host,
					attempt,
					status: response.statusCode,
					durationMs: now() - started,
					at: started,
				});
			} catch (error) {
				answer = {ok: false, error: describe(error), attempts: attempt};
				options.onAttempt?.({
					kind: 'webhook',
					method: 'POST',
					host: url.host,
					attempt,
					error: answer.error,
					durationMs: now() - started,
					at: started,
				});
			}

			if (answer.ok || (answer.status !== undefined && !RETRY_STATUSES.has(answer.status))) {
				return answer;
			}

			const delayMs = retryAfterMs ?? 1000 * 2 ** (attempt - 1);
			if (now() + delayMs - first >= withinMs) {
				return answer;
			}

			await sleep(delayMs);
		}
	} finally {
		agents.http.destroy();
		agents.https.destroy();
	}
}
