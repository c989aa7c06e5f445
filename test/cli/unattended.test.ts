/**
 * Unattended runs, end to end: the built CLI against simulated tenants. `start A B C --sequence` (order, stop on
 * failure, --continue-on-failure, a source already running), `--on-end` (its variables and JSON, its time limit, its
 * failure), `--notify` to a webhook on loopback in each format with its retries, and the --debug log of a run with
 * --notify searched for the URL.
 */
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {SimAggregationPlan, SimSource, Simulator} from '../../source/simulator/types.js';
import {openStore} from '../../source/store/config.js';
import {ensureBuilt, runCli, type CliResult} from '../helpers/cli.js';
import {webhookReceiver} from '../helpers/webhook-receiver.js';
import {ADHOC, tenantSimulator, testSandbox} from '../tenants/fixtures.js';

beforeAll(async () => {
	await ensureBuilt();
}, 120_000);

const scratch: string[] = [];
afterEach(() => {
	for (const dir of scratch.splice(0)) {
		rmSync(dir, {recursive: true, force: true});
	}
});

function scratchDir(): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'aggwatch-unattended-'));
	scratch.push(dir);
	return dir;
}

/** A source whose aggregations take about a second: 200 accounts at 400 per second after 300 ms. */
function source(
	index: number,
	name: string,
	outcome: SimAggregationPlan['outcome'] = {type: 'COMPLETED'},
	extra: Partial<SimSource['plan']> = {},
): SimSource {
	return {
		id: `2c91808a7813090a0178141200000${index}0${index}`.slice(0, 32).padEnd(32, '0'),
		name,
		type: 'Workday',
		plan: {collectMs: 300, totalAccounts: 200, accountsPerSecond: 400, outcome, ...extra},
	};
}

const HR = source(1, 'HR');
const AD = source(2, 'Active Directory');
const SN = source(3, 'ServiceNow');
const AD_FAILING = source(2, 'Active Directory', {type: 'TERMINATED', retries: 1, retryMs: 300});

interface Line {
	event: string;
	id?: string;
	source?: {id: string; name: string} | string;
	exitCode?: number;
	reason?: string;
	task?: {completionStatus: string};
	results?: Array<{source: {name: string}; exitCode?: number; skipped?: string; alreadyRunning?: boolean}>;
	[key: string]: unknown;
}

function ndjson(result: CliResult): Line[] {
	return result.stdout
		.trim()
		.split('\n')
		.filter(line => line !== '')
		.map(line => JSON.parse(line) as Line);
}

async function cli(sim: Simulator, args: string[], env: Record<string, string> = {}, box = testSandbox()): Promise<CliResult> {
	return runCli(args, {
		env: {...box.env, SAIL_BASE_URL: sim.url, SAIL_CLIENT_ID: ADHOC.clientId, SAIL_CLIENT_SECRET: ADHOC.clientSecret, ...env},
		cwd: box.work,
		timeoutMs: 90_000,
	});
}

function posts(sim: Simulator): string[] {
	return sim.log.filter(entry => entry.method === 'POST' && entry.path.endsWith('/load-accounts')).map(entry => entry.path.split('/')[3]!);
}

/** event name and source name of each line, to read the order at a glance. */
function story(lines: Line[]): string[] {
	return lines
		.filter(line => line.event !== 'progress' && line.event !== 'rate-limited')
		.map(line => `${line.event} ${typeof line.source === 'object' ? line.source.name : ''}`.trim());
}

