/**
 * Crash safety of aggwatch's files: a process killed with SIGKILL in the middle of its writes leaves config.json and
 * history.json whole (the old state or the new one, every row complete), and the lock it held does not hold up the
 * next aggwatch for long.
 */
import {spawn, type ChildProcess} from 'node:child_process';
import {once} from 'node:events';
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {HISTORY_FILE_NAME, openHistory} from '../../source/store/history-file.js';
import {openStore, type StoredRow} from '../../source/store/config.js';
import {STORE_FILE_NAME} from '../../source/store/paths.js';
import {tempDirs} from '../store/helpers/temp-dirs.js';
import {buildChild} from './helpers/build-child.js';
import {endedRow, inconsistency, rowId, TENANT} from './helpers/crash-plan.js';

const temp = tempDirs();
let child: ReturnType<typeof buildChild>;
const running = new Set<ChildProcess>();

beforeAll(() => {
	child = buildChild(new URL('helpers/crash-child.ts', import.meta.url));
});

afterEach(() => {
	for (const process of running) {
		process.kill('SIGKILL');
	}

	running.clear();
	temp.cleanup();
});

afterAll(() => {
	child.cleanup();
});

interface Started {
	process: ChildProcess;
	/** Resolves once the child printed a line that starts with `prefix`. */
	line(prefix: string): Promise<void>;
	stderr(): string;
}

function start(mode: 'write' | 'hold' | 'die-at-lock', dir: string): Started {
	const spawned = spawn(process.execPath, [child.script, mode, dir], {stdio: ['ignore', 'pipe', 'pipe']});
	running.add(spawned);
	spawned.once('exit', () => running.delete(spawned));
	let stdout = '';
	let stderr = '';
	spawned.stdout.on('data', (chunk: Buffer) => {
		stdout += chunk.toString();
	});
	spawned.stderr.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	return {
		process: spawned,
		stderr: () => stderr,
		line: async prefix =>
			new Promise((resolve, reject) => {
				const check = (): void => {
					if (stdout.split('\n').some(line => line.startsWith(prefix))) {
						spawned.stdout.off('data', check);
						spawned.off('exit', onExit);
						resolve();
					}
				};

				const onExit = (code: number | null): void => {
					reject(new Error(`the child exited (${code}) before printing "${prefix}": ${stderr}`));
				};

				spawned.stdout.on('data', check);
				spawned.once('exit', onExit);
				check();
			}),
	};
}

async function killHard(started: Started): Promise<void> {
	const exited = once(started.process, 'exit');
	started.process.kill('SIGKILL');
	const [code, signal] = (await exited) as [number | null, NodeJS.Signals | null];
	expect({code, signal}).toEqual({code: null, signal: 'SIGKILL'});
}

function readJson(file: string): Record<string, unknown> {
	const text = readFileSync(file, 'utf8');
	try {
		return JSON.parse(text) as Record<string, unknown>;
	} catch (error) {
		throw new Error(`${path.basename(file)} is not whole JSON after the kill (${(error as Error).message}): …${text.slice(-200)}`);
	}
}

/** The entry recordEnded writes for round `n`, minus recordedAt (the time of writing). */
function expectedEntry(n: number): Record<string, unknown> {
	const row = endedRow(n);
	return {
		tenant: TENANT,
		id: rowId(n),
		source: row.label,
		status: 'COMPLETED',
		start: row.snapshot?.start,
		end: new Date(row.endedAt!).toISOString(),
		durationMs: row.endedAt! - Date.parse(row.snapshot!.start!),
		counts: {totalAccounts: n, processedAccounts: n},
	};
}

const KILLS = 5;

