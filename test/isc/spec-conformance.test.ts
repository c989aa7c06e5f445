/**
 * Every kind of request aggwatch sends is valid against spec/isc-openapi-v2025-subset.yaml (SailPoint's own
 * document, trimmed): the requests are recorded on their way to the simulated tenant (a recording relay in front of
 * it) and each is checked against its operation: method and path, query parameters (declared names, schema types and
 * bounds, the filter and sorter fields and operators the operation lists), the Authorization header where the
 * operation is secured, and the body (content type and declared fields). And `start` succeeds against the document's
 * own LoadAccountsTask example, built from the yaml the way a mock server (Prism) builds its answer.
 *
 * Prism itself is not used: @stoplight/prism-cli pulls in some 20 direct dependencies (telemetry among them) and
 * needs network access to install; this test checks the same things for the operations aggwatch uses.
 */
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterEach, describe, expect, it} from 'vitest';
import {parse} from 'yaml';
import {ExitCode} from '../../source/domain/exit-codes.js';
import {labelForAggregation} from '../../source/commands/aggregation-labels.js';
import {resolveSource} from '../../source/commands/resolve-source.js';
import {listAllRunning} from '../../source/commands/running-aggregations.js';
import {startOrFindRunning} from '../../source/commands/start-aggregation.js';
import {TenantOverview} from '../../source/commands/source-overview-reader.js';
import {runStart} from '../../source/commands/start.js';
import {IscClient} from '../../source/isc/client.js';
import {startSimulator} from '../../source/simulator/server.js';
import type {SimSource, Simulator, SimulatorOptions} from '../../source/simulator/types.js';
import {openStore} from '../../source/store/config.js';
import {commandHarness, type CommandHarness} from '../discover/command-context.js';
import {FINISHED, RUNNING, RUNNING_ID} from './sim-fixture.js';

type Json = Record<string, unknown>;

/** The contract, the repo's own copy of SailPoint's document (spec/README.md). */
const SPEC = parse(readFileSync(fileURLToPath(new URL('../../spec/isc-openapi-v2025-subset.yaml', import.meta.url)), 'utf8')) as Json;
const CLIENT = {clientId: 'spec-client', clientSecret: 'spec-secret-Q9'};
const WORKDAY: SimSource = {
	id: '2c9180835d191a86015d28455b4a9001',
	name: 'Workday',
	type: 'Workday',
	schedules: [{cronExpression: '0 0 12 1/1 * ? *'}],
};
const IDLE: SimSource = {id: '2c9180835d191a86015d28455b4a9002', name: 'Active Directory', type: 'Active Directory - Direct'};

/** Follows a local $ref ("#/components/…"). */
function deref(value: unknown): Json {
	let current = value as Json;
	while (typeof current['$ref'] === 'string') {
		current = (current['$ref'] as string)
			.slice(2)
			.split('/')
			.reduce<unknown>((node, key) => (node as Json)[key], SPEC) as Json;
	}

	return current;
}

interface Operation {
	method: string;
	template: string;
	pattern: RegExp;
	spec: Json;
}

const OPERATIONS: Operation[] = Object.entries(SPEC['paths'] as Record<string, Json>).flatMap(([template, item]) =>
	Object.entries(item)
		.filter(([method]) => ['get', 'post', 'head', 'put', 'patch', 'delete'].includes(method))
		.map(([method, spec]) => ({
			method: method.toUpperCase(),
			template,
			pattern: new RegExp(`^${template.replaceAll(/\{[^}]+\}/g, '[^/]+')}$`),
			spec: spec as Json,
		})),
);

interface Recorded {
	method: string;
	path: string;
	query: URLSearchParams;
	headers: http.IncomingHttpHeaders;
	body: Buffer;
}

/** Fields and operators an operation's `filters` description lists: "**id**: *eq, in*". */
function filterSupport(description: string): Map<string, Set<string>> {
	const support = new Map<string, Set<string>>();
	for (const match of description.matchAll(/\*\*([\w.]+)\*\*: \*([\w, ]+)\*/g)) {
		support.set(match[1]!, new Set(match[2]!.split(',').map(op => op.trim())));
	}

	return support;
}

