// Bundles the CLI into dist/ with esbuild. The monitor (Ink + React) is split into
// its own chunk behind a dynamic import, so `status`, `wait` and `--help` never load it.
import {build} from 'esbuild';
import {readFile, rm} from 'node:fs/promises';

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));

await rm(new URL('../dist', import.meta.url), {recursive: true, force: true});
await build({
	entryPoints: {cli: 'source/cli.ts'},
	outdir: 'dist',
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	minify: true,
	sourcemap: 'linked',
	legalComments: 'none',
	define: {
		'process.env.NODE_ENV': '"production"',
		AGGWATCH_VERSION: JSON.stringify(pkg.version),
	},
	// Ink only imports react-devtools-core when DEV=true; it is not installed.
	external: ['react-devtools-core'],
	banner: {
		// Some bundled CommonJS dependencies call require(); give them one.
		js: "import {createRequire as __aggwatchCreateRequire} from 'node:module';const require=__aggwatchCreateRequire(import.meta.url);",
	},
	logLevel: 'warning',
});
