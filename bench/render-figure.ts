/** Runs the in-process figures (render time, driver runs, output layers) in a child process with NODE_ENV=production (see render-worker.tsx). */
import {spawn} from 'node:child_process';
import path from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';
import type {Figure} from './figure.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function measureRenderTimeInWorker(): Promise<Figure[]> {
	const child = spawn(
		process.execPath,
		[path.join(root, 'scripts', 'run-ts.mjs'), path.join(root, 'bench', 'render-worker.tsx'), ...process.argv.slice(2)],
		{
			cwd: root,
			env: {...process.env, NODE_ENV: 'production'},
			stdio: ['ignore', 'pipe', 'inherit'],
		},
	);
	let stdout = '';
	child.stdout.setEncoding('utf8');
	child.stdout.on('data', (chunk: string) => {
		stdout += chunk;
	});
	const code = await new Promise<number | null>((resolve, reject) => {
		child.once('error', reject);
		child.once('close', resolve);
	});
	if (code !== 0) {
		throw new Error(`the render worker exited with ${code}`);
	}

	const line = stdout.trim().split('\n').at(-1) ?? '';
	return JSON.parse(line) as Figure[];
}
