import {execFile} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startSimulator} from '../../source/simulator/server.js';
import type {Simulator} from '../../source/simulator/types.js';

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const SECRET = 'sekrit-Zq81-do-not-print';
const RUNNING = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const DONE = '1a1b2c3d4e5f60718293a4b5c6d7e8f9';

interface Run {
	code: number | null;
	stdout: string;
	stderr: string;
}

function run(args: string[], env: Record<string, string>): Promise<Run> {
	return new Promise(resolve => {
		execFile(
			process.execPath,
			[cli, ...args],
			{env: {PATH: process.env['PATH'] ?? '', HOME: home, ...env}, timeout: 20_000},
			(error, stdout, stderr) => {
				resolve({code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr});
			},
		);
	});
}

let sim: Simulator;
let home: string;
let env: Record<string, string>;

beforeAll(async () => {
	home = mkdtempSync(path.join(tmpdir(), 'aggwatch-status-'));
	sim = await startSimulator({
		clients: [{clientId: 'ci-client', clientSecret: SECRET}],
		aggregations: [
			{
				id: RUNNING,
				sourceId: 's1',
				sourceName: 'Workday',
				startAtMs: -60_000,
				collectMs: 10_000,
				totalAccounts: 10_000,
				accountsPerSecond: 10,
				outcome: {type: 'COMPLETED'},
			},
			{
				id: DONE,
				sourceId: 's2',
				sourceName: 'AD',
				startAtMs: -120_000,
				collectMs: 1000,
				totalAccounts: 50,
				accountsPerSecond: 50,
				outcome: {type: 'COMPLETED'},
			},
		],
	});
	env = {SAIL_BASE_URL: sim.url, SAIL_CLIENT_ID: 'ci-client', SAIL_CLIENT_SECRET: SECRET, AGGWATCH_CONFIG_DIR: path.join(home, 'config')};
});

afterAll(async () => {
	await sim.close();
	rmSync(home, {recursive: true, force: true});
});

describe('aggwatch status (built CLI against the simulated tenant)', () => {
	it('prints the status object with the id added, one per line, and exits 0', async () => {
		const result = await run(['status', '--json', RUNNING, DONE], env);
		expect(result.code).toBe(0);
		const lines = result.stdout
			.trim()
			.split('\n')
			.map(line => JSON.parse(line) as Record<string, unknown>);
		expect(lines).toHaveLength(2);
		expect(lines[0]).toMatchObject({id: RUNNING, status: 'ACCOUNTS_COLLECTED', totalAccounts: 10_000});
		expect(lines[0]!['processedAccounts']).toBeGreaterThan(400);
		expect(lines[1]).toMatchObject({id: DONE, status: 'COMPLETED', totalAccounts: 50, processedAccounts: 50});
		// One token for both ids, and the experimental header on each status call.
		const statusCalls = sim.log.filter(entry => entry.path.endsWith('/status'));
		expect(statusCalls.length).toBeGreaterThanOrEqual(2);
		expect(statusCalls.every(entry => entry.experimentalHeader === 'true')).toBe(true);
	});

	it('prints a readable block per id', async () => {
		const result = await run(['status', DONE], env);
		expect(result.code).toBe(0);
		expect(result.stdout).toContain(`${DONE}  COMPLETED`);
		expect(result.stdout).toMatch(/Changes\s+50 \/ 50 \(100\.0%\)/);
		expect(result.stdout).toMatch(/Started\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(2m \d\ds ago\)/);
	});

	it('exits 3 for an unknown id, with the tracking id, and still prints the others', async () => {
		const unknown = 'ffffffffffffffffffffffffffffffff';
		const result = await run(['status', DONE, unknown], env);
		expect(result.code).toBe(3);
		expect(result.stdout).toContain('COMPLETED');
		expect(result.stderr).toMatch(new RegExp(`${unknown}: .*\\(HTTP 404\\) \\[trackingId [0-9a-f]+\\]`));
	});

	it('refuses an id that is not 32 hex characters, sending nothing, and echoes it cleaned', async () => {
		const before = sim.log.length;
		const result = await run(['status', 'not-an-id\u001b]52;c;aGk=\u0007'], env);
		expect(result.code).toBe(1);
		expect(result.stderr.split('\n')[0]).toBe(
			'aggwatch: "not-an-id\\u001b]52;c;aGk=\\u0007" is not an ISC id (32 hexadecimal characters, as ISC shows them); nothing was done',
		);
		expect(result.stderr).not.toContain('\u001b');
		expect(sim.log.slice(before)).toEqual([]);
	});

	it('with a wrong secret exits 4 with one line that names the variable and never the secret', async () => {
		const wrong = 'wrong-secret-7Hk2-also-private';
		const result = await run(['status', RUNNING], {...env, SAIL_CLIENT_SECRET: wrong});
		expect(result.code).toBe(4);
		expect(result.stdout).toBe('');
		const lines = result.stderr.trim().split('\n');
		expect(lines).toHaveLength(1);
		expect(lines[0]).toContain('SAIL_CLIENT_SECRET');
		expect(result.stderr).not.toContain(wrong);
		expect(result.stderr).not.toContain(SECRET);
	});

	it('refuses plain http to a non-loopback host before sending anything', async () => {
		const result = await run(['status', RUNNING], {...env, SAIL_BASE_URL: 'http://acme.example.com'});
		expect(result.code).toBe(1);
		expect(result.stderr.trim().split('\n')[0]).toBe('aggwatch: http:// is only allowed for loopback hosts; use https://acme.example.com');
	});

	it('writes a --debug request log without the secret or the token', async () => {
		const log = path.join(home, 'debug.log');
		const result = await run(['status', '--debug', log, RUNNING], env);
		expect(result.code).toBe(0);
		const text = readFileSync(log, 'utf8');
		const entries = text
			.trim()
			.split('\n')
			.map(line => JSON.parse(line) as {method: string; url: string; status?: number});
		expect(entries.some(entry => entry.method === 'POST' && entry.url.endsWith('/oauth/token') && entry.status === 200)).toBe(true);
		expect(entries.some(entry => entry.url.endsWith(`/v2025/account-aggregations/${RUNNING}/status`))).toBe(true);
		expect(text).not.toContain(SECRET);
		expect(text).not.toMatch(/bearer|access_token/i);
	});

	it('--demo needs no credentials', async () => {
		const result = await run(['status', '--demo', '--json', '5f0e7d2c9b1a48e3a6d4c2b0e8f61a72'], {});
		expect(result.code).toBe(0);
		expect(JSON.parse(result.stdout)).toMatchObject({id: '5f0e7d2c9b1a48e3a6d4c2b0e8f61a72', status: 'ACCOUNTS_COLLECTED'});
	});
});
