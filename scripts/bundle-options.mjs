/**
 * How aggwatch is bundled (scripts/bundle.mjs), whatever the entry: ES modules for Node 20 with splitting, minified,
 * React and Ink in production mode. bench/hello-bundle.ts bundles its first-frame reference (Ink's hello-world) with
 * them too; this file holds nothing else because scripts/run-ts.mjs rewrites `import.meta.url` wherever it stands
 * (strings included) in the project files a bench bundles.
 * @type {import('esbuild').BuildOptions & {define: Record<string, string>}}
 */
export const BUNDLE_OPTIONS = {
	outExtension: {'.js': '.mjs'},
	bundle: true,
	// Dynamic imports become chunks loaded only when reached (aggwatch's monitor; Ink's devtools, never loaded).
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	minify: true,
	legalComments: 'none',
	define: {'process.env.NODE_ENV': '"production"'},
	// Ink only imports react-devtools-core when DEV=true; it is not installed.
	external: ['react-devtools-core'],
	logLevel: 'warning',
};
