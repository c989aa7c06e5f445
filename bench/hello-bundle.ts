/**
 * The first-frame reference: Ink's hello-world (fixtures/ink-hello.mjs) bundled the way aggwatch is (esbuild,
 * minified, NODE_ENV=production, ESM for Node 20), built at the start of the bench into a temporary folder.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';

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
			entryPoints: {hello: fixture},
			outdir: dir,
			// .mjs: the temporary folder has no package.json saying "type": "module".
			outExtension: {'.js': '.mjs'},
			bundle: true,
			// As aggwatch: Ink's dynamic import of its devtools stays a separate chunk that is never loaded.
			splitting: true,
			format: 'esm',
			platform: 'node',
			target: 'node20',
			minify: true,
			legalComments: 'none',
			define: {'process.env.NODE_ENV': '"production"'},
			// As in scripts/build.mjs: Ink imports react-devtools-core only when DEV=true, and it is not installed.
			external: ['react-devtools-core'],
			// `import.meta['url']`: scripts/run-ts.mjs rewrites the dotted form in bench sources to the source file's URL.
			banner: {
				js: "import {createRequire as __helloCreateRequire} from 'node:module';const require=__helloCreateRequire(import.meta['url']);",
			},
			logLevel: 'warning',
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
