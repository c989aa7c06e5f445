/**
 * `aggwatch tenant import`: the SDKs' ./config.json and the SailPoint CLI's ~/.sailpoint/config.yaml (under a
 * temporary HOME), listed, confirmed, checked with a token request and saved. Plus the YAML reader on its own.
 */
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {readSailCliConfig} from '../../source/commands/sail-cli-config.js';
import {ensureBuilt, ndjson, runCli, type Sandbox} from '../helpers/cli.js';
import {ACME, ADHOC, GLOBEX, RUNNING_ID, statusCallers, tenantSimulator, testSandbox} from './fixtures.js';

beforeAll(async () => {
	await ensureBuilt();
}, 120_000);

/** What `sail` (viper, yaml.v3) writes: four-space indents, lower-case keys, quoted and plain values. */
function sailYaml(url: string): string {
	return [
		'# written by the SailPoint CLI',
		'activeenvironment: globex',
		'authtype: pat',
		'debug: false',
		'exporttemplatespath: ""',
		'environments:',
		'    acme-sb:',
		`        baseurl: ${url}`,
		`        tenanturl: ${url.replace('127.0.0.1', 'localhost')}`,
		'        pat:',
		"            clientid: 'adhoc-client'",
		`            clientsecret: "${ADHOC.clientSecret}"`,
		'            accesstoken: ""',
		'            expiry: 0001-01-01T00:00:00Z',
		'    globex:',
		`        baseurl: "${url}" # PAT in the keychain`,
		'        oauth:',
		'            accesstoken: ""',
		'searchtemplatespath: ""',
		'',
	].join('\n');
}

function writeSailConfig(box: Sandbox, text: string): void {
	mkdirSync(path.join(box.home, '.sailpoint'), {recursive: true});
	writeFileSync(path.join(box.home, '.sailpoint', 'config.yaml'), text);
}

describe("the SailPoint CLI's config.yaml", () => {
	it('says which file and line it cannot read', async () => {
		const box = testSandbox();
		const file = path.join(box.home, '.sailpoint', 'config.yaml');
		writeSailConfig(box, 'activeenvironment: acme\nthis is not yaml\n');
		await expect(readSailCliConfig(file)).rejects.toThrow(`cannot read ${file}: `);
		await expect(readSailCliConfig(file)).rejects.toThrow('at line 2, column 1');
	});

	it('is undefined when there is no file', async () => {
		const box = testSandbox();
		await expect(readSailCliConfig(path.join(box.home, '.sailpoint', 'config.yaml'))).resolves.toBeUndefined();
	});

	it('finds the SailPoint CLI environments, with the PAT where the file has it', async () => {
		const box = testSandbox();
		writeSailConfig(box, sailYaml('https://acme-sb.api.identitynow.com'));
		expect(await readSailCliConfig(path.join(box.home, '.sailpoint', 'config.yaml'))).toEqual({
			file: path.join(box.home, '.sailpoint', 'config.yaml'),
			active: 'globex',
			environments: [
				{name: 'acme-sb', baseUrl: 'https://acme-sb.api.identitynow.com', clientId: 'adhoc-client', clientSecret: ADHOC.clientSecret},
				{name: 'globex', baseUrl: 'https://acme-sb.api.identitynow.com'},
			],
		});
	});
});

