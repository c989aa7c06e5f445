import {mkdtempSync, readdirSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {buildSync} from 'esbuild';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {HISTORY_FILE_NAME, openHistory} from '../../source/store/history-file.js';
import {runTogether} from '../store/helpers/children.js';
import {hexId, tempDirs} from './fixtures.js';

const dirs = tempDirs();
let script: string;
let buildDir: string;

beforeAll(() => {
	buildDir = mkdtempSync(path.join(tmpdir(), 'aggwatch-history-child-'));
	script = path.join(buildDir, 'history-child.mjs');
	buildSync({
		entryPoints: [fileURLToPath(new URL('history-child.ts', import.meta.url))],
		outfile: script,
		bundle: true,
		format: 'esm',
		platform: 'node',
		target: 'node20',
		logLevel: 'error',
	});
});

afterAll(() => {
	rmSync(buildDir, {recursive: true, force: true});
});

afterEach(() => {
	dirs.cleanup();
});

describe('history shared by several aggwatch processes', () => {
	it('loses no entry when processes record at the same time, and records an aggregation they share once', async () => {
		const dir = dirs.make();
		// Three processes, 40 rows each, overlapping by 10 with the next: 100 distinct aggregations.
		await runTogether(script, [
			[dir, '0', '40'],
			[dir, '30', '40'],
			[dir, '60', '40'],
		]);
		const ids = openHistory({cwd: dir})
			.list()
			.map(entry => entry.id)
			.sort();
		expect(ids).toEqual(Array.from({length: 100}, (_, n) => hexId(n)).sort());
		expect(readdirSync(dir).sort()).toEqual([HISTORY_FILE_NAME]);
	}, 60_000);
});
