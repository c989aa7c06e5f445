/**
 * Figure: `aggwatch sources --json` on a tenant of 300 sources, 40 of which ran in the last day, at the default
 * budget (80 requests per 10 s): the time to the first full answer (the process's whole run: token, source pages,
 * task lists, cluster, every schedule) and the requests it used. The simulator limits like ISC (100 per 10 s).
 */
import {spawn} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';
import {manySources} from '../source/simulator/many-sources.js';
import {startSimulator} from '../source/simulator/server.js';
import {fixed, type Figure} from './figure.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = process.env['BENCH_CLI'] ?? path.join(root, 'dist', 'cli.js');
const CLIENT = {clientId: 'bench-sources', clientSecret: 'bench-sources-secret'};
const SOURCES = 300;
const RAN_IN_LAST_DAY = 40;
const BUDGET_SECONDS = 30;

export async function sourcesFigure(log: (line: string) => void): Promise<Figure> {
	const sim = await startSimulator({clients: [CLIENT], ...manySources({count: SOURCES, ranInLastDay: RAN_IN_LAST_DAY, now: Date.now()})});
	const home = mkdtempSync(path.join(tmpdir(), 'aggwatch-bench-sources-'));
	try {
		const env = {
			PATH: process.env['PATH'] ?? '',
			HOME: home,
			AGGWATCH_CONFIG_DIR: path.join(home, 'config'),
			AGGWATCH_KEYRING: 'off',
			SAIL_BASE_URL: sim.url,
			SAIL_CLIENT_ID: CLIENT.clientId,
			SAIL_CLIENT_SECRET: CLIENT.clientSecret,
		};
		const started = performance.now();
		const {code, stdout, stderr} = await new Promise<{code: number | null; stdout: string; stderr: string}>(resolve => {
			const child = spawn(process.execPath, [cli, 'sources', '--json'], {env, stdio: ['ignore', 'pipe', 'pipe']});
			let out = '';
			let err = '';
			child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
			child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
			child.on('close', exit => resolve({code: exit, stdout: out, stderr: err}));
		});
		const seconds = (performance.now() - started) / 1000;
		const endedAt = Date.now();
		const lines = stdout.split('\n').filter(line => line.trim() !== '').length;
		const api = sim.log.filter(entry => entry.path !== '/oauth/token');
		const tokens = sim.log.length - api.length;
		const limited = sim.log.filter(entry => entry.status === 429).length;
		const kinds = {
			sourcePages: api.filter(entry => entry.path === '/v2025/sources').length,
			taskLists: api.filter(entry => entry.path === '/v2025/task-status').length,
			clusters: api.filter(entry => entry.path.startsWith('/v2025/managed-clusters/')).length,
			schedules: api.filter(entry => entry.path.endsWith('/schedules')).length,
		};
		// The budget's own floor: the window lets 80 through every 10 s, so N requests cannot end before (ceil(N / 80) - 1) × 10 s.
		const floorSeconds = (Math.ceil(api.length / 80) - 1) * 10;
		const firstAt = api[0]?.at ?? endedAt;
		const lastAt = api.at(-1)?.at ?? endedAt;
		const spans = {
			toFirstRequest: (firstAt - (endedAt - seconds * 1000)) / 1000,
			requestSpan: (lastAt - firstAt) / 1000,
			afterLast: (endedAt - lastAt) / 1000,
		};
		log(`  ${lines} lines in ${fixed(seconds, 1)} s, ${api.length} requests (${JSON.stringify(kinds)}), exit ${code}`);
		const ok = code === 0 && lines === SOURCES && limited === 0 ? seconds <= BUDGET_SECONDS + 5 : undefined;
		return {
			key: 'sources_300_seconds',
			name: `aggwatch sources, ${SOURCES} sources (${RAN_IN_LAST_DAY} ran in the last day), default budget: first full answer`,
			value: seconds,
			unit: 's',
			display: `${fixed(seconds, 1)} s, ${api.length} requests + ${tokens} token`,
			budget: `about ${BUDGET_SECONDS} s (≤ ${BUDGET_SECONDS + 5} s)`,
			ok,
			notes: [
				`${kinds.sourcePages} source pages, ${kinds.taskLists} task-status lists, ${kinds.clusters} cluster, ${kinds.schedules} schedules; ${limited} answered 429`,
				`start to first request ${fixed(spans.toFirstRequest, 1)} s, first to last request ${fixed(spans.requestSpan, 1)} s (the budget's floor for ${api.length} requests: ${floorSeconds} s), last request to exit ${fixed(spans.afterLast, 1)} s`,
				...(code === 0 ? [] : [`exit ${code}: ${stderr.trim().split('\n')[0] ?? ''}`]),
			],
			details: {seconds, requests: api.length, tokens, limited, lines, exitCode: code, floorSeconds, ...spans, ...kinds},
		};
	} finally {
		await sim.close();
		rmSync(home, {recursive: true, force: true});
	}
}