describe('start --sequence', () => {
	it('starts each source once the one before has ended and its task told how it went, and tracks every run', async () => {
		const sim = await tenantSimulator({sources: [HR, AD, SN], aggregations: []});
		const box = testSandbox();
		const result = await cli(sim, ['start', '--interval', '1', '--json', '--sequence', 'HR', 'Active Directory', 'ServiceNow'], {}, box);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		const lines = ndjson(result);
		expect(story(lines)).toEqual([
			'started HR',
			'ended HR',
			'started Active Directory',
			'ended Active Directory',
			'started ServiceNow',
			'ended ServiceNow',
			'summary',
		]);
		for (const ended of lines.filter(line => line.event === 'ended')) {
			expect(ended).toMatchObject({status: 'COMPLETED', exitCode: 0, task: {completionStatus: 'SUCCESS'}});
		}

		expect(posts(sim)).toEqual([HR.id, AD.id, SN.id]);
		// Each POST came after the previous run's task had been read (its outcome known).
		const ids = lines.filter(line => line.event === 'started').map(line => line.id!);
		const index = (match: (entry: Simulator['log'][number]) => boolean) => sim.log.findIndex(match);
		const lastTaskRead = (id: string) => sim.log.findLastIndex(entry => entry.path === `/v2025/task-status/${id}`);
		expect(lastTaskRead(ids[0]!)).toBeGreaterThan(-1);
		expect(index(entry => entry.method === 'POST' && entry.path.includes(AD.id))).toBeGreaterThan(lastTaskRead(ids[0]!));
		expect(index(entry => entry.method === 'POST' && entry.path.includes(SN.id))).toBeGreaterThan(lastTaskRead(ids[1]!));
		// Tracked as they started: an open monitor picks each one up.
		const {store} = openStore({cwd: box.config});
		expect(store.listTracked().map(row => row.label)).toEqual(['HR', 'Active Directory', 'ServiceNow']);
		store.close();
		expect(lines.at(-1)).toMatchObject({event: 'summary', exitCode: 0});
	}, 90_000);

	it('stops after a failed run and names the sources it did not start; --continue-on-failure goes on', async () => {
		const sim = await tenantSimulator({sources: [HR, AD_FAILING, SN], aggregations: []});
		const stopped = await cli(sim, ['start', '--interval', '1', '--sequence', 'HR', 'Active Directory', 'ServiceNow']);
		expect(stopped.code).toBe(2);
		expect(posts(sim)).toEqual([HR.id, AD.id]);
		expect(stopped.stderr).toContain('"Active Directory" did not succeed (exit 2); not started: "ServiceNow"');
		expect(stopped.stderr).toContain(
			'sequence: HR COMPLETED (task SUCCESS), Active Directory TERMINATED (task ERROR), ServiceNow not started; exit 2',
		);

		const json = await cli(sim, ['start', '--interval', '1', '--json', '--sequence', 'HR', 'Active Directory', 'ServiceNow']);
		expect(json.code).toBe(2);
		const lines = ndjson(json);
		expect(story(lines)).toEqual([
			'started HR',
			'ended HR',
			'started Active Directory',
			'ended Active Directory',
			'skipped ServiceNow',
			'summary',
		]);
		expect(lines.find(line => line.event === 'skipped')).toMatchObject({
			reason: '"Active Directory" did not succeed (exit 2)',
			step: 3,
			of: 3,
		});
		expect(lines.at(-1)?.results?.map(result => [result.source.name, result.exitCode, result.skipped])).toEqual([
			['HR', 0, undefined],
			['Active Directory', 2, undefined],
			['ServiceNow', undefined, '"Active Directory" did not succeed (exit 2)'],
		]);

		const going = await cli(sim, [
			'start',
			'--interval',
			'1',
			'--json',
			'--sequence',
			'--continue-on-failure',
			'HR',
			'Active Directory',
			'ServiceNow',
		]);
		expect(going.code).toBe(2);
		expect(story(ndjson(going))).toEqual([
			'started HR',
			'ended HR',
			'started Active Directory',
			'ended Active Directory',
			'started ServiceNow',
			'ended ServiceNow',
			'summary',
		]);
		expect(posts(sim)).toEqual([HR.id, AD.id, HR.id, AD.id, HR.id, AD.id, SN.id]);
	}, 120_000);

	it('waits on a source that is already running instead of starting it, then goes on', async () => {
		const runningId = 'feed0000000000000000000000000001';
		const running: SimAggregationPlan = {
			id: runningId,
			sourceId: HR.id,
			sourceName: 'HR',
			startAtMs: -500,
			collectMs: 300,
			totalAccounts: 600,
			accountsPerSecond: 400,
			outcome: {type: 'COMPLETED'},
		};
		const sim = await tenantSimulator({sources: [HR, AD, SN], aggregations: [running]});
		const result = await cli(sim, ['start', '--interval', '1', '--json', '--sequence', 'HR', 'Active Directory']);
		expect(result.code).toBe(0);
		const lines = ndjson(result);
		expect(story(lines)).toEqual(['already-running HR', 'ended HR', 'started Active Directory', 'ended Active Directory', 'summary']);
		expect(lines[0]).toMatchObject({id: runningId, sent: false});
		expect(lines.find(line => line.event === 'ended')).toMatchObject({id: runningId, status: 'COMPLETED'});
		expect(posts(sim)).toEqual([AD.id]);
		expect(lines.at(-1)?.results?.[0]).toMatchObject({alreadyRunning: true, exitCode: 0});
	}, 90_000);

	it('finds every source before starting any: a typo in the last one starts nothing', async () => {
		const sim = await tenantSimulator({sources: [HR, AD], aggregations: []});
		const result = await cli(sim, ['start', '--sequence', 'HR', 'Active Directory', 'Nope']);
		expect(result.code).toBe(3);
		expect(result.stderr).toContain('nothing was started');
		expect(posts(sim)).toEqual([]);
	}, 60_000);
});

