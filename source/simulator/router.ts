import type {SimContext, SimRequest} from './state.js';
import {handleStatus} from './status-endpoint.js';
import {handleTaskStatus, handleTaskStatusList} from './task-status-endpoint.js';
import {handleLoadAccounts, handleManagedCluster, handleSource, handleSourceList, handleSourceSchedules} from './sources-endpoint.js';
import {errorResponseDto, type Reply} from './reply.js';

/** API versions the simulator serves under /{version}/…; the account aggregation status also has a v1 form. */
const VERSION = '(?:v2025|v2024|beta)';

interface Route {
	pattern: RegExp;
	method: 'GET' | 'POST';
	handle: (context: SimContext, request: SimRequest, parameters: string[], clientId: string) => Reply;
}

const ROUTES: Route[] = [
	{
		pattern: new RegExp(`^/${VERSION}/account-aggregations/([^/]+)/status$`),
		method: 'GET',
		handle: (context, _request, [id], clientId) => handleStatus(context, id ?? '', clientId),
	},
	{
		pattern: /^\/account-aggregations\/v1\/([^/]+)\/status$/,
		method: 'GET',
		handle: (context, _request, [id], clientId) => handleStatus(context, id ?? '', clientId),
	},
	{
		pattern: new RegExp(`^/${VERSION}/task-status$`),
		method: 'GET',
		handle: (context, request) => handleTaskStatusList(context, request),
	},
	{
		pattern: new RegExp(`^/${VERSION}/task-status/([^/]+)$`),
		method: 'GET',
		handle: (context, _request, [id]) => handleTaskStatus(context, id ?? ''),
	},
	{
		pattern: new RegExp(`^/${VERSION}/sources$`),
		method: 'GET',
		handle: (context, request, _parameters, clientId) => handleSourceList(context, request, clientId),
	},
	{
		pattern: new RegExp(`^/${VERSION}/sources/([^/]+)$`),
		method: 'GET',
		handle: (context, _request, [id]) => handleSource(context, id ?? ''),
	},
	{
		pattern: new RegExp(`^/${VERSION}/sources/([^/]+)/schedules$`),
		method: 'GET',
		handle: (context, _request, [id]) => handleSourceSchedules(context, id ?? ''),
	},
	{
		pattern: new RegExp(`^/${VERSION}/managed-clusters/([^/]+)$`),
		method: 'GET',
		handle: (context, _request, [id], clientId) => handleManagedCluster(context, id ?? '', clientId),
	},
	{
		pattern: new RegExp(`^/${VERSION}/sources/([^/]+)/load-accounts$`),
		method: 'POST',
		handle: (context, request, [id], clientId) => handleLoadAccounts(context, request, id ?? '', clientId),
	},
];

/** Answers an authenticated API request (404 for unknown paths, 405 for a known path with another method). */
export function routeApi(context: SimContext, request: SimRequest, clientId: string): Reply {
	let pathMatched = false;
	for (const route of ROUTES) {
		const match = route.pattern.exec(request.path);
		if (match === null) {
			continue;
		}

		pathMatched = true;
		if (route.method !== request.method) {
			continue;
		}

		let parameters: string[];
		try {
			parameters = match.slice(1).map(part => decodeURIComponent(part));
		} catch {
			return errorResponseDto(400, 'The request path is not valid.');
		}

		return route.handle(context, request, parameters, clientId);
	}

	return pathMatched ? errorResponseDto(405, `${request.method} is not supported for ${request.path}`) : errorResponseDto(404);
}
