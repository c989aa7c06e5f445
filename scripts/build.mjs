// Bundles the CLI into dist/ with esbuild. The monitor (Ink + React) is split into
// its own chunk behind a dynamic import, so `status`, `wait` and `--help` never load it.
import {build} from 'esbuild';
import {readFile, rm} from 'node:fs/promises';

/**
 * got imports http2-wrapper, which builds a TLS socket (and with it a secure context with every root certificate)
 * as it loads: 20-30 ms of every `status` or `wait`, even against an http:// tenant. aggwatch never asks got for
 * HTTP/2 (got only reaches for the wrapper when `http2: true`), so the bundle gets a stand-in that says so.
 */
const withoutHttp2 = {
	name: 'without-http2',
	setup(pluginBuild) {
		pluginBuild.onResolve({filter: /^http2-wrapper$/}, () => ({path: 'http2-wrapper', namespace: 'without-http2'}));
		pluginBuild.onLoad({filter: /.*/, namespace: 'without-http2'}, () => ({
			contents:
				"const off = () => { throw new Error('HTTP/2 is not part of the aggwatch bundle (see scripts/build.mjs)'); };" +
				'export default {auto: off, get globalAgent() { return off(); }};',
			loader: 'js',
		}));
	},
};

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
	plugins: [withoutHttp2],
	logLevel: 'warning',
});
