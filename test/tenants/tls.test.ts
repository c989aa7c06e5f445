/**
 * TLS is always verified; a private CA is trusted through NODE_EXTRA_CA_CERTS, directly and through HTTPS_PROXY.
 * The simulated tenant is put behind an HTTPS front on 127.0.0.1 whose certificate is signed by a test-only CA
 * (fixtures/tls: ca.pem, and server.pem / server-key.pem for IP 127.0.0.1, valid 2000–2100, made with `openssl ca`;
 * the CA key was thrown away).
 */
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import {beforeAll, describe, expect, it} from 'vitest';
import {ensureBuilt, runCli} from '../helpers/cli.js';
import {ADHOC, closeAfterTest, listenForTest, RUNNING_ID, TEST_CA_FILE, tenantSimulator, testServerTls, testSandbox} from './fixtures.js';

beforeAll(async () => {
	await ensureBuilt();
}, 120_000);

/** https://127.0.0.1:PORT in front of the simulator at `target`. */
async function httpsFront(target: string): Promise<string> {
	const server = https.createServer(testServerTls(), (request, response) => {
		const upstream = http.request(`${target}${request.url ?? '/'}`, {method: request.method, headers: request.headers}, answer => {
			response.writeHead(answer.statusCode ?? 502, answer.headers);
			answer.pipe(response);
		});
		upstream.on('error', () => response.destroy());
		request.pipe(upstream);
	});
	return `https://127.0.0.1:${await listenForTest(server)}`;
}

/** A CONNECT proxy that records its tunnels. */
async function tunnelProxy(): Promise<{url: string; connects: string[]}> {
	const connects: string[] = [];
	const server = http.createServer((_request, response) => response.writeHead(405).end());
	server.on('connect', (request: http.IncomingMessage, client: net.Socket, head: Buffer) => {
		connects.push(request.url ?? '');
		const [host, port] = (request.url ?? '').split(':');
		const upstream = net.connect(Number(port), host, () => {
			client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
			upstream.write(head);
			upstream.pipe(client);
			client.pipe(upstream);
		});
		upstream.on('error', () => client.destroy());
		client.on('error', () => upstream.destroy());
		closeAfterTest(async () => {
			upstream.destroy();
			client.destroy();
		});
	});
	return {url: `http://127.0.0.1:${await listenForTest(server)}`, connects};
}

describe('TLS', () => {
	async function setup() {
		const sim = await tenantSimulator();
		const url = await httpsFront(sim.url);
		const box = testSandbox();
		const env = {...box.env, SAIL_BASE_URL: url, SAIL_CLIENT_ID: ADHOC.clientId, SAIL_CLIENT_SECRET: ADHOC.clientSecret};
		return {sim, url, box, env};
	}

	it('refuses a certificate from a CA Node does not trust', async () => {
		const {sim, box, env} = await setup();
		const result = await runCli(['status', RUNNING_ID], {env, cwd: box.work});
		expect(result.code).toBe(6);
		expect(result.stderr).toMatch(/The TLS certificate of 127\.0\.0\.1:\d+ is not trusted: .*(?:certificate|CERT)/i);
		expect(sim.log).toEqual([]);
	}, 60_000);

	it('trusts a private CA given in NODE_EXTRA_CA_CERTS', async () => {
		const {sim, box, env} = await setup();
		const result = await runCli(['status', '--json', RUNNING_ID], {env: {...env, NODE_EXTRA_CA_CERTS: TEST_CA_FILE}, cwd: box.work});
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(JSON.parse(result.stdout)).toMatchObject({status: 'ACCOUNTS_COLLECTED'});
		// The token, the status, and the task (which names the run's source for status's Source line).
		expect(sim.log.map(entry => entry.path)).toEqual([
			'/oauth/token',
			`/v2025/account-aggregations/${RUNNING_ID}/status`,
			`/v2025/task-status/${RUNNING_ID}`,
		]);
	});

	it('verifies the tenant’s certificate through an HTTPS_PROXY tunnel as well', async () => {
		const {sim, url, box, env} = await setup();
		const proxy = await tunnelProxy();
		const refused = await runCli(['status', RUNNING_ID], {env: {...env, HTTPS_PROXY: proxy.url}, cwd: box.work});
		expect(refused.code).toBe(6);
		expect(sim.log).toEqual([]);

		const trusted = await runCli(['status', RUNNING_ID], {
			env: {...env, HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: TEST_CA_FILE},
			cwd: box.work,
		});
		expect(trusted.code).toBe(0);
		expect(new Set(proxy.connects)).toEqual(new Set([new URL(url).host]));
		expect(sim.log).toHaveLength(3);
	}, 60_000);
});
