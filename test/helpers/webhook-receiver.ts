/**
 * A webhook on loopback for --notify tests: records each POST (path, headers, parsed JSON body) and answers from a
 * script of replies (the last one repeats). Closed after the test.
 */
import http from 'node:http';
import {closeAfterTest, listenForTest} from '../tenants/fixtures.js';

export interface ReceivedPost {
	path: string;
	contentType: string | undefined;
	body: unknown;
	at: number;
}

export interface Reply {
	status: number;
	body?: string;
	retryAfter?: string;
}

export interface WebhookReceiver {
	/** The URL to give --notify: its path holds `secret`, as real webhook URLs do. */
	url: string;
	secret: string;
	posts: ReceivedPost[];
	/** Resolves once `count` posts have arrived. */
	waitForPosts(count: number, timeoutMs?: number): Promise<ReceivedPost[]>;
}

export async function webhookReceiver(
	replies: Reply[] = [{status: 200, body: 'ok'}],
	secret = 'T0SECRET/B0SECRET/xoxWEBHOOKsecret42',
): Promise<WebhookReceiver> {
	const posts: ReceivedPost[] = [];
	const waiters: Array<() => void> = [];
	const server = http.createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			let body: unknown;
			try {
				body = JSON.parse(text);
			} catch {
				body = text;
			}

			posts.push({path: request.url ?? '', contentType: request.headers['content-type'], body, at: Date.now()});
			const reply = replies[Math.min(posts.length - 1, replies.length - 1)]!;
			response.writeHead(reply.status, reply.retryAfter === undefined ? {} : {'retry-after': reply.retryAfter});
			response.end(reply.body ?? '');
			for (const wake of waiters.splice(0)) {
				wake();
			}
		});
	});
	const port = await listenForTest(server);
	closeAfterTest(async () => new Promise(resolve => server.close(() => resolve())));
	return {
		url: `http://127.0.0.1:${port}/services/${secret}`,
		secret,
		posts,
		async waitForPosts(count, timeoutMs = 30_000) {
			const deadline = Date.now() + timeoutMs;
			while (posts.length < count) {
				if (Date.now() > deadline) {
					throw new Error(`expected ${count} posts, got ${posts.length}`);
				}

				await new Promise<void>(resolve => {
					waiters.push(resolve);
					setTimeout(resolve, 200);
				});
			}

			return posts;
		},
	};
}
