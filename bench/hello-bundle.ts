/**
 * The first-frame reference: Ink's hello-world (fixtures/ink-hello.mjs) bundled the way aggwatch is (esbuild with
 * BUNDLE_OPTIONS from scripts/bundle-options.mjs: minified, NODE_ENV=production, ESM for Node 20, splitting), built at the
 * start of the bench into a temporary folder.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';
import {BUNDLE_OPTIONS} from '../scripts/bundle-options.mjs';

const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'ink-hello.mjs');

export interface BundledHello {
	/** The bundled script, to run with `node <file>`. */
	file: string;
	dispose(): void;
}

export async function buildBundledHello(): Promise<BundledHello> {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'aggwatch-bench-hello-'));
	const file = path.join(dir, 'hello.mjs');
	try {
		await build({
			...BUNDLE_OPTIONS,
			entryPoints: {hello: fixture},
			// .mjs (BUNDLE_OPTIONS): the temporary folder has no package.json saying "type": "module".
			outdir: dir,
			// `import.meta['url']`: scripts/run-ts.mjs rewrites the dotted form in bench sources to the source file's URL.
			banner: {
				js: "import {createRequire as __helloCreateRequire} from 'node:module';const require=__helloCreateRequire(import.meta['url']);",
			},
		});
	} catch (error) {
		rmSync(dir, {recursive: true, force: true});
		throw error;
	}

	return {
		file,
		dispose() {
			rmSync(dir, {recursive: true, force: true});
		},
	};
}
