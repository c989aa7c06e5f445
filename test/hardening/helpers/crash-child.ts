/**
 * An aggwatch process to be killed. Bundled with esbuild at test time (see build-child.ts) and run with plain node.
 *
 *   write <dir>   round after round, forever: adds row r to the store, then saves a snapshot of round r into every
 *                 row, then records aggregation r in the history. Prints "round r" after each round.
 *   hold <dir>    takes the store's lock, prints "locked" and never lets go.
 *   die-at-lock <dir>
 *                 takes the store's lock, but stops dead the moment the lock's name exists on disk (right after the
 *                 system call that made it), prints "lock-created" and waits to be killed: the worst moment to die.
 *
 * So every complete state of config.json is: rows 0..r, all at round r (after the save), or rows 0..r-1 at round
 * r-1 plus row r without a snapshot (after the add). The history holds aggregations 0..r (or 0..r-1).
 */
import fs from 'node:fs';
import {syncBuiltinESMExports} from 'node:module';
import path from 'node:path';
import process from 'node:process';
import {openHistory} from '../../../source/store/history-file.js';
import {openStore} from '../../../source/store/config.js';
import {withFileLock} from '../../../source/store/lock.js';
import {STORE_FILE_NAME} from '../../../source/store/paths.js';
import {addedRow, endedRow, resumeRound, snapshotRow} from './crash-plan.js';

function write(dir: string): void {
	const {store} = openStore({cwd: dir});
	const history = openHistory({cwd: dir});
	// Carry on from where an earlier (killed) child stopped, so every run adds to the same story.
	let round = resumeRound(store.listTracked());
	for (;;) {
		store.addTracked([addedRow(round)]);
		store.saveSnapshots(Array.from({length: round + 1}, (_, of) => snapshotRow(round, of)));
		history.recordEnded([endedRow(round)]);
		process.stdout.write(`round ${round}\n`);
		round++;
	}
}

function hold(dir: string): void {
	withFileLock(`${path.join(dir, STORE_FILE_NAME)}.lock`, () => {
		process.stdout.write('locked\n');
		// Block inside the lock until killed.
		Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
	});
}

/** Stops the process (until killed) right after `call` has made a file whose name ends in `.lock`. */
function stopAfterLockCreated(name: 'openSync' | 'linkSync' | 'renameSync'): void {
	const real = fs[name] as (...args: unknown[]) => unknown;
	(fs as unknown as Record<string, unknown>)[name] = (...args: unknown[]): unknown => {
		const result = real(...args);
		const target = String(name === 'openSync' ? args[0] : args[1]);
		if (target.endsWith('.lock')) {
			process.stdout.write('lock-created\n');
			Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
		}

		return result;
	};
}

function dieAtLock(dir: string): void {
	for (const name of ['openSync', 'linkSync', 'renameSync'] as const) {
		stopAfterLockCreated(name);
	}

	// The store imports these by name: make its bindings see the wrappers.
	syncBuiltinESMExports();
	withFileLock(`${path.join(dir, STORE_FILE_NAME)}.lock`, () => undefined);
}

const [mode, dir] = process.argv.slice(2);
if (dir === undefined) {
	throw new Error('usage: write|hold|die-at-lock <dir>');
}

if (mode === 'write') {
	write(dir);
} else if (mode === 'hold') {
	hold(dir);
} else if (mode === 'die-at-lock') {
	dieAtLock(dir);
} else {
	throw new Error(`unknown mode ${mode}`);
}
