/**
 * Ids that do not look like ISC ids never reach a terminal, the store or the polling: a loopback stand-in tenant
 * lists running aggregations whose ids hold an OSC 52 clipboard write, an OSC 8 link, a clear-screen and a title
 * change, beside one real id. `discover` shows and tracks only the real one; a typed id like that is refused (and
 * echoed cleaned); a store file edited by hand with such an id is listed without its control characters.
 */
import {once} from 'node:events';
import {readFileSync, writeFileSync, mkdirSync} from 'node:fs';
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ensureBuilt, runCli, sandbox, type Sandbox} from '../helpers/cli.js';

const GOOD = 'c0ffee00c0ffee00c0ffee00c0ffee00';
const SOURCE = '5011ce005011ce005011ce005011ce00';
const HOSTILE_IDS = [
	'\u001b]52;c;cm0gLXJmIH4=\u0007',
	'\u001b]8;;https://evil.example/\u001b\\click\u001b]8;;\u001b\\',
	'\u001b[2J\u001b[H',
	'\u001b]0;pwned\u0007',
];
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

function task(id: string) {
	return {
		id,
		type: 'CLOUD_ACCOUNT_AGGREGATION',
		uniqueName: 'Cloud Account Aggregation',
		launched: new Date(Date.now() - 60_000).toISOString(),
		created: new Date(Date.now() - 60_000).toISOString(),
		completionStatus: null,
		target: {id: SOURCE, name: 'Workday', type: 'APPLICATION'},
		messages: [],
		attributes: {},
		returns: [],
	};
}

let server: Server;
let url: string;
let box: Sandbox;
let env: Record<string, string>;

beforeAll(async () => {
	await ensureBuilt();
	server = createServer((request, response) => {
		response.setHeader('content-type', 'application/json');
		const target = request.url ?? '';
		if (target.startsWith('/oauth/token')) {
			response.end(JSON.stringify({access_token: 'stand-in-token', expires_in: 749}));
		} else if (target.startsWith('/v2025/task-status?')) {
			response.end(JSON.stringify([...HOSTILE_IDS.map(id => task(id)), task(GOOD)]));
		} else if (target.startsWith(`/v2025/sources/${SOURCE}`)) {
			response.end(JSON.stringify({id: SOURCE, name: 'Workday'}));
		} else {
			response.statusCode = 404;
			response.end(JSON.stringify({detailCode: '404 Not found', messages: [{locale: 'en-US', text: 'Not found'}]}));
		}
	});
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	box = sandbox();
	env = {...box.env, SAIL_BASE_URL: url, SAIL_CLIENT_ID: 'client', SAIL_CLIENT_SECRET: 'client-secret-value'};
}, 120_000);

afterAll(() => {
	server?.close();
	box?.remove();
});

function clean(output: string): void {
	expect(output).not.toMatch(CONTROL);
}

describe('ids from the tenant', () => {
	it('discover prints only ids that are ISC ids', async () => {
		const result = await runCli(['discover'], {env, cwd: box.work});
		expect(result.code).toBe(0);
		expect(result.stdout).toContain(GOOD);
		clean(result.stdout);
		clean(result.stderr);
		const json = await runCli(['discover', '--json'], {env, cwd: box.work});
		const ids = json.stdout
			.trim()
			.split('\n')
			.map(line => (JSON.parse(line) as {id: string}).id);
		expect(ids).toEqual([GOOD]);
	});

	it('discover --track saves only the real id, and list prints nothing raw', async () => {
		const track = await runCli(['discover', '--track'], {env, cwd: box.work});
		expect(track.code).toBe(0);
		clean(track.stdout);
		clean(track.stderr);
		const stored = JSON.parse(readFileSync(path.join(box.config, 'config.json'), 'utf8')) as {tracked: Array<{id: string}>};
		expect(stored.tracked.map(row => row.id)).toEqual([GOOD]);
		const list = await runCli(['list'], {env, cwd: box.work});
		expect(list.code).toBe(0);
		expect(list.stdout).toContain(GOOD);
		clean(list.stdout);
	});
});

describe('ids typed by the user', () => {
	for (const command of ['track', 'status', 'wait']) {
		it(`${command} refuses an id that is not an ISC id: one line, cleaned, nothing saved or sent`, async () => {
			const own = sandbox();
			try {
				const result = await runCli([command, HOSTILE_IDS[0]!], {
					env: {...own.env, SAIL_BASE_URL: url, SAIL_CLIENT_ID: 'client', SAIL_CLIENT_SECRET: 'x'},
					cwd: own.work,
				});
				expect(result.code).toBe(1);
				expect(result.stderr.split('\n')[0]).toBe(
					'aggwatch: "\\u001b]52;c;cm0gLXJmIH4=\\u0007" is not an ISC id (32 hexadecimal characters, as ISC shows them); nothing was done',
				);
				clean(result.stderr);
				expect(result.stdout).toBe('');
				expect(() => readFileSync(path.join(own.config, 'config.json'))).toThrow();
			} finally {
				own.remove();
			}
		});
	}
});

describe('ids from a store file edited by hand', () => {
	it('list shows them without their control characters', async () => {
		const own = sandbox();
		try {
			mkdirSync(own.config, {recursive: true});
			const tracked = HOSTILE_IDS.map((id, index) => ({id, tenant: 'acme', addedAt: index + 1, label: `Name${HOSTILE_IDS[3]!}`}));
			writeFileSync(
				path.join(own.config, 'config.json'),
				JSON.stringify({schemaVersion: 1, tracked, prefs: {sort: 'added', detail: false}, tenants: {}}),
			);
			const list = await runCli(['list'], {env: own.env, cwd: own.work});
			expect(list.code).toBe(0);
			expect(list.stdout).toContain('acme');
			clean(list.stdout);
		} finally {
			own.remove();
		}
	});
});
