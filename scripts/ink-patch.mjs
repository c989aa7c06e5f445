// The Ink patch's guard and its place in the bundle (scripts/bundle.mjs uses both): Ink's frame assembly, the Output
// class of ink/build/output.js that its renderer.js imports, is replaced by
// source/ui/terminal/ink-patch/row-cached-output.ts, which wraps Ink's own class and reads its private `operations`
// field. None of that is Ink's public API, so the build refuses an Ink it was not checked against:
// - Ink's version must be one of INK_CHECKED (package.json allows ~6.8.0; the lock holds the exact one);
// - ink/build/output.js must still export a class whose write(), clip() and unclip() record, in `operations`, the
//   operations row-cached-output.ts reads ({type: 'write', x, y, text, transformers}, {type: 'clip', clip},
//   {type: 'unclip'}), and whose get() gives {output, height};
// - ink/build/renderer.js must still import ./output.js (replaceInkOutput().applied(), checked after the build).
// To take a new Ink: run test/terminal/row-cached-output.test.ts against it (it compares the patch with Ink's class on
// generated frames), then add its version here.
import {readFile} from 'node:fs/promises';
import {isDeepStrictEqual} from 'node:util';
import {createRequire} from 'node:module';
import path from 'node:path';
import {pathToFileURL} from 'node:url';

/** The Ink versions the patch was checked against. */
export const INK_CHECKED = ['6.8.0'];

/** ink/build, as the project at `root` resolves it. */
export function inkBuildDir(root) {
	return path.dirname(createRequire(path.join(root, 'package.json')).resolve('ink'));
}

/** Throws, with what to do, when the Ink in `inkBuild` is not one the patch may wrap. */
export async function checkInkInternals(inkBuild) {
	const {version} = JSON.parse(await readFile(path.join(inkBuild, '..', 'package.json'), 'utf8'));
	if (!INK_CHECKED.includes(version)) {
		throw new Error(
			`ink ${version} is not a version the Ink patch (source/ui/terminal/ink-patch) was checked against (${INK_CHECKED.join(', ')}): run test/terminal/row-cached-output.test.ts against it, then add it to INK_CHECKED in scripts/ink-patch.mjs`,
		);
	}

	const {default: InkOutput} = await import(pathToFileURL(path.join(inkBuild, 'output.js')).href);
	const output = new InkOutput({width: 3, height: 1});
	const transformers = [];
	const clip = {x1: 0, x2: 2, y1: 0, y2: 1};
	output.write(0, 0, 'ab', {transformers});
	output.clip(clip);
	output.unclip();
	const expected = [{type: 'write', x: 0, y: 0, text: 'ab', transformers}, {type: 'clip', clip}, {type: 'unclip'}];
	if (!isDeepStrictEqual(output.operations, expected)) {
		throw new Error(
			`ink ${version}'s Output no longer records its operations as the Ink patch reads them (the private \`operations\` field of ink/build/output.js): check source/ui/terminal/ink-patch/row-cached-output.ts`,
		);
	}

	const frame = output.get();
	if (typeof frame?.output !== 'string' || typeof frame.height !== 'number') {
		throw new Error(
			`ink ${version}'s Output.get() no longer gives {output, height}: check source/ui/terminal/ink-patch/row-cached-output.ts`,
		);
	}
}

/**
 * The esbuild plugin that gives Ink's renderer.js the patched class in place of ./output.js; `applied()` says, after
 * the build, whether it found that import.
 */
export function replaceInkOutput(root) {
	let applied = false;
	const wrapper = path.join(root, 'source', 'ui', 'terminal', 'ink-patch', 'row-cached-output.ts');
	return {
		applied: () => applied,
		plugin: {
			name: 'ink-output',
			setup(pluginBuild) {
				pluginBuild.onResolve({filter: /^\.\/output\.js$/}, ({importer}) => {
					if (!/[\\/]ink[\\/]build[\\/]renderer\.js$/.test(importer)) {
						return undefined;
					}

					applied = true;
					return {path: path.join(path.dirname(importer), 'output.js'), namespace: 'ink-output'};
				});
				pluginBuild.onLoad({filter: /.*/, namespace: 'ink-output'}, ({path: inkOutput}) => ({
					contents: [
						`import InkOutput from ${JSON.stringify(inkOutput)};`,
						`import {rowCachedOutput} from ${JSON.stringify(wrapper)};`,
						'export default rowCachedOutput(InkOutput);',
					].join('\n'),
					resolveDir: root,
					loader: 'js',
				}));
			},
		},
	};
}
