/**
 * Sets the soak up the way a user would, through the built CLI: `aggwatch tenant add` for each tenant (the secret
 * from SAIL_CLIENT_SECRET, the 0600 file store since AGGWATCH_KEYRING=off) and `aggwatch track --tenant` for
 * its aggregations. The wait processes' clients are saved as tenants of their own (<name>-ci, same URL).
 */
import {spawn} from 'node:child_process';
import process from 'node:process';
import {cleanEnvironment, type Sandbox} from '../test/helpers/cli.js';
import type {SoakLayout} from './plans.js';
import type {SoakSimulator} from './simulators.js';

export interface CommandResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
}

/** Runs `node <cli> ...args` to its end (killed after timeoutMs). */
export async function runCommand(
	cli: string,
	args: readonly string[],
	options: {env: Record<string, string>; cwd: string; timeoutMs?: number},
): Promise<CommandResult> {
	const child = spawn(process.execPath, [cli, ...args], {cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
		stdout += chunk;
	});
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
		stderr += chunk;
	});
	const timeoutMs = options.timeoutMs ?? 60_000;
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`aggwatch ${args[0] ?? ''} did not end within ${timeoutMs} ms\nstderr: ${stderr}`));
		}, timeoutMs);
		child.on('error', reject);
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({code, signal, stdout, stderr});
		});
	});
}

async function mustSucceed(cli: string, args: readonly string[], env: Record<string, string>, cwd: string): Promise<void> {
	const result = await runCommand(cli, args, {env, cwd});
	if (result.code !== 0) {
		// Arguments hold ids and URLs only; secrets travel in the environment.
		throw new Error(`setup failed: aggwatch ${args.slice(0, 3).join(' ')} … exited ${result.code}\n${result.stderr}`);
	}
}

/** Saves every tenant (and the wait clients' tenants) and tracks every aggregation on its tenant. */
export async function setUpStore(cli: string, box: Sandbox, tenants: readonly SoakSimulator[], layout: SoakLayout): Promise<void> {
	for (const tenant of tenants) {
		const saves: Array<{name: string; clientId: string; secret: string}> = [
			{name: tenant.spec.name, clientId: tenant.spec.monitorClient.clientId, secret: tenant.spec.monitorClient.clientSecret},
		];
		if (tenant.spec.waitClient !== undefined) {
			saves.push({name: `${tenant.spec.name}-ci`, clientId: tenant.spec.waitClient.clientId, secret: tenant.spec.waitClient.clientSecret});
		}

		for (const save of saves) {
			await mustSucceed(
				cli,
				['tenant', 'add', save.name, '--base-url', tenant.sim.url, '--client-id', save.clientId],
				cleanEnvironment({...box.env, SAIL_CLIENT_SECRET: save.secret}),
				box.work,
			);
		}
	}

	for (const tenant of tenants) {
		const ids = layout.aggregations.filter(aggregation => aggregation.tenant === tenant.spec.name).map(aggregation => aggregation.id);
		await mustSucceed(cli, ['track', '--tenant', tenant.spec.name, ...ids], cleanEnvironment(box.env), box.work);
	}
}
