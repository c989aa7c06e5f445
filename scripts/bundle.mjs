// How dist/ is made (scripts/build.mjs runs it): esbuild bundles source/cli.ts into ES modules with splitting, so the
// monitor (Ink + React) is its own chunk behind a dynamic import and `status`, `wait` and `--help` never load it.
//
// dist/cli.js (the bin) is a few lines of CommonJS: it answers `--version` alone at once (Node starts a CommonJS
// file faster than an ES module: no module loader to set up), runs a command line that starts with a plain command's
// name from a CommonJS bundle of source/cli-plain.ts (status.cjs, wait.cjs or plain.cjs: see HOT_COMMANDS) and
// otherwise imports main.mjs, the bundle of source/cli.ts, whose files are all .mjs. The folder's package.json says
// "commonjs" for the launcher's sake.
//
// The milliseconds below are of `aggwatch status ID` as bench/startup.ts runs it (Node 20, this project's 2-core
// machine; medians of 41-61 interleaved runs, whole process): "when added" against the build before, "now" against
// the whole set without that one piece (51 runs). The set took status from 72.7 to 50.1 ms (node -e 0: 21 ms).
import {build} from 'esbuild';
import {BUNDLE_OPTIONS} from './bundle-options.mjs';
import {checkInkInternals, inkBuildDir, replaceInkOutput} from './ink-patch.mjs';
import {execFile} from 'node:child_process';
import {chmod, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import Module from 'node:module';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {Script} from 'node:vm';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Stand-ins for packages a dependency imports but aggwatch never uses; each throws if it is used after all.
 * - http2-wrapper: got imports it, and it builds a TLS socket (with it a secure context holding every root
 *   certificate) as it loads: 20-30 ms of every `status` or `wait`, even against an http:// tenant. got only reaches
 *   for it when asked for HTTP/2 (`http2: true`), which aggwatch never does.
 * - ajv, ajv-formats: conf imports them for its `schema` option; aggwatch validates the store by hand
 *   (source/store/schema.ts) and passes no schema, so 150 KB of code need not load with every store.
 * - cacheable-request (with keyv, @keyv/serialize, http-cache-semantics, get-stream, normalize-url, responselike
 *   and node:crypto behind it): got's HTTP cache, which it builds only for a request with a `cache` option; the
 *   ISC client never passes one. got also tests a caught error with `instanceof CacheError`, so that class is real
 *   (nothing can be an instance of it). 36 KB less to compile, and those modules' set-up.
 * - cacheable-lookup: got's DNS cache, made only for `dnsCache: true`, which aggwatch never sets (got's default is
 *   off); its module loads node:dns.
 *   The two: -4.2 ms when added, -2.0 ms now.
 */
const LEFT_OUT = {
	'http2-wrapper': 'export default {auto: off, get globalAgent() { return off(); }};',
	'ajv/dist/2020.js': 'export class Ajv2020 { constructor() { off(); } }',
	'ajv-formats': 'export default {default: off};',
	'cacheable-request': 'export default class CacheableRequest { constructor() { off(); } }\nexport class CacheError extends Error {}',
	'cacheable-lookup': 'export default class CacheableLookup { constructor() { off(); } }',
};