const DONE_ID = 'a0000000000000000000000000000001';
const WARNED_ID = 'a0000000000000000000000000000002';
const HELD_ID = 'a0000000000000000000000000000003';

function plan(id: string, fields: Partial<SimAggregationPlan> = {}): SimAggregationPlan {
	return {
		id,
		sourceId: `src-${id.slice(-1)}`,
		sourceName: 'Workday',
		startAtMs: 0,
		collectMs: 300,
		totalAccounts: 200,
		accountsPerSecond: 400,
		outcome: {type: 'COMPLETED'},
		...fields,
	};
}

const PLANS = [
	plan(DONE_ID),
	plan(WARNED_ID, {task: {warnings: ['one', 'two']}}),
	plan(HELD_ID, {totalAccountsMarkedForDeletion: 150, deleteThreshold: 10}),
];

/** An --on-end command that saves its AGGWATCH_* variables and its standard input, one file pair per run. */
const RECORD =
	'printenv | grep ^AGGWATCH_ | sort > "$OUT/$AGGWATCH_ID.$AGGWATCH_EVENT.env"; cat > "$OUT/$AGGWATCH_ID.$AGGWATCH_EVENT.json"';

/** The event's variables a command got (the AGGWATCH_* of aggwatch's own environment left out). */
function readEnv(file: string): Record<string, string> {
	return Object.fromEntries(
		readFileSync(file, 'utf8')
			.trim()
			.split('\n')
			.map(line => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)])
			.filter(([name]) => name !== 'AGGWATCH_CONFIG_DIR' && name !== 'AGGWATCH_KEYRING'),
	);
}

