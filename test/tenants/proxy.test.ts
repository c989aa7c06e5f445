/**
 * HTTPS_PROXY, HTTP_PROXY and NO_PROXY: every request goes through the proxy unless NO_PROXY exempts the host.
 * A small CONNECT proxy on 127.0.0.1 records what it was asked to reach; the built CLI runs against a simulated
 * tenant behind it.
 */
import http from 'node:http';
import net from 'node:net';
import type {AddressInfo} from 'node:net';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {isNoProxy, proxyFor} from '../../source/isc/proxy.js';
import {ensureBuilt, runCli} from '../helpers/cli.js';
import {ACME, ADHOC, RUNNING_ID, tenantSimulator, testSandbox} from './fixtures.js';

interface TestProxy {
	url: string;
	/** host:port of every CONNECT, in order. */
	connects: string[];
	close(): Promise<void>;
}

const proxies: TestProxy[] = [];

afterEach(async () => {
	for (const proxy of proxies.splice(0)) {
		await proxy.close();
	}
});

/** A forwarding proxy that tunnels CONNECT to loopback targets and refuses (403) everything else. */
async function startProxy(): Promise<TestProxy> {
	const connects: string[] = [];
	const sockets = new Set<net.Socket>();
	const server = http.createServer((_request, response) => {
		response.writeHead(405).end();
	});
	server.on('connect', (request: http.IncomingMessage, client: net.Socket, head: Buffer) => {
		const target = request.url ?? '';
		connects.push(target);
		sockets.add(client);
		client.on('close', () => sockets.delete(client));
		client.on('error', () => undefined);
		const [host, port] = target.split(':');
		if (host !== '127.0.0.1') {
			client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
			return;
		}

		const upstream = net.connect(Number(port), host, () => {
			client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
			upstream.write(head);
			upstream.pipe(client);
			client.pipe(upstream);
		});
		sockets.add(upstream);
		upstream.on('close', () => sockets.delete(upstream));
		upstream.on('error', () => client.destroy());
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	const proxy: TestProxy = {
		url: `http://127.0.0.1:${port}`,
		connects,
		async close() {
			for (const socket of sockets) {
				socket.destroy();
			}

			await new Promise<void>(resolve => server.close(() => resolve()));
		},
	};
	proxies.push(proxy);
	return proxy;
}

beforeAll(async () => {
	await ensureBuilt();
}, 120_000);

describe('proxy rules', () => {
	const url = (text: string) => new URL(text);

	it('uses HTTPS_PROXY for https and HTTP_PROXY for http, upper or lower case', () => {
		const env = {HTTPS_PROXY: 'http://secure-proxy:3128', http_proxy: 'plain-proxy:8080'};
		expect(proxyFor('https://acme.api.identitynow.com', env)?.href).toBe('http://secure-proxy:3128/');
		expect(proxyFor('http://127.0.0.1:4000', env)?.href).toBe('http://plain-proxy:8080/');
		expect(proxyFor('https://acme.api.identitynow.com', {})).toBeUndefined();
	});

	it('exempts hosts, domain suffixes, ports and * listed in NO_PROXY', () => {
		const target = url('https://acme.api.identitynow.com');
		expect(isNoProxy(target, {NO_PROXY: 'identitynow.com'})).toBe(true);
		expect(isNoProxy(target, {no_proxy: '.api.identitynow.com'})).toBe(true);
		expect(isNoProxy(target, {NO_PROXY: 'localhost, acme.api.identitynow.com:443'})).toBe(true);
		expect(isNoProxy(target, {NO_PROXY: 'acme.api.identitynow.com:8443'})).toBe(false);
		expect(isNoProxy(target, {NO_PROXY: 'notidentitynow.com,example.com'})).toBe(false);
		expect(isNoProxy(target, {NO_PROXY: '*'})).toBe(true);
		expect(isNoProxy(url('http://127.0.0.1:4000'), {NO_PROXY: '127.0.0.1'})).toBe(true);
		expect(isNoProxy(url('http://[::1]:4000'), {NO_PROXY: '[::1]:4000'})).toBe(true);
		expect(isNoProxy(url('http://127.0.0.1:4000'), {NO_PROXY: 'localhost'})).toBe(false);
	});

	it('refuses a proxy setting that is not a URL without showing its value', () => {
		expect(() => proxyFor('https://acme.api.identitynow.com', {HTTPS_PROXY: 'ftp://user:hunter2@proxy'})).toThrow(
			'HTTPS_PROXY is not a usable proxy URL (expected e.g. http://proxy.example.com:3128)',
		);
	});
});

describe('the CLI behind a proxy', () => {
	it('sends the token and status requests through HTTP_PROXY', async () => {
		const sim = await tenantSimulator();
		const proxy = await startProxy();
		const box = testSandbox();
		const host = new URL(sim.url).host;
		const result = await runCli(['status', '--json', RUNNING_ID], {
			env: {
				...box.env,
				HTTP_PROXY: proxy.url,
				SAIL_BASE_URL: sim.url,
				SAIL_CLIENT_ID: ADHOC.clientId,
				SAIL_CLIENT_SECRET: ADHOC.clientSecret,
			},
			cwd: box.work,
		});
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(JSON.parse(result.stdout)).toMatchObject({status: 'ACCOUNTS_COLLECTED'});
		// Keep-alive: one tunnel may carry every request.
		expect(proxy.connects.length).toBeGreaterThanOrEqual(1);
		expect(new Set(proxy.connects)).toEqual(new Set([host]));
		// The token, the status, and the task (which names the run's source for status's Source line).
		expect(sim.log.map(entry => entry.path)).toEqual([
			'/oauth/token',
			`/v2025/account-aggregations/${RUNNING_ID}/status`,
			`/v2025/task-status/${RUNNING_ID}`,
		]);
	});

	it('checks the credentials of "tenant add" through the proxy too', async () => {
		const sim = await tenantSimulator();
		const proxy = await startProxy();
		const box = testSandbox();
		const result = await runCli(['tenant', 'add', 'acme', '--base-url', sim.url, '--client-id', ACME.clientId], {
			env: {...box.env, http_proxy: proxy.url},
			cwd: box.work,
			input: `${ACME.clientSecret}\n`,
		});
		expect(result.code).toBe(0);
		expect(proxy.connects).toEqual([new URL(sim.url).host]);
	});

	it('goes direct when NO_PROXY names the host', async () => {
		const sim = await tenantSimulator();
		const proxy = await startProxy();
		const box = testSandbox();
		const result = await runCli(['status', RUNNING_ID], {
			env: {
				...box.env,
				HTTP_PROXY: proxy.url,
				NO_PROXY: 'example.com,127.0.0.1',
				SAIL_BASE_URL: sim.url,
				SAIL_CLIENT_ID: ADHOC.clientId,
				SAIL_CLIENT_SECRET: ADHOC.clientSecret,
			},
			cwd: box.work,
		});
		expect(result.code).toBe(0);
		expect(proxy.connects).toEqual([]);
		expect(sim.log).toHaveLength(3);
	});

	it('tunnels https tenants through HTTPS_PROXY (and reports a proxy that refuses as a network failure)', {timeout: 60_000}, async () => {
		const proxy = await startProxy();
		const box = testSandbox();
		const result = await runCli(['status', RUNNING_ID], {
			env: {
				...box.env,
				HTTPS_PROXY: proxy.url,
				SAIL_BASE_URL: 'acme',
				SAIL_CLIENT_ID: ADHOC.clientId,
				SAIL_CLIENT_SECRET: ADHOC.clientSecret,
			},
			cwd: box.work,
		});
		// The first try and the client's retries, each through the proxy; nothing went direct (there is no network here).
		expect(proxy.connects.length).toBeGreaterThanOrEqual(1);
		expect(new Set(proxy.connects)).toEqual(new Set(['acme.api.identitynow.com:443']));
		expect(result.code).toBe(6);
		expect(result.stderr).toContain('Cannot reach acme.api.identitynow.com');
		expect(result.stderr).not.toContain(ADHOC.clientSecret);
	});

	it('stops with one line when a proxy variable is not a URL', async () => {
		const box = testSandbox();
		const result = await runCli(['status', RUNNING_ID], {
			env: {
				...box.env,
				HTTPS_PROXY: 'http://user:pa ss@bad host',
				SAIL_BASE_URL: 'acme',
				SAIL_CLIENT_ID: 'x',
				SAIL_CLIENT_SECRET: ADHOC.clientSecret,
			},
			cwd: box.work,
		});
		expect(result.code).toBe(1);
		expect(result.stderr).toBe('aggwatch: HTTPS_PROXY is not a usable proxy URL (expected e.g. http://proxy.example.com:3128)\n');
	});
});