/** Checks a filters expression: terms joined by "and", each `field op "value"`, `field in ("a","b")` or `field isnull`. */
function filterProblems(expression: string, support: Map<string, Set<string>>): string[] {
	const problems: string[] = [];
	const quoted = String.raw`"(?:[^"\\]|\\.)*"`;
	const term = new RegExp(
		String.raw`^([\w.]+) (?:(isnull)|(eq|ne|co|sw|gt|ge|lt|le|ca) (${quoted}|true|false|-?\d+)|(in) \(${quoted}(?:, ?${quoted})*\))$`,
	);
	for (const part of expression.split(/ and /)) {
		const match = term.exec(part.trim());
		if (match === null) {
			problems.push(`filter term not in the standard syntax: ${part}`);
			continue;
		}

		const [, field, isnull, op, , inOp] = match;
		const used = isnull ?? op ?? inOp ?? '';
		if (!support.get(field!)?.has(used)) {
			problems.push(`filter on ${field} with ${used} is not supported by the operation`);
		}
	}

	return problems;
}

function schemaProblems(name: string, value: string, schema: Json): string[] {
	switch (schema['type']) {
		case 'integer': {
			const number = Number(value);
			if (!/^-?\d+$/.test(value)) {
				return [`${name}=${value} is not an integer`];
			}

			if (typeof schema['minimum'] === 'number' && number < schema['minimum']) {
				return [`${name}=${value} is below ${schema['minimum']}`];
			}

			return typeof schema['maximum'] === 'number' && number > schema['maximum'] ? [`${name}=${value} is above ${schema['maximum']}`] : [];
		}

		case 'boolean': {
			return value === 'true' || value === 'false' ? [] : [`${name}=${value} is not a boolean`];
		}

		default: {
			return [];
		}
	}
}

/** The multipart parts' names (and values) of a body. */
function multipartFields(body: Buffer, contentType: string): Map<string, string> {
	const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
	const fields = new Map<string, string>();
	const marker = boundary?.[1] ?? boundary?.[2];
	if (marker === undefined) {
		return fields;
	}

	for (const part of body.toString('utf8').split(`--${marker}`)) {
		const name = /content-disposition: form-data; name="([^"]+)"/i.exec(part);
		if (name !== null) {
			fields.set(name[1]!, part.split('\r\n\r\n').slice(1).join('\r\n\r\n').replace(/\r\n$/, ''));
		}
	}

	return fields;
}

/** What is wrong with a request, measured against its operation in the document (empty: valid). */
function violations(request: Recorded): string[] {
	const operation = OPERATIONS.find(candidate => candidate.method === request.method && candidate.pattern.test(request.path));
	if (operation === undefined) {
		return [`no operation for ${request.method} ${request.path}`];
	}

	const problems: string[] = [];
	const parameters = ((operation.spec['parameters'] as unknown[] | undefined) ?? []).map(deref);
	const queryParameters = new Map(
		parameters.filter(parameter => parameter['in'] === 'query').map(parameter => [parameter['name'] as string, parameter]),
	);
	for (const [name, value] of request.query) {
		const declared = queryParameters.get(name);
		if (declared === undefined) {
			problems.push(`query parameter ${name} is not declared`);
			continue;
		}

		problems.push(...schemaProblems(name, value, deref(declared['schema'])));
		if (name === 'filters') {
			problems.push(...filterProblems(value, filterSupport(declared['description'] as string)));
		}

		if (name === 'sorters') {
			const allowed = /following fields: ([^\n]+)/.exec(declared['description'] as string)?.[1]?.match(/[\w.]+/g) ?? ([] as string[]);
			for (const field of value.split(',')) {
				if (!allowed.includes(field.replace(/^-/, ''))) {
					problems.push(`sorting on ${field} is not supported`);
				}
			}
		}
	}

	for (const parameter of parameters.filter(candidate => candidate['required'] === true && candidate['in'] === 'query')) {
		if (!request.query.has(parameter['name'] as string)) {
			problems.push(`required query parameter ${String(parameter['name'])} is missing`);
		}
	}

	const secured = ((operation.spec['security'] as unknown[] | undefined) ?? (SPEC['security'] as unknown[])).length > 0;
	if (secured && !/^Bearer \S+$/.test(request.headers.authorization ?? '')) {
		problems.push('no bearer token on a secured operation');
	}

	if (!secured && request.headers.authorization !== undefined) {
		problems.push('a bearer token sent to an operation without security');
	}

	const requestBody = operation.spec['requestBody'] === undefined ? undefined : deref(operation.spec['requestBody']);
	if (request.body.length > 0 || requestBody?.['required'] === true) {
		const content = (requestBody?.['content'] ?? {}) as Record<string, Json>;
		const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim();
		const media = content[type];
		if (media === undefined) {
			problems.push(`body of type "${type}" where the operation takes ${Object.keys(content).join(', ') || 'none'}`);
		} else {
			const declared = (deref(media['schema'])['properties'] ?? {}) as Record<string, Json>;
			const fields =
				type === 'multipart/form-data'
					? multipartFields(request.body, request.headers['content-type']!)
					: new Map(new URLSearchParams(request.body.toString('utf8')));
			for (const [name, value] of fields) {
				if (declared[name] === undefined) {
					problems.push(`body field ${name} is not declared`);
				} else if (declared[name]['type'] === 'string' && declared[name]['format'] !== 'binary' && typeof value !== 'string') {
					problems.push(`body field ${name} is not a string`);
				}
			}
		}
	}

	return problems;
}

