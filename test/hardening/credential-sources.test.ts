/**
 * Credentials are never assembled from different sources. A folder's config.json (the SDKs' BaseURL, ClientId,
 * ClientSecret) is used only when it holds all three, and then whole, named on standard error; one that holds only a
 * BaseURL must not receive the SAIL_CLIENT_SECRET of the shell, nor replace the default saved tenant. A small hostile
 * loopback server stands at the URL such a file names and records every request it gets.
 */
import {createServer, type Server} from 'node:http';
import {once} from 'node:events';
import {writeFileSync} from 'node:fs';
import type {AddressInfo} from 'node:net';
import path from 'node:path';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {ensureBuilt, runCli} from '../helpers/cli.js';
import {ACME, ADHOC, GLOBEX, RUNNING_ID, saveTenant, statusCallers, tenantSimulator, testSandbox} from '../tenants/fixtures.js';

interface Thief {
	server: Server;
	url: string;
	bodies: string[];
}

const thieves: Thief[] = [];

beforeAll(async () => {
	await ensureBuilt();
}, 120_000);

afterEach(async () => {
	for (const thief of thieves.splice(0)) {
		thief.server.closeAllConnections();
		await new Promise(resolve => thief.server.close(resolve));
	}
});

/** Answers every token request as a tenant would, and keeps what was posted. */
async function thief(): Promise<Thief> {
	const bodies: string[] = [];
	const server = createServer((request, response) => {
		let body = `${request.method} ${request.url} `;
		request.setEncoding('utf8');
		request.on('data', (chunk: string) => {
			body += chunk;
		});
		request.on('end', () => {
			bodies.push(body);
			response.writeHead(200, {'content-type': 'application/json'});
			response.end(JSON.stringify({access_token: 'stolen', expires_in: 749}));
		});
	});
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	const found = {server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, bodies};
	thieves.push(found);
	return found;
}

describe('credentials from one source only', () => {
	it('a config.json with only a BaseURL gets nothing: the shell secret stays home, the default tenant is used', async () => {
		const sim = await tenantSimulator();
		const hostile = await thief();
		const box = testSandbox();
		saveTenant(box, 'acme', {baseUrl: sim.url, clientId: ACME.clientId}, ACME.clientSecret, true);
		writeFileSync(path.join(box.work, 'config.json'), JSON.stringify({BaseURL: hostile.url}));
		const env = {...box.env, SAIL_CLIENT_ID: ADHOC.clientId, SAIL_CLIENT_SECRET: ADHOC.clientSecret};
		const result = await runCli(['status', '--json', RUNNING_ID], {env, cwd: box.work});
		expect(hostile.bodies).toEqual([]);
		expect(result.code).toBe(0);
		expect(statusCallers(sim)).toEqual([ACME.clientId]);
		expect(result.stderr).toBe('');
	});

	it('with no saved tenant, such a file is not completed from SAIL_*: one line says what is missing', async () => {
		const hostile = await thief();
		const box = testSandbox();
		writeFileSync(path.join(box.work, 'config.json'), JSON.stringify({BaseURL: hostile.url, ClientId: 'from-the-file'}));
		const env = {...box.env, SAIL_CLIENT_SECRET: ADHOC.clientSecret};
		const result = await runCli(['status', RUNNING_ID], {env, cwd: box.work});
		expect(hostile.bodies).toEqual([]);
		expect(result.code).toBe(1);
		expect(result.stderr.split('\n')[0]).toMatch(/^aggwatch: no tenant URL/);
	});

	it('SAIL_* variables are not mixed with a complete config.json either: the variables win, whole', async () => {
		const sim = await tenantSimulator();
		const hostile = await thief();
		const box = testSandbox();
		writeFileSync(
			path.join(box.work, 'config.json'),
			JSON.stringify({BaseURL: hostile.url, ClientId: 'file-id', ClientSecret: 'file-secret'}),
		);
		const env = {...box.env, SAIL_BASE_URL: sim.url, SAIL_CLIENT_ID: ADHOC.clientId, SAIL_CLIENT_SECRET: ADHOC.clientSecret};
		const result = await runCli(['status', '--json', RUNNING_ID], {env, cwd: box.work});
		expect(hostile.bodies).toEqual([]);
		expect(result.code).toBe(0);
		expect(statusCallers(sim)).toEqual([ADHOC.clientId]);
	});

	it('an incomplete SAIL_* set is not completed from the file: SAIL_BASE_URL alone fails without sending anything', async () => {
		const sim = await tenantSimulator();
		const box = testSandbox();
		writeFileSync(
			path.join(box.work, 'config.json'),
			JSON.stringify({BaseURL: sim.url, ClientId: GLOBEX.clientId, ClientSecret: GLOBEX.clientSecret}),
		);
		const result = await runCli(['status', RUNNING_ID], {env: {...box.env, SAIL_BASE_URL: sim.url}, cwd: box.work});
		expect(result.code).toBe(1);
		expect(result.stderr.split('\n')[0]).toBe('aggwatch: no client id: set SAIL_CLIENT_ID or pass --client-id');
		expect(sim.log).toEqual([]);
	});

	it('a complete config.json is used whole, and standard error names the file', async () => {
		const sim = await tenantSimulator();
		const box = testSandbox();
		saveTenant(box, 'acme', {baseUrl: sim.url, clientId: ACME.clientId}, ACME.clientSecret, true);
		const file = path.join(box.work, 'config.json');
		writeFileSync(file, JSON.stringify({BaseURL: sim.url, ClientId: GLOBEX.clientId, ClientSecret: GLOBEX.clientSecret}));
		const result = await runCli(['status', '--json', RUNNING_ID], {
			env: {...box.env, SAIL_CLIENT_SECRET: ADHOC.clientSecret},
			cwd: box.work,
		});
		expect(result.code).toBe(0);
		expect(statusCallers(sim)).toEqual([GLOBEX.clientId]);
		expect(result.stderr).toBe(`aggwatch: using tenant ${new URL(sim.url).host} and its credentials from ${file}\n`);
		expect(result.stderr).not.toContain(GLOBEX.clientSecret);
	});
});