describe('--on-end', () => {
	it('runs the command once per run with the AGGWATCH_* variables and the event as JSON on its input', async () => {
		const sim = await tenantSimulator({aggregations: PLANS});
		const out = scratchDir();
		const result = await cli(sim, ['wait', '--interval', '1', '--on-end', RECORD, DONE_ID, WARNED_ID, HELD_ID], {OUT: out});
		expect(result.code).toBe(0);
		expect(result.stderr).toBe('');
		const tenant = new URL(sim.url).host;
		expect(readEnv(path.join(out, `${WARNED_ID}.ended.env`))).toEqual({
			AGGWATCH_DURATION_SECONDS: expect.stringMatching(/^\d+$/),
			AGGWATCH_ERRORS: '0',
			AGGWATCH_EVENT: 'ended',
			AGGWATCH_ID: WARNED_ID,
			AGGWATCH_OUTCOME: 'WARNING',
			AGGWATCH_SOURCE: '',
			AGGWATCH_STATUS: 'COMPLETED',
			AGGWATCH_TENANT: tenant,
			AGGWATCH_WARNINGS: '2',
		});
		expect(JSON.parse(readFileSync(path.join(out, `${WARNED_ID}.ended.json`), 'utf8'))).toMatchObject({
			event: 'ended',
			id: WARNED_ID,
			tenant,
			status: 'COMPLETED',
			outcome: 'WARNING',
			warnings: 2,
			errors: 0,
			processedAccounts: 200,
			totalAccounts: 200,
		});
		expect(readEnv(path.join(out, `${DONE_ID}.ended.env`))).toMatchObject({AGGWATCH_OUTCOME: 'SUCCESS', AGGWATCH_WARNINGS: '0'});
		// The run that marked 150 of 200 for deletion over a 10 % threshold: ended, then held-back.
		expect(readEnv(path.join(out, `${HELD_ID}.held-back.env`))).toMatchObject({AGGWATCH_EVENT: 'held-back', AGGWATCH_STATUS: 'COMPLETED'});
		expect(JSON.parse(readFileSync(path.join(out, `${HELD_ID}.held-back.json`), 'utf8'))).toMatchObject({
			deletions: {marked: 150, deleted: 0},
		});
		expect(existsSync(path.join(out, `${HELD_ID}.ended.env`))).toBe(true);
		expect(existsSync(path.join(out, `${DONE_ID}.held-back.env`))).toBe(false);
	}, 60_000);

	it('tells a stall as it happens, then the end', async () => {
		const stalling = 'a0000000000000000000000000000009';
		const sim = await tenantSimulator({
			aggregations: [plan(stalling, {sourceName: 'LDAP', totalAccounts: 400, accountsPerSecond: 200, stall: {atMs: 300, forMs: 3000}})],
		});
		const out = scratchDir();
		const result = await cli(sim, ['wait', '--interval', '1', '--stall-after', '1s', '--on-end', RECORD, stalling], {OUT: out});
		expect(result.code).toBe(0);
		expect(readEnv(path.join(out, `${stalling}.stalled.env`))).toMatchObject({
			AGGWATCH_EVENT: 'stalled',
			AGGWATCH_STATUS: 'ACCOUNTS_COLLECTED',
			AGGWATCH_OUTCOME: 'RUNNING',
		});
		expect(JSON.parse(readFileSync(path.join(out, `${stalling}.stalled.json`), 'utf8'))).toMatchObject({
			stall: {kind: 'no-progress', thresholdSeconds: 1},
		});
		expect(readEnv(path.join(out, `${stalling}.ended.env`))).toMatchObject({AGGWATCH_OUTCOME: 'SUCCESS'});
	}, 60_000);

	it('stops a command that outlives its time limit, says so once, and keeps the exit code', async () => {
		const sim = await tenantSimulator({aggregations: PLANS});
		const out = scratchDir();
		const started = Date.now();
		const result = await cli(sim, ['wait', '--interval', '1', '--on-end', 'echo $$ > "$OUT/pid"; sleep 60; touch "$OUT/late"', DONE_ID], {
			OUT: out,
			AGGWATCH_ON_END_TIMEOUT: '1s',
		});
		expect(result.code).toBe(0);
		expect(Date.now() - started).toBeLessThan(20_000);
		const told = result.stderr.split('\n').filter(line => line.includes('--on-end'));
		expect(told).toEqual([`aggwatch: warning: --on-end for ${DONE_ID} (ended) did not finish within 1s and was stopped`]);
		// The shell and its sleep are gone.
		const pid = Number(readFileSync(path.join(out, 'pid'), 'utf8'));
		expect(() => process.kill(pid, 0)).toThrow();
		expect(existsSync(path.join(out, 'late'))).toBe(false);
	}, 60_000);

	it('tells a failing command once per run, on standard error, and changes no exit code', async () => {
		const sim = await tenantSimulator({aggregations: PLANS});
		const result = await cli(sim, ['wait', '--interval', '1', '--json', '--on-end', 'exit 3', DONE_ID, WARNED_ID]);
		expect(result.code).toBe(0);
		expect(ndjson(result).at(-1)).toMatchObject({event: 'summary', exitCode: 0});
		const told = result.stderr
			.split('\n')
			.filter(line => line !== '')
			.sort();
		expect(told).toEqual([
			`aggwatch: warning: --on-end for ${DONE_ID} (ended) exited with code 3`,
			`aggwatch: warning: --on-end for ${WARNED_ID} (ended) exited with code 3`,
		]);
	}, 60_000);
});

