/**
 * The webhook sender and its formats: which format a host calls for, and retries that stop within the minute (a
 * receiver on loopback that always fails, with the waits between tries on a clock of the test's own).
 */
import {describe, expect, it} from 'vitest';
import {guessNotifyFormat, webhookBody} from '../../source/core/notify-format.js';
import type {RunEvent} from '../../source/core/run-event.js';
import {parseWebhookUrl, postWebhook} from '../../source/isc/webhook.js';
import {webhookReceiver} from '../helpers/webhook-receiver.js';

const EVENT: RunEvent = {
	event: 'held-back',
	id: 'a0000000000000000000000000000003',
	tenant: 'acme',
	source: 'Okta',
	status: 'COMPLETED',
	outcome: 'SUCCESS',
	warnings: 0,
	errors: 0,
	durationSeconds: 24,
	deletions: {marked: 900, deleted: 0},
	at: '2026-12-06T23:00:00.000Z',
};

describe('notify formats', () => {
	it('guesses Slack and Teams from their hosts, plain JSON for any other', () => {
		expect(guessNotifyFormat('hooks.slack.com')).toBe('slack');
		expect(guessNotifyFormat('prod-12.westeurope.logic.azure.com:443')).toBe('teams');
		expect(guessNotifyFormat('default1234.56.environment.api.powerplatform.com')).toBe('teams');
		expect(guessNotifyFormat('acme.webhook.office.com')).toBe('teams');
		expect(guessNotifyFormat('hooks.slack.com.example.net')).toBe('json');
		expect(guessNotifyFormat('127.0.0.1:8080')).toBe('json');
	});

	it('says what was held back, in each format', () => {
		expect((webhookBody(EVENT, 'slack') as {text: string}).text).toBe(
			[
				'*aggwatch: Okta: deletions held back*',
				'• Tenant: acme',
				'• Duration: 24s',
				'• Deletions: 900 marked, 0 deleted',
				'• Aggregation: a0000000000000000000000000000003',
			].join('\n'),
		);
		expect(JSON.stringify(webhookBody(EVENT, 'teams'))).toContain('{"title":"Deletions","value":"900 marked, 0 deleted"}');
		expect(webhookBody(EVENT, 'json')).toEqual(EVENT);
	});

	it('refuses plain http but to this machine, without repeating the URL', () => {
		expect(() => parseWebhookUrl('http://hooks.example.com/T000/SECRETPATH')).toThrow(/must start with https:\/\//);
		expect(() => parseWebhookUrl('http://hooks.example.com/T000/SECRETPATH')).not.toThrow(/SECRETPATH/);
		expect(() => parseWebhookUrl('not a url SECRETPATH')).not.toThrow(/SECRETPATH/);
		expect(parseWebhookUrl('http://127.0.0.1:9/x').host).toBe('127.0.0.1:9');
	});
});

describe('postWebhook', () => {
	it('tries again after 1, 2, 4, 8 and 16 s and gives up before a minute has passed', async () => {
		const receiver = await webhookReceiver([{status: 502}]);
		let clock = 0;
		const waits: number[] = [];
		const answer = await postWebhook(
			new URL(receiver.url),
			{text: 'hi'},
			{
				now: () => clock,
				async sleep(ms) {
					waits.push(ms);
					clock += ms;
				},
			},
		);
		expect(waits).toEqual([1000, 2000, 4000, 8000, 16_000]);
		expect(answer).toMatchObject({ok: false, status: 502, attempts: 6});
		expect(receiver.posts).toHaveLength(6);
	});

	it('waits as Retry-After says, and does not retry a refusal', async () => {
		const limited = await webhookReceiver([
			{status: 429, retryAfter: '7'},
			{status: 200, body: 'ok'},
		]);
		let clock = 0;
		const waits: number[] = [];
		const options = {
			now: () => clock,
			async sleep(ms: number) {
				waits.push(ms);
				clock += ms;
			},
		};
		expect(await postWebhook(new URL(limited.url), {}, options)).toMatchObject({ok: true, status: 200, body: 'ok', attempts: 2});
		expect(waits).toEqual([7000]);

		const refused = await webhookReceiver([{status: 400, body: 'invalid_payload'}]);
		expect(await postWebhook(new URL(refused.url), {}, options)).toMatchObject({ok: false, status: 400, attempts: 1});
		expect(refused.posts).toHaveLength(1);
	});

	it('tells a webhook that cannot be reached, without its URL', async () => {
		const answer = await postWebhook(new URL('http://127.0.0.1:9/services/SECRETPATH'), {}, {withinMs: 0});
		expect(answer).toEqual({ok: false, error: 'network error ECONNREFUSED', attempts: 1});
	});
});
