/**
 * A reader that goes away is not a failure (issue 22, item 1): every command that prints, piped into `head -1`,
 * ends with exit 0 and nothing on standard error, as gh does. Each command's output is long enough (or, for wait,
 * goes on long enough) that it writes after head has gone.
 */
import {spawn} from 'node:child_process';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {openHistory} from '../../source/store/history-file.js';
import {endedRow} from '../history/fixtures.js';
import {cleanEnvironment, cliPath, ensureBuilt, runCli, sandbox, type Sandbox} from '../helpers/cli.js';
import {ACME, saveTenant} from '../tenants/fixtures.js';

beforeAll(async () => {
	await ensureBuilt();
}, 120_000);

const AD = '5f0e7d2c9b1a48e3a6d4c2b0e8f61a72';
const WORKDAY = 'a3c91f0e5b2d4c7e9f1a6b8d0c2e4f61';
const IDS = Array.from({length: 400}, (_, n) => `ab${n.toString(16).padStart(30, '0')}`);

interface Piped {
	code: number | null;
	/** The CLI's standard error (head writes nothing there). */
	stderr: string;
	/** What head printed. */
	line: string;
}

/** `aggwatch …args | head -1` in bash; the CLI's own exit code (PIPESTATUS). */
async function pipedIntoHead(args: readonly string[], box: Sandbox): Promise<Piped> {
	const child = spawn('bash', ['-c', '"$@" | head -1; exit "${PIPESTATUS[0]}"', 'piped', process.execPath, cliPath(), ...args], {
		cwd: box.work,
		env: cleanEnvironment(box.env),
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let line = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
		line += chunk;
	});
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
		stderr += chunk;
	});
	const code = await new Promise<number | null>((resolve, reject) => {
		child.on('error', reject);
		child.on('close', resolve);
	});
	return {code, stderr, line};
}

/** A sandbox (kept for the whole file) with a saved default tenant (acme), 400 tracked rows and 400 recorded ends. */
async function filledSandbox(): Promise<Sandbox> {
	const box = sandbox();
	saveTenant(box, 'acme', {baseUrl: 'http://127.0.0.1:9', clientId: ACME.clientId}, ACME.clientSecret, true);
	saveTenant(box, 'globex', {baseUrl: 'http://127.0.0.1:9', clientId: 'globex-client'}, 'globex-secret');
	expect((await runCli(['track', ...IDS], {env: box.env, cwd: box.work})).code).toBe(0);
	const now = Date.now();
	openHistory({cwd: box.config, now: () => now}).recordEnded(IDS.map((_, n) => endedRow(n, now - (n + 1) * 60_000)));
	return box;
}

describe('a closed pipe', () => {
	let box: Sandbox;
	beforeAll(async () => {
		box = await filledSandbox();
	}, 60_000);
	afterAll(() => {
		box.remove();
	});

	it.each([
		['--version', ['--version']],
		['--help', ['--help']],
		['help wait', ['help', 'wait']],
		['completion bash', ['completion', 'bash']],
		['completion powershell', ['completion', 'powershell']],
		['list', ['list']],
		['list --json', ['list', '--json']],
		['history', ['history']],
		['history --json', ['history', '--json']],
		['tenant list', ['tenant', 'list']],
		['tenant list --json', ['tenant', 'list', '--json']],
		['status', ['status', '--demo', AD, WORKDAY, AD, WORKDAY]],
		['status --json', ['status', '--demo', '--json', AD, WORKDAY]],
		['discover', ['discover', '--demo']],
		['discover --json', ['discover', '--demo', '--json']],
		['discover --ended', ['discover', '--demo', '--ended']],
		['discover --ended --json', ['discover', '--demo', '--ended', '--json']],
		['start', ['start', '--demo', '--json', 'Workday']],
	] as const)('ends %s quietly with exit 0', async (_name, args) => {
		const result = await pipedIntoHead(args, box);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(result.line).not.toBe('');
	});

	it.each([
		['wait', ['wait', '--demo', '--interval', '1', '--timeout', '20s', AD]],
		['wait --json', ['wait', '--demo', '--json', '--interval', '1', '--timeout', '20s', AD]],
		['start --wait --json', ['start', '--demo', '--wait', '--json', '--interval', '1', '--timeout', '20s', 'Active Directory']],
	] as const)(
		'ends %s quietly with exit 0 at its next line after the reader left',
		async (_name, args) => {
			// The Active Directory run goes on for minutes: a line every second, so the second meets a closed pipe.
			const result = await pipedIntoHead(args, box);
			expect(result.stderr).toBe('');
			expect(result.code).toBe(0);
			expect(result.line.split('\n')).toHaveLength(2);
		},
		30_000,
	);
});
