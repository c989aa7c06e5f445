import {build} from 'esbuild';
import {mkdir, rm} from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface BuiltFixture {
	/** Absolute path of the bundled .mjs. */
	readonly file: string;
	remove(): Promise<void>;
}

/**
 * Bundles a fixture entry (TypeScript/TSX) into one .mjs that `node` can run in a pty. Dependencies stay imports,
 * so the bundle is written under node_modules/.cache where they resolve from this project.
 */
export async function buildFixture(entry: string): Promise<BuiltFixture> {
	const directory = path.join(root, 'node_modules', '.cache', 'aggwatch-tests');
	await mkdir(directory, {recursive: true});
	const name = path.basename(entry).replace(/\.[cm]?tsx?$/, '');
	const file = path.join(directory, `${name}-${process.pid}-${Date.now()}.mjs`);
	await build({
		entryPoints: [path.resolve(root, entry)],
		outfile: file,
		bundle: true,
		packages: 'external',
		format: 'esm',
		platform: 'node',
		target: 'node20',
		jsx: 'automatic',
		define: {AGGWATCH_VERSION: '"0.0.0-test"'},
		logLevel: 'warning',
	});
	return {
		file,
		remove: async () => rm(file, {force: true}),
	};
}

/** Environment for a fixture child: React's production build, like the shipped CLI. */
export const fixtureEnvironment = {NODE_ENV: 'production'} as const;
