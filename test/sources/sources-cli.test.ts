/**
 * `aggwatch sources` through the built CLI against the simulated tenant: every kind of attention in the demo tenant
 * (its twelve glance sources: simulator/demo-glance.ts), --attention's exit code, the --json lines' shape, and every
 * saved tenant at once, one of them with credentials that fail.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startSimulator} from '../../source/simulator/server.js';
import type {Simulator} from '../../source/simulator/types.js';
import {ensureBuilt, runCli, type CliResult} from '../helpers/cli.js';
import {ACME, ADHOC, GLOBEX, saveTenant, testSandbox} from '../tenants/fixtures.js';

const JSON_KEYS = [
	'tenant',
	'id',
	'name',
	'connector',
	'healthy',
	'health',
	'deleteThreshold',
	'running',
	'lastRun',
	'schedule',
	'overdue',
	'attention',
];

beforeAll(async () => {
	await ensureBuilt();
}, 120_000);

async function demo(args: string[]): Promise<CliResult> {
	const box = testSandbox();
	return runCli(['sources', '--demo', ...args], {env: box.env, cwd: box.work, timeoutMs: 60_000});
}

function jsonLines(result: CliResult): Array<Record<string, unknown>> {
	return result.stdout
		.split('\n')
		.filter(line => line.trim() !== '')
		.map(line => JSON.parse(line) as Record<string, unknown>);
}

describe('aggwatch sources on the demo tenant', () => {
	it('says every kind of attention on its own source, those first, and the rest after', async () => {
		const result = await demo([]);
		expect(result.code).toBe(0);
		const rows = result.stdout.trim().split('\n');
		expect(rows[0]).toMatch(/^SOURCE\s+CONNECTOR\s+HEALTH\s+LAST RUN\s+ENDED\s+TOOK\s+FIGURES\s+RUNNING\s+NEXT RUN\s+ATTENTION$/);
		const row = (name: string) => rows.find(line => line.startsWith(`${name} `)) ?? '';
		expect(row('Payroll (SAP)')).toMatch(/ERROR, 1 error .* failed$/);
		expect(row('Badge System')).toMatch(/completed, 2 warnings .* warnings$/);
		expect(row('Google Workspace')).toMatch(/completed, deletions held back .* held-back$/);
		expect(row('Finance DB')).toMatch(/daily at \d\d:\d\d GMT-5 +overdue$/);
		expect(row('Legacy LDAP')).toMatch(/unhealthy \(SOURCE_STATE_ERROR_CLUSTER\).* unhealthy$/);
		expect(row('Box')).toMatch(/running .* \(6a1ace07000000000000000000000000\) .* stalled$/);
		expect(row('Entra ID')).toMatch(/running \d+m \d\ds, Processed \d+ of 60000 accounts .*hourly at :\d\d +-$/);
		// The documentation's own expression, read in the cluster's zone; one croner cannot read, shown as it is.
		expect(row('GitHub')).toMatch(/in .*, daily at 12:00 GMT-5 +-$/);
		expect(row('Oracle HR')).toContain('0 0 2 L-3 * ? (not read by aggwatch)');
		expect(row('Zoom')).toMatch(/never .* no schedule +-$/);
		// Attention first: the six (seven with the stalled one) before every line that needs none.
		const firstFine = rows.findIndex((line, index) => index > 0 && line.endsWith(' -'));
		expect(rows.slice(1, firstFine).map(line => line.split(/\s{2,}/)[0])).toEqual(
			expect.arrayContaining(['Payroll (SAP)', 'Box', 'Finance DB', 'Google Workspace', 'Legacy LDAP', 'Badge System']),
		);
		expect(firstFine).toBe(7);
		expect(result.stderr).toContain('6 sources need attention');
		expect(result.stderr).toContain("their cluster's GMT offset, without daylight saving");
	});

	it('--json prints one object a line, in the shape of the issue, with completion statuses normalised', async () => {
		const result = await demo(['--json']);
		expect(result.code).toBe(0);
		const lines = jsonLines(result);
		expect(lines.length).toBeGreaterThanOrEqual(19);
		for (const line of lines) {
			expect(Object.keys(line)).toEqual(JSON_KEYS);
			expect(line['tenant']).toBe('demo');
		}

		const byName = new Map(lines.map(line => [line['name'], line]));
		expect(byName.get('Payroll (SAP)')).toMatchObject({
			attention: ['failed'],
			lastRun: {completionStatus: 'ERROR', errors: 1, warnings: 0, deletionsHeldBack: false, durationSeconds: 120},
		});
		expect(Object.keys(byName.get('Payroll (SAP)')!['lastRun'] as object)).toEqual([
			'id',
			'completionStatus',
			'launched',
			'completed',
			'durationSeconds',
			'warnings',
			'errors',
			'deletionsHeldBack',
		]);
		expect(byName.get('Google Workspace')).toMatchObject({
			attention: ['held-back'],
			deleteThreshold: 10,
			lastRun: {deletionsHeldBack: true},
		});
		expect(byName.get('Badge System')).toMatchObject({attention: ['warnings'], lastRun: {completionStatus: 'WARNING', warnings: 2}});
		expect(byName.get('Finance DB')).toMatchObject({
			overdue: true,
			attention: ['overdue'],
			schedule: {cron: expect.stringMatching(/^0 \d+ \d+ \* \* \?$/)},
		});
		expect(byName.get('Legacy LDAP')).toMatchObject({healthy: false, health: 'SOURCE_STATE_ERROR_CLUSTER', attention: ['unhealthy']});
		expect(byName.get('Box')).toMatchObject({attention: ['stalled'], running: {id: '6a1ace07000000000000000000000000', status: 'RUNNING'}});
		expect(byName.get('Entra ID')).toMatchObject({attention: [], overdue: false, running: {status: 'RUNNING'}});
		expect(byName.get('Zoom')).toMatchObject({attention: [], lastRun: null, running: null, schedule: null, overdue: false});
		expect(byName.get('Oracle HR')).toMatchObject({attention: [], schedule: {cron: '0 0 2 L-3 * ?', previous: null, next: null}});
		const github = byName.get('GitHub')!['schedule'] as {cron: string; previous: string; next: string};
		// Daily at 12:00 in GMT-5 is 17:00 UTC.
		expect([github.cron, github.previous.slice(11), github.next.slice(11)]).toEqual(['0 0 12 1/1 * ? *', '17:00:00.000Z', '17:00:00.000Z']);
	});

	it('--attention keeps only the sources needing attention and exits 2', async () => {
		const result = await demo(['--attention', '--json']);
		expect(result.code).toBe(2);
		const names = jsonLines(result).map(line => line['name']);
		expect(names.sort()).toEqual(['Badge System', 'Box', 'Finance DB', 'Google Workspace', 'Legacy LDAP', 'Payroll (SAP)']);
	});
});

describe('aggwatch sources elsewhere', () => {
	let sims: Simulator[] = [];
	afterAll(async () => {
		await Promise.all(sims.map(async sim => sim.close()));
		sims = [];
	});

	it('--attention exits 0 when no source needs attention, saying so', async () => {
		const sim = await startSimulator({clients: [ADHOC], rateLimit: false, sources: [{id: 'calm1', name: 'Calm', type: 'Workday'}]});
		sims.push(sim);
		const box = testSandbox();
		const result = await runCli(['sources', '--attention'], {
			env: {...box.env, SAIL_BASE_URL: sim.url, SAIL_CLIENT_ID: ADHOC.clientId, SAIL_CLIENT_SECRET: ADHOC.clientSecret},
			cwd: box.work,
			timeoutMs: 60_000,
		});
		expect(result).toMatchObject({code: 0, stdout: ''});
		expect(result.stderr).toContain('no source of 127.0.0.1');
	});

	it('reads every saved tenant, each with its own credentials; one that fails says so and sets the exit code', async () => {
		const acme = await startSimulator({
			clients: [ACME],
			rateLimit: false,
			sources: [{id: 'a1', name: 'Acme HR', type: 'Workday', healthy: false}],
		});
		const globex = await startSimulator({clients: [GLOBEX], rateLimit: false, sources: [{id: 'g1', name: 'Globex AD', type: 'LDAP'}]});
		sims.push(acme, globex);
		const box = testSandbox();
		saveTenant(box, 'acme', {baseUrl: acme.url, clientId: ACME.clientId}, ACME.clientSecret, true);
		saveTenant(box, 'globex', {baseUrl: globex.url, clientId: GLOBEX.clientId}, GLOBEX.clientSecret);
		const options = {env: {...box.env, AGGWATCH_KEYRING: 'off'}, cwd: box.work, timeoutMs: 60_000};
		const both = await runCli(['sources', '--json'], options);
		expect(both.code).toBe(0);
		expect(jsonLines(both).map(line => [line['tenant'], line['name'], line['attention']])).toEqual([
			['acme', 'Acme HR', ['unhealthy']],
			['globex', 'Globex AD', []],
		]);
		const table = await runCli(['sources'], options);
		expect(table.stdout.split('\n')[0]).toMatch(/^TENANT\s+SOURCE/);

		saveTenant(box, 'globex', {baseUrl: globex.url, clientId: GLOBEX.clientId}, 'not-the-secret');
		const broken = await runCli(['sources', '--attention', '--json'], options);
		expect(broken.code).toBe(4);
		expect(jsonLines(broken).map(line => line['name'])).toEqual(['Acme HR']);
		expect(broken.stderr).toMatch(/globex/);
		expect(broken.stderr).not.toContain('not-the-secret');
	});
});