const leaveOut = {
	name: 'leave-out',
	setup(pluginBuild) {
		const names = Object.keys(LEFT_OUT).map(name => name.replaceAll(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
		pluginBuild.onResolve({filter: new RegExp(`^(${names.join('|')})$`)}, ({path: name}) => ({path: name, namespace: 'leave-out'}));
		pluginBuild.onLoad({filter: /.*/, namespace: 'leave-out'}, ({path: name}) => ({
			contents: `const off = () => { throw new Error(${JSON.stringify(`${name} is not part of the aggwatch bundle (see scripts/bundle.mjs)`)}); };\n${LEFT_OUT[name]}`,
			loader: 'js',
		}));
	},
};

/**
 * Source rewrites of dependencies, each a measured start-up cost, each checked: the build fails when the text it
 * rewrites is gone (a new version may have fixed it, or moved it), so none silently stops applying.
 * - @sindresorhus/is (got's argument checks) builds two Intl.ListFormat objects as it loads, only to word the
 *   message of a failed check. The first Intl object loads ICU's locale data: 13 ms of every `status` or `wait`.
 *   They are built on first use instead.
 */
const REWRITES = [
	{
		file: /[\\/]@sindresorhus[\\/]is[\\/]distribution[\\/]index\.js$/,
		from: [
			"const andFormatter = new Intl.ListFormat('en', { style: 'long', type: 'conjunction' });",
			"const orFormatter = new Intl.ListFormat('en', { style: 'long', type: 'disjunction' });",
		],
		to: [
			"let andFormatterCache; const andFormatter = {format: list => (andFormatterCache ??= new Intl.ListFormat('en', { style: 'long', type: 'conjunction' })).format(list)};",
			"let orFormatterCache; const orFormatter = {format: list => (orFormatterCache ??= new Intl.ListFormat('en', { style: 'long', type: 'disjunction' })).format(list)};",
		],
	},
];

const rewrite = {
	name: 'rewrite',
	setup(pluginBuild) {
		for (const {file, from, to} of REWRITES) {
			pluginBuild.onLoad({filter: file}, async ({path: filePath}) => {
				let contents = await readFile(filePath, 'utf8');
				for (const [index, text] of from.entries()) {
					if (!contents.includes(text)) {
						throw new Error(`${filePath} no longer contains ${JSON.stringify(text)}: check the rewrite in scripts/bundle.mjs`);
					}

					contents = contents.replace(text, to[index]);
				}

				return {contents, loader: 'js'};
			});
		}
	},
};

// Ink's frame assembly (ink/build/output.js, imported by its renderer.js) is replaced by
// source/ui/terminal/ink-patch/row-cached-output.ts, which wraps Ink's own class: a row that did not change since the
// last frame is not assembled again, and a plain row is joined without Ink's cell-by-cell work. With 20 running
// aggregations that was half of the monitor's CPU (about 9 ms a frame at 120×40). scripts/ink-patch.mjs holds the
// plugin and its guard: the build fails for an Ink version the patch was not checked against, when Ink's Output no
// longer records the operations the patch reads, and when Ink's renderer no longer imports ./output.js, so the
// replacement never silently stops applying.

/**
 * Parts of the plain commands that few command lines reach, each in its own CommonJS file beside the command bundles
 * and required only when reached: V8 compiles all of a bundle (a function's body in a quick pre-parse) whenever it
 * loads, used or not, at about 1 ms per 30 KB on this machine. Each part is bundled alone, so it would hold its own
 * copy of any module a command bundle holds too, a copy whose classes (errors tested with instanceof) and state
 * would silently differ from the bundle's: the build fails when a part shares one of our source files with them.
 * - conf.cjs: conf (with semver for its migrations, dot-prop, atomically, …), loaded by the commands that write the
 *   store (`wait` among them) and by `status` only when the settings file needs upgrading.
 * - demo.cjs: the simulated tenant of `--demo`.
 *   The two: -2.0 ms when added, -0.8 ms now (the code cache, CACHE_RUNS, makes size matter less).
 * - help.cjs: the text of `--help`. -0.7 ms now.
 */
const SPLIT_OFF = [
	{file: 'help.cjs', entry: 'source/cli/help.ts', imported: /[\\/]help\.js$/},
	// module.exports is conf's default export itself: our sources are ES modules ("type": "module"), so esbuild takes a
	// CommonJS file's exports object as its default export, as Node does.
	{file: 'conf.cjs', entry: 'conf', imported: /^conf$/, exportsDefault: true},
	{file: 'demo.cjs', entry: 'source/commands/demo-tenant.ts', imported: /[\\/]demo-tenant\.js$/},
];

/**
 * The plain commands that scripts run in loops, each bundled (from source/cli-plain.ts, as plain.cjs is) into a file of
 * its own holding that command's code alone, which dist/cli.js runs for a command line that starts with its name:
 * plain.cjs holds every plain command, and V8 compiles (or reads from the code cache) all of it on every run.
 * status.cjs is 158 KB, plain.cjs 229 KB: -1.2 ms when added. Now -8.2 ms: a hot command's bundle also gets a code
 * cache made after a run of that command (CACHE_RUNS), which plain.cjs, running many commands, does not.
 */
const HOT_COMMANDS = ['status', 'wait'];

/**
 * run() of the launcher (dist/cli.js), which the build also uses to make the code caches: runs a bundle (its full path)
 * as require() would, but with the code V8 compiled for it when it was built (its .v8cache file) instead of compiling
 * it again. V8 takes the cache only when it fits (the same V8 version and flags, a source of the same length: the
 * build writes both together) and otherwise compiles the source as usual. Returns the script (none when it left the
 * bundle to require() itself).
 */
const RUN_BUNDLE = `function run(filename) {
	if (process.sourceMapsEnabled) {
		// --enable-source-maps maps stack traces only through files Node's own loader compiled.
		require(filename);
		return undefined;
	}

	const fs = require('node:fs');
	const Module = require('node:module');
	let cachedData;
	try {
		cachedData = fs.readFileSync(\`\${filename}.v8cache\`);
	} catch {}
	const script = new (require('node:vm').Script)(Module.wrap(fs.readFileSync(filename, 'utf8')), {filename, cachedData});
	const bundle = new Module(filename, module);
	bundle.filename = filename;
	require.cache[filename] = bundle;
	script.runInThisContext().call(bundle.exports, bundle.exports, Module.createRequire(filename), bundle, filename, require('node:path').dirname(filename));
	bundle.loaded = true;
	return script;
}`;

/**
 * The code caches of the command bundles (see RUN_BUNDLE). V8 compiles a function when it first runs, so a cache made
 * right after compiling holds little more than the bundle's outer layer; each hot command's is made at the end of a
 * run of it (below), in a child process, against the --demo tenant (a simulated tenant on loopback, in a folder of
 * its own), so it holds the compiled code of what that command runs: got's request path, the client, the command.
 * `status`: -4.0 ms with a cache made right after compiling (against none), -5.7 ms more with one made after a run.
 * Made by the Node that builds (npm's prepare runs on the machine that runs aggwatch); any other Node, or other V8
 * flags, compiles as before. Nothing is written at run time.
 */
const CACHE_RUNS = {
	// The demo's HR CSV aggregation, ended when the demo starts: its status, then its task, as bench/startup.ts reads.
	// (A cache made after a status run against a saved tenant, the bench's own path, measured no faster.)
	status: {args: ['status', '--demo', 'e92a6c1f3b8d47a0a5c2e4f6b8d01c05'], exitCode: 0},
	wait: {args: ['wait', '--demo', '--no-bell', '--no-notify', 'e92a6c1f3b8d47a0a5c2e4f6b8d01c05'], exitCode: 0},
};

/**
 * Writes `${file}.v8cache`: after a run of the bundle with `run.args` (failing the build when it does not end with
 * `run.exitCode`), or without a run, right after compiling it.
 * @param {string} file
 * @param {{args: string[]; exitCode: number}} [run]
 */
async function writeCodeCache(file, run) {
	if (run === undefined) {
		const script = new Script(Module.wrap(await readFile(file, 'utf8')), {filename: file});
		await writeFile(`${file}.v8cache`, script.createCachedData());
		return;
	}

	const home = await mkdtemp(path.join(tmpdir(), 'aggwatch-build-cache-'));
	try {
		const code = `${RUN_BUNDLE}
const [filename, ...args] = process.argv.slice(1);
process.argv = [process.argv[0], filename, ...args];
const script = run(filename);
process.on('exit', () => require('node:fs').writeFileSync(\`\${filename}.v8cache\`, script.createCachedData()));`;
		const {NODE_OPTIONS: _, ...env} = process.env;
		await new Promise((resolve, reject) => {
			execFile(
				process.execPath,
				['-e', code, file, ...run.args],
				{env: {...env, HOME: home, AGGWATCH_CONFIG_DIR: path.join(home, 'config'), AGGWATCH_KEYRING: 'off'}, timeout: 60_000},
				(error, _stdout, stderr) => {
					if (error && typeof error.code !== 'number') {
						reject(error);
					} else if ((error?.code ?? 0) === run.exitCode) {
						resolve(undefined);
					} else {
						reject(
							new Error(`${run.args.join(' ')} (to make ${path.basename(file)}'s code cache) exited ${error?.code ?? 0}: ${stderr.trim()}`),
						);
					}
				},
			);
		});
	} finally {
		await rm(home, {recursive: true, force: true});
	}
}

/** For the command bundles: an import of a SPLIT_OFF part becomes a require() of its file. */
const splitOff = {
	name: 'split-off',
	setup(pluginBuild) {
		for (const {file, entry, imported} of SPLIT_OFF) {
			pluginBuild.onResolve({filter: imported}, async ({path: name, resolveDir, kind, pluginData}) => {
				if (pluginData === 'split-off') {
					return undefined;
				}

				const resolved = await pluginBuild.resolve(name, {resolveDir, kind, pluginData: 'split-off'});
				const target = await pluginBuild.resolve(entry.startsWith('source/') ? `./${entry}` : entry, {
					resolveDir: root,
					kind,
					pluginData: 'split-off',
				});
				return resolved.path === target.path ? {path: `./${file}`, external: true} : undefined;
			});
		}
	},
};

/**
 * For the CommonJS bundles: Node's built-in modules that our sources and got import by default import (`import path
 * from 'node:path'`), each read through one module of this bundle instead of esbuild's CommonJS interop at every
 * import. That interop (__toESM) copies the module's every property, as a getter, into a new object for each file
 * that imports it: process (79 properties) a dozen times, path as often, on every `status`. -0.9 ms when added,
 * -1.4 ms now.
 * Their properties can still be imported by name, as of the Node that builds (a built-in's getters, which load
 * parts of Node when read, cannot be: the build fails on such an import, with esbuild's "No matching export").
 */
const BY_DEFAULT_IMPORT = ['node:process', 'node:path', 'node:http', 'node:https', 'node:os'];

const builtinsOnce = {
	name: 'builtins-once',
	setup(pluginBuild) {
		const filter = new RegExp(`^(${BY_DEFAULT_IMPORT.join('|')})$`);
		pluginBuild.onResolve({filter}, ({path: name, kind, namespace}) =>
			namespace === 'builtin' || kind !== 'import-statement' ? undefined : {path: name, namespace: 'builtin'},
		);
		pluginBuild.onLoad({filter: /.*/, namespace: 'builtin'}, async ({path: name}) => {
			const builtin = (await import(name)).default;
			const names = Object.entries(Object.getOwnPropertyDescriptors(builtin))
				.filter(([key, descriptor]) => 'value' in descriptor && /^[A-Za-z_$][\w$]*$/.test(key) && key !== 'default')
				.map(([key]) => key);
			return {
				contents: `const builtin = require(${JSON.stringify(name)});\nexport default builtin;\nexport const {${names.join(', ')}} = builtin;\n`,
				loader: 'js',
			};
		});
	},
};

/**
 * Writes the CLI into `outdir` (which should be empty). With `metafile`, returns esbuild's account of which
 * source and package files went into which output file.
 * @param {string} outdir
 * @param {{metafile?: boolean}} [options]
 * @returns {Promise<import('esbuild').Metafile | undefined>}
 */
export async function bundle(outdir, options = {}) {
	const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
	const shared = {
		...BUNDLE_OPTIONS,
		absWorkingDir: root,
		outdir,
		sourcemap: 'linked',
		metafile: options.metafile === true,
		define: {
			...BUNDLE_OPTIONS.define,
			AGGWATCH_VERSION: JSON.stringify(pkg.version),
			// yoga-layout's WebAssembly loader (Ink's layout) looks for a global fetch, and touching it makes Node load
			// its fetch implementation (undici): 15-20 ms of the monitor's first frame. Nothing in aggwatch fetches;
			// without fetch the loader instantiates its inline binary directly.
			fetch: 'undefined',
		},
		plugins: [leaveOut, rewrite],
	};
	await checkInkInternals(inkBuildDir(root));
	const inkOutput = replaceInkOutput(root);
	const plain = {
		...shared,
		format: 'cjs',
		splitting: false,
		// import() of a file outside the bundle (a SPLIT_OFF part, yaml) as require(): no ES module loader to set up.
		supported: {'dynamic-import': false},
		outExtension: {'.js': '.cjs'},
		plugins: [...shared.plugins, builtinsOnce],
		define: {...shared.define, 'import.meta.url': '__aggwatchImportMetaUrl'},
		banner: {js: "const __aggwatchImportMetaUrl=require('node:url').pathToFileURL(__filename).href;"},
	};
	const [esm, ...cjs] = await Promise.all([
		build({
			...shared,
			plugins: [...shared.plugins, inkOutput.plugin],
			entryPoints: {main: 'source/cli.ts'},
			banner: {
				// Some bundled CommonJS dependencies call require(); give them one.
				js: "import {createRequire as __aggwatchCreateRequire} from 'node:module';const require=__aggwatchCreateRequire(import.meta.url);",
			},
		}),
		...['plain', ...HOT_COMMANDS].map(name =>
			build({
				...plain,
				entryPoints: {[name]: 'source/cli-plain.ts'},
				// Only \`tenant import\` reads YAML (the sail CLI's config): its 115 KB would be a quarter of plain.cjs, parsed
				// by every \`status\`. It is loaded from node_modules (a dependency) when that command needs it.
				external: [...BUNDLE_OPTIONS.external, 'yaml'],
				plugins: [...plain.plugins, splitOff],
				define: {...plain.define, AGGWATCH_COMMAND: JSON.stringify(name === 'plain' ? '' : name)},
				metafile: true,
			}),
		),
		...SPLIT_OFF.map(({file, entry, exportsDefault}) =>
			exportsDefault
				? build({
						...plain,
						outdir: undefined,
						outfile: path.join(outdir, file),
						stdin: {contents: `module.exports = require(${JSON.stringify(entry)}).default;`, resolveDir: root, sourcefile: file},
						metafile: true,
					})
				: build({...plain, entryPoints: {[file.replace(/\.cjs$/, '')]: entry}, metafile: true}),
		),
	]);
	if (!inkOutput.applied()) {
		throw new Error('ink/build/renderer.js no longer imports ./output.js: check replaceInkOutput in scripts/ink-patch.mjs');
	}

	const commandBundles = cjs.slice(0, HOT_COMMANDS.length + 1).map(result => result.metafile);
	const parts = cjs.slice(HOT_COMMANDS.length + 1).map(result => result.metafile);
	checkSplitOff(commandBundles, parts);
	const plainCommands = (await commandNames()).filter(name => name !== 'monitor' && !HOT_COMMANDS.includes(name));

	const launcher = `#!/usr/bin/env node
'use strict';
// Generated by scripts/bundle.mjs. \`aggwatch --version\` is answered here; a command line that starts with a
// plain command's name runs that command's own bundle (${HOT_COMMANDS.map(name => `${name}.cjs`).join(', ')}) or plain.cjs;
// everything else main.mjs: the monitor, and any command line with options before its command word (main.mjs runs
// those plain commands too).
const args = process.argv.slice(2);

${RUN_BUNDLE}

if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
	// A reader that went away is not a failure (source/cli/closed-pipe.ts does the same for every command).
	process.stdout.on('error', () => process.exit(0));
	process.stdout.write(${JSON.stringify(`${pkg.version}\n`)});
} else if (${JSON.stringify(HOT_COMMANDS)}.includes(args[0])) {
	run(require('node:path').join(__dirname, \`\${args[0]}.cjs\`));
} else if (${JSON.stringify(plainCommands)}.includes(args[0])) {
	run(require('node:path').join(__dirname, 'plain.cjs'));
} else {
	import('./main.mjs');
}
`;
	await Promise.all([
		writeCodeCache(path.resolve(root, outdir, 'plain.cjs')),
		...HOT_COMMANDS.map(name => writeCodeCache(path.resolve(root, outdir, `${name}.cjs`), CACHE_RUNS[name])),
	]);

	const cli = path.resolve(root, outdir, 'cli.js');
	await writeFile(cli, launcher);
	await chmod(cli, 0o755);
	await writeFile(path.resolve(root, outdir, 'package.json'), `${JSON.stringify({type: 'commonjs'})}\n`);
	if (esm.metafile === undefined) {
		return undefined;
	}

	const metafiles = [esm.metafile, ...commandBundles, ...parts];
	return {
		inputs: Object.assign({}, ...metafiles.map(metafile => metafile.inputs)),
		outputs: Object.assign({}, ...metafiles.map(metafile => metafile.outputs)),
	};
}

/**
 * Fails the build when a SPLIT_OFF part holds one of our source files that a command bundle (plain.cjs, status.cjs,
 * …) holds too (see SPLIT_OFF).
 * @param {import('esbuild').Metafile[]} bundleMetas
 * @param {import('esbuild').Metafile[]} partMetas
 */
function checkSplitOff(bundleMetas, partMetas) {
	const inBundles = new Set(bundleMetas.flatMap(meta => Object.keys(meta.inputs)).filter(input => input.startsWith('source/')));
	for (const [index, {file}] of SPLIT_OFF.entries()) {
		const both = Object.keys(partMetas[index].inputs).filter(input => inBundles.has(input));
		if (both.length > 0) {
			throw new Error(
				`${file} and the command bundles would each hold their own copy of ${both.join(', ')}: see SPLIT_OFF in scripts/bundle.mjs`,
			);
		}
	}
}

/** The command names of source/commands/options.ts (COMMANDS), read by bundling that file alone in memory. */
async function commandNames() {
	const result = await build({
		absWorkingDir: root,
		entryPoints: ['source/commands/options.ts'],
		bundle: true,
		write: false,
		format: 'esm',
		logLevel: 'warning',
	});
	const options = await import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`);
	return options.COMMANDS;
}
