import {spawn, type ChildProcess} from 'node:child_process';
import {once} from 'node:events';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {buildSync} from 'esbuild';

/** Bundles store-child.ts (and the store, conf, ajv...) into one .mjs that plain node can run. */
export function buildChild(): {script: string; cleanup: () => void} {
	const folder = mkdtempSync(path.join(tmpdir(), 'aggwatch-store-child-'));
	const script = path.join(folder, 'store-child.mjs');
	buildSync({
		entryPoints: [fileURLToPath(new URL('store-child.ts', import.meta.url))],
		outfile: script,
		bundle: true,
		format: 'esm',
		platform: 'node',
		target: 'node20',
		logLevel: 'error',
		banner: {
			js: "import {createRequire as __childRequire} from 'node:module';const require=__childRequire(import.meta.url);",
		},
	});
	return {script, cleanup: () => rmSync(folder, {recursive: true, force: true})};
}

interface Child {
	process: ChildProcess;
	stdout: string;
	stderr: string;
}

function lineSeen(child: Child, line: string): Promise<void> {
	return new Promise((resolve, reject) => {
		const check = (): void => {
			if (child.stdout.split('\n').includes(line)) {
				child.process.stdout?.off('data', check);
				child.process.off('exit', onExit);
				resolve();
			}
		};

		const onExit = (code: number | null): void => {
			reject(new Error(`child exited with ${code} before "${line}": ${child.stderr}`));
		};

		child.process.stdout?.on('data', check);
		child.process.once('exit', onExit);
		check();
	});
}

/**
 * Starts one node process per argument list, waits until each has opened the store, then releases them all
 * at once so their work overlaps. Resolves when all have exited successfully.
 */
export async function runTogether(script: string, argLists: string[][]): Promise<void> {
	const children: Child[] = argLists.map(args => {
		const child: Child = {
			process: spawn(process.execPath, [script, ...args], {stdio: ['pipe', 'pipe', 'pipe']}),
			stdout: '',
			stderr: '',
		};
		child.process.stdout?.on('data', (chunk: Buffer) => {
			child.stdout += chunk.toString();
		});
		child.process.stderr?.on('data', (chunk: Buffer) => {
			child.stderr += chunk.toString();
		});
		return child;
	});

	await Promise.all(children.map(child => lineSeen(child, 'ready')));
	for (const child of children) {
		child.process.stdin?.write('go\n');
	}

	await Promise.all(
		children.map(async child => {
			const [code] = (await once(child.process, 'close')) as [number | null];
			if (code !== 0 || !child.stdout.includes('done')) {
				throw new Error(`child ${child.process.spawnargs.slice(2).join(' ')} failed (${code}): ${child.stderr}`);
			}
		}),
	);
}
