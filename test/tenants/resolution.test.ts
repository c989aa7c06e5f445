/**
 * Which tenant a command uses: --tenant, else the ad-hoc SAIL_* / flags / ./config.json tenant, else the default
 * saved tenant. Each case runs the built CLI against one simulated tenant that knows three API clients, and the
 * simulator's log says whose token asked for the status.
 */
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {ensureBuilt, runCli} from '../helpers/cli.js';
import {ACME, ADHOC, GLOBEX, RUNNING_ID, saveTenant, statusCallers, tenantSimulator, testSandbox} from './fixtures.js';

beforeAll(async () => {
	await ensureBuilt();
}, 120_000);

async function setup() {
	const sim = await tenantSimulator();
	const box = testSandbox();
	saveTenant(box, 'acme', {baseUrl: sim.url, clientId: ACME.clientId}, ACME.clientSecret, true);
	saveTenant(box, 'globex', {baseUrl: sim.url, clientId: GLOBEX.clientId}, GLOBEX.clientSecret);
	const adHocEnv = {SAIL_BASE_URL: sim.url, SAIL_CLIENT_ID: ADHOC.clientId, SAIL_CLIENT_SECRET: ADHOC.clientSecret};
	return {sim, box, adHocEnv};
}

describe('tenant resolution', () => {
	it('uses the default saved tenant when nothing else names one', async () => {
		const {sim, box} = await setup();
		const result = await runCli(['status', '--json', RUNNING_ID], {env: box.env, cwd: box.work});
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(JSON.parse(result.stdout)).toMatchObject({id: RUNNING_ID, status: 'ACCOUNTS_COLLECTED'});
		expect(statusCallers(sim)).toEqual([ACME.clientId]);
	});

	it('prefers the SAIL_* variables to the default saved tenant', async () => {
		const {sim, box, adHocEnv} = await setup();
		const result = await runCli(['status', '--json', RUNNING_ID], {env: {...box.env, ...adHocEnv}, cwd: box.work});
		expect(result.code).toBe(0);
		expect(statusCallers(sim)).toEqual([ADHOC.clientId]);
	});

	it('prefers the SDK config.json in the current folder to the default saved tenant', async () => {
		const {sim, box} = await setup();
		writeFileSync(
			path.join(box.work, 'config.json'),
			JSON.stringify({BaseURL: sim.url, ClientId: ADHOC.clientId, ClientSecret: ADHOC.clientSecret}),
		);
		const result = await runCli(['status', '--json', RUNNING_ID], {env: box.env, cwd: box.work});
		expect(result.code).toBe(0);
		expect(statusCallers(sim)).toEqual([ADHOC.clientId]);
	});

	it('prefers --tenant to the SAIL_* variables and to the default', async () => {
		const {sim, box, adHocEnv} = await setup();
		const result = await runCli(['status', '--json', '--tenant', 'globex', RUNNING_ID], {env: {...box.env, ...adHocEnv}, cwd: box.work});
		expect(result.code).toBe(0);
		expect(statusCallers(sim)).toEqual([GLOBEX.clientId]);
	});

	it('takes --tenant before the command word too', async () => {
		const {sim, box} = await setup();
		const result = await runCli(['--tenant', 'globex', 'status', RUNNING_ID], {env: box.env, cwd: box.work});
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('ACCOUNTS_COLLECTED');
		expect(statusCallers(sim)).toEqual([GLOBEX.clientId]);
	});

	it('uses a tenant made default with "tenant use"', async () => {
		const {sim, box} = await setup();
		const use = await runCli(['tenant', 'use', 'globex'], {env: box.env, cwd: box.work});
		expect(use).toMatchObject({code: 0, stdout: 'globex is the default tenant\n'});
		const result = await runCli(['status', RUNNING_ID], {env: box.env, cwd: box.work});
		expect(result.code).toBe(0);
		expect(statusCallers(sim)).toEqual([GLOBEX.clientId]);
	});

	it('lets the wait command pick a tenant the same way', async () => {
		const {sim, box} = await setup();
		const result = await runCli(['wait', '--tenant', 'globex', '--json', '--timeout', '1s', RUNNING_ID], {env: box.env, cwd: box.work});
		expect(result.code).toBe(5);
		expect(new Set(statusCallers(sim))).toEqual(new Set([GLOBEX.clientId]));
		const events = result.stdout
			.trim()
			.split('\n')
			.map(line => JSON.parse(line) as {event: string; tenant?: string});
		expect(events.filter(event => event.event === 'change').every(event => event.tenant === 'globex')).toBe(true);
	});

	it('names the saved tenants when --tenant names none of them', async () => {
		const {sim, box} = await setup();
		const result = await runCli(['status', '--tenant', 'initech', RUNNING_ID], {env: box.env, cwd: box.work});
		expect(result.code).toBe(1);
		expect(result.stderr.split('\n')[0]).toBe(
			'aggwatch: no saved tenant "initech" (saved: acme, globex); add it with "aggwatch tenant add initech"',
		);
		expect(sim.log).toEqual([]);
	});

	it('refuses --tenant together with --base-url', async () => {
		const {box} = await setup();
		const result = await runCli(['status', '--tenant', 'acme', '--base-url', 'acme', RUNNING_ID], {env: box.env, cwd: box.work});
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('--tenant cannot be combined with --base-url');
	});

	it('says how to add a tenant when there is none', async () => {
		const box = testSandbox();
		const result = await runCli(['status', RUNNING_ID], {env: box.env, cwd: box.work});
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('aggwatch tenant add NAME');
		expect(result.stderr).toContain('SAIL_BASE_URL');
	});

	it('still says which SAIL_* variable is missing for an incomplete ad-hoc tenant', async () => {
		const box = testSandbox();
		const result = await runCli(['status', RUNNING_ID], {env: {...box.env, SAIL_BASE_URL: 'acme', SAIL_CLIENT_ID: 'x'}, cwd: box.work});
		expect(result.code).toBe(1);
		expect(result.stderr.split('\n')[0]).toBe(
			'aggwatch: no client secret: set SAIL_CLIENT_SECRET or pipe it in with --client-secret-stdin',
		);
	});

	it('fails with exit code 4 and says what to do when a saved tenant has no stored secret', async () => {
		const {sim, box} = await setup();
		saveTenant(box, 'initech', {baseUrl: sim.url, clientId: 'initech-client'}, undefined);
		const result = await runCli(['status', '--tenant', 'initech', RUNNING_ID], {env: box.env, cwd: box.work});
		expect(result.code).toBe(4);
		expect(result.stderr).toBe(
			'aggwatch: no client secret is stored for tenant "initech" - run "aggwatch tenant add initech" to store its credentials again\n',
		);
		expect(sim.log).toEqual([]);
	});

	it('names the saved tenant when ISC refuses its stored credentials', async () => {
		const {sim, box} = await setup();
		sim.rotateSecret(GLOBEX.clientId, 'rotated-elsewhere');
		const result = await runCli(['status', '--tenant', 'globex', RUNNING_ID], {env: box.env, cwd: box.work});
		expect(result.code).toBe(4);
		expect(result.stderr).toContain('tenant "globex"');
		expect(result.stderr).toContain('aggwatch tenant add globex');
	});
});
