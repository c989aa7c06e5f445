/**
 * What the client sends where: a redirect to another origin never carries the Authorization header (nor the client
 * secret), and a plain-http base URL to a host that is not loopback is refused before any connection is made.
 * Only loopback addresses are ever contacted: the CLI runs with a connect guard that records every connection and
 * blocks any that is not loopback before a packet leaves.
 */
import {spawn} from 'node:child_process';
import {createServer, type IncomingMessage, type Server} from 'node:http';
import {once} from 'node:events';
import {existsSync, readFileSync, rmSync} from 'node:fs';
import type {AddressInfo} from 'node:net';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {IscClient} from '../../source/isc/client.js';
import {IscError} from '../../source/domain/errors.js';
import {BaseUrlError} from '../../source/isc/url-error.js';
import {resolveBaseUrl} from '../../source/isc/urls.js';
import {startSimulator} from '../../source/simulator/server.js';
import type {Simulator} from '../../source/simulator/types.js';
import {ensureBuilt, runCli, sandbox, type Sandbox} from '../helpers/cli.js';

const SECRET = 'SEKRIT-canary-9f3b';
const ID = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
/** Never contacted: every use below is refused (or blocked by the guard) before a connection. */
const FORBIDDEN = 'http://10.255.255.1/';

interface Recorded {
	method: string;
	url: string;
	headers: IncomingMessage['headers'];
	body: string;
}

interface Recorder {
	server: Server;
	origin: string;
	requests: Recorded[];
}

/** A loopback server that records every request and answers with `answer`. */
async function recorder(
	host: string,
	answer: (request: Recorded, response: import('node:http').ServerResponse) => void,
): Promise<Recorder> {
	const requests: Recorded[] = [];
	const server = createServer((request, response) => {
		let body = '';
		request.setEncoding('utf8');
		request.on('data', (chunk: string) => {
			body += chunk;
		});
		request.on('end', () => {
			const recorded = {method: request.method ?? '', url: request.url ?? '', headers: request.headers, body};
			requests.push(recorded);
			answer(recorded, response);
		});
	});
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	return {server, origin: `http://${host}:${(server.address() as AddressInfo).port}`, requests};
}

function json(response: import('node:http').ServerResponse, status: number, body: unknown): void {
	response.writeHead(status, {'content-type': 'application/json'});
	response.end(JSON.stringify(body));
}

describe('redirects', () => {
	let elsewhere: Recorder;
	let tenant: Recorder;
	let redirectStatus = 302;
	let redirectToken = false;

	beforeAll(async () => {
		// Another origin: a different host name and port. It answers like a tenant, so a client that followed
		// the redirect would get a usable answer and carry on.
		elsewhere = await recorder('localhost', (request, response) => {
			if (request.url.startsWith('/oauth/token')) {
				json(response, 200, {access_token: 'elsewhere-token', expires_in: 749});
			} else {
				json(response, 200, {status: 'COMPLETED', totalAccounts: 1, processedAccounts: 1});
			}
		});
		tenant = await recorder('127.0.0.1', (request, response) => {
			if (request.url.startsWith('/oauth/token') && !redirectToken) {
				json(response, 200, {access_token: 'tenant-issued-token', expires_in: 749});
				return;
			}

			response.writeHead(redirectStatus, {location: `${elsewhere.origin}${request.url}`});
			response.end();
		});
	});

	afterEach(() => {
		elsewhere.requests.length = 0;
		tenant.requests.length = 0;
	});

	afterAll(() => {
		elsewhere.server.close();
		tenant.server.close();
	});

	for (const status of [301, 302, 303, 307, 308]) {
		it(`a ${status} from the status endpoint to another origin is not followed: no Authorization reaches it`, async () => {
			redirectStatus = status;
			redirectToken = false;
			const client = new IscClient({baseUrl: tenant.origin, clientId: 'client', clientSecret: SECRET}, {retries: 0});
			try {
				const error = await client.getAggregationStatus(ID).catch((caught: unknown) => caught);
				expect(error).toBeInstanceOf(IscError);
				expect((error as IscError).status).toBe(status);
				expect((error as IscError).kind).toBe('bad-response');
			} finally {
				client.close();
			}

			// The tenant saw the token request and the status request with its bearer token...
			expect(tenant.requests.map(request => request.method)).toEqual(['POST', 'GET']);
			expect(tenant.requests[1]?.headers.authorization).toBe('Bearer tenant-issued-token');
			// ...and the other origin saw nothing at all, let alone the token.
			expect(elsewhere.requests.map(request => request.headers.authorization)).toEqual([]);
		});
	}

	it('a 307 from the token endpoint to another origin does not take the client secret there', async () => {
		redirectStatus = 307;
		redirectToken = true;
		const client = new IscClient({baseUrl: tenant.origin, clientId: 'client', clientSecret: SECRET}, {retries: 0});
		try {
			const error = await client.getAggregationStatus(ID).catch((caught: unknown) => caught);
			expect(error).toBeInstanceOf(IscError);
			expect((error as IscError).status).toBe(307);
			expect((error as IscError).message).not.toContain(SECRET);
		} finally {
			client.close();
		}

		expect(tenant.requests.map(request => request.url)).toEqual(['/oauth/token']);
		expect(elsewhere.requests).toEqual([]);
	});
});

