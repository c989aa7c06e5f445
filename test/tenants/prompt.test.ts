/**
 * Questions on a terminal: `tenant add` asks for the client id (shown) and the secret (never shown: raw mode, no
 * echo), and `tenant remove` asks whether to drop the tenant's rows. Run in a real pseudo-terminal; scripts get
 * flags instead, checked without one.
 */
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {openStore} from '../../source/store/config.js';
import {cleanEnvironment, cliPath, ensureBuilt, ndjson, runCli, type Sandbox} from '../helpers/cli.js';
import {spawnPty, type PtySession} from '../helpers/pty.js';
import {ACME, GLOBEX, QUICK_ID, RUNNING_ID, saveTenant, tenantSimulator, testSandbox} from './fixtures.js';

const sessions: PtySession[] = [];

afterEach(() => {
	for (const session of sessions.splice(0)) {
		session.dispose();
	}
});

beforeAll(async () => {
	await ensureBuilt();
}, 120_000);

function terminal(box: Sandbox, args: string[]): PtySession {
	const session = spawnPty(process.execPath, [cliPath(), ...args], {cols: 120, rows: 20, cwd: box.work, env: cleanEnvironment(box.env)});
	sessions.push(session);
	return session;
}

function trackedTenants(box: Sandbox): string[] {
	const {store} = openStore({cwd: box.config});
	const tenants = store.listTracked().map(row => row.tenant);
	store.close();
	return tenants;
}

describe('tenant add on a terminal', () => {
	it('asks for the client id, then the secret without echoing it, and saves', async () => {
		const sim = await tenantSimulator();
		const box = testSandbox();
		const session = terminal(box, ['tenant', 'add', 'acme', '--base-url', sim.url]);
		await session.waitForText('Client id for acme:');
		await session.write(...ACME.clientId, '\r');
		await session.waitForText('Client secret for acme (not shown):');
		// A typo, corrected with Backspace: only the corrected secret works at the token endpoint.
		await session.write(...ACME.clientSecret.slice(0, -1), 'X', '\u007F', ACME.clientSecret.slice(-1), '\r');
		await session.waitForText('acme is the default tenant');
		expect((await session.waitForExit()).exitCode).toBe(0);

		expect(session.screenText()).toContain(`Client id for acme: ${ACME.clientId}`);
		expect(session.rawOutput()).not.toContain(ACME.clientSecret);
		expect(session.rawOutput()).not.toContain(ACME.clientSecret.slice(0, 6));
		expect(session.screenText()).toContain('acme: the credentials work');
		const list = await runCli(['tenant', 'list', '--json'], {env: box.env, cwd: box.work});
		expect(ndjson(list.stdout)).toEqual([expect.objectContaining({name: 'acme', clientId: ACME.clientId, secret: 'file', default: true})]);
	}, 60_000);

	it('stops on Ctrl-C at the secret question with exit code 130 and saves nothing', async () => {
		const box = testSandbox();
		const session = terminal(box, ['tenant', 'add', 'acme', '--client-id', ACME.clientId]);
		await session.waitForText('Client secret for acme (not shown):');
		await session.write('abc', '\u0003');
		expect((await session.waitForExit()).exitCode).toBe(130);
		expect(session.screenText()).toContain('aggwatch: cancelled');
		const list = await runCli(['tenant', 'list', '--json'], {env: box.env, cwd: box.work});
		expect(ndjson(list.stdout)).toEqual([]);
	}, 60_000);
});

describe('tenant remove and the tenant’s rows', () => {
	function withRows(): Sandbox {
		const box = testSandbox();
		saveTenant(box, 'acme', {baseUrl: 'https://acme.api.identitynow.com', clientId: ACME.clientId}, ACME.clientSecret, true);
		saveTenant(box, 'globex', {baseUrl: 'https://globex.api.identitynow.com', clientId: GLOBEX.clientId}, GLOBEX.clientSecret);
		const {store} = openStore({cwd: box.config});
		store.addTracked([
			{id: RUNNING_ID, tenant: 'acme', addedAt: 1},
			{id: QUICK_ID, tenant: 'acme', addedAt: 2},
			{id: RUNNING_ID, tenant: 'globex', addedAt: 3},
		]);
		store.close();
		return box;
	}

	it('asks on a terminal, and drops them on y', async () => {
		const box = withRows();
		const session = terminal(box, ['tenant', 'remove', 'acme']);
		await session.waitForText('acme has 2 tracked aggregations. Stop tracking them too? [y/N]');
		await session.write('y', '\r');
		await session.waitForText('Stopped tracking 2 aggregations of acme');
		expect((await session.waitForExit()).exitCode).toBe(0);
		expect(session.screenText()).toContain('There is no default tenant now; pick one with "aggwatch tenant use NAME" (globex)');
		expect(trackedTenants(box)).toEqual(['globex']);
		const list = await runCli(['tenant', 'list', '--json'], {env: box.env, cwd: box.work});
		expect((ndjson(list.stdout) as Array<{name: string}>).map(tenant => tenant.name)).toEqual(['globex']);
	}, 60_000);

	it('keeps them when the answer is just Enter', async () => {
		const box = withRows();
		const session = terminal(box, ['tenant', 'remove', 'acme']);
		await session.waitForText('[y/N]');
		await session.write('\r');
		expect((await session.waitForExit()).exitCode).toBe(0);
		expect(session.screenText()).toContain('Kept 2 tracked aggregations of acme');
		expect(trackedTenants(box)).toEqual(['acme', 'acme', 'globex']);
	}, 60_000);

	it('in a script keeps them unless --drop-rows, and deletes the secret either way', async () => {
		const box = withRows();
		const kept = await runCli(['tenant', 'remove', 'acme'], {env: box.env, cwd: box.work});
		expect(kept.code).toBe(0);
		expect(kept.stdout).toContain('Kept 2 tracked aggregations of acme; drop them with "aggwatch untrack --tenant acme <id...>"');
		expect(trackedTenants(box)).toEqual(['acme', 'acme', 'globex']);

		const dropped = await runCli(['tenant', 'remove', 'globex', '--drop-rows'], {env: box.env, cwd: box.work});
		expect(dropped.stdout).toBe('Removed tenant globex and its stored secret\nStopped tracking one aggregation of globex\n');
		expect(trackedTenants(box)).toEqual(['acme', 'acme']);

		// Added again under the same name, the old secret is not there to be picked up.
		saveTenant(box, 'acme', {baseUrl: 'https://acme.api.identitynow.com', clientId: ACME.clientId}, undefined);
		const status = await runCli(['status', '--tenant', 'acme', RUNNING_ID], {env: box.env, cwd: box.work});
		expect(status.code).toBe(4);
		expect(status.stderr).toContain('no client secret is stored for tenant "acme"');
	}, 60_000);
});
