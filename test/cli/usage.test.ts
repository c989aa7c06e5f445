/**
 * The command line of every command: --help with examples, --version, and a one-line error with exit code 1 for
 * unknown flags, missing arguments and bad values, before anything is read or sent.
 */
import {beforeAll, describe, expect, it} from 'vitest';
import {ensureBuilt, runCli} from '../helpers/cli.js';
import {ACME, saveTenant, testSandbox} from '../tenants/fixtures.js';

const ID = '2c91808477a6b0c60177a81146b8110b';

beforeAll(async () => {
	await ensureBuilt();
}, 120_000);

describe('help and version', () => {
	it('prints the version', async () => {
		const result = await runCli(['--version']);
		expect(result).toMatchObject({code: 0, stderr: ''});
		expect(result.stdout).toMatch(/^\d+\.\d+\.\d+\S*\n$/);
	});

	it.each([
		['monitor', []],
		['status', ['status']],
		['wait', ['wait']],
		['track', ['track']],
		['untrack', ['untrack']],
		['list', ['list']],
		['tenant', ['tenant']],
	] as const)('has --help with examples for %s', async (_name, words) => {
		const result = await runCli([...words, '--help']);
		expect(result.code).toBe(0);
		expect(result.stderr).toBe('');
		expect(result.stdout).toMatch(/^Usage|^aggwatch: /);
		const examples = result.stdout.slice(result.stdout.indexOf('\nExamples\n'));
		expect(examples.length).toBeGreaterThan(10);
		expect(
			examples.split('\n').filter(line => line.startsWith('  aggwatch ') || line.includes('| aggwatch ')).length,
		).toBeGreaterThanOrEqual(2);
	});

	it('documents the tenant order, the proxies and the keychain fallback', async () => {
		const main = (await runCli(['--help'])).stdout;
		expect(main).toContain('--tenant NAME');
		expect(main).toContain('HTTPS_PROXY, HTTP_PROXY and NO_PROXY');
		expect(main).toContain('NODE_EXTRA_CA_CERTS');
		const tenant = (await runCli(['tenant', '--help'])).stdout;
		expect(tenant).toContain('AGGWATCH_KEYRING=off');
		expect(tenant).toContain('~/.sailpoint/config.yaml');
	});
});

