import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import type {FaultRule, SimAggregationPlan, SimAggregationView, SimLogEntry, SimSource, Simulator, SimulatorOptions} from './types.js';
import type {SimAggregation, SimContext, SimRequest} from './state.js';
import {FaultBook, malformedReply, nonJsonReply, statusFaultReply, truncatedReply} from './faults.js';
import {isAggregationId, newAggregationId} from './ids.js';
import {SlidingWindowLimiter} from './rate-limiter.js';
import {errorResponseDto, json, rateLimited, unauthorized, type Reply} from './reply.js';
import {routeApi} from './router.js';
import {webUiPage} from './web-ui.js';
import {phaseAt} from './timeline.js';
import {handleToken} from './token-endpoint.js';
import {TokenStore} from './tokens.js';
import {DEFAULT_CLUSTER, DEFAULT_DELETE_THRESHOLD} from './source-object.js';

/** The plan a source without its own plan aggregates with: about 15 s, 1,000 accounts. */
export const DEFAULT_SOURCE_PLAN: NonNullable<SimSource['plan']> = {
	collectMs: 5000,
	totalAccounts: 1000,
	accountsPerSecond: 100,
	outcome: {type: 'COMPLETED'},
};

/** Request bodies larger than this are refused with 413 (the simulator only needs small forms). */
const MAX_BODY_BYTES = 5 * 1024 * 1024;

const AUTH_ERRORS = {
	missing: 'Full authentication is required to access this resource',
	unknown: 'JWT validation failed: invalid token',
	expired: 'JWT validation failed: JWT is expired',
} as const;

/** The whole request body; 'too-large' past MAX_BODY_BYTES, 'aborted' when the client went away first. */
function readBody(request: IncomingMessage): Promise<Buffer | 'too-large' | 'aborted'> {
	return new Promise(resolve => {
		const chunks: Buffer[] = [];
		let size = 0;
		request.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= MAX_BODY_BYTES) {
				chunks.push(chunk);
			}
		});
		request.on('end', () => {
			resolve(size > MAX_BODY_BYTES ? 'too-large' : Buffer.concat(chunks));
		});
		request.on('error', () => {
			resolve('aborted');
		});
		request.on('close', () => {
			if (!request.complete) {
				resolve('aborted');
			}
		});
	});
}

/** The query as the log keeps it: a client secret sent in the query string is never stored. */
function loggedQuery(parameters: URLSearchParams): Record<string, string> {
	const query = Object.fromEntries(parameters);
	if (query['client_secret'] !== undefined) {
		query['client_secret'] = '[redacted]';
	}

	return query;
}

