import {describe, expect, it} from 'vitest';
import {IscError} from '../../source/domain/errors.js';
import {parseLoadAccountsTask} from '../../source/isc/load-accounts.js';
import {parseSource, parseSourceList} from '../../source/isc/source.js';
import {parseTaskStatus, parseTaskStatusList} from '../../source/isc/task-status.js';
import {parseTokenGrant} from '../../source/isc/token-grant.js';
import {parseJsonBody} from '../../source/isc/json-body.js';
import {stripSourceSuffix} from '../../source/isc/source-names.js';

function message(run: () => unknown): string {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(IscError);
		expect((error as IscError).kind).toBe('bad-response');
		return (error as IscError).message;
	}

	throw new Error('did not throw');
}

const TASK = {
	id: '2c91808477a6b0c60177a81146b8110b',
	type: 'CLOUD_ACCOUNT_AGGREGATION',
	uniqueName: 'Cloud Account Aggregation',
	description: 'Aggregate accounts',
	parentName: null,
	launcher: 'sweep',
	target: {id: 'c6dc37bf508149b28ce5b7d90ca4bbf9', type: 'APPLICATION', name: 'Active Directory [source]'},
	created: '2020-07-11T21:23:15.000Z',
	modified: '2020-07-11T21:23:15.000Z',
	launched: '2020-07-11T21:23:15.000Z',
	completed: null,
	completionStatus: null,
	messages: [],
	returns: [],
	attributes: {appId: 'x'},
	progress: 'Started',
	percentComplete: 0,
};

describe('parseTaskStatus', () => {
	it('keeps the fields aggwatch uses', () => {
		expect(parseTaskStatus(TASK)).toEqual({
			id: TASK.id,
			type: 'CLOUD_ACCOUNT_AGGREGATION',
			uniqueName: 'Cloud Account Aggregation',
			description: 'Aggregate accounts',
			launcher: 'sweep',
			created: TASK.created,
			modified: TASK.modified,
			launched: TASK.launched,
			completed: null,
			completionStatus: null,
			target: TASK.target,
			progress: 'Started',
			percentComplete: 0,
			messages: [],
			counts: {},
		});
	});

	it('treats a missing completionStatus as null (still running) and a null target as null', () => {
		const {completionStatus: _c, ...rest} = TASK;
		expect(parseTaskStatus({...rest, target: null})).toMatchObject({completionStatus: null, target: null});
	});

	it('names the field that is wrong', () => {
		expect(message(() => parseTaskStatus({...TASK, id: 5}))).toContain('"id"');
		expect(message(() => parseTaskStatus({...TASK, target: {name: 7}}))).toContain('"name"');
		expect(message(() => parseTaskStatusList({}))).toContain('not a JSON array');
	});
});

describe('parseSource', () => {
	it('keeps id, name and connector details', () => {
		const body = {id: 's1', name: 'Workday', type: 'Workday', connectorName: 'Workday', owner: {id: 'o'}, healthy: true, features: []};
		expect(parseSource(body)).toEqual({id: 's1', name: 'Workday', type: 'Workday', connectorName: 'Workday', healthy: true});
		expect(parseSourceList([body, {id: 's2', name: 'AD'}])).toHaveLength(2);
	});

	it('requires id and name', () => {
		expect(message(() => parseSource({name: 'x'}))).toContain('"id" is missing');
		expect(message(() => parseSource({id: 'x', name: ''}))).toContain('"name"');
	});
});

describe('names from the tenant are safe to print', () => {
	it('replaces control characters in source names and task target names', () => {
		const hostile = 'Work\u001B]0;pwned\u0007day\u009B31m';
		expect(parseSource({id: 's1', name: hostile}).name).toBe('Work\uFFFD]0;pwned\uFFFDday\uFFFD31m');
		expect(stripSourceSuffix(`${hostile} [source]`)).toBe('Work\uFFFD]0;pwned\uFFFDday\uFFFD31m');
	});
});

describe('parseLoadAccountsTask', () => {
	it('reads the task id to poll', () => {
		const parsed = parseLoadAccountsTask({
			success: 'true',
			task: {
				id: 'ef38f94347e94562b5bb8424a56397d8',
				type: 'QUARTZ',
				created: '2020-07-11T21:23:15.000Z',
				completionStatus: null,
				attributes: {appId: 'a', optimizedAggregation: 'disabled', nested: {x: 1}},
			},
		});
		expect(parsed).toEqual({
			success: true,
			task: {
				id: 'ef38f94347e94562b5bb8424a56397d8',
				type: 'QUARTZ',
				created: '2020-07-11T21:23:15.000Z',
				completionStatus: null,
				attributes: {appId: 'a', optimizedAggregation: 'disabled'},
			},
		});
	});

	it("fails without a task id or with success false, as a refusal the tenant answered, with the body's own message", () => {
		const refusal = (body: unknown) => {
			try {
				parseLoadAccountsTask(body);
			} catch (error) {
				expect(error).toMatchObject({kind: 'request', status: 202});
				return (error as IscError).message;
			}

			throw new Error('did not throw');
		};

		expect(refusal({success: true})).toBe('ISC accepted the request but its answer has no task id');
		expect(refusal({task: {}, message: 'Source busy'})).toBe('ISC accepted the request but its answer has no task id: Source busy');
		expect(refusal({success: false, task: {id: 'abc', messages: [{type: 'ERROR', localizedText: 'Source is disabled'}]}})).toBe(
			'ISC answered success: false: Source is disabled',
		);
		expect(refusal({success: 'false', task: {id: 'abc'}})).toBe('ISC answered success: false');
	});
});

describe('parseTokenGrant', () => {
	it('reads access_token and expires_in', () => {
		expect(parseTokenGrant({access_token: 'abc', token_type: 'bearer', expires_in: 749})).toEqual({accessToken: 'abc', expiresInSec: 749});
	});

	it('names what is missing', () => {
		expect(message(() => parseTokenGrant({expires_in: 749}))).toContain('"access_token"');
		expect(message(() => parseTokenGrant({access_token: 'abc', expires_in: '749'}))).toContain('"expires_in"');
		expect(message(() => parseTokenGrant({access_token: 'abc', expires_in: 0}))).toContain('"expires_in"');
	});
});

describe('parseJsonBody', () => {
	it('says whether the body was empty, HTML or cut short', () => {
		expect(message(() => parseJsonBody('', 'status body'))).toBe('ISC sent an empty status body');
		expect(message(() => parseJsonBody('<html>oops</html>', 'status body'))).toContain('an HTML page, not JSON');
		expect(message(() => parseJsonBody('{"status":"STAR', 'status body'))).toContain('cut short or malformed');
		expect(message(() => parseJsonBody('OK', 'status body'))).toContain('not JSON');
		expect(parseJsonBody(' {"a":1} ', 'x')).toEqual({a: 1});
	});
});