/** The example a mock server answers with: the schema's example, else one built from its properties' examples. */
function exampleOf(schemaOrRef: unknown): unknown {
	const schema = deref(schemaOrRef);
	if (schema['example'] !== undefined) {
		return schema['example'];
	}

	if (schema['type'] === 'array') {
		return [exampleOf(schema['items'])];
	}

	if (schema['properties'] !== undefined) {
		return Object.fromEntries(
			Object.entries(schema['properties'] as Record<string, unknown>).map(([name, property]) => [name, exampleOf(property)]),
		);
	}

	return schema['default'] ?? null;
}

const closers: Array<() => Promise<void>> = [];

afterEach(async () => {
	for (const close of closers.splice(0)) {
		await close();
	}
});

/** A relay in front of the simulator that records every request, headers and body included. */
async function recordingTenant(options: SimulatorOptions = {}): Promise<{sim: Simulator; url: string; recorded: Recorded[]}> {
	const sim = await startSimulator({clients: [CLIENT], rateLimit: false, ...options});
	const recorded: Recorded[] = [];
	const server = http.createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const url = new URL(request.url ?? '/', 'http://relay');
			const body = Buffer.concat(chunks);
			recorded.push({method: request.method ?? '', path: url.pathname, query: url.searchParams, headers: request.headers, body});
			const upstream = http.request(`${sim.url}${request.url ?? '/'}`, {method: request.method, headers: request.headers}, answer => {
				response.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(response);
			});
			upstream.on('error', () => response.destroy());
			upstream.end(body);
		});
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	closers.push(async () => {
		server.closeAllConnections();
		await new Promise<void>(resolve => server.close(() => resolve()));
		await sim.close();
	});
	return {sim, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, recorded};
}

function kindOf(request: Recorded): string {
	const operation = OPERATIONS.find(candidate => candidate.method === request.method && candidate.pattern.test(request.path));
	return operation === undefined ? `${request.method} ${request.path}` : (operation.spec['operationId'] as string);
}

