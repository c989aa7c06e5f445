/**
 * Secrets in a real Secret Service (gnome-keyring over D-Bus), through the built CLI: unlocked, locked and absent,
 * two settings folders, remove, and which secret wins. Each command runs in a D-Bus session of its own
 * (dbus-run-session) whose gnome-keyring keeps its keyring in the sandbox's HOME, so the keyring outlives the
 * session as a desktop's does, and the developer's own keyring is never touched. `secret-tool` (libsecret) checks
 * what is really stored.
 *
 * Needs dbus-run-session, gnome-keyring-daemon, gdbus and secret-tool (Debian: gnome-keyring dbus dbus-x11
 * libsecret-tools; .ci/run installs them). Without them the tests are skipped and say why, unless
 * AGGWATCH_TEST_SECRET_SERVICE=require (as in CI), which makes a missing tool a failure.
 */
import {spawn, spawnSync} from 'node:child_process';
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {cleanEnvironment, cliPath, ensureBuilt, ndjson, type CliResult, type Sandbox} from '../helpers/cli.js';
import {ACME, GLOBEX, RUNNING_ID, statusCallers, tenantSimulator, testSandbox} from './fixtures.js';

const TOOLS = ['dbus-run-session', 'gnome-keyring-daemon', 'gdbus', 'secret-tool'];

function whyNot(): string | undefined {
	if (process.platform !== 'linux') {
		return 'the Secret Service tests run on Linux only';
	}

	const missing = TOOLS.filter(tool => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
	return missing.length === 0
		? undefined
		: `${missing.join(', ')} not found (Debian: apt-get install gnome-keyring dbus dbus-x11 libsecret-tools)`;
}

const skipped = whyNot();
if (skipped !== undefined) {
	if (process.env['AGGWATCH_TEST_SECRET_SERVICE'] === 'require') {
		throw new Error(`AGGWATCH_TEST_SECRET_SERVICE=require, but ${skipped}`);
	}

	console.warn(`test/tenants/keychain.test.ts: the real Secret Service tests are skipped: ${skipped}`);
}

/**
 * Run inside a session: unlocks (creating it on first use) the login keyring with a test password, waits until the
 * keyring answers on the bus (a request before that would have D-Bus start a second daemon), locks it again when
 * asked, runs the command, and stops the keyring daemon it started, which would otherwise outlive the session.
 */
const SESSION_SCRIPT = `set -e
printf %s aggwatch-test-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null
bus() { gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus --method "org.freedesktop.DBus.$1" org.freedesktop.secrets; }
tries=0
until bus NameHasOwner 2>/dev/null | grep -q true; do
	tries=$((tries + 1))
	if [ $tries -gt 200 ]; then echo "aggwatch-test: gnome-keyring did not start" >&2; exit 99; fi
	sleep 0.05
done
if [ "$AGGWATCH_TEST_KEYRING" = locked ]; then
	gdbus call --session --dest org.freedesktop.secrets --object-path /org/freedesktop/secrets \\
		--method org.freedesktop.Secret.Service.Lock "['/org/freedesktop/secrets/collection/login']" >/dev/null
fi
set +e
"$@"
code=$?
kill "$(bus GetConnectionUnixProcessID | grep -o '[0-9][0-9]*' | tail -n 1)" 2>/dev/null
exit $code
`;

type Keyring = 'unlocked' | 'locked' | 'absent';

interface Run {
	env?: Record<string, string | undefined>;
	input?: string;
	config?: string;
}

async function run(box: Sandbox, keyring: Keyring, command: string[], options: Run = {}): Promise<CliResult> {
	const script = path.join(box.home, 'session.sh');
	if (!existsSync(script)) {
		writeFileSync(script, SESSION_SCRIPT);
	}

	const env = cleanEnvironment({
		...box.env,
		...(options.config === undefined ? {} : {AGGWATCH_CONFIG_DIR: options.config}),
		AGGWATCH_KEYRING: undefined,
		AGGWATCH_TEST_KEYRING: keyring,
		// Absent: no session bus at all, as over ssh or in a container.
		DBUS_SESSION_BUS_ADDRESS: undefined,
		XDG_RUNTIME_DIR: undefined,
		DISPLAY: undefined,
		...options.env,
	});
	const [file, args] = keyring === 'absent' ? [command[0]!, command.slice(1)] : ['dbus-run-session', ['--', 'sh', script, ...command]];
	const child = spawn(file, args, {cwd: box.work, env, stdio: ['pipe', 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
		stdout += chunk;
	});
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
		stderr += chunk;
	});
	child.stdin.on('error', () => undefined);
	child.stdin.end(options.input ?? '');
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`${command.join(' ')} did not end within 30 s\nstdout: ${stdout}\nstderr: ${stderr}`));
		}, 30_000);
		child.on('close', code => {
			clearTimeout(timer);
			// The session's own chatter (dbus-daemon, the prompter that cannot open a window) is not aggwatch's.
			const ours = stderr
				.split('\n')
				.filter(line => line.startsWith('aggwatch'))
				.join('\n');
			resolve({code, stdout, stderr: ours});
		});
	});
}

