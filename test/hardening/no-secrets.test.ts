/**
 * No client secret and no access token leaves the process where someone else could read it: not in stdout or
 * stderr (human or --json), not in the --debug request log, not in any file of the config folder other than the
 * fallback secrets file, not in the command line of a running `aggwatch wait`, not on the monitor's screen.
 * Runs the built CLI against the simulated tenant.
 */
import {spawn} from 'node:child_process';
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {startSimulator} from '../../source/simulator/server.js';
import type {SimAggregationPlan, Simulator} from '../../source/simulator/types.js';
import {cleanEnvironment, cliPath, ensureBuilt, runCli, sandbox, type CliResult, type Sandbox} from '../helpers/cli.js';
import {spawnPty, type PtySession} from '../helpers/pty.js';

const SECRET = 'SEKRIT-canary-9f3b';
const CLIENT = 'hardening-client';
/** Every token the simulator issues starts with this: base64url of {"alg":"RS256","typ":"JWT"}. */
const TOKEN_HEADER = Buffer.from(JSON.stringify({alg: 'RS256', typ: 'JWT'})).toString('base64url');
/** Any JWT-shaped value (header.payload.…), whoever issued it. */
const JWT = /eyJ[\w-]{8,}\.eyJ[\w-]{8,}\./;

const DONE = 'd0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0';
const LONG = 'e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1';

function plan(id: string, fields: Partial<SimAggregationPlan>): SimAggregationPlan {
	return {
		id,
		sourceId: `src-${id.slice(0, 4)}`,
		sourceName: `Source ${id.slice(0, 4)}`,
		collectMs: 500,
		totalAccounts: 50,
		accountsPerSecond: 50,
		outcome: {type: 'COMPLETED'},
		...fields,
	};
}

let sim: Simulator;
let box: Sandbox;
let env: Record<string, string>;
const ptys: PtySession[] = [];

beforeAll(async () => {
	await ensureBuilt();
	sim = await startSimulator({
		clients: [{clientId: CLIENT, clientSecret: SECRET}],
		aggregations: [plan(DONE, {startAtMs: -120_000}), plan(LONG, {startAtMs: -5000, totalAccounts: 10_000_000, accountsPerSecond: 10})],
	});
	box = sandbox();
	env = {...box.env, SAIL_BASE_URL: sim.url, SAIL_CLIENT_ID: CLIENT, SAIL_CLIENT_SECRET: SECRET};
}, 120_000);

afterEach(() => {
	for (const pty of ptys.splice(0)) {
		pty.dispose();
	}
});

afterAll(async () => {
	await sim?.close();
	box?.remove();
});

/** Fails naming `what` when `text` holds the secret or anything token-like. */
function expectNoSecret(what: string, text: string): void {
	const found = [
		text.includes(SECRET) && 'the client secret',
		text.includes(TOKEN_HEADER) && 'a token the simulator issued',
		JWT.test(text) && 'a JWT',
		/\bbearer\s+\S/i.test(text) && 'a Bearer credential',
	].filter(Boolean);
	expect(found, `${what} holds ${found.join(', ')}:\n${text.slice(0, 2000)}`).toEqual([]);
}

function expectCleanRun(what: string, result: CliResult): void {
	expectNoSecret(`${what}: stdout`, result.stdout);
	expectNoSecret(`${what}: stderr`, result.stderr);
}

/** Every file under `dir`, with its path relative to it. */
function filesUnder(dir: string): string[] {
	if (!existsSync(dir)) {
		return [];
	}

	return readdirSync(dir, {recursive: true, encoding: 'utf8'})
		.map(name => path.join(dir, name))
		.filter(file => statSync(file).isFile());
}

