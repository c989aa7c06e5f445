/**
 * A command line like gh's (issue 22, items 10 and 11): did-you-mean for commands and flags, `aggwatch help
 * <command>`, completion scripts that load in bash, zsh and fish and complete a command, a flag and a saved tenant's
 * name (PowerShell's checked as text), status naming each id's source, wait's summary line, and NDJSON listings.
 */
import {spawnSync} from 'node:child_process';
import {chmodSync, mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {cleanEnvironment, cliPath, ensureBuilt, ndjson, runCli, sandbox, type Sandbox} from '../helpers/cli.js';
import {ACME, saveTenant} from '../tenants/fixtures.js';

beforeAll(async () => {
	await ensureBuilt();
}, 120_000);

const AD = '5f0e7d2c9b1a48e3a6d4c2b0e8f61a72';
const WORKDAY = 'a3c91f0e5b2d4c7e9f1a6b8d0c2e4f61';
const NEVER = '2c9180867f3e4b5a017f3e9d0c1b0000';

describe('did you mean', () => {
	it.each([
		[['statsu', AD], 'aggwatch: unknown command "statsu"; did you mean "status"?'],
		[['hsitory'], 'aggwatch: unknown command "hsitory"; did you mean "history"?'],
		[['status', '--jsno', AD], 'aggwatch: unknown option --jsno; did you mean --json?'],
		[['wait', '--timout', '5m', AD], 'aggwatch: unknown option --timout; did you mean --timeout?'],
		[['help', 'wiat'], 'aggwatch: unknown command "wiat"; did you mean "wait"?'],
	])('%j', async (args, message) => {
		const result = await runCli(args);
		expect(result.code).toBe(1);
		expect(result.stdout).toBe('');
		expect(result.stderr.split('\n')[0]).toBe(message);
	});

	it('lists the commands when nothing is close', async () => {
		const result = await runCli(['frobnicate']);
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('unknown command "frobnicate"; commands are status, wait,');
	});
});

describe('aggwatch help', () => {
	it("prints a command's help, the same as --help", async () => {
		const viaHelp = await runCli(['help', 'wait']);
		expect(viaHelp).toMatchObject({code: 0, stderr: ''});
		expect(viaHelp.stdout).toBe((await runCli(['wait', '--help'])).stdout);
		expect((await runCli(['help'])).stdout).toBe((await runCli(['--help'])).stdout);
	});

	it('lists every exit code of wait, 6 included', async () => {
		const text = (await runCli(['help', 'wait'])).stdout;
		for (const code of [0, 1, 2, 3, 4, 5, 6]) {
			expect(text).toMatch(new RegExp(`(^|\\s)${code} [a-zA-Z]`, 'm'));
		}
	});
});

describe('plain output tells the whole story', () => {
	it("status prints each id's source name, in text and JSON", async () => {
		const text = await runCli(['status', '--demo', AD, WORKDAY]);
		expect(text.stdout).toMatch(new RegExp(`^${AD}  \\S+\\n  Source        Active Directory\\n`, 'm'));
		expect(text.stdout).toMatch(new RegExp(`^${WORKDAY}  \\S+\\n  Source        Workday\\n`, 'm'));
		const json = ndjson((await runCli(['status', '--demo', '--json', AD, WORKDAY])).stdout) as Array<{id: string; source?: string}>;
		expect(json.map(item => [item.id, item.source])).toEqual([
			[AD, 'Active Directory'],
			[WORKDAY, 'Workday'],
		]);
	});

	it('wait ends with a summary line that counts each outcome and gives the exit code', async () => {
		// The demo's id that never exists: not found after one poll.
		const result = await runCli(['wait', '--demo', '--interval', '1', NEVER], {timeoutMs: 30_000});
		expect(result.code).toBe(3);
		expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('1 ended: 1 not found → exit 3');
	});

	it('wait says how many had not ended when time ran out', async () => {
		const result = await runCli(['wait', '--demo', '--interval', '1', '--timeout', '2s', AD, NEVER], {timeoutMs: 30_000});
		expect(result.code).toBe(5);
		expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('1 of 2 ended: 1 not found → exit 5');
	});

	describe('every --json listing is NDJSON', () => {
		let box: Sandbox;
		beforeAll(async () => {
			box = sandbox();
			saveTenant(box, 'acme', {baseUrl: 'http://127.0.0.1:9', clientId: ACME.clientId}, ACME.clientSecret, true);
			saveTenant(box, 'globex', {baseUrl: 'http://127.0.0.1:9', clientId: 'globex-client'}, 'globex-secret');
			await runCli(['track', AD, WORKDAY], {env: box.env, cwd: box.work});
		});
		afterAll(() => {
			box.remove();
		});

		it.each([
			['list --json', ['list', '--json'], 2],
			['tenant list --json', ['tenant', 'list', '--json'], 2],
		])('%s: one object per line', async (_name, args, count) => {
			const result = await runCli(args, {env: box.env, cwd: box.work});
			expect(result.code).toBe(0);
			const lines = result.stdout.trimEnd().split('\n');
			expect(lines).toHaveLength(count);
			for (const line of lines) {
				expect(line.startsWith('{')).toBe(true);
				expect(typeof JSON.parse(line)).toBe('object');
			}
		});
	});
});

describe('completion', () => {
	let box: Sandbox;
	let bin: string;
	beforeAll(() => {
		box = sandbox();
		saveTenant(box, 'acme-sandbox', {baseUrl: 'http://127.0.0.1:9', clientId: ACME.clientId}, ACME.clientSecret, true);
		saveTenant(box, 'globex', {baseUrl: 'http://127.0.0.1:9', clientId: 'globex-client'}, 'globex-secret');
		// `aggwatch` on the PATH, as the scripts call it.
		bin = path.join(box.work, 'bin');
		mkdirSync(bin);
		writeFileSync(path.join(bin, 'aggwatch'), `#!/bin/sh\nexec "${process.execPath}" "${cliPath()}" "$@"\n`);
		chmodSync(path.join(bin, 'aggwatch'), 0o755);
	});
	afterAll(() => {
		box.remove();
	});

	function shellEnvironment(): Record<string, string> {
		return cleanEnvironment({...box.env, PATH: `${bin}:${process.env['PATH'] ?? ''}`});
	}

	function hasShell(shell: string): boolean {
		const found = spawnSync('sh', ['-c', `command -v ${shell}`]).status === 0;
		if (!found) {
			console.log(`${shell} is not installed (apt-get install -y ${shell}): its completion script is not loaded`);
		}

		return found;
	}

	function runShell(shell: string, args: string[]): string {
		const result = spawnSync(shell, args, {cwd: box.work, env: shellEnvironment(), encoding: 'utf8', timeout: 30_000});
		expect(result.stderr).toBe('');
		expect(result.status).toBe(0);
		return result.stdout;
	}

	async function script(shell: string): Promise<string> {
		const file = path.join(box.work, `completion.${shell}`);
		const result = await runCli(['completion', shell]);
		expect(result).toMatchObject({code: 0, stderr: ''});
		writeFileSync(file, result.stdout);
		return file;
	}

	// Each: the words typed after "aggwatch", the last being completed, and what must be offered.
	const CASES: Array<[string, string[], string[]]> = [
		['a command', ['sta'], ['start', 'status']],
		['a flag', ['wait', '--ti'], ['--timeout']],
		['a saved tenant after --tenant', ['status', '--tenant', 'acm'], ['acme-sandbox']],
		['a saved tenant after tenant use', ['tenant', 'use', ''], ['acme-sandbox', 'globex']],
	];

	it.each(CASES)('bash completes %s', async (_what, words, expected) => {
		if (!hasShell('bash')) {
			return;
		}

		const file = await script('bash');
		const line = ['aggwatch', ...words].map(word => `'${word}'`).join(' ');
		const out = runShell('bash', [
			'-c',
			`source '${file}'; COMP_WORDS=(${line}); COMP_CWORD=${words.length}; _aggwatch; printf '%s\\n' "\${COMPREPLY[@]}"`,
		]);
		expect(out.trimEnd().split('\n').sort()).toEqual(expected);
	});

	it.each(CASES)('zsh completes %s', async (_what, words, expected) => {
		if (!hasShell('zsh')) {
			return;
		}

		const file = await script('zsh');
		const line = ['aggwatch', ...words].map(word => `'${word}'`).join(' ');
		// compinit as a user's ~/.zshrc runs it; compadd stood in for, to print what the script offers.
		const out = runShell('zsh', [
			'-f',
			'-c',
			`autoload -U compinit && compinit -u -D; source '${file}'; compadd() { shift 2; print -l -- "$@"; }; words=(${line}); CURRENT=${words.length + 1}; _aggwatch`,
		]);
		expect(out.trimEnd().split('\n').sort()).toEqual(expected);
	});

	it.each(CASES)('fish completes %s', async (_what, words, expected) => {
		if (!hasShell('fish')) {
			return;
		}

		const file = await script('fish');
		const line = ['aggwatch', ...words].join(' ');
		const out = runShell('fish', ['--no-config', '-c', `source '${file}'; complete -C '${line}'`]);
		expect(
			out
				.trimEnd()
				.split('\n')
				.map(candidate => candidate.split('\t')[0])
				.sort(),
		).toEqual(expected);
	});

	it('prints a PowerShell script that registers a native completer asking aggwatch', async () => {
		const result = await runCli(['completion', 'powershell']);
		expect(result).toMatchObject({code: 0, stderr: ''});
		expect(result.stdout).toContain('Register-ArgumentCompleter -Native -CommandName aggwatch -ScriptBlock {');
		expect(result.stdout).toContain('param($wordToComplete, $commandAst, $cursorPosition)');
		expect(result.stdout).toContain('aggwatch __complete @before ":$wordToComplete"');
		expect(result.stdout).toContain('[System.Management.Automation.CompletionResult]::new(');
		// What that script asks, answered as for the other shells.
		const asked = await runCli(['__complete', 'status', '--tenant', ':acm'], {env: box.env});
		expect(asked.stdout).toBe('acme-sandbox\n');
	});

	it('refuses an unknown shell with what to type', async () => {
		const result = await runCli(['completion', 'tcsh']);
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('completion takes one shell: bash, zsh, fish, powershell');
	});
});
