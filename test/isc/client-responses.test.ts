import {describe, expect, it} from 'vitest';
import {version} from '../../source/version.js';
import {CLIENT_ID, CLIENT_SECRET, FINISHED_ID, RUNNING_ID, SOURCE_ID, harness, iscError} from './sim-fixture.js';

const STATUS = '/v2025/account-aggregations';

describe('IscClient responses (simulated tenant)', () => {
	it('sends the experimental header, User-Agent, Accept and a bearer token on every status request', async () => {
		const {sim, client, requests} = await harness();
		const isc = client();
		await isc.getAggregationStatus(RUNNING_ID);
		sim.expireTokens();
		await isc.getAggregationStatus(FINISHED_ID);
		sim.addFault({fault: {type: 'status', status: 503}, pathPrefix: STATUS, count: 1});
		await isc.getAggregationStatus(RUNNING_ID);

		const sent = requests(STATUS);
		// First call, 401 + renewed call, 503 + retry.
		expect(sent).toHaveLength(5);
		for (const entry of sent) {
			expect(entry).toMatchObject({
				method: 'GET',
				experimentalHeader: 'true',
				userAgent: `aggwatch/${version}`,
				accept: 'application/json',
				hadAuthorization: true,
			});
		}
	});

	it('reads a status body with its counts', async () => {
		const {client} = await harness();
		const status = await client().getAggregationStatus(FINISHED_ID);
		expect(status).toMatchObject({status: 'COMPLETED', totalAccounts: 10, processedAccounts: 10});
		expect(Date.parse(status.start ?? '')).not.toBeNaN();
	});

	it('reaches the status through v1, v2024 and beta paths', async () => {
		const {client, sim} = await harness();
		for (const apiVersion of ['v1', 'v2024', 'beta'] as const) {
			expect((await client({apiVersion}).getAggregationStatus(RUNNING_ID)).status).toBe('ACCOUNTS_COLLECTED');
		}

		expect(sim.log.filter(entry => entry.method === 'GET').map(entry => [entry.path, entry.status])).toEqual([
			[`/account-aggregations/v1/${RUNNING_ID}/status`, 200],
			[`/v2024/account-aggregations/${RUNNING_ID}/status`, 200],
			[`/beta/account-aggregations/${RUNNING_ID}/status`, 200],
		]);
	});

	it('reports an unknown aggregation as not-found, naming it, with the tracking id', async () => {
		const {client, requests} = await harness();
		const missing = '2c9180867f3e4b5a017f3e9d0c1b0000';
		const error = await iscError(client().getAggregationStatus(missing));
		expect(error).toMatchObject({kind: 'not-found', status: 404, detailCode: '404 Not found'});
		expect(error.message).toBe(
			`Aggregation ${missing} was not found: The server did not find a current representation for the target resource.`,
		);
		expect(error.trackingId).toMatch(/^[\da-f]{32}$/);
		// A 404 is an answer, not a failure to retry.
		expect(requests(STATUS)).toHaveLength(1);
	});

	it('reports a body that breaks the contract as bad-response naming the field, without retrying', async () => {
		const {sim, client, requests} = await harness();
		sim.addFault({fault: {type: 'malformed'}, pathPrefix: STATUS});
		const error = await iscError(client().getAggregationStatus(RUNNING_ID));
		expect(error.kind).toBe('bad-response');
		// Its unreadable start is dropped; its negative count is what makes it unusable.
		expect(error.message).toBe('The status body\'s "totalAccounts" is not a whole number of 0 or more');
		expect(requests(STATUS)).toHaveLength(1);
	});

	it('reports an HTML page as bad-response', async () => {
		const {sim, client} = await harness();
		sim.addFault({fault: {type: 'non-json'}, pathPrefix: STATUS});
		const error = await iscError(client().getAggregationStatus(RUNNING_ID));
		expect(error.kind).toBe('bad-response');
		expect(error.message).toBe('ISC sent a status body that is an HTML page, not JSON');
	});

	it('reports a truncated body as bad-response', async () => {
		const {sim, client} = await harness();
		sim.addFault({fault: {type: 'truncated'}, pathPrefix: STATUS});
		const error = await iscError(client().getAggregationStatus(RUNNING_ID));
		expect(error.kind).toBe('bad-response');
		expect(error.message).toBe('ISC sent a status body that is cut short or malformed JSON');
	});

	it('reports a malformed token answer as bad-response', async () => {
		const {sim, client} = await harness();
		sim.addFault({fault: {type: 'malformed'}, pathPrefix: '/oauth/token', count: 1});
		const error = await iscError(client().getAggregationStatus(RUNNING_ID));
		expect(error.kind).toBe('bad-response');
		expect(error.message).toContain('"access_token"');
	});

	it('reports 403 as forbidden with a hint', async () => {
		const {sim, client} = await harness();
		sim.addFault({fault: {type: 'status', status: 403}, pathPrefix: STATUS});
		const error = await iscError(client().getAggregationStatus(RUNNING_ID));
		expect(error.kind).toBe('forbidden');
		// The simulator's tokens are a user's (personal access token): that user lacks the level.
		expect(error.hint).toBe(
			`The user of this personal access token lacks the user level for the aggregation status: use a personal access token (PAT) of a user with ORG_ADMIN, SOURCE_ADMIN or SOURCE_SUBADMIN in tenant ${new URL(sim.url).host}`,
		);
	});

	it('says a 403 of the status endpoint to an API client without user context needs a PAT, naming the tenant', async () => {
		const {client} = await harness({clients: [{clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, userContext: false}]});
		const error = await iscError(client().getAggregationStatus(RUNNING_ID));
		expect(error).toMatchObject({kind: 'forbidden', status: 403});
		expect(error.hint).toMatch(
			/^These credentials are an API client without user context, .* use a personal access token \(PAT\) of a user with ORG_ADMIN, SOURCE_ADMIN or SOURCE_SUBADMIN in tenant 127\.0\.0\.1:\d+$/,
		);
	});

	it('keeps the generic advice for a 403 elsewhere (the status endpoint alone needs user context)', async () => {
		const {sim, client} = await harness();
		sim.addFault({fault: {type: 'status', status: 403}, pathPrefix: '/v2025/task-status'});
		const error = await iscError(client().listTaskStatus({filters: 'id eq "x"'}));
		expect(error.hint).toContain('user level or scopes');
	});

	it('lists running account aggregations, newest first, with the documented filter', async () => {
		const {sim, client, requests} = await harness();
		const newer = '2c9180835d191a86015d28455b4a0003';
		sim.addAggregation({
			id: newer,
			sourceId: SOURCE_ID,
			sourceName: 'Workday',
			startAtMs: -1000,
			collectMs: 60_000,
			totalAccounts: 5,
			accountsPerSecond: 1,
			outcome: {type: 'COMPLETED'},
		});
		const running = await client().listRunningAggregations({limit: 50});
		expect(running.map(task => task.id)).toEqual([newer, RUNNING_ID]);
		expect(running[0]).toMatchObject({completionStatus: null, target: {id: SOURCE_ID, type: 'APPLICATION'}});
		expect(requests('/v2025/task-status')[0]?.query).toEqual({
			limit: '50',
			offset: '0',
			filters: 'type eq "CLOUD_ACCOUNT_AGGREGATION" and completionStatus isnull',
			sorters: '-created',
		});
	});

	it('reads sources, one or filtered', async () => {
		const {client, requests} = await harness({
			sources: [
				{id: SOURCE_ID, name: 'Workday', type: 'Workday'},
				{id: '2c9180835d191a86015d28455b4a9002', name: 'Active Directory', type: 'Active Directory - Direct'},
			],
		});
		const isc = client();
		expect(await isc.getSource(SOURCE_ID)).toMatchObject({id: SOURCE_ID, name: 'Workday', type: 'Workday'});
		expect((await isc.listSources({filters: 'name sw "Act"'})).map(source => source.name)).toEqual(['Active Directory']);
		expect(requests('/v2025/sources').map(entry => entry.query['filters'])).toEqual([undefined, 'name sw "Act"']);
		const missing = await iscError(isc.getSource('nope'));
		expect(missing.kind).toBe('not-found');
		expect(missing.message).toMatch(/^Source nope was not found/);
	});
});
