/**
 * What a tenant sends cannot drive the terminal aggwatch prints it on: a status value or an error text with escape
 * sequences (ESC, the 8-bit CSI U+009B, BEL) reaches stdout and stderr without its control characters.
 * A loopback stand-in for the tenant sends them; the built CLI prints them.
 */
import {once} from 'node:events';
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ensureBuilt, runCli, sandbox, type Sandbox} from '../helpers/cli.js';

const HOSTILE = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const MISSING = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
/** Sets the window title, clears the screen, turns text red: each would act if printed raw. */
const SEQUENCES = '\u001b]0;pwned\u0007\u001b[2J\u009b31m';

let server: Server;
let url: string;
let box: Sandbox;

beforeAll(async () => {
	await ensureBuilt();
	server = createServer((request, response) => {
		response.setHeader('content-type', 'application/json');
		if (request.url?.startsWith('/oauth/token')) {
			response.end(JSON.stringify({access_token: 'token-of-the-stand-in-tenant', expires_in: 749}));
		} else if (request.url?.includes(HOSTILE)) {
			response.end(JSON.stringify({status: `DONE${SEQUENCES}`, totalAccounts: 2, processedAccounts: 1}));
		} else {
			response.statusCode = 404;
			response.end(
				JSON.stringify({
					detailCode: '404 Not found',
					trackingId: `track${SEQUENCES}`,
					messages: [{locale: 'en-US', text: `Gone${SEQUENCES}`}],
				}),
			);
		}
	});
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	box = sandbox();
}, 120_000);

afterAll(() => {
	server?.close();
	box?.remove();
});

describe('escape sequences from the tenant', () => {
	it('never reach the terminal through aggwatch status', async () => {
		const result = await runCli(['status', HOSTILE, MISSING], {
			env: {...box.env, SAIL_BASE_URL: url, SAIL_CLIENT_ID: 'client', SAIL_CLIENT_SECRET: 'client-secret-value'},
		});
		expect(result.code).toBe(3);
		// Both answers were printed: the status with its text, the error with its message.
		expect(result.stdout).toContain('DONE');
		expect(result.stderr).toContain('Gone');
		for (const output of [result.stdout, result.stderr]) {
			expect(output.replaceAll('\n', '')).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
		}
	});
});
