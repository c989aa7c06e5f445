/**
 * What the plain commands load. The CLI is bundled (scripts/bundle.mjs, as `npm run build` does) into a temporary
 * folder with esbuild's metafile, which says which sources and packages went into which file; each command then
 * runs with hooks recording the files it loads. `status` and `wait` load the launcher and their own bundle alone
 * (status.cjs, wait.cjs), the other plain commands plain.cjs, none of which holds Ink or React; the parts split off
 * (help.cjs, conf.cjs, demo.cjs) load only when needed; `--version` no file of the bundle at all; the monitor never
 * loads a CommonJS bundle.
 */
import {execFile} from 'node:child_process';
import {mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import type {Metafile} from 'esbuild';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startSimulator} from '../../source/simulator/server.js';
import type {Simulator} from '../../source/simulator/types.js';
import {bundle} from '../../scripts/bundle.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const recorder = fileURLToPath(new URL('../helpers/record-loads.mjs', import.meta.url));
const SECRET = 'loads-secret-not-printed';
const ID = '3a1b2c3d4e5f60718293a4b5c6d7e8f9';
/** An aggregation of the --demo tenant (readme.md). */
const DEMO_ID = '5f0e7d2c9b1a48e3a6d4c2b0e8f61a72';
/** Packages the monitor needs and nothing else does. */
const MONITOR_ONLY = ['ink', 'react', 'react-reconciler', 'scheduler', 'yoga-layout'];

let dir: string;
let home: string;
let meta: Metafile;
let sim: Simulator;
let env: Record<string, string>;

interface Loaded {
	code: number | null;
	stdout: string;
	stderr: string;
	/** Output files of the bundle the process loaded (relative to its folder). */
	files: string[];
	/** Packages (node_modules names) inside those files. */
	packages: Set<string>;
	/** Our source files inside them. */
	sources: string[];
}

function packageOf(input: string): string | undefined {
	return /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1];
}

function runRecorded(args: string[]): Promise<Loaded> {
	const record = path.join(home, `loads-${Math.random().toString(36).slice(2)}.txt`);
	writeFileSync(record, '');
	return new Promise(resolve => {
		execFile(
			process.execPath,
			['--import', pathToFileURL(recorder).href, path.join(dir, 'cli.js'), ...args],
			{env: {...env, AGGWATCH_TEST_LOADS: record}, timeout: 20_000},
			(error, stdout, stderr) => {
				const prefix = pathToFileURL(dir).href + '/';
				const files = [
					...new Set(
						readFileSync(record, 'utf8')
							.split('\n')
							.filter(url => url.startsWith(prefix))
							.map(url => url.slice(prefix.length)),
					),
				];
				const packages = new Set<string>();
				const sources = new Set<string>();
				for (const [output, {inputs}] of Object.entries(meta.outputs)) {
					if (!files.includes(path.relative(dir, path.resolve(root, output)))) {
						continue;
					}

					for (const input of Object.keys(inputs)) {
						const name = packageOf(input);
						if (name === undefined) {
							sources.add(input);
						} else {
							packages.add(name);
						}
					}
				}

				resolve({
					code: error ? (typeof error.code === 'number' ? error.code : null) : 0,
					stdout,
					stderr,
					files,
					packages,
					sources: [...sources].sort(),
				});
			},
		);
	});
}

function saveTenant(): Promise<void> {
	return new Promise((resolve, reject) => {
		execFile(
			process.execPath,
			[path.join(dir, 'cli.js'), 'tenant', 'add', 'local', '--base-url', sim.url, '--client-id', 'loads-client'],
			{env: {...env, SAIL_CLIENT_SECRET: SECRET}},
			error => {
				if (error) {
					reject(error);
				} else {
					resolve();
				}
			},
		);
	});
}

beforeAll(async () => {
	dir = mkdtempSync(path.join(tmpdir(), 'aggwatch-loads-dist-'));
	home = mkdtempSync(path.join(tmpdir(), 'aggwatch-loads-home-'));
	const built = await bundle(dir, {metafile: true});
	meta = built!;
	sim = await startSimulator({
		clients: [{clientId: 'loads-client', clientSecret: SECRET}],
		aggregations: [
			{
				id: ID,
				sourceId: 's1',
				sourceName: 'Workday',
				startAtMs: -120_000,
				collectMs: 1000,
				totalAccounts: 50,
				accountsPerSecond: 50,
				outcome: {type: 'COMPLETED'},
			},
		],
	});
	env = {PATH: process.env['PATH'] ?? '', HOME: home, AGGWATCH_CONFIG_DIR: path.join(home, 'config'), AGGWATCH_KEYRING: 'off'};
	await saveTenant();
}, 60_000);

