/**
 * The project carries everything its tests, scripts and build need: no file of test/, source/, scripts/, bench/,
 * soak/, .ci/ nor package.json names a path outside the repo. A clone in a folder with nothing beside it must pass
 * `npm test` (the contract once came from a folder `shared` beside the development checkouts, and a fresh clone
 * failed). Looked for:
 * - a relative path ("../../x", or "..", ".." segments of one join/resolve call) that, from the folder of the file
 *   that names it, leads out of the repo;
 * - that folder beside the checkouts by name (`shared` one level up), however it is reached (e.g. "$here/" then it);
 * - an absolute path into a development machine's folders (/work/, /home/, /Users/).
 */
import {readdirSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FOLDERS = ['test', 'source', 'scripts', 'bench', 'soak', '.ci'];
const FILES = ['package.json'];

function filesUnder(folder: string): string[] {
	const found: string[] = [];
	for (const entry of readdirSync(folder, {withFileTypes: true})) {
		const full = path.join(folder, entry.name);
		if (entry.isDirectory()) {
			if (entry.name !== 'node_modules') {
				found.push(...filesUnder(full));
			}
		} else if (entry.isFile()) {
			found.push(full);
		}
	}

	return found;
}

function isInside(target: string): boolean {
	const relative = path.relative(ROOT, target);
	return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** What in `text` (the content of the file at `file`) names a path outside the repo, one line each. */
function outsideReferences(file: string, text: string): string[] {
	const folder = path.dirname(file);
	const found: string[] = [];
	const lines = text.split('\n');
	for (const [index, line] of lines.entries()) {
		const at = `${path.relative(ROOT, file)}:${index + 1}`;
		// A relative path in quotes (an import, a URL, a file name): "../x", "../../y".
		for (const match of line.matchAll(/(?<![\w.$/])((?:\.\.\/)+)(?=[\w.-])/g)) {
			const target = path.resolve(folder, match[1]!);
			if (!isInside(target)) {
				found.push(`${at}: ${line.trim()}`);
			}
		}

		// Segments of one call: path.join(here, '..', '..', 'shared').
		for (const match of line.matchAll(/\b(?:join|resolve)\(([^)]*)\)/g)) {
			const ups = [...match[1]!.matchAll(/['"`]\.\.['"`]/g)].length;
			if (ups > 0 && !isInside(path.resolve(folder, ...Array.from({length: ups}, () => '..')))) {
				found.push(`${at}: ${line.trim()}`);
			}
		}

		if (/\.\.[/\\]shared\b/.test(line) || /['"`](?:\/work|\/home|\/Users)\//.test(line)) {
			found.push(`${at}: ${line.trim()}`);
		}
	}

	return [...new Set(found)];
}

describe('the repo is self-contained', () => {
	it('no test, source, script, bench, soak or CI file, nor package.json, names a path outside the repo', () => {
		const files = [...FOLDERS.flatMap(folder => filesUnder(path.join(ROOT, folder))), ...FILES.map(name => path.join(ROOT, name))];
		expect(files.length).toBeGreaterThan(100);
		const found = files
			.filter(file => statSync(file).size < 2_000_000)
			.flatMap(file => {
				const text = readFileSync(file, 'utf8');
				return text.includes('\u0000') ? [] : outsideReferences(file, text);
			});
		expect(found).toEqual([]);
	});

	it('finds each way such a path was or could be named', () => {
		const test = path.join(ROOT, 'test', 'isc', 'spec-conformance.test.ts');
		const script = path.join(ROOT, 'scripts', 'test-under-load.sh');
		// Put together here, so that this file does not name them itself.
		const up = '..';
		const beside = `${up}/shared`;
		expect(outsideReferences(test, `new URL('${up}/${up}/${beside}/isc-openapi-v2025-subset.yaml', import.meta.url)`)).toHaveLength(1);
		expect(outsideReferences(test, `path.join(here, '${up}', '${up}', '${up}', 'upstream', 'spec.yaml')`)).toHaveLength(1);
		expect(outsideReferences(script, `cp -r "$here/${beside}" "$work/shared"`)).toHaveLength(1);
		expect(outsideReferences(test, `readFileSync('/${'work'}/shared/isc-openapi-v2025-subset.yaml')`)).toHaveLength(1);
		// Inside the repo: not flagged.
		expect(outsideReferences(test, "new URL('../../spec/isc-openapi-v2025-subset.yaml', import.meta.url)")).toEqual([]);
		expect(outsideReferences(test, "import {x} from '../../source/isc/client.js';")).toEqual([]);
		expect(outsideReferences(script, 'here=$(cd "$(dirname "$0")/.." && pwd)')).toEqual([]);
	});
});
