/**
 * track, untrack and list through the built CLI, on the same store the monitor uses (AGGWATCH_CONFIG_DIR in a
 * temporary folder), including while another process (here: this test, as a monitor would) watches that store.
 */
import {beforeAll, describe, expect, it} from 'vitest';
import {openStore} from '../../source/store/config.js';
import {ensureBuilt, ndjson, runCli} from '../helpers/cli.js';
import {ACME, GLOBEX, saveTenant, testSandbox} from '../tenants/fixtures.js';

const ID_1 = '2c91808477a6b0c60177a81146b81101';
const ID_2 = '2c91808477a6b0c60177a81146b81102';
const ID_3 = '2c91808477a6b0c60177a81146b81103';

beforeAll(async () => {
	await ensureBuilt();
}, 120_000);

function withTenants() {
	const box = testSandbox();
	saveTenant(box, 'acme', {baseUrl: 'https://acme.api.identitynow.com', clientId: ACME.clientId}, ACME.clientSecret, true);
	saveTenant(box, 'globex', {baseUrl: 'https://globex.api.identitynow.com', clientId: GLOBEX.clientId}, GLOBEX.clientSecret);
	const run = async (...args: string[]) => runCli(args, {env: box.env, cwd: box.work});
	return {box, run};
}

describe('track, untrack, list', () => {
	it('round-trips through the store', async () => {
		const {run} = withTenants();
		expect(await run('track', ID_1, ID_2)).toMatchObject({
			code: 0,
			stdout: `Tracking 2 aggregations on acme: ${ID_1}, ${ID_2}\n`,
			stderr: '',
		});
		expect(await run('track', '--tenant', 'globex', ID_2)).toMatchObject({
			code: 0,
			stdout: `Tracking one aggregation on globex: ${ID_2}\n`,
		});
		expect(await run('track', ID_1, ID_3)).toMatchObject({
			code: 0,
			stdout: `Tracking one aggregation on acme: ${ID_3}\nAlready tracked on acme: ${ID_1}\n`,
		});

		const listed = await run('list', '--json');
		expect(listed.code).toBe(0);
		const rows = ndjson(listed.stdout) as Array<{tenant: string; id: string; addedAt: string}>;
		expect(rows.map(row => [row.tenant, row.id])).toEqual([
			['acme', ID_1],
			['acme', ID_2],
			['globex', ID_2],
			['acme', ID_3],
		]);
		expect(rows.every(row => !Number.isNaN(Date.parse(row.addedAt)))).toBe(true);

		const table = await run('list');
		expect(table.stdout.split('\n')[0]).toMatch(/^TENANT\s+ID\s+NAME\s+STATUS\s+ACCOUNTS\s+AS OF$/);
		expect(table.stdout).toMatch(new RegExp(`^globex\\s+${ID_2}\\s+not polled yet$`, 'm'));

		expect(ndjson((await run('list', '--json', '--tenant', 'globex')).stdout)).toEqual([
			expect.objectContaining({tenant: 'globex', id: ID_2}),
		]);

		// Without --tenant an id goes from whichever tenant tracks it; with --tenant only from that one.
		expect(await run('untrack', '--tenant', 'globex', ID_2)).toMatchObject({code: 0, stdout: `Untracked ${ID_2} (globex)\n`});
		expect(await run('untrack', ID_2, ID_3)).toMatchObject({code: 0, stdout: `Untracked ${ID_2} (acme)\nUntracked ${ID_3} (acme)\n`});
		expect(await run('untrack', ID_2)).toMatchObject({code: 0, stdout: '', stderr: `aggwatch: warning: not tracked: ${ID_2}\n`});
		expect((ndjson((await run('list', '--json')).stdout) as Array<{id: string}>).map(row => row.id)).toEqual([ID_1]);
	});

	it('files rows under the ad-hoc SAIL_BASE_URL tenant when that is set', async () => {
		const {box} = withTenants();
		const result = await runCli(['track', ID_1], {env: {...box.env, SAIL_BASE_URL: 'initech'}, cwd: box.work});
		expect(result.stdout).toBe(`Tracking one aggregation on initech: ${ID_1}\n`);
		const {store} = openStore({cwd: box.config});
		expect(store.listTracked().map(row => row.tenant)).toEqual(['initech']);
		store.close();
	});

	it('refuses an unknown tenant and an empty id list', async () => {
		const {run} = withTenants();
		const unknown = await run('track', '--tenant', 'initech', ID_1);
		expect(unknown.code).toBe(1);
		expect(unknown.stderr.split('\n')[0]).toBe(
			'aggwatch: no saved tenant "initech" (saved: acme, globex); add it with "aggwatch tenant add initech"',
		);
		const empty = await run('track');
		expect(empty).toMatchObject({code: 1});
		expect(empty.stderr).toBe(
			'aggwatch: track needs at least one aggregation id, e.g. aggwatch track 2c91808477a6b0c60177a81146b8110b\nRun "aggwatch track --help" for usage.\n',
		);
		expect(ndjson((await run('list', '--json')).stdout)).toEqual([]);
	});

	it('reaches a process watching the store, as a running monitor does', async () => {
		const {box, run} = withTenants();
		const {store} = openStore({cwd: box.config, watchDebounceMs: 10});
		try {
			const changed = new Promise<void>(resolve => {
				const stop = store.watch(() => {
					if (store.listTracked().some(row => row.id === ID_3)) {
						stop();
						resolve();
					}
				});
			});
			expect((await run('track', '--tenant', 'globex', ID_3)).code).toBe(0);
			await changed;
			expect(store.listTracked()).toEqual([expect.objectContaining({tenant: 'globex', id: ID_3})]);

			const removed = new Promise<void>(resolve => {
				const stop = store.watch(() => {
					if (store.listTracked().length === 0) {
						stop();
						resolve();
					}
				});
			});
			expect((await run('untrack', ID_3)).code).toBe(0);
			await removed;
		} finally {
			store.close();
		}
	});
});