describe('requests as the document defines them', () => {
	it('every kind of request aggwatch sends is valid against its operation', async () => {
		const {url, recorded} = await recordingTenant({sources: [WORKDAY, IDLE], aggregations: [RUNNING, FINISHED]});
		const client = new IscClient({baseUrl: url, ...CLIENT}, {retries: 0});
		try {
			await client.getAggregationStatus(RUNNING_ID);
			await listAllRunning(client, {pageSize: 1});
			await labelForAggregation(client, [RUNNING_ID, FINISHED.id]);
			// start: by name (then similar names when none matches), by id, the check for a running one, the POST.
			await resolveSource(client, 'Workday');
			await expect(resolveSource(client, 'Work')).rejects.toThrow(/similar names/);
			await resolveSource(client, IDLE.id);
			expect((await startOrFindRunning(client, WORKDAY.id)).kind).toBe('running');
			expect((await startOrFindRunning(client, IDLE.id, {disableOptimization: true})).kind).toBe('started');
			// sources: the source list, task lists by sourceId and the running ones, the cluster, each schedule.
			const glance = new TenantOverview({tenant: 'spec', client, now: Date.now, chunkSize: 1});
			await glance.load();
			expect(glance.overviews().find(line => line.name === 'Workday')?.schedule).toMatchObject({
				cron: '0 0 12 1/1 * ? *',
				zone: 'UTC',
				zoneKnown: true,
			});
		} finally {
			client.close();
		}

		const subadmin = await recordingTenant({clients: [{...CLIENT, userLevel: 'SOURCE_SUBADMIN'}], sources: [WORKDAY]});
		const limited = new IscClient({baseUrl: subadmin.url, ...CLIENT}, {retries: 0});
		try {
			await limited.listSources({filters: 'name eq "Workday"'});
			// A subadmin may not read clusters (ORG_ADMIN only): the schedule is read as UTC and says its zone is not known.
			const glance = new TenantOverview({tenant: 'spec', client: limited, now: Date.now});
			await glance.load();
			expect(glance.overviews()[0]?.schedule).toMatchObject({zone: 'UTC', zoneKnown: false});
		} finally {
			limited.close();
		}

		const all = [...recorded, ...subadmin.recorded];
		expect(new Set(all.map(kindOf))).toEqual(
			new Set([
				'getAccessToken',
				'getAccountAggregationStatus',
				'getTaskStatusList',
				'listSources',
				'getSource',
				'importAccounts',
				'getSourceSchedules',
				'getManagedCluster',
			]),
		);
		expect(all.some(request => request.query.get('for-subadmin') === 'me')).toBe(true);
		// The task lists the tenant at a glance sends: sourceId in (…) and the running ones, sorted -created.
		const filters = all.flatMap(request => request.query.get('filters') ?? []);
		expect(filters).toContain(`type eq "CLOUD_ACCOUNT_AGGREGATION" and sourceId in ("${WORKDAY.id}")`);
		expect(filters).toContain('type eq "CLOUD_ACCOUNT_AGGREGATION" and completionStatus isnull');
		// After the first refusal, every source list of the subadmin says for-subadmin=me (the glance's pages too).
		const subadminLists = subadmin.recorded.filter(request => request.path === '/v2025/sources');
		expect(subadminLists.length).toBeGreaterThan(2);
		expect(subadminLists.slice(1).every(request => request.query.get('for-subadmin') === 'me')).toBe(true);
		expect(
			all.flatMap(request =>
				violations(request).map(problem => `${request.method} ${request.path}?${request.query.toString()}: ${problem}`),
			),
		).toEqual([]);
	});

	it('the check finds what it should: a request the document does not allow is reported', () => {
		const bad = (
			method: string,
			target: string,
			headers: http.IncomingHttpHeaders = {authorization: 'Bearer x'},
			body = Buffer.alloc(0),
		) => {
			const address = new URL(target, 'http://x');
			return violations({method, path: address.pathname, query: address.searchParams, headers, body});
		};

		expect(bad('GET', '/v2025/task-status?filters=completionStatus%20eq%20null')).toEqual([
			'filter term not in the standard syntax: completionStatus eq null',
		]);
		expect(bad('GET', '/v2025/task-status?filters=launched%20isnull')).toEqual([
			'filter on launched with isnull is not supported by the operation',
		]);
		expect(bad('GET', '/v2025/task-status?limit=500&sorters=-launched')).toEqual([
			'limit=500 is above 250',
			'sorting on -launched is not supported',
		]);
		expect(bad('GET', '/v2025/sources?page=2')).toEqual(['query parameter page is not declared']);
		expect(bad('GET', '/v2025/sources', {})).toEqual(['no bearer token on a secured operation']);
		expect(bad('DELETE', '/v2025/sources/abc')).toEqual(['no operation for DELETE /v2025/sources/abc']);
		expect(
			bad('POST', '/v2025/sources/abc/load-accounts', {authorization: 'Bearer x', 'content-type': 'application/json'}, Buffer.from('{}')),
		).toEqual(['body of type "application/json" where the operation takes multipart/form-data']);
	});
});

describe("start against the document's own example answer", () => {
	let harness: CommandHarness | undefined;
	afterEach(async () => {
		await harness?.close();
		harness = undefined;
	});

	it('starts, prints and tracks the example task id, though its dates have an impossible hour', async () => {
		const operation = OPERATIONS.find(candidate => candidate.spec['operationId'] === 'importAccounts')!;
		const answer = exampleOf(
			((deref((operation.spec['responses'] as Json)['202'])['content'] as Json)['application/json'] as Json)['schema'],
		) as {task: Json};
		expect(answer.task['created']).toBe('2020-09-07T42:14:00.364Z');

		harness = await commandHarness({sources: [WORKDAY]});
		harness.sim.addFault({fault: {type: 'answer', status: 202, body: answer}, pathPrefix: `/v2025/sources/${WORKDAY.id}/load-accounts`});
		const context = harness.context({json: true});
		expect(await runStart(context, ['Workday'])).toBe(ExitCode.ok);
		expect(JSON.parse(context.captured.out[0]!)).toMatchObject({event: 'started', id: answer.task['id'], created: null, tracked: true});
		expect(openStore({cwd: harness.configDir}).store.listTracked()).toEqual([
			expect.objectContaining({id: answer.task['id'], label: 'Workday'}),
		]);
	});
});
