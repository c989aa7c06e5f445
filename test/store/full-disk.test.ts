/**
 * A config folder on a full file system (a 64 KB tmpfs, mounted for the test: it needs root, as CI runs; elsewhere
 * it is skipped): a command that writes the store says so in one line with exit 1, never "unexpected error" and 70.
 * The same tmpfs remounted read-only: the commands that only read (list, tenant list) work, with a warning, and a
 * command that writes says in one line that it cannot.
 */
import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ensureBuilt, runCli, sandbox} from '../helpers/cli.js';

const ID_1 = 'f0000000000000000000000000000001';
const ID_2 = 'f0000000000000000000000000000002';

function tryMount(): string | undefined {
	if (process.platform !== 'linux' || process.getuid?.() !== 0) {
		return undefined;
	}

	const dir = mkdtempSync(path.join(tmpdir(), 'aggwatch-full-'));
	const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir]);
	if (mounted.status !== 0) {
		rmSync(dir, {recursive: true, force: true});
		return undefined;
	}

	return dir;
}

const mountPoint = tryMount();

beforeAll(async () => {
	await ensureBuilt();
}, 120_000);

afterAll(() => {
	if (mountPoint !== undefined) {
		spawnSync('umount', [mountPoint]);
		rmSync(mountPoint, {recursive: true, force: true});
	}
});

describe.skipIf(mountPoint === undefined)('a full disk under the config folder', () => {
	it('track says so in one line and exits 1; read-only, list and tenant list still work', async () => {
		const box = sandbox();
		const config = path.join(mountPoint!, 'config');
		const env = {...box.env, AGGWATCH_CONFIG_DIR: config, SAIL_BASE_URL: 'acme'};
		try {
			const first = await runCli(['track', ID_1], {env, cwd: box.work});
			expect(first.code).toBe(0);
			// Fill what is left of the file system.
			try {
				writeFileSync(path.join(mountPoint!, 'filler'), Buffer.alloc(128 * 1024));
			} catch {
				// ENOSPC once it is full: that is the point.
			}

			const second = await runCli(['track', ID_2], {env, cwd: box.work});
			expect(second.stderr).not.toContain('unexpected error');
			expect(second.code).toBe(1);
			const lines = second.stderr.trim().split('\n');
			expect(lines).toHaveLength(1);
			expect(lines[0]).toMatch(/^aggwatch: cannot (save to|use the store lock) .*(disk is full|ENOSPC)/);

			rmSync(path.join(mountPoint!, 'filler'), {force: true});
			expect(spawnSync('mount', ['-o', 'remount,ro', mountPoint!]).status).toBe(0);
			try {
				const list = await runCli(['list'], {env, cwd: box.work});
				expect(list.code).toBe(0);
				expect(list.stdout).toContain(ID_1);
				expect(list.stderr).toBe(
					`aggwatch: warning: the store folder ${config} cannot be written (the file system is read-only (EROFS)): what it holds is shown, but nothing is saved\n`,
				);
				const tenants = await runCli(['tenant', 'list'], {env, cwd: box.work});
				expect(tenants.code).toBe(0);
				const track = await runCli(['track', ID_2], {env, cwd: box.work});
				expect(track.code).toBe(1);
				expect(track.stderr).not.toContain('unexpected error');
				expect(track.stderr.trim().split('\n').at(-1)).toMatch(/^aggwatch: cannot (save to|use the store lock) .*(read-only|EROFS)/);
			} finally {
				spawnSync('mount', ['-o', 'remount,rw', mountPoint!]);
			}
		} finally {
			box.remove();
		}
	});
});