describe('secrets and tokens stay out of every output', () => {
	it('status, status --json and --debug: the outputs and the request log', async () => {
		const debug = path.join(box.work, 'status-debug.jsonl');
		for (const args of [
			['status', DONE, LONG],
			['status', '--json', DONE, LONG, 'ffffffffffffffffffffffffffffffff'],
			['status', '--debug', debug, DONE],
		]) {
			const result = await runCli(args, {env});
			expectCleanRun(args.join(' '), result);
			expect(result.stdout).toContain(DONE);
		}

		const log = readFileSync(debug, 'utf8');
		expect(log).toContain('/oauth/token');
		expectNoSecret('the --debug log of status', log);
	});

	/**
	 * Starts `aggwatch wait` and resolves once it has printed a change for each of `ids` (it then holds a token and
	 * polls); `end` stops it with SIGTERM and gives what it printed.
	 */
	async function runningWait(args: string[], childEnv: Record<string, string>, input: string, ids: string[]) {
		const child = spawn(process.execPath, [cliPath(), ...args], {env: cleanEnvironment(childEnv), stdio: ['pipe', 'pipe', 'pipe']});
		child.stdin.end(input);
		let stdout = '';
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
		});
		const closed = new Promise(resolve => child.once('close', resolve));
		try {
			await new Promise<void>((resolve, reject) => {
				child.stdout.on('data', (chunk: Buffer) => {
					stdout += chunk.toString();
					const changes = stdout.split('\n').filter(line => line.includes('"event":"change"'));
					if (ids.every(id => changes.some(line => line.includes(id)))) {
						resolve();
					}
				});
				child.once('exit', code => {
					reject(new Error(`wait exited ${code} before a change for each id: ${stderr}`));
				});
			});
		} catch (error) {
			child.kill('SIGKILL');
			throw error;
		}

		return {
			pid: child.pid!,
			async end(): Promise<{stdout: string; stderr: string}> {
				child.kill('SIGTERM');
				await closed;
				return {stdout, stderr};
			},
		};
	}

	function commandLineOf(pid: number): string {
		return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
	}

	it('wait --json through a 429 (a retry in its --debug log), and its command line while it runs', async () => {
		const debug = path.join(box.work, 'wait-debug.jsonl');
		sim.addFault({fault: {type: 'status', status: 429, retryAfterSec: 1}, pathPrefix: '/v2025/account-aggregations', count: 1});
		const wait = await runningWait(['wait', '--json', '--interval', '1', '--debug', debug, LONG, DONE], env, '', [LONG, DONE]);
		const commandLine = commandLineOf(wait.pid);
		const output = await wait.end();
		expect(commandLine).toContain(`wait --json --interval 1 --debug ${debug}`);
		expectNoSecret('the command line of wait', commandLine);
		expectNoSecret('wait --json: stdout', output.stdout);
		expectNoSecret('wait --json: stderr', output.stderr);
		const log = readFileSync(debug, 'utf8');
		expect(log).toContain('"status":429');
		expectNoSecret('the --debug log of wait', log);
	}, 60_000);

	it('the command line of a running wait holds no secret when the secret comes on standard input', async () => {
		const args = ['wait', '--json', '--interval', '1', '--base-url', sim.url, '--client-id', CLIENT, '--client-secret-stdin', LONG];
		const wait = await runningWait(args, box.env, `${SECRET}\n`, [LONG]);
		const commandLine = commandLineOf(wait.pid);
		const output = await wait.end();
		expect(commandLine).toContain('--client-secret-stdin');
		expectNoSecret('the command line of wait --client-secret-stdin', commandLine);
		expectNoSecret('wait --client-secret-stdin: stdout', output.stdout);
		expectNoSecret('wait --client-secret-stdin: stderr', output.stderr);
	}, 60_000);

	it('the monitor in a terminal: its screen output and its --debug log', async () => {
		const debug = path.join(box.work, 'monitor-debug.jsonl');
		const pty = spawnPty(process.execPath, [cliPath(), '--interval', '1', '--debug', debug, LONG, DONE], {
			cols: 120,
			rows: 30,
			env: {...cleanEnvironment(env), CI: undefined},
		});
		ptys.push(pty);
		await pty.waitFor('LONG to show progress', () => /\d+\/10,000,000/.test(pty.screenText()), 30_000);
		await pty.write('?');
		await pty.waitForText('Pause or resume polling');
		await pty.write('\u001B');
		await pty.waitFor('the help to close', () => !pty.screenText().includes('Pause or resume polling'));
		await pty.write('q');
		expect((await pty.waitForExit(15_000)).exitCode).toBe(0);
		expectNoSecret("the monitor's terminal output", pty.rawOutput());
		expectNoSecret('the --debug log of the monitor', readFileSync(debug, 'utf8'));
	}, 60_000);

	it('tenant add keeps the secret only in secrets.json (0600 in a 0700 folder), never in config.json', async () => {
		const added = await runCli(['tenant', 'add', 'hardening', '--base-url', sim.url, '--client-id', CLIENT], {
			env: {...box.env, SAIL_CLIENT_SECRET: SECRET},
		});
		expect(added.code, added.stderr).toBe(0);
		expectCleanRun('tenant add', added);
		const listed = await runCli(['tenant', 'list', '--json'], {env: box.env});
		expectCleanRun('tenant list --json', listed);
		const status = await runCli(['status', '--json', '--tenant', 'hardening', DONE], {env: box.env});
		expect(status.code, status.stderr).toBe(0);
		expectCleanRun('status --tenant', status);

		const secrets = path.join(box.config, 'secrets.json');
		expect(readFileSync(secrets, 'utf8')).toContain(SECRET);
		expect(statSync(secrets).mode & 0o777).toBe(0o600);
		expect(statSync(box.config).mode & 0o777).toBe(0o700);
		expect(statSync(path.join(box.config, 'config.json')).mode & 0o777).toBe(0o600);
	}, 60_000);

	it('no file in the config folder but secrets.json holds the secret or a token, after all of the above', () => {
		const files = filesUnder(box.config).filter(file => path.basename(file) !== 'secrets.json');
		expect(files.map(file => path.basename(file))).toContain('config.json');
		for (const file of files) {
			expectNoSecret(path.relative(box.config, file), readFileSync(file, 'utf8'));
		}
	});
});