describe('tenant import', () => {
	it('imports config.json and config.yaml, asks for the secrets the files lack, and checks each', async () => {
		const sim = await tenantSimulator();
		const box = testSandbox();
		writeFileSync(
			path.join(box.work, 'config.json'),
			JSON.stringify({BaseURL: sim.url, ClientId: ACME.clientId, ClientSecret: ACME.clientSecret}),
		);
		writeSailConfig(box, sailYaml(sim.url));

		// globex's client id and secret are in the keychain of the SailPoint CLI: given on standard input here (the
		// one secret asked for, so --client-secret-stdin may say so, as for tenant add).
		const result = await runCli(['tenant', 'import', '--yes', '--client-secret-stdin'], {
			env: box.env,
			cwd: box.work,
			input: `${GLOBEX.clientId}\n${GLOBEX.clientSecret}\n`,
		});
		expect(result.stderr.split('\n').filter(line => !line.includes('warning: the OS keychain is turned off'))).toEqual(['']);
		expect(result.code).toBe(0);
		const label = new URL(sim.url).host.replace(':', '-');
		expect(result.stdout).toContain('Found 3 tenants to import:');
		expect(result.stdout).toContain(`  ${label}  ${sim.url}  from ./config.json; client id and secret from the file`);
		expect(result.stdout).toContain(
			`  globex  ${sim.url}  from ~/.sailpoint/config.yaml; client id and client secret will be asked for (the SailPoint CLI keeps it in the OS keychain)`,
		);
		expect(result.stdout).toContain('globex is the default tenant');
		expect(result.stdout).toContain('Imported 3 of 3');
		for (const secret of [ACME.clientSecret, ADHOC.clientSecret, GLOBEX.clientSecret]) {
			expect(result.stdout + result.stderr).not.toContain(secret);
		}

		const list = await runCli(['tenant', 'list', '--json'], {env: box.env, cwd: box.work});
		expect(ndjson(list.stdout)).toEqual(
			[
				{name: label, baseUrl: sim.url, clientId: ACME.clientId, default: false, secret: 'file', trackedRows: 0},
				{name: 'acme-sb', baseUrl: sim.url, clientId: ADHOC.clientId, default: false, secret: 'file', trackedRows: 0},
				{name: 'globex', baseUrl: sim.url, clientId: GLOBEX.clientId, default: true, secret: 'file', trackedRows: 0},
			].sort((a, b) => a.name.localeCompare(b.name)),
		);
		expect(readFileSync(path.join(box.config, 'config.json'), 'utf8')).not.toMatch(/SECRET/);

		// The imported tenants work: the default (globex) without --tenant, acme-sb by name.
		sim.log.length = 0;
		expect((await runCli(['status', RUNNING_ID], {env: box.env, cwd: box.home})).code).toBe(0);
		expect((await runCli(['status', '--tenant', 'acme-sb', RUNNING_ID], {env: box.env, cwd: box.home})).code).toBe(0);
		expect(statusCallers(sim)).toEqual([GLOBEX.clientId, ADHOC.clientId]);
	});

	it('refuses --client-secret-stdin when no tenant, or more than one, needs a secret', async () => {
		const box = testSandbox();
		writeFileSync(
			path.join(box.work, 'config.json'),
			JSON.stringify({BaseURL: 'acme', ClientId: ACME.clientId, ClientSecret: ACME.clientSecret}),
		);
		const result = await runCli(['tenant', 'import', '--yes', '--client-secret-stdin'], {env: box.env, cwd: box.work, input: 'x\n'});
		expect(result.code).toBe(1);
		expect(result.stderr.split('\n')[0]).toBe(
			'aggwatch: --client-secret-stdin was given, but every tenant to import has its secret in its file',
		);
	});

	it('does not save a tenant whose credentials ISC refuses, and says so', async () => {
		const sim = await tenantSimulator();
		const box = testSandbox();
		writeFileSync(
			path.join(box.work, 'config.json'),
			JSON.stringify({BaseURL: sim.url, ClientId: ACME.clientId, ClientSecret: 'outdated-secret'}),
		);
		const result = await runCli(['tenant', 'import', '--yes'], {env: box.env, cwd: box.work});
		expect(result.code).toBe(4);
		expect(result.stderr).toContain(
			'the credentials do not work: ISC refused the client credentials from the ClientId in ./config.json and the client secret in ./config.json',
		);
		expect(result.stderr).toContain('not saved');
		expect(result.stdout).toContain('Imported 0 of 1');
		const list = await runCli(['tenant', 'list', '--json'], {env: box.env, cwd: box.work});
		expect(ndjson(list.stdout)).toEqual([]);
	});

	it('asks before saving: without a terminal it needs --yes', async () => {
		const sim = await tenantSimulator();
		const box = testSandbox();
		writeSailConfig(box, sailYaml(sim.url));
		const result = await runCli(['tenant', 'import'], {env: box.env, cwd: box.work});
		expect(result.code).toBe(1);
		expect(result.stdout).toContain('Found 2 tenants to import:');
		expect(result.stderr).toContain('pass --yes to import without a terminal to confirm on');
		expect(sim.log).toEqual([]);
	});

	it('says there is nothing to import when neither file is there', async () => {
		const box = testSandbox();
		const result = await runCli(['tenant', 'import', '--yes'], {env: box.env, cwd: box.work});
		expect(result.code).toBe(1);
		expect(result.stderr.split('\n')[0]).toBe(
			'aggwatch: nothing to import: no ./config.json with a BaseURL here, and no environment in ~/.sailpoint/config.yaml',
		);
	});
});
