/**
 * The built CLI (dist/cli.js) as a child process, for end-to-end tests: builds it once when it is missing or older
 * than any source file (under a lock, so parallel test files build it once between them), and runs it with a clean
 * environment: no SAIL_* or proxy variables from the developer's shell, HOME and the store in temporary folders,
 * and the OS keychain off (AGGWATCH_KEYRING=off) so a test never writes to a real keychain.
 *
 * The tests run a snapshot of dist/ (copied under node_modules/.cache, where dependencies still resolve): a build
 * started elsewhere meanwhile (it empties dist/ first) cannot pull the files from under a running test.
 */
import {spawn, spawnSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const distDir = path.join(root, 'dist');
const distCli = path.join(distDir, 'cli.js');
const snapshots = path.join(root, 'node_modules', '.cache', 'aggwatch-cli-tests');
let snapshotCli: string | undefined;

/** The CLI entry the tests run (a snapshot of dist/cli.js); call ensureBuilt() first. */
export function cliPath(): string {
	if (snapshotCli === undefined) {
		throw new Error('call ensureBuilt() (in beforeAll) before running the CLI');
	}

	return snapshotCli;
}

function newestMtime(target: string): number {
	const stats = statSync(target);
	if (!stats.isDirectory()) {
		return stats.mtimeMs;
	}

	let newest = 0;
	for (const entry of readdirSync(target)) {
		newest = Math.max(newest, newestMtime(path.join(target, entry)));
	}

	return newest;
}

function isStale(): boolean {
	let built: number;
	try {
		built = statSync(distCli).mtimeMs;
	} catch {
		return true;
	}

	const inputs = [
		path.join(root, 'source'),
		path.join(root, 'package.json'),
		path.join(root, 'scripts', 'build.mjs'),
		path.join(root, 'scripts', 'bundle.mjs'),
	];
	return inputs.some(input => newestMtime(input) > built);
}

const lockDir = path.join(tmpdir(), 'aggwatch-test-cli-build.lock');

async function withBuildLock<T>(fn: () => T): Promise<T> {
	const deadline = Date.now() + 120_000;
	for (;;) {
		try {
			mkdirSync(lockDir);
			break;
		} catch {
			// A lock older than two minutes was left by a killed run.
			try {
				if (Date.now() - statSync(lockDir).mtimeMs > 120_000) {
					rmSync(lockDir, {recursive: true, force: true});
					continue;
				}
			} catch {
				continue;
			}

			if (Date.now() > deadline) {
				throw new Error(`another test run holds ${lockDir}`);
			}

			await new Promise(resolve => setTimeout(resolve, 100));
		}
	}

	try {
		return fn();
	} finally {
		rmSync(lockDir, {recursive: true, force: true});
	}
}

/** Removes snapshots of earlier builds (older than any test run lasts). */
function pruneSnapshots(): void {
	let entries: string[];
	try {
		entries = readdirSync(snapshots);
	} catch {
		return;
	}

	for (const entry of entries) {
		const dir = path.join(snapshots, entry);
		try {
			if (Date.now() - statSync(dir).mtimeMs > 30 * 60_000) {
				rmSync(dir, {recursive: true, force: true});
			}
		} catch {
			// Removed by another test file meanwhile.
		}
	}
}

/** Copies dist/ (as it is now) to a folder named by its content; returns that folder's cli.js. */
function snapshot(): string {
	const files = readdirSync(distDir).sort();
	const hash = createHash('sha256');
	for (const file of files) {
		hash.update(file).update(readFileSync(path.join(distDir, file)));
	}

	const target = path.join(snapshots, hash.digest('hex').slice(0, 16));
	if (!existsSync(path.join(target, 'cli.js'))) {
		pruneSnapshots();
		const partial = `${target}.tmp-${process.pid}`;
		rmSync(partial, {recursive: true, force: true});
		cpSync(distDir, partial, {recursive: true});
		try {
			renameSync(partial, target);
		} catch {
			// Another test file made the same snapshot first.
			rmSync(partial, {recursive: true, force: true});
		}
	}

	return path.join(target, 'cli.js');
}

/** Builds dist/cli.js (npm run build) when it is missing or stale, and snapshots it. Call in beforeAll. */
export async function ensureBuilt(): Promise<void> {
	snapshotCli = await withBuildLock(() => {
		for (let attempt = 1; ; attempt++) {
			try {
				if (isStale()) {
					const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], {cwd: root, encoding: 'utf8'});
					if (result.status !== 0) {
						throw new Error(`npm run build failed:\n${result.stderr}`);
					}
				}

				return snapshot();
			} catch (error) {
				// A build run outside the tests emptied dist/ while it was read: look again.
				if (attempt >= 5) {
					throw error;
				}
			}
		}
	});
}