describe('--notify', () => {
	it('posts Slack, Teams and plain JSON bodies, each picked by --notify-format', async () => {
		const sim = await tenantSimulator({aggregations: PLANS});
		const slack = await webhookReceiver();
		await cli(sim, ['wait', '--interval', '1', '--notify', slack.url, '--notify-format', 'slack', WARNED_ID]);
		const [slackPost] = await slack.waitForPosts(1);
		expect(slackPost!.contentType).toBe('application/json');
		const text = (slackPost!.body as {text: string}).text;
		expect(Object.keys(slackPost!.body as object)).toEqual(['text']);
		expect(text).toContain(`*aggwatch: ${WARNED_ID}: COMPLETED, task WARNING*`);
		expect(text).toContain('• Messages: 2 warnings, 0 errors');
		expect(text).not.toMatch(/https?:\/\//);

		const teams = await webhookReceiver([{status: 202}]);
		await cli(sim, ['wait', '--interval', '1', '--notify', teams.url, '--notify-format', 'teams', WARNED_ID]);
		const [teamsPost] = await teams.waitForPosts(1);
		expect(teamsPost!.body).toMatchObject({
			type: 'message',
			attachments: [
				{
					contentType: 'application/vnd.microsoft.card.adaptive',
					content: {
						type: 'AdaptiveCard',
						body: [
							{type: 'TextBlock', text: `aggwatch: ${WARNED_ID}: COMPLETED, task WARNING`},
							{type: 'FactSet', facts: expect.arrayContaining([{title: 'Messages', value: '2 warnings, 0 errors'}])},
						],
					},
				},
			],
		});

		// 127.0.0.1 is neither Slack's nor a Teams host: plain JSON, the event itself.
		const plain = await webhookReceiver();
		await cli(sim, ['wait', '--interval', '1', '--notify', plain.url, WARNED_ID]);
		const [plainPost] = await plain.waitForPosts(1);
		expect(plainPost!.body).toMatchObject({event: 'ended', id: WARNED_ID, status: 'COMPLETED', outcome: 'WARNING', warnings: 2});
	}, 90_000);

	it('tries again after 5xx and Retry-After within the minute, and tells a delivery that never succeeds once', async () => {
		const sim = await tenantSimulator({aggregations: PLANS});
		const flaky = await webhookReceiver([{status: 503, retryAfter: '0'}, {status: 500}, {status: 200, body: 'ok'}]);
		const delivered = await cli(sim, ['wait', '--interval', '1', '--notify', flaky.url, DONE_ID]);
		expect(delivered.code).toBe(0);
		expect(delivered.stderr).toBe('');
		expect(flaky.posts).toHaveLength(3);
		// No wait after Retry-After: 0; about a second after the 500.
		expect(flaky.posts[2]!.at - flaky.posts[1]!.at).toBeGreaterThanOrEqual(900);

		const gone = await webhookReceiver([{status: 404, body: 'no_service'}]);
		const refused = await cli(sim, ['wait', '--interval', '1', '--notify', gone.url, DONE_ID]);
		expect(refused.code).toBe(0);
		// A 404 is not retried.
		expect(gone.posts).toHaveLength(1);
		expect(refused.stderr.trim().split('\n')).toEqual([
			`aggwatch: warning: --notify could not post "${DONE_ID}: COMPLETED, task SUCCESS": the webhook answered HTTP 404 (no_service) after 1 try`,
		]);
		expect(refused.stderr).not.toContain(gone.secret);
	}, 90_000);

	it('keeps the URL out of the --debug log, the output and the history', async () => {
		const sim = await tenantSimulator({aggregations: PLANS});
		const hook = await webhookReceiver([{status: 500}, {status: 200}]);
		const box = testSandbox();
		const log = path.join(box.work, 'debug.jsonl');
		const result = await cli(sim, ['wait', '--interval', '1', '--debug', log, '--json', '--notify', hook.url, DONE_ID], {}, box);
		expect(result.code).toBe(0);
		expect(hook.posts).toHaveLength(2);
		const text = readFileSync(log, 'utf8');
		// The webhook's tries are there, by host only.
		const tries = text
			.trim()
			.split('\n')
			.map(line => JSON.parse(line) as {kind?: string; host?: string; status?: number; attempt?: number})
			.filter(entry => entry.kind === 'webhook');
		expect(tries.map(entry => [entry.host, entry.status, entry.attempt])).toEqual([
			[new URL(hook.url).host, 500, 1],
			[new URL(hook.url).host, 200, 2],
		]);
		for (const place of [text, result.stdout, result.stderr, readFileSync(path.join(box.config, 'history.json'), 'utf8')]) {
			expect(place).not.toContain(hook.secret);
			expect(place).not.toContain('/services/');
		}
	}, 60_000);

	it('notify test posts one sample event and says what the webhook answered; config set notify keeps the URL out of the settings', async () => {
		const hook = await webhookReceiver([{status: 200, body: 'ok'}]);
		const box = testSandbox();
		const env = {...box.env};
		const tested = await runCli(['notify', 'test', hook.url, '--notify-format', 'slack'], {env, cwd: box.work});
		expect(tested.code).toBe(0);
		expect(tested.stdout.trim()).toBe(`the webhook at ${new URL(hook.url).host} answered HTTP 200: ok (slack format; 1 try)`);
		expect((hook.posts[0]!.body as {text: string}).text).toContain('aggwatch test notification');
		expect(tested.stdout + tested.stderr).not.toContain(hook.secret);

		const saved = await runCli(['config', 'set', 'notify'], {env, cwd: box.work, input: `${hook.url}\n`});
		expect(saved.code).toBe(0);
		expect(saved.stderr).toContain('saved the webhook URL in the secrets file');
		expect(readFileSync(path.join(box.config, 'config.json'), 'utf8')).not.toContain(hook.secret);
		const listed = await runCli(['config', 'list'], {env, cwd: box.work});
		expect(listed.stdout).toContain('notify         a webhook URL, kept in the secrets file (not shown)');
		expect(listed.stdout).not.toContain(hook.secret);

		// The saved one is used by default; --notify '' turns it off for one command.
		const again = await runCli(['notify', 'test'], {env, cwd: box.work});
		expect(again.code).toBe(0);
		expect(hook.posts).toHaveLength(2);
		expect((hook.posts[1]!.body as {event: string}).event).toBe('ended');

		const refused = await runCli(['config', 'set', 'notify', hook.url], {env, cwd: box.work});
		expect(refused.code).toBe(1);
		expect(refused.stderr).not.toContain(hook.secret);
	}, 60_000);
});

describe('discover --ended --failed with --on-end and --notify', () => {
	it('tells each failed run that ended in the window, oldest first', async () => {
		const sim = await tenantSimulator({
			aggregations: [
				plan(DONE_ID, {startAtMs: -600_000}),
				plan(WARNED_ID, {startAtMs: -500_000, sourceName: 'LDAP', task: {errors: ['Page 3 could not be read']}}),
				plan(HELD_ID, {startAtMs: -400_000, sourceName: 'Okta', outcome: {type: 'TERMINATED', retries: 1, retryMs: 300}}),
			],
		});
		const out = scratchDir();
		const hook = await webhookReceiver();
		const result = await cli(sim, ['discover', '--ended', '--failed', '--on-end', RECORD, '--notify', hook.url], {OUT: out});
		expect(result.code).toBe(0);
		const posts = await hook.waitForPosts(2);
		expect(posts.map(post => [(post.body as {id: string}).id, (post.body as {outcome: string}).outcome]).sort()).toEqual([
			[WARNED_ID, 'ERROR'],
			[HELD_ID, 'ERROR'],
		]);
		expect(readEnv(path.join(out, `${WARNED_ID}.ended.env`))).toMatchObject({
			AGGWATCH_OUTCOME: 'ERROR',
			AGGWATCH_ERRORS: '1',
			AGGWATCH_STATUS: 'COMPLETED',
		});
		// The simulator's terminated runs end their task ERROR, as ISC's often do.
		expect(readEnv(path.join(out, `${HELD_ID}.ended.env`))).toMatchObject({AGGWATCH_OUTCOME: 'ERROR', AGGWATCH_SOURCE: 'Okta'});
		expect(existsSync(path.join(out, `${DONE_ID}.ended.env`))).toBe(false);
	}, 60_000);
});

describe('sources --attention with --on-end and --notify', () => {
	it('tells one attention event per source needing attention, with why', async () => {
		const box = testSandbox();
		const out = scratchDir();
		const hook = await webhookReceiver();
		const listed = await runCli(['sources', '--demo', '--attention', '--json'], {env: box.env, cwd: box.work, timeoutMs: 60_000});
		const needing = listed.stdout
			.trim()
			.split('\n')
			.map(line => JSON.parse(line) as {name: string; attention: string[]});
		expect(needing.length).toBeGreaterThan(0);

		const result = await runCli(
			[
				'sources',
				'--demo',
				'--attention',
				'--on-end',
				'echo "$AGGWATCH_EVENT|$AGGWATCH_SOURCE" >> "$OUT/attention.log"',
				'--notify',
				hook.url,
			],
			{env: {...box.env, OUT: out}, cwd: box.work, timeoutMs: 60_000},
		);
		expect(result.code).toBe(2);
		const told = readFileSync(path.join(out, 'attention.log'), 'utf8').trim().split('\n').sort();
		expect(told).toEqual(needing.map(source => `attention|${source.name}`).sort());
		const posts = await hook.waitForPosts(needing.length);
		expect(posts.map(post => [(post.body as {source: string}).source, (post.body as {attention: string[]}).attention]).sort()).toEqual(
			needing.map(source => [source.name, source.attention]).sort(),
		);
	}, 90_000);
});