describe('usage errors', () => {
	const cases: Array<[string[], string]> = [
		[['track'], 'aggwatch: track needs at least one aggregation id, e.g. aggwatch track 2c91808477a6b0c60177a81146b8110b'],
		[['track', '--json', ID], 'aggwatch: --json does not apply to "aggwatch track"'],
		[['track', '--tenant'], 'aggwatch: option --tenant needs a value'],
		[['untrack'], 'aggwatch: untrack needs at least one aggregation id, e.g. aggwatch untrack 2c91808477a6b0c60177a81146b8110b'],
		[['untrack', '--interval', '5', ID], 'aggwatch: --interval does not apply to "aggwatch untrack"'],
		[['list', ID], `aggwatch: list takes no arguments (got "${ID}"); use --tenant NAME to show one tenant`],
		[['list', '--timeout', '5s'], 'aggwatch: --timeout does not apply to "aggwatch list"'],
		[['tenant'], 'aggwatch: tenant needs a subcommand: add, list, remove, use, import'],
		[['tenant', 'rename', 'a'], 'aggwatch: unknown tenant subcommand "rename"; use add, list, remove, use, import'],
		[['tenant', 'add'], 'aggwatch: tenant add needs a name, e.g. aggwatch tenant add acme'],
		[['tenant', 'add', 'acme', 'its-secret'], 'aggwatch: tenant add takes one name, not "its-secret" too; the secret is never an argument'],
		[['tenant', 'add', 'a b'], 'aggwatch: "a b" cannot be a tenant name: use letters, digits, dots, dashes or underscores'],
		[['tenant', 'add', 'acme', '--json'], 'aggwatch: --json does not apply to "aggwatch tenant add"'],
		[['tenant', 'add', 'acme', '--client-secret', 'x'], 'aggwatch: unknown option --client-secret; did you mean --client-secret-stdin?'],
		[['tenant', 'list', 'extra'], 'aggwatch: tenant list takes no arguments (got "extra")'],
		[['tenant', 'remove'], 'aggwatch: tenant remove needs a name, e.g. aggwatch tenant remove acme'],
		[['tenant', 'remove', 'initech'], 'aggwatch: no saved tenant "initech" (saved: acme)'],
		[['tenant', 'remove', 'acme', '--drop-rows', '--keep-rows'], 'aggwatch: --drop-rows and --keep-rows cannot both be given'],
		[['tenant', 'use', 'initech'], 'aggwatch: no saved tenant "initech" (saved: acme)'],
		[['tenant', 'import', 'file.yaml'], 'aggwatch: tenant import takes no arguments (got "file.yaml")'],
		[['tenant', 'list', '--demo'], 'aggwatch: --demo does not apply to "aggwatch tenant"'],
		[['status', '--api-version', 'v9', ID], 'aggwatch: --api-version must be one of v2025, v2024, beta, v1, not "v9"'],
		[['status', '--interval', '5', ID], 'aggwatch: --interval does not apply to "aggwatch status"'],
		[['status', '--on-end', 'true', ID], 'aggwatch: --on-end does not apply to "aggwatch status"'],
		[
			['start', 'Workday', '--on-end', 'true'],
			'aggwatch: --on-end and --notify need --wait (or --sequence): without it start does not see the run end',
		],
		[
			['start', 'Workday', '--continue-on-failure'],
			'aggwatch: --continue-on-failure goes with --sequence: aggwatch start A B C --sequence --continue-on-failure',
		],
		[
			['start', 'A', 'B'],
			'aggwatch: start takes one source; quote a name with spaces: aggwatch start "A B", or start them one after another with --sequence',
		],
		[
			['wait', ID, '--notify', 'http://hooks.example.com/T0/SECRET'],
			'aggwatch: the webhook URL must start with https:// (plain http only to this machine); it starts with http://',
		],
		[
			['wait', ID, '--notify-format', 'discord', '--notify', 'https://hooks.example.com/x'],
			'aggwatch: --notify-format must be one of slack, teams, json, not "discord"',
		],
		[
			['discover', '--notify', 'https://hooks.example.com/x'],
			'aggwatch: --notify goes with --ended, e.g. aggwatch discover --ended --failed --notify …',
		],
		[
			['config', 'set', 'notify', 'https://hooks.example.com/SECRET'],
			'aggwatch: a webhook URL is a secret and is never an argument here: run "aggwatch config set notify" and paste it when asked (or give it on standard input)',
		],
		[['notify', 'send'], 'aggwatch: unknown notify subcommand "send"; use: notify test [URL]'],
		[['stauts', ID], 'aggwatch: unknown command "stauts"; did you mean "status"?'],
	];

	it.each(cases)('aggwatch %j', async (args, message) => {
		const box = testSandbox();
		saveTenant(box, 'acme', {baseUrl: 'https://acme.api.identitynow.com', clientId: ACME.clientId}, ACME.clientSecret, true);
		const result = await runCli(args, {env: box.env, cwd: box.work});
		expect(result.code).toBe(1);
		expect(result.stdout).toBe('');
		const lines = result.stderr.trimEnd().split('\n');
		expect(lines[0]).toBe(message);
		// At most a pointer to the command's help follows.
		expect(lines.slice(1).every(line => /^Run "aggwatch( \w+)? --help" for usage\.$/.test(line))).toBe(true);
	});

	it('refuses a tenant URL that cannot be one, in one line', async () => {
		const box = testSandbox();
		const result = await runCli(['tenant', 'add', 'acme', '--base-url', 'ftp://acme.example.com'], {
			env: {...box.env, SAIL_CLIENT_ID: 'x', SAIL_CLIENT_SECRET: 'y'},
			cwd: box.work,
		});
		expect(result.code).toBe(1);
		expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
		expect(result.stderr).toMatch(/^aggwatch: .*ftp/);
	});
});
