/**
 * `aggwatch wait` against a tenant whose requests keep failing: it says when an id's requests start failing and when
 * they are answered again (one line each), and gives up with exit 6 once they have failed for --give-up-after without
 * a break. A 429 with Retry-After is a pause, not a failure. A small loopback stand-in tenant answers as each test says.
 */
import {once} from 'node:events';
import {createServer, type Server, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {ensureBuilt, runCli, sandbox} from '../helpers/cli.js';

const ID = 'd00dfeedd00dfeedd00dfeedd00dfeed';

type Answer = (response: ServerResponse, statusCalls: number) => void;

const servers: Server[] = [];

beforeAll(async () => {
	await ensureBuilt();
}, 120_000);

afterEach(() => {
	for (const server of servers.splice(0)) {
		server.closeAllConnections();
		server.close();
	}
});

function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
	response.writeHead(status, {'content-type': 'application/json', ...headers});
	response.end(JSON.stringify(body));
}

/** A stand-in tenant: tokens always, the status as `answer` says, the task as ended SUCCESS. */
async function tenant(answer: Answer): Promise<{url: string; statusCalls: () => number}> {
	let statusCalls = 0;
	const server = createServer((request, response) => {
		request.resume();
		const target = request.url ?? '';
		if (target.startsWith('/oauth/token')) {
			json(response, 200, {access_token: 'token', expires_in: 749});
		} else if (target.includes('/account-aggregations/')) {
			statusCalls++;
			answer(response, statusCalls);
		} else if (target.startsWith(`/v2025/task-status/${ID}`)) {
			json(response, 200, {
				id: ID,
				type: 'CLOUD_ACCOUNT_AGGREGATION',
				completionStatus: 'SUCCESS',
				launched: new Date(Date.now() - 60_000).toISOString(),
				completed: new Date().toISOString(),
				messages: [],
				attributes: {},
			});
		} else {
			json(response, 404, {detailCode: '404 Not found'});
		}
	});
	servers.push(server);
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	return {url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, statusCalls: () => statusCalls};
}

async function wait(url: string, args: string[]) {
	const box = sandbox();
	try {
		return await runCli(['wait', '--interval', '1', ...args, ID], {
			env: {...box.env, SAIL_BASE_URL: url, SAIL_CLIENT_ID: 'client', SAIL_CLIENT_SECRET: 'secret'},
			cwd: box.work,
			timeoutMs: 60_000,
		});
	} finally {
		box.remove();
	}
}

function html(response: ServerResponse): void {
	response.writeHead(200, {'content-type': 'text/html'});
	response.end('<html><body>Gateway says hello</body></html>');
}

describe('wait when every request fails', () => {
	it('says so once, then gives up with exit 6 after --give-up-after', async () => {
		const {url, statusCalls} = await tenant(response => {
			json(response, 500, {detailCode: '500.0 Internal Fault', trackingId: 'c0ffeec0ffeec0ffeec0ffeec0ffee00', messages: []});
		});
		const result = await wait(url, ['--give-up-after', '3s']);
		expect(result.code).toBe(6);
		const failing = result.stdout.split('\n').filter(line => line.includes('requests failing'));
		expect(failing).toHaveLength(1);
		expect(failing[0]).toContain('giving up after 3s of failures without a break');
		const errors = result.stderr.trim().split('\n');
		expect(errors).toHaveLength(1);
		expect(errors[0]).toMatch(
			new RegExp(`^aggwatch: ${ID}: requests have failed for \\d+s without a break \\(last: .*trackingId c0ffee.*\\); giving up$`),
		);
		expect(statusCalls()).toBeGreaterThanOrEqual(1);
	}, 60_000);

	it('an HTML page instead of JSON counts as a failure too (NDJSON events)', async () => {
		const {url} = await tenant(response => {
			html(response);
		});
		const result = await wait(url, ['--give-up-after', '2s', '--json']);
		expect(result.code).toBe(6);
		const events = result.stdout
			.trim()
			.split('\n')
			.map(line => JSON.parse(line) as {event: string; exitCode?: number; error?: {kind: string}});
		expect(events.filter(event => event.event === 'failing')).toEqual([
			expect.objectContaining({event: 'failing', error: expect.objectContaining({kind: 'bad-response'})}),
		]);
		expect(events.at(-1)).toMatchObject({event: 'summary', exitCode: 6});
	}, 60_000);

	it('says when the requests are answered again, and the failures so far do not count any more', async () => {
		const {url} = await tenant((response, calls) => {
			if (calls <= 2) {
				json(response, 503, {messages: []});
			} else {
				json(response, 200, {status: 'COMPLETED', totalAccounts: 3, processedAccounts: 3});
			}
		});
		const result = await wait(url, ['--give-up-after', '30s']);
		expect(result.code).toBe(0);
		const lines = result.stdout.split('\n');
		const failing = lines.findIndex(line => line.includes('requests failing'));
		const recovered = lines.findIndex(line => /requests answered again after \d+s of failures/.test(line));
		expect(failing).toBeGreaterThanOrEqual(0);
		expect(recovered).toBeGreaterThan(failing);
		expect(result.stdout).toContain('COMPLETED');
	}, 60_000);

	it('a 429 with Retry-After is a pause, not a failure: --timeout ends it (5), not the give-up (6)', async () => {
		const {url} = await tenant(response => {
			json(response, 429, {messages: []}, {'retry-after': '1'});
		});
		const result = await wait(url, ['--give-up-after', '2s', '--timeout', '6s']);
		expect(result.code).toBe(5);
		expect(result.stdout).not.toContain('requests failing');
	}, 60_000);
});
