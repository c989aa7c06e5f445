#!/usr/bin/env node
// Runs a TypeScript entry with no loader dependency: esbuild bundles it (dependencies left as imports) into a
// temporary .mjs under node_modules/.cache, so bare imports still resolve from this project, then imports it.
//
//   node scripts/run-ts.mjs bench/run.ts --rows 1000
//
// The entry sees `process.argv` as if it had been run directly: [node, <entry>, ...its arguments], and each
// bundled project file keeps its own `import.meta.url`, so paths computed from it still point into the project.
import {build} from 'esbuild';
import {rmSync} from 'node:fs';
import {mkdir, readFile, rm} from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import {fileURLToPath, pathToFileURL} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [entry, ...rest] = process.argv.slice(2);
if (entry === undefined || entry === '--help' || entry === '-h') {
	console.error('usage: node scripts/run-ts.mjs <entry.ts|tsx> [arguments...]');
	process.exit(entry === undefined ? 2 : 0);
}

const entryPath = path.resolve(entry);
const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
const cacheDirectory = path.join(root, 'node_modules', '.cache', 'run-ts');
await mkdir(cacheDirectory, {recursive: true});
const outfile = path.join(cacheDirectory, `${path.basename(entryPath).replace(/\.[cm]?tsx?$/, '')}-${process.pid}.mjs`);

/** Replaces `import.meta.url` in project sources with the file's own URL (bundling would make it the bundle's). */
const keepImportMetaUrl = {
	name: 'keep-import-meta-url',
	setup(pluginBuild) {
		pluginBuild.onLoad({filter: /\.[cm]?[jt]sx?$/}, async ({path: file}) => {
			if (file.includes(`${path.sep}node_modules${path.sep}`)) {
				return undefined;
			}

			const source = await readFile(file, 'utf8');
			// .mts → ts, .cjs → js, .tsx → tsx …
			const loader = /** @type {'js' | 'ts' | 'tsx' | 'jsx'} */ (path.extname(file).slice(1).replace(/^[cm]/, ''));
			return {contents: source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(file).href)), loader};
		});
	},
};

await build({
	plugins: [keepImportMetaUrl],
	entryPoints: [entryPath],
	outfile,
	bundle: true,
	packages: 'external',
	format: 'esm',
	platform: 'node',
	target: 'node20',
	jsx: 'automatic',
	sourcemap: 'inline',
	define: {AGGWATCH_VERSION: JSON.stringify(pkg.version)},
	logLevel: 'warning',
});

process.argv = [process.argv[0] ?? 'node', entryPath, ...rest];
// Stack traces point into the TypeScript sources.
process.setSourceMapsEnabled(true);
// Removed once the module has run (top-level await included), or when the process exits first.
process.once('exit', () => rmSync(outfile, {force: true}));
try {
	await import(pathToFileURL(outfile).href);
} finally {
	await rm(outfile, {force: true});
}