afterAll(async () => {
	await sim?.close();
	rmSync(dir, {recursive: true, force: true});
	rmSync(home, {recursive: true, force: true});
});

describe('what the plain commands load (built CLI, loader hook)', () => {
	it('status of a saved tenant loads status.cjs alone: the HTTP client but neither Ink nor React, and leaves the store as it was', async () => {
		const configDir = path.join(home, 'config');
		const before = Object.fromEntries(readdirSync(configDir).map(name => [name, readFileSync(path.join(configDir, name), 'utf8')]));
		const result = await runRecorded(['status', ID]);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(result.stdout).toContain(`${ID}  COMPLETED`);
		expect(result.files.sort()).toEqual(['cli.js', 'status.cjs']);
		// The recording works: the HTTP client was seen.
		expect(result.packages).toContain('got');
		for (const name of MONITOR_ONLY) {
			expect(result.packages, name).not.toContain(name);
		}

		expect(result.sources.filter(source => /^source\/(ui|commands\/monitor)\//.test(source))).toEqual([]);
		const after = Object.fromEntries(readdirSync(configDir).map(name => [name, readFileSync(path.join(configDir, name), 'utf8')]));
		expect(after).toEqual(before);
	});

	it('wait for a run that has ended loads wait.cjs (and conf.cjs: its hooks write the store), with neither Ink nor React', async () => {
		const result = await runRecorded(['wait', ID]);
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('task SUCCESS');
		expect(result.files.sort()).toEqual(['cli.js', 'conf.cjs', 'wait.cjs']);
		for (const name of MONITOR_ONLY) {
			expect(result.packages, name).not.toContain(name);
		}
	});

	it("a plain command's --help loads its bundle and help.cjs, nothing else", async () => {
		const status = await runRecorded(['status', '--help']);
		expect(status.code).toBe(0);
		expect(status.stdout).toContain('aggwatch status');
		expect(status.files.sort()).toEqual(['cli.js', 'help.cjs', 'status.cjs']);
		const tenant = await runRecorded(['tenant', '--help']);
		expect(tenant.code).toBe(0);
		expect(tenant.stdout).toContain('aggwatch tenant');
		expect(tenant.files.sort()).toEqual(['cli.js', 'help.cjs', 'plain.cjs']);
	});

	it('the other plain commands run plain.cjs, with conf.cjs where they open the store', async () => {
		const result = await runRecorded(['tenant', 'list']);
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('local');
		expect(result.files.sort()).toEqual(['cli.js', 'conf.cjs', 'plain.cjs']);
		expect(result.packages).toContain('conf');
		for (const name of MONITOR_ONLY) {
			expect(result.packages, name).not.toContain(name);
		}
	});

	it('status --demo loads the simulated tenant from demo.cjs', async () => {
		const result = await runRecorded(['status', '--demo', DEMO_ID]);
		expect(result.code).toBe(0);
		expect(result.stdout).toContain(DEMO_ID);
		expect(result.files.sort()).toEqual(['cli.js', 'demo.cjs', 'status.cjs']);
	});

	it("the monitor's --help loads the ES module bundle, not plain.cjs, and no package", async () => {
		const result = await runRecorded(['--help']);
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('aggwatch');
		expect(result.files).toContain('main.mjs');
		expect(result.files.filter(file => file.endsWith('.cjs'))).toEqual([]);
		expect([...result.packages]).toEqual([]);
	});

	it('--version is answered by the launcher alone', async () => {
		const result = await runRecorded(['--version']);
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/^\d+\.\d+\.\d+\S*\n$/);
		expect(result.files).toEqual(['cli.js']);
	});

	it('status still reads a settings file of an older aggwatch (upgraded on the way, as the full store does)', async () => {
		const file = path.join(home, 'config', 'config.json');
		const current = readFileSync(file, 'utf8');
		try {
			// The first (v0) shape: one tenant and its URL at the top level, no client id (it kept none).
			writeFileSync(file, JSON.stringify({tenant: 'local', baseUrl: sim.url, aggregations: [ID]}));
			const result = await runRecorded(['status', ID]);
			// The tenant is found (it is the default now), and what it lacks is said in one line.
			expect(result.code).toBe(4);
			expect(result.files.sort()).toEqual(['cli.js', 'conf.cjs', 'status.cjs']);
			expect(result.stderr).toBe(
				'aggwatch: no client id is stored for tenant "local" - run "aggwatch tenant add local" to store its credentials again\n',
			);
			expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
				schemaVersion: 1,
				defaultTenant: 'local',
				tenants: {local: {baseUrl: sim.url}},
				tracked: [{id: ID, tenant: 'local'}],
			});
		} finally {
			writeFileSync(file, current);
		}
	});
});