function headerValue(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * Starts the simulated ISC tenant on 127.0.0.1 (a free port unless `port` is given).
 * Every plan and fault time is relative to the moment it starts, on the `now` clock.
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
	const now = options.now ?? Date.now;
	const startedAt = now();
	const expiryMs = options.expiryMs ?? 3_600_000;
	const clients = new Map<string, string>();
	const profiles: SimContext['profiles'] = new Map();
	for (const client of options.clients ?? [{clientId: 'demo-client', clientSecret: 'demo-secret'}]) {
		clients.set(client.clientId, client.clientSecret);
		profiles.set(client.clientId, {userContext: client.userContext ?? true, userLevel: client.userLevel ?? 'ORG_ADMIN'});
	}

	const tokens = new TokenStore();
	const faults = new FaultBook();
	for (const rule of options.faults ?? []) {
		faults.add(rule);
	}

	const limiter =
		options.rateLimit === false ? undefined : new SlidingWindowLimiter(options.rateLimit ?? {requests: 100, windowMs: 10_000});
	const aggregations = new Map<string, SimAggregation>();
	const sources = new Map<string, {source: SimSource; createdEpochMs: number}>();
	for (const [index, source] of (options.sources ?? []).entries()) {
		if (sources.has(source.id)) {
			throw new Error(`Duplicate simulated source id ${source.id}`);
		}

		// Sources look like they were set up a while ago, a day apart.
		sources.set(source.id, {source, createdEpochMs: startedAt - (400 - index) * 86_400_000});
	}

	const log: SimLogEntry[] = [];

	function insert(plan: SimAggregationPlan, launcher: string, optimized: boolean): SimAggregation {
		if (!isAggregationId(plan.id)) {
			throw new Error(`Aggregation id must be 32 lowercase hex characters: ${plan.id}`);
		}

		if (aggregations.has(plan.id)) {
			throw new Error(`Duplicate aggregation id ${plan.id}`);
		}

		const threshold =
			plan.deleteThreshold ??
			sources.get(plan.sourceId)?.source.deleteThreshold ??
			(sources.has(plan.sourceId) ? DEFAULT_DELETE_THRESHOLD : undefined);
		const aggregation: SimAggregation = {
			plan: threshold === undefined ? plan : {...plan, deleteThreshold: threshold},
			startEpochMs: startedAt + (plan.startAtMs ?? 0),
			launcher,
			optimized,
		};
		aggregations.set(plan.id, aggregation);
		return aggregation;
	}

	const context: SimContext = {
		now,
		startedAt,
		expiryMs,
		tokenLifetimeSec: options.tokenLifetimeSec ?? 749,
		clients,
		profiles,
		dates: options.dates ?? 'iso',
		notFoundAnswer: options.notFoundAnswer ?? '404',
		taskShape: options.taskShape ?? 'document',
		tokens,
		aggregations,
		sources,
		clusters: new Map([DEFAULT_CLUSTER, ...(options.clusters ?? [])].map(cluster => [cluster.id, cluster])),
		launch(sourceId, {disableOptimization, launcher}) {
			const record = sources.get(sourceId);
			if (record === undefined) {
				throw new Error(`Unknown simulated source ${sourceId}`);
			}

			let id = newAggregationId();
			while (aggregations.has(id)) {
				id = newAggregationId();
			}

			const template = record.source.plan ?? DEFAULT_SOURCE_PLAN;
			return insert(
				{...template, id, sourceId, sourceName: record.source.name, startAtMs: now() - startedAt},
				launcher,
				!disableOptimization,
			);
		},
	};

	for (const plan of options.aggregations ?? []) {
		insert(plan, 'Scheduler', true);
	}

	function send(response: ServerResponse, entry: SimLogEntry, reply: Reply): void {
		entry.status = reply.status;
		const headers: Record<string, string | number> = {...reply.headers};
		let text: string | undefined;
		if (reply.raw !== undefined) {
			headers['Content-Type'] = reply.raw.contentType;
			text = reply.raw.text;
		} else if (reply.body !== undefined) {
			headers['Content-Type'] = 'application/json;charset=utf-8';
			text = JSON.stringify(reply.body);
		}

		if (text === undefined) {
			response.writeHead(reply.status, headers).end();
			return;
		}

		const bytes = Buffer.from(text, 'utf8');
		headers['Content-Length'] = bytes.length;
		response.writeHead(reply.status, headers).end(bytes);
	}

	function rateLimit(clientId: string, at: number): Reply | undefined {
		const verdict = limiter?.take(clientId, at);
		return verdict === undefined || verdict.ok ? undefined : rateLimited(String(verdict.retryAfterSec));
	}

	async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const at = now();
		const url = new URL(request.url ?? '/', 'http://127.0.0.1');
		const path = url.pathname;
		const authorization = headerValue(request.headers.authorization);
		const bearer = tokens.check(authorization, at);
		const entry: SimLogEntry = {
			at,
			method: request.method ?? 'GET',
			path,
			query: loggedQuery(url.searchParams),
			status: 0,
			hadAuthorization: authorization !== undefined,
		};
		if (bearer.clientId !== undefined) {
			entry.clientId = bearer.clientId;
		}

		const experimental = headerValue(request.headers['x-sailpoint-experimental']);
		if (experimental !== undefined) {
			entry.experimentalHeader = experimental;
		}

		const userAgent = headerValue(request.headers['user-agent']);
		if (userAgent !== undefined) {
			entry.userAgent = userAgent;
		}

		const accept = headerValue(request.headers.accept);
		if (accept !== undefined) {
			entry.accept = accept;
		}

		log.push(entry);

		const body = await readBody(request);
		if (body === 'aborted') {
			return;
		}

		if (body === 'too-large') {
			send(response, entry, errorResponseDto(413, 'The request body is too large.'));
			return;
		}

		// Faults come first: they stand for the network and the gateway, in front of authentication.
		const fault = faults.take(path, at - startedAt);
		if (fault !== undefined) {
			entry.fault = fault.type;
			switch (fault.type) {
				case 'reset': {
					request.socket.destroy();
					return;
				}

				case 'hang': {
					// Never answered; close() destroys the socket.
					return;
				}

				case 'status': {
					send(response, entry, statusFaultReply(fault, path, at));
					return;
				}

				case 'malformed': {
					send(response, entry, malformedReply(path));
					return;
				}

				case 'non-json': {
					send(response, entry, nonJsonReply());
					return;
				}

				case 'truncated': {
					send(response, entry, truncatedReply(path));
					return;
				}

				case 'answer': {
					send(response, entry, json(fault.status, fault.body));
					return;
				}
			}
		}

		const simRequest: SimRequest = {
			method: entry.method,
			path,
			query: Object.fromEntries(url.searchParams),
			headers: request.headers,
			body,
		};
		const page = webUiPage(context, entry.method, path);
		if (page !== undefined) {
			send(response, entry, page);
			return;
		}

		if (path === '/oauth/token') {
			const {reply, clientId} = handleToken(context, simRequest, id => rateLimit(id, at));
			if (clientId !== undefined) {
				entry.clientId = clientId;
			}

			send(response, entry, reply);
			return;
		}

		if (!bearer.ok) {
			send(response, entry, unauthorized(AUTH_ERRORS[bearer.reason]));
			return;
		}

		send(response, entry, rateLimit(bearer.clientId, at) ?? routeApi(context, simRequest, bearer.clientId));
	}

	const server = createServer((request, response) => {
		handle(request, response).catch((error: unknown) => {
			// A handler bug must still answer, so a test sees a 500 instead of a hang.
			if (!response.headersSent && !response.destroyed) {
				response.writeHead(500, {'Content-Type': 'text/plain'}).end(String(error));
			}
		});
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});

	const {port} = server.address() as AddressInfo;
	let closing: Promise<void> | undefined;

	return {
		url: `http://127.0.0.1:${port}`,
		log,
		addFault(rule: FaultRule) {
			faults.add(rule);
		},
		clearFaults() {
			faults.clear();
		},
		expireTokens() {
			tokens.expireAll();
		},
		rotateSecret(clientId: string, newSecret: string) {
			if (!clients.has(clientId)) {
				throw new Error(`Unknown simulated client ${clientId}`);
			}

			clients.set(clientId, newSecret);
			tokens.expireClient(clientId);
		},
		addAggregation(plan: SimAggregationPlan) {
			insert(plan, 'Scheduler', true);
		},
		startAggregation(sourceId: string, startOptions?: {disableOptimization?: boolean}) {
			return context.launch(sourceId, {disableOptimization: startOptions?.disableOptimization ?? false, launcher: 'Simulator'}).plan.id;
		},
		aggregations(): SimAggregationView[] {
			const at = now();
			return [...aggregations.values()].map(({plan, startEpochMs}) => {
				const phase = phaseAt(plan, startEpochMs, at, expiryMs);
				const view: SimAggregationView = {
					id: plan.id,
					sourceName: plan.sourceName,
					status: phase.kind === 'live' ? phase.body.status : phase.kind === 'gone' ? 'GONE' : 'PENDING',
				};
				if (phase.kind === 'live' && phase.body.processedAccounts !== undefined) {
					view.processedAccounts = phase.body.processedAccounts;
					view.totalAccounts = phase.body.totalAccounts;
				}

				return view;
			});
		},
		close() {
			closing ??= new Promise<void>(resolve => {
				server.close(() => {
					resolve();
				});
				// Kept-alive and hanging requests would otherwise hold close() open.
				server.closeAllConnections();
			});
			return closing;
		},
	};
}