export interface CliResult {
	code: number | null;
	stdout: string;
	stderr: string;
}

export interface CliOptions {
	/** Added to (undefined: removed from) the clean environment. */
	env?: Record<string, string | undefined>;
	cwd?: string;
	/** Written to standard input, which is then closed. Default: closed at once (empty). */
	input?: string;
	timeoutMs?: number;
}

/** Variables of the developer's shell that would change what the CLI does. */
const SCRUBBED = /^(?:SAIL_|AGGWATCH_|HTTPS?_PROXY$|NO_PROXY$|ALL_PROXY$|NODE_EXTRA_CA_CERTS$|NO_COLOR$|FORCE_COLOR$)/i;

export function cleanEnvironment(overrides: Record<string, string | undefined> = {}): Record<string, string> {
	const environment: Record<string, string | undefined> = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (!SCRUBBED.test(key)) {
			environment[key] = value;
		}
	}

	Object.assign(environment, {AGGWATCH_KEYRING: 'off'}, overrides);
	const result: Record<string, string> = {};
	for (const [key, value] of Object.entries(environment)) {
		if (value !== undefined) {
			result[key] = value;
		}
	}

	return result;
}

/** Runs `node dist/cli.js ...args` to its end. Rejects only when it does not end within the timeout. */
export async function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
	const child = spawn(process.execPath, [cliPath(), ...args], {
		cwd: options.cwd ?? root,
		env: cleanEnvironment(options.env),
		stdio: ['pipe', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
		stdout += chunk;
	});
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
		stderr += chunk;
	});
	child.stdin.on('error', () => undefined);
	child.stdin.end(options.input ?? '');

	const timeoutMs = options.timeoutMs ?? 30_000;
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`aggwatch ${args.join(' ')} did not end within ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
		}, timeoutMs);
		child.on('close', code => {
			clearTimeout(timer);
			resolve({code, stdout, stderr});
		});
	});
}

/** A temporary folder tree for one test: home (HOME), config (AGGWATCH_CONFIG_DIR) and work (the cwd). */
export interface Sandbox {
	home: string;
	config: string;
	work: string;
	/** The environment that points the CLI at these folders. */
	env: Record<string, string>;
	remove(): void;
}

export function sandbox(): Sandbox {
	const base = mkdtempSync(path.join(tmpdir(), 'aggwatch-cli-'));
	const home = path.join(base, 'home');
	const config = path.join(base, 'config');
	const work = path.join(base, 'work');
	for (const dir of [home, work]) {
		mkdirSync(dir, {recursive: true});
	}

	return {
		home,
		config,
		work,
		env: {HOME: home, USERPROFILE: home, AGGWATCH_CONFIG_DIR: config},
		remove() {
			rmSync(base, {recursive: true, force: true});
		},
	};
}

/** The objects of an NDJSON output (every --json listing prints one object per line). */
export function ndjson(text: string): unknown[] {
	return text
		.split('\n')
		.filter(line => line !== '')
		.map(line => JSON.parse(line) as unknown);
}