function aggwatch(box: Sandbox, keyring: Keyring, args: string[], options: Run = {}): Promise<CliResult> {
	return run(box, keyring, [process.execPath, cliPath(), ...args], options);
}

/** What secret-tool finds for an account of service "aggwatch" (empty when nothing). */
async function lookup(box: Sandbox, account: string): Promise<string> {
	const result = await run(box, 'unlocked', ['secret-tool', 'lookup', 'service', 'aggwatch', 'username', account]);
	return result.stdout;
}

function settings(config: string): {keychainId?: string; tenants: Record<string, {secret?: string; clientId?: string}>} {
	return JSON.parse(readFileSync(path.join(config, 'config.json'), 'utf8')) as never;
}

async function addAcme(box: Sandbox, url: string, keyring: Keyring, credentials = ACME, config?: string): Promise<CliResult> {
	return aggwatch(
		box,
		keyring,
		['tenant', 'add', 'acme', '--base-url', url, '--client-id', credentials.clientId, '--client-secret-stdin'],
		{
			input: credentials.clientSecret,
			...(config === undefined ? {} : {config}),
		},
	);
}

beforeAll(async () => {
	if (skipped === undefined) {
		await ensureBuilt();
	}
}, 120_000);

describe.skipIf(skipped !== undefined)('secrets in a real Secret Service (gnome-keyring)', () => {
	it('unlocked: tenant add keeps the secret in the keyring under the folder id, and commands use it', async () => {
		const sim = await tenantSimulator();
		const box = testSandbox();
		const add = await addAcme(box, sim.url, 'unlocked');
		expect(add.stderr).toBe('');
		expect(add.code).toBe(0);
		expect(add.stdout).toContain('acme: saved (client secret in the OS keychain)');
		const saved = settings(box.config);
		expect(saved.tenants['acme']).toMatchObject({secret: 'keychain'});
		expect(saved.keychainId).toMatch(/^[\da-f]{16}$/);
		expect(readFileSync(path.join(box.config, 'config.json'), 'utf8')).not.toContain(ACME.clientSecret);
		expect(existsSync(path.join(box.config, 'secrets.json'))).toBe(false);
		expect(await lookup(box, `acme@${saved.keychainId}`)).toBe(ACME.clientSecret);

		const list = await aggwatch(box, 'unlocked', ['tenant', 'list', '--json']);
		expect(ndjson(list.stdout)).toMatchObject([{name: 'acme', secret: 'keychain'}]);
		const status = await aggwatch(box, 'unlocked', ['status', '--tenant', 'acme', RUNNING_ID]);
		expect(status.stderr).toBe('');
		expect(status.code).toBe(0);
		expect(statusCallers(sim)).toEqual([ACME.clientId]);
	}, 60_000);

	it('locked: says the keyring is locked and what to do, never "missing"; remove says the secret stayed', async () => {
		const sim = await tenantSimulator();
		const box = testSandbox();
		expect((await addAcme(box, sim.url, 'unlocked')).code).toBe(0);
		const account = `acme@${settings(box.config).keychainId}`;

		const list = await aggwatch(box, 'locked', ['tenant', 'list']);
		expect(list.code).toBe(0);
		expect(list.stdout).toContain('keychain (cannot be read)');
		expect(list.stdout).not.toContain('missing');
		expect(list.stdout).toContain('The OS keychain cannot be read: the keyring is locked. Unlock it');
		const json = await aggwatch(box, 'locked', ['tenant', 'list', '--json']);
		expect(ndjson(json.stdout)).toMatchObject([{name: 'acme', secret: 'unknown', secretProblem: 'the keyring is locked'}]);

		const requests = sim.log.length;
		const debugFile = path.join(box.work, 'debug.jsonl');
		const status = await aggwatch(box, 'locked', ['status', '--tenant', 'acme', '--debug', debugFile, RUNNING_ID]);
		expect(status.code).toBe(4);
		expect(status.stderr).toBe(
			'aggwatch: the client secret of tenant "acme" is in the OS keychain, which cannot be read: the keyring is locked - ' +
				'unlock it (log in to the desktop session, or unlock the keyring) and try again, or set AGGWATCH_KEYRING=off and run "aggwatch tenant add acme" to keep its secret in a file',
		);
		// The platform's own words are in --debug, not in the message.
		expect(readFileSync(debugFile, 'utf8')).toContain(
			'"reason":"Couldn\'t access platform storage: Secret Service: unlock prompt was dismissed"',
		);
		expect(sim.log).toHaveLength(requests);

		const remove = await aggwatch(box, 'locked', ['tenant', 'remove', 'acme']);
		expect(remove.code).toBe(4);
		expect(remove.stdout).toBe('Removed tenant acme\n');
		expect(remove.stderr).toBe(
			`aggwatch: the client secret of acme could not be removed from the OS keychain: the keyring is locked; it is still there (service "aggwatch", account "${account}"): delete it there once the keychain can be used (adding acme again here replaces it)`,
		);
		expect(await lookup(box, account)).toBe(ACME.clientSecret);
	}, 90_000);

	it('the secret stored last wins: one saved to the file while the keyring was locked is used once it is unlocked', async () => {
		const sim = await tenantSimulator();
		const box = testSandbox();
		expect((await addAcme(box, sim.url, 'unlocked')).code).toBe(0);
		// Locked: the new credentials go to the file, and the warning says why and how to keep them in the keychain.
		const again = await addAcme(box, sim.url, 'locked', GLOBEX);
		expect(again.code).toBe(0);
		expect(again.stderr).toBe(
			`aggwatch: warning: the keyring is locked; the client secret of "acme" is kept in ${path.join(box.config, 'secrets.json')}, readable only by you (to keep it in the keychain, unlock it and run "aggwatch tenant add acme" again)`,
		);
		expect(settings(box.config).tenants['acme']).toMatchObject({secret: 'file', clientId: GLOBEX.clientId});

		const status = await aggwatch(box, 'unlocked', ['status', '--tenant', 'acme', RUNNING_ID]);
		expect(status.code).toBe(0);
		expect(statusCallers(sim).at(-1)).toBe(GLOBEX.clientId);

		// Added again with the keyring open: back in the keychain, and the file copy is gone.
		expect((await addAcme(box, sim.url, 'unlocked')).code).toBe(0);
		expect(settings(box.config).tenants['acme']).toMatchObject({secret: 'keychain'});
		expect(readFileSync(path.join(box.config, 'secrets.json'), 'utf8')).not.toContain(GLOBEX.clientSecret);
		expect((await aggwatch(box, 'unlocked', ['status', '--tenant', 'acme', RUNNING_ID])).code).toBe(0);
		expect(statusCallers(sim).at(-1)).toBe(ACME.clientId);
	}, 90_000);

	it('absent: without a session bus the secret goes to the file, and a keychain secret is said to be unreachable', async () => {
		const sim = await tenantSimulator();
		const box = testSandbox();
		const add = await addAcme(box, sim.url, 'absent');
		expect(add.code).toBe(0);
		expect(add.stderr).toBe(
			`aggwatch: warning: no keychain service is running (no Secret Service on the D-Bus session bus); the client secret of "acme" is kept in ${path.join(box.config, 'secrets.json')}, readable only by you`,
		);
		expect((await aggwatch(box, 'absent', ['status', '--tenant', 'acme', RUNNING_ID])).code).toBe(0);

		// Stored in the keychain from a desktop session, then used over ssh (no bus).
		expect((await addAcme(box, sim.url, 'unlocked')).code).toBe(0);
		const status = await aggwatch(box, 'absent', ['status', '--tenant', 'acme', RUNNING_ID]);
		expect(status.code).toBe(4);
		expect(status.stderr).toContain(
			'which cannot be read: no keychain service is running (no Secret Service on the D-Bus session bus) - run aggwatch where the keychain is',
		);
	}, 90_000);

	it("two settings folders never share an entry: removing acme in one leaves the other's acme working", async () => {
		const sim = await tenantSimulator();
		const box = testSandbox();
		const other = path.join(box.home, 'other-config');
		expect((await addAcme(box, sim.url, 'unlocked')).code).toBe(0);
		expect((await addAcme(box, sim.url, 'unlocked', GLOBEX, other)).code).toBe(0);
		const [first, second] = [settings(box.config).keychainId, settings(other).keychainId];
		expect(first).not.toBe(second);
		expect(await lookup(box, `acme@${first}`)).toBe(ACME.clientSecret);
		expect(await lookup(box, `acme@${second}`)).toBe(GLOBEX.clientSecret);

		const remove = await aggwatch(box, 'unlocked', ['tenant', 'remove', 'acme']);
		expect(remove.code).toBe(0);
		expect(remove.stdout).toBe('Removed tenant acme and its stored secret\n');
		expect(await lookup(box, `acme@${first}`)).toBe('');
		expect(await lookup(box, `acme@${second}`)).toBe(GLOBEX.clientSecret);

		const status = await aggwatch(box, 'unlocked', ['status', '--tenant', 'acme', RUNNING_ID], {config: other});
		expect(status.code).toBe(0);
		expect(statusCallers(sim).at(-1)).toBe(GLOBEX.clientId);
		const list = await aggwatch(box, 'unlocked', ['tenant', 'list', '--json'], {config: other});
		expect(ndjson(list.stdout)).toMatchObject([{name: 'acme', secret: 'keychain'}]);
	}, 90_000);
});
