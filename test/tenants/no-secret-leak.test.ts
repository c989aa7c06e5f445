/**
 * Secrets never show: not on standard output or error (human or --json), not in the --debug request log, not in
 * the main config file, whatever succeeds or fails. Each command below runs the built CLI; every byte it leaves
 * behind is searched for the recognisable test secrets.
 */
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {ensureBuilt, runCli, type CliResult} from '../helpers/cli.js';
import {ACME, ADHOC, ALL_SECRETS, GLOBEX, QUICK_ID, RUNNING_ID, tenantSimulator, testSandbox} from './fixtures.js';

beforeAll(async () => {
	await ensureBuilt();
}, 120_000);

describe('secrets stay out of every output', () => {
	it('through adding, using, failing, listing and waiting', async () => {
		const sim = await tenantSimulator();
		const box = testSandbox();
		const debugLog = path.join(box.work, 'debug.log');
		const adHoc = {SAIL_BASE_URL: sim.url, SAIL_CLIENT_ID: ADHOC.clientId, SAIL_CLIENT_SECRET: ADHOC.clientSecret};
		const run = async (args: string[], options: {env?: Record<string, string>; input?: string} = {}): Promise<CliResult> =>
			runCli(args, {env: {...box.env, ...options.env}, cwd: box.work, ...(options.input === undefined ? {} : {input: options.input})});

		const results: Array<{args: string[]; result: CliResult; code: number}> = [];
		const step = async (args: string[], code: number, options: {env?: Record<string, string>; input?: string} = {}) => {
			const result = await run(args, options);
			results.push({args, result, code});
		};

		await step(['tenant', 'add', 'acme', '--base-url', sim.url, '--client-id', ACME.clientId, '--debug', debugLog], 0, {
			input: `${ACME.clientSecret}\n`,
		});
		// A wrong secret: ISC refuses it, and the refusal is reported (without the secret).
		await step(['tenant', 'add', 'globex', '--base-url', sim.url, '--debug', debugLog], 4, {
			env: {SAIL_CLIENT_ID: GLOBEX.clientId, SAIL_CLIENT_SECRET: `${GLOBEX.clientSecret}-wrong`},
		});
		await step(['tenant', 'add', 'globex', '--base-url', sim.url, '--client-id', GLOBEX.clientId, '--debug', debugLog], 0, {
			input: `${GLOBEX.clientSecret}\n`,
		});
		await step(['tenant', 'list'], 0);
		await step(['tenant', 'list', '--json'], 0);
		await step(['status', '--json', '--debug', debugLog, RUNNING_ID, QUICK_ID], 0);
		await step(['status', '--tenant', 'globex', '--debug', debugLog, RUNNING_ID], 0);
		await step(['status', '--debug', debugLog, RUNNING_ID], 0, {env: adHoc});
		await step(['status', '--client-secret-stdin', '--base-url', sim.url, '--client-id', ADHOC.clientId, RUNNING_ID], 4, {
			input: `${ADHOC.clientSecret}x\n`,
		});
		await step(['track', RUNNING_ID], 0);
		await step(['list', '--json'], 0);
		await step(['wait', '--json', '--interval', '1', '--debug', debugLog, QUICK_ID], 0);
		await step(['wait', '--json', '--tenant', 'globex', '--timeout', '1s', '--debug', debugLog, RUNNING_ID], 5);
		// Credentials revoked while in use: the 401 path and its messages.
		sim.rotateSecret(ACME.clientId, `${ACME.clientSecret}-rotated`);
		await step(['status', '--debug', debugLog, RUNNING_ID], 4);
		await step(['wait', '--json', '--debug', debugLog, RUNNING_ID], 4);
		await step(['tenant', 'remove', 'globex', '--drop-rows'], 0);

		for (const {args, result, code} of results) {
			expect({args, code: result.code}).toEqual({args, code});
			for (const secret of ALL_SECRETS) {
				expect(result.stdout, `stdout of ${args.join(' ')}`).not.toContain(secret);
				expect(result.stderr, `stderr of ${args.join(' ')}`).not.toContain(secret);
			}
		}

		const log = readFileSync(debugLog, 'utf8');
		const entries = log
			.trim()
			.split('\n')
			.map(line => JSON.parse(line) as {tenant: string; url: string; method: string; status?: number});
		// The log is really written (token requests, status calls, the 401s) and names the tenant of each request.
		expect(entries.some(entry => entry.method === 'POST' && entry.url.endsWith('/oauth/token') && entry.status === 401)).toBe(true);
		expect(entries.some(entry => entry.tenant === 'globex' && entry.url.endsWith(`/${RUNNING_ID}/status`))).toBe(true);
		expect(new Set(entries.map(entry => entry.tenant))).toEqual(new Set(['acme', 'globex', new URL(sim.url).host]));
		for (const secret of ALL_SECRETS) {
			expect(log).not.toContain(secret);
		}

		expect(log).not.toMatch(/bearer|authorization|client_secret|access_token/i);
		expect(readFileSync(path.join(box.config, 'config.json'), 'utf8')).not.toMatch(/SECRET/);
	}, 120_000);
});
