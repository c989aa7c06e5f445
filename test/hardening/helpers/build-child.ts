import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {buildSync} from 'esbuild';

/**
 * Bundles a TypeScript entry (and the store, conf, ajv, ...) into one .mjs that plain node can run, as
 * test/store/helpers/children.ts does for its own child.
 */
export function buildChild(entry: URL): {script: string; cleanup: () => void} {
	const folder = mkdtempSync(path.join(tmpdir(), 'aggwatch-hardening-child-'));
	const script = path.join(folder, 'child.mjs');
	buildSync({
		entryPoints: [entry.pathname],
		outfile: script,
		bundle: true,
		format: 'esm',
		platform: 'node',
		target: 'node20',
		logLevel: 'error',
		banner: {
			js: "import {createRequire as __childRequire} from 'node:module';const require=__childRequire(import.meta.url);",
		},
	});
	return {script, cleanup: () => rmSync(folder, {recursive: true, force: true})};
}
