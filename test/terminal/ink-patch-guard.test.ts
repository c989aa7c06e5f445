import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {checkInkInternals, INK_CHECKED, inkBuildDir} from '../../scripts/ink-patch.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const folders: string[] = [];

/** An ink package in a folder of its own: its package.json version and its build/output.js. */
async function fakeInk(version: string, outputJs: string): Promise<string> {
	const folder = await mkdtemp(path.join(tmpdir(), 'aggwatch-ink-'));
	folders.push(folder);
	await mkdir(path.join(folder, 'build'));
	await writeFile(path.join(folder, 'package.json'), JSON.stringify({name: 'ink', version, type: 'module'}));
	await writeFile(path.join(folder, 'build', 'output.js'), outputJs);
	return path.join(folder, 'build');
}

/** Ink 6.8's Output as far as the patch reads it, with `operations` under another name when `field` says so. */
function outputClass(field: string): string {
	return `export default class Output {
	${field} = [];
	constructor({width, height}) { this.width = width; this.height = height; }
	write(x, y, text, {transformers}) { this.${field}.push({type: 'write', x, y, text, transformers}); }
	clip(clip) { this.${field}.push({type: 'clip', clip}); }
	unclip() { this.${field}.push({type: 'unclip'}); }
	get() { return {output: '', height: this.height}; }
}`;
}

afterEach(async () => {
	await Promise.all(folders.splice(0).map(folder => rm(folder, {recursive: true, force: true})));
});

describe('the build refuses an Ink the patch was not checked against', () => {
	test('the installed Ink passes: it is the version checked, and its Output records the operations the patch reads', async () => {
		await expect(checkInkInternals(inkBuildDir(root))).resolves.toBeUndefined();
	});

	test('another Ink version fails the build, saying how to take it', async () => {
		const build = await fakeInk('7.0.0', outputClass('operations'));
		await expect(checkInkInternals(build)).rejects.toThrow(/ink 7\.0\.0 is not a version .* checked against \(6\.8\.0\).*INK_CHECKED/);
	});

	test('an Ink whose Output keeps its operations elsewhere fails the build, naming the field', async () => {
		const build = await fakeInk(INK_CHECKED[0]!, outputClass('ops'));
		await expect(checkInkInternals(build)).rejects.toThrow(/`operations` field/);
	});
});
