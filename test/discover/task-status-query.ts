import type {TaskStatusQuery} from '../../source/commands/aggregation-labels.js';
import {parseTaskStatusList} from '../../source/isc/task-status.js';

/**
 * GET /v2025/task-status with any filter, over real HTTP to the simulated tenant. It stands in for the
 * IscClient.listTaskStatus method labelForAggregation needs and the client does not have yet (see the report);
 * once the client has it, these tests should take `new IscClient(...)` instead.
 */
export function taskStatusQuery(baseUrl: string, clientId: string, clientSecret: string): TaskStatusQuery {
	let token: Promise<string> | undefined;
	const getToken = async () => {
		const response = await fetch(`${baseUrl}/oauth/token`, {
			method: 'POST',
			body: new URLSearchParams({grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret}),
		});
		return ((await response.json()) as {access_token: string}).access_token;
	};

	return {
		async listTaskStatus(query) {
			token ??= getToken();
			const parameters = new URLSearchParams({filters: query.filters, limit: String(query.limit ?? 250), offset: String(query.offset ?? 0)});
			const response = await fetch(`${baseUrl}/v2025/task-status?${parameters.toString()}`, {headers: {authorization: `Bearer ${await token}`}});
			if (!response.ok) {
				throw new Error(`task-status answered ${response.status}: ${await response.text()}`);
			}

			return parseTaskStatusList(await response.json());
		},
	};
}