describe('killed in the middle of writing', () => {
	it('leaves config.json and history.json whole, with complete rows, and the next open is not held up', async () => {
		const dir = temp.make();
		const configFile = path.join(dir, STORE_FILE_NAME);
		const historyFile = path.join(dir, HISTORY_FILE_NAME);
		let savedBefore = 0;

		for (let kill = 0; kill < KILLS; kill++) {
			const writer = start('write', dir);
			await writer.line('round ');
			// A random moment within the next rounds: the child does nothing but write, so it dies mid-way through one.
			await new Promise(resolve => setTimeout(resolve, Math.random() * 120));
			await killHard(writer);

			const rows = readJson(configFile)['tracked'] as StoredRow[];
			expect(inconsistency(rows)).toBeUndefined();
			// The child printed "round": at least one more round was saved whole before the kill.
			const saved = rows.filter(row => row.snapshot !== undefined).length;
			expect(saved).toBeGreaterThan(savedBefore);
			savedBefore = saved;

			const entries = (readJson(historyFile)['entries'] as Array<Record<string, unknown>>).filter(entry => entry['tenant'] === TENANT);
			const ids = entries.map(entry => String(entry['id']));
			expect(new Set(ids).size).toBe(ids.length);
			for (const entry of entries) {
				const n = rows.findIndex(row => row.id === entry['id']);
				expect(n).toBeGreaterThanOrEqual(0);
				const {recordedAt, ...rest} = entry;
				expect(rest).toEqual(expectedEntry(n));
				expect(Number.isNaN(Date.parse(String(recordedAt)))).toBe(false);
			}

			// The next aggwatch opens and writes both files at once: a lock the killed child may have left (its owner
			// is dead) is broken straight away instead of after the 10 s a lock needs to count as stale.
			const started = performance.now();
			const {store, warnings} = openStore({cwd: dir});
			expect(warnings).toEqual([]);
			expect(store.listTracked()).toEqual(rows);
			store.setPrefs({detail: kill % 2 === 0});
			openHistory({cwd: dir, onWarning: line => expect.fail(line)}).recordEnded([{...endedRow(kill), tenant: 'parent'}]);
			expect(performance.now() - started).toBeLessThan(5000);
		}

		// What the kills left beside the files (unlinked temporary files, owner files) is tidied by the next writer
		// once it is older than the stale limit; here that limit is a millisecond, so nothing may remain.
		await new Promise(resolve => setTimeout(resolve, 5));
		openStore({cwd: dir, lock: {staleMs: 1}}).store.setPrefs({detail: true});
		openHistory({cwd: dir, lock: {staleMs: 1}}).recordEnded([{...endedRow(KILLS), tenant: 'parent'}]);
		expect(readdirSync(dir).sort()).toEqual([STORE_FILE_NAME, HISTORY_FILE_NAME].sort());
	}, 60_000);

	it('leaves a lock that names its dead owner even when killed the moment the lock file appears', async () => {
		const dir = temp.make();
		openStore({cwd: dir});
		const lock = path.join(dir, `${STORE_FILE_NAME}.lock`);
		const dying = start('die-at-lock', dir);
		await dying.line('lock-created');
		const pid = dying.process.pid;
		await killHard(dying);

		// An empty lock could only be judged by its age: everyone would wait the 10 s stale limit.
		expect(JSON.parse(readFileSync(lock, 'utf8'))).toMatchObject({pid});
		const started = performance.now();
		openStore({cwd: dir}).store.setPrefs({detail: true});
		expect(performance.now() - started).toBeLessThan(3000);
		expect(existsSync(lock)).toBe(false);
	}, 30_000);

	it('does not let a lock held by a killed process block the next open', async () => {
		const dir = temp.make();
		openStore({cwd: dir}).store.addTracked([{id: 'kept', tenant: TENANT, addedAt: 1}]);
		const holder = start('hold', dir);
		await holder.line('locked');
		const lock = path.join(dir, `${STORE_FILE_NAME}.lock`);
		expect(existsSync(lock)).toBe(true);
		await killHard(holder);
		expect(existsSync(lock)).toBe(true);

		const started = performance.now();
		const {store} = openStore({cwd: dir});
		store.addTracked([{id: 'after', tenant: TENANT, addedAt: 2}]);
		expect(performance.now() - started).toBeLessThan(3000);
		expect(store.listTracked().map(row => row.id)).toEqual(['kept', 'after']);
		expect(existsSync(lock)).toBe(false);
	}, 30_000);
});