describe('plain http to a host that is not loopback', () => {
	const guard = fileURLToPath(new URL('helpers/connect-guard.mjs', import.meta.url));
	let box: Sandbox;
	let sim: Simulator;
	let connectLog: string;

	beforeAll(async () => {
		await ensureBuilt();
		sim = await startSimulator({clients: [{clientId: 'client', clientSecret: SECRET}]});
		box = sandbox();
		connectLog = path.join(box.work, 'connections.log');
	}, 120_000);

	afterEach(() => {
		rmSync(connectLog, {force: true});
	});

	afterAll(async () => {
		await sim?.close();
		box?.remove();
	});

	function guarded(extra: Record<string, string>): Record<string, string> {
		return {...box.env, NODE_OPTIONS: `--import=${new URL(`file://${guard}`).href}`, AGGWATCH_TEST_CONNECT_LOG: connectLog, ...extra};
	}

	function connections(): string[] {
		return existsSync(connectLog) ? readFileSync(connectLog, 'utf8').trim().split('\n') : [];
	}

	it('is refused by resolveBaseUrl and by the client before anything is sent', () => {
		expect(() => resolveBaseUrl(FORBIDDEN)).toThrow(BaseUrlError);
		expect(() => resolveBaseUrl(FORBIDDEN)).toThrow('http:// is only allowed for loopback hosts; use https://10.255.255.1');
		expect(() => new IscClient({baseUrl: FORBIDDEN, clientId: 'client', clientSecret: SECRET})).toThrow(BaseUrlError);
	});

	it('the guard records a connection and blocks it before it is made (control, on loopback)', async () => {
		const listener = createServer(() => undefined);
		let accepted = 0;
		listener.on('connection', () => {
			accepted++;
		});
		listener.listen(0, '127.0.0.1');
		await once(listener, 'listening');
		const {port} = listener.address() as AddressInfo;
		try {
			const script = `require('node:net').connect(${port}, '127.0.0.1').on('error', error => { console.log(error.message); })`;
			const child = spawn(process.execPath, ['-e', script], {
				env: {...guarded({AGGWATCH_TEST_CONNECT_ALLOW: 'none'}), PATH: process.env['PATH'] ?? ''},
				stdio: ['ignore', 'pipe', 'inherit'],
			});
			let stdout = '';
			child.stdout.on('data', (chunk: Buffer) => {
				stdout += chunk.toString();
			});
			await once(child, 'close');
			expect(stdout).toContain("blocked by the test's connect guard");
			expect(connections()).toEqual([`127.0.0.1 ${port}`]);
			expect(accepted).toBe(0);
		} finally {
			listener.close();
		}
	});

	it('the guard lets loopback through (control: status works against the simulator)', async () => {
		const result = await runCli(['status', '--json', ID], {
			env: guarded({SAIL_BASE_URL: sim.url, SAIL_CLIENT_ID: 'client', SAIL_CLIENT_SECRET: SECRET}),
		});
		// The id is unknown to this simulator: a 404, exit 3, after a real exchange the guard saw.
		expect(result.code, result.stderr).toBe(3);
		expect(connections()).toContain(`127.0.0.1 ${new URL(sim.url).port}`);
		expect(sim.log.map(entry => entry.path)).toContain(`/v2025/account-aggregations/${ID}/status`);
	});

	for (const [what, args, extra] of [
		['status with SAIL_BASE_URL', ['status', ID], {SAIL_BASE_URL: FORBIDDEN, SAIL_CLIENT_ID: 'client', SAIL_CLIENT_SECRET: SECRET}],
		['wait with --base-url', ['wait', '--base-url', FORBIDDEN, '--client-id', 'client', ID], {SAIL_CLIENT_SECRET: SECRET}],
		[
			'tenant add (which checks the credentials)',
			['tenant', 'add', 'remote', '--base-url', FORBIDDEN, '--client-id', 'client'],
			{SAIL_CLIENT_SECRET: SECRET},
		],
	] as const) {
		it(`${what}: exits 1 with one line, and no connection is attempted`, async () => {
			const result = await runCli(args, {env: guarded(extra)});
			expect(result.code, result.stderr).toBe(1);
			expect(result.stderr).toContain('http:// is only allowed for loopback hosts; use https://10.255.255.1');
			expect(result.stderr).not.toContain(SECRET);
			expect(connections()).toEqual([]);
		});
	}
});
