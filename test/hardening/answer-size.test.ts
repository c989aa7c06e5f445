/**
 * An answer without end, or far larger than any real one, is not buffered whole: reading stops at the cap of its
 * kind, the call fails at once with one line saying so, and it is not retried. A small hostile loopback server sends
 * an endless chunked body, or declares a huge Content-Length.
 */
import {createServer, type Server, type ServerResponse} from 'node:http';
import {once} from 'node:events';
import type {AddressInfo} from 'node:net';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ANSWER_CAPS, IscClient} from '../../source/isc/client.js';
import {IscError} from '../../source/domain/errors.js';

const ID = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const CHUNK = Buffer.alloc(64 * 1024, 'x');

interface Hostile {
	server: Server;
	origin: string;
	/** Requests to the API (not the token endpoint). */
	calls: number;
	/** Bytes written to the last API answer before the client went away. */
	written: number;
	mode: 'endless' | 'declared';
}

function endless(response: ServerResponse, hostile: Hostile): void {
	response.writeHead(200, {'content-type': 'application/json'});
	response.write('{"status":"STARTED","pad":"');
	let stopped = false;
	response.on('close', () => {
		stopped = true;
	});
	const pump = (): void => {
		while (!stopped && response.write(CHUNK)) {
			hostile.written += CHUNK.length;
		}

		if (!stopped) {
			hostile.written += CHUNK.length;
			response.once('drain', pump);
		}
	};

	pump();
}

async function hostileTenant(): Promise<Hostile> {
	const hostile: Hostile = {server: undefined as unknown as Server, origin: '', calls: 0, written: 0, mode: 'endless'};
	hostile.server = createServer((request, response) => {
		request.resume();
		if (request.url?.startsWith('/oauth/token') === true) {
			response.writeHead(200, {'content-type': 'application/json'});
			response.end(JSON.stringify({access_token: 'token', expires_in: 749}));
			return;
		}

		hostile.calls++;
		hostile.written = 0;
		if (hostile.mode === 'declared') {
			// Says 2 GB are coming; sends a little, then nothing more.
			response.writeHead(200, {'content-type': 'application/json', 'content-length': String(2 * 1024 ** 3)});
			response.write('{"status":"STARTED"');
			return;
		}

		endless(response, hostile);
	});
	hostile.server.listen(0, '127.0.0.1');
	await once(hostile.server, 'listening');
	hostile.origin = `http://127.0.0.1:${(hostile.server.address() as AddressInfo).port}`;
	return hostile;
}

describe('answers larger than any real one', () => {
	let hostile: Hostile;

	beforeAll(async () => {
		hostile = await hostileTenant();
	});

	afterAll(() => {
		hostile.server.closeAllConnections();
		hostile.server.close();
	});

	it('an endless status body is cut at its cap, said in one line, and not retried', async () => {
		hostile.mode = 'endless';
		hostile.calls = 0;
		const client = new IscClient({baseUrl: hostile.origin, clientId: 'client', clientSecret: 'secret'}, {retries: 3});
		const before = process.memoryUsage().rss;
		try {
			const error = await client.getAggregationStatus(ID).catch((caught: unknown) => caught);
			expect(error).toBeInstanceOf(IscError);
			expect(error).toMatchObject({kind: 'bad-response', code: 'ANSWER_TOO_LARGE', status: 200});
			expect((error as IscError).message).toBe(
				`The answer from ${new URL(hostile.origin).host} is larger than 1 MB; it was not read further and is not retried`,
			);
			expect((error as IscError).message).not.toContain('\n');
		} finally {
			client.close();
		}

		expect(hostile.calls).toBe(1);
		// Reading stopped at the cap: the server could send little more than the cap plus what the socket buffers hold.
		expect(hostile.written).toBeLessThan(ANSWER_CAPS.status + 16 * 1024 * 1024);
		expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
	});

	it('a list answer may be far larger than a status body before it is cut', async () => {
		hostile.mode = 'endless';
		hostile.calls = 0;
		const client = new IscClient({baseUrl: hostile.origin, clientId: 'client', clientSecret: 'secret'}, {retries: 3});
		try {
			const error = await client.listRunningAggregations().catch((caught: unknown) => caught);
			expect(error).toMatchObject({kind: 'bad-response', code: 'ANSWER_TOO_LARGE'});
			expect((error as IscError).message).toContain('larger than 64 MB');
		} finally {
			client.close();
		}

		expect(hostile.calls).toBe(1);
		expect(hostile.written).toBeGreaterThan(ANSWER_CAPS.list);
	});

	it('a declared Content-Length above the cap is refused without waiting for the body', async () => {
		hostile.mode = 'declared';
		hostile.calls = 0;
		// The request timeout is long: the refusal must come from the declared length, not from a timeout.
		const client = new IscClient(
			{baseUrl: hostile.origin, clientId: 'client', clientSecret: 'secret'},
			{retries: 3, timeouts: {requestMs: 60_000, responseMs: 60_000}},
		);
		const started = Date.now();
		try {
			const error = await client.getTaskStatus(ID).catch((caught: unknown) => caught);
			expect(error).toMatchObject({kind: 'bad-response', code: 'ANSWER_TOO_LARGE'});
			expect((error as IscError).message).toContain('larger than 16 MB');
		} finally {
			client.close();
		}

		expect(Date.now() - started).toBeLessThan(10_000);
		expect(hostile.calls).toBe(1);
	});
});
