import {describe, expect, it} from 'vitest';
import {endAlert, PERSISTENT_FAILURES} from '../../source/alerts/end-alert.js';
import {stateAlerts} from '../../source/alerts/state-alerts.js';
import {apply, fail, keyOf, notFound, poll, row, seed, serverError, stateWith, taskId} from '../core/fixtures.js';

const START = Date.parse('2025-01-15T09:00:00Z');
const MIN = 60_000;

function started(label?: string) {
	return stateWith([seed(1, label === undefined ? {} : {label})], {}, START);
}

describe('endAlert', () => {
	it('tells a completion as a success with accounts and duration: "Workday: COMPLETED, 5,210 accounts in 14m 03s"', () => {
		const before = poll(
			started('Workday'),
			keyOf(1),
			{start: '2025-01-15T09:00:00Z', status: 'ACCOUNTS_COLLECTED', processedAccounts: 5000, totalAccounts: 5210},
			START + 14 * MIN,
		);
		const after = poll(
			before,
			keyOf(1),
			{start: '2025-01-15T09:00:00Z', status: 'COMPLETED', processedAccounts: 5210, totalAccounts: 5210},
			START + 14 * MIN + 3000,
		);
		const alert = endAlert(row(after, keyOf(1)), row(before, keyOf(1)), START + 15 * MIN);
		expect(alert).toEqual({
			id: taskId(1),
			tenant: 'acme',
			title: 'Workday: COMPLETED',
			body: '5,210 accounts in 14m 03s',
			text: 'Workday: COMPLETED, 5,210 accounts in 14m 03s',
			severity: 'success',
		});
	});

	it('gives no duration when the end was only seen long after the last running answer', () => {
		const before = poll(
			started('Workday'),
			keyOf(1),
			{start: '2025-01-15T09:00:00Z', status: 'ACCOUNTS_COLLECTED', processedAccounts: 10, totalAccounts: 20},
			START + MIN,
		);
		const after = poll(
			before,
			keyOf(1),
			{start: '2025-01-15T09:00:00Z', status: 'COMPLETED', processedAccounts: 20, totalAccounts: 20},
			START + 60 * MIN,
		);
		expect(endAlert(row(after, keyOf(1)), row(before, keyOf(1)), START + 60 * MIN)?.text).toBe('Workday: COMPLETED, 20 accounts');
		const firstAnswer = poll(
			started('Workday'),
			keyOf(1),
			{start: '2025-01-15T09:00:00Z', status: 'COMPLETED', processedAccounts: 20, totalAccounts: 20},
			START + MIN,
		);
		expect(endAlert(row(firstAnswer, keyOf(1)), undefined, START + MIN)?.text).toBe('Workday: COMPLETED, 20 accounts');
	});

	it('tells a cancellation as a failure, with how far it got', () => {
		const before = poll(
			started('ServiceNow'),
			keyOf(1),
			{start: '2025-01-15T09:00:00Z', status: 'ACCOUNTS_COLLECTED', processedAccounts: 1000, totalAccounts: 3200},
			START + 30_000,
		);
		const after = poll(
			before,
			keyOf(1),
			{start: '2025-01-15T09:00:00Z', status: 'CANCELLED', processedAccounts: 1200, totalAccounts: 3200},
			START + 40_000,
		);
		expect(endAlert(row(after, keyOf(1)), row(before, keyOf(1)), START + 41_000)).toMatchObject({
			text: 'ServiceNow: CANCELLED, 1,200 of 3,200 accounts, after 40s',
			severity: 'failure',
		});
	});

	it('tells a termination as a failure, even without counts', () => {
		const before = poll(started('Salesforce'), keyOf(1), {start: '2025-01-15T09:00:00Z', status: 'RETRIED'}, START + 10_000);
		const after = poll(before, keyOf(1), {start: '2025-01-15T09:00:00Z', status: 'TERMINATED'}, START + 70_000);
		expect(endAlert(row(after, keyOf(1)), row(before, keyOf(1)), START + 70_000)).toMatchObject({
			title: 'Salesforce: TERMINATED',
			text: 'Salesforce: TERMINATED, after 1m 10s',
			severity: 'failure',
		});
	});

	it('names an unlabelled row by its short id, and tells "not found" as a failure', () => {
		let state = started();
		state = fail(state, keyOf(1), notFound, START);
		const before = state;
		state = fail(state, keyOf(1), notFound, START + 4 * MIN);
		expect(row(state, keyOf(1)).phase).toBe('not-found');
		expect(endAlert(row(state, keyOf(1)), row(before, keyOf(1)), START + 4 * MIN)).toMatchObject({
			title: `${taskId(1).slice(0, 8)}…: not found`,
			severity: 'failure',
		});
	});

	it('tells an aggregation ISC forgot before it ended as a failure with an unknown outcome', () => {
		const before = poll(
			started('AD'),
			keyOf(1),
			{start: '2025-01-15T09:00:00Z', status: 'ACCOUNTS_COLLECTED', processedAccounts: 5, totalAccounts: 9},
			START,
		);
		const after = fail(before, keyOf(1), notFound, START + MIN);
		expect(row(after, keyOf(1)).phase).toBe('expired');
		expect(endAlert(row(after, keyOf(1)), row(before, keyOf(1)), START + MIN)).toMatchObject({
			title: 'AD: outcome unknown',
			severity: 'failure',
		});
	});

	it('alerts once for an end: not again while the row stays ended, and not for progress', () => {
		const first = poll(started('Workday'), keyOf(1), {status: 'STARTED', start: null}, START);
		const second = poll(first, keyOf(1), {status: 'ACCOUNTS_COLLECTED', processedAccounts: 1, totalAccounts: 2}, START + 1000);
		expect(endAlert(row(second, keyOf(1)), row(first, keyOf(1)), START + 1000)).toBeUndefined();
		const ended = poll(second, keyOf(1), {status: 'COMPLETED', processedAccounts: 2, totalAccounts: 2}, START + 2000);
		expect(endAlert(row(ended, keyOf(1)), row(second, keyOf(1)), START + 2000)?.text).toBe('Workday: COMPLETED, 2 accounts');
		const relabelled = apply(ended, {type: 'labelled', key: keyOf(1), label: 'Workday (prod)'});
		expect(endAlert(row(relabelled, keyOf(1)), row(ended, keyOf(1)), START + 3000)).toBeUndefined();
	});

	it('alerts an end seen on the first answer (no previous row)', () => {
		const state = poll(started('HR'), keyOf(1), {status: 'COMPLETED', processedAccounts: 1, totalAccounts: 1}, START);
		expect(endAlert(row(state, keyOf(1)), undefined, START)?.text).toBe('HR: COMPLETED, 1 account');
	});

	it(`tells a row that failed ${PERSISTENT_FAILURES} times in a row, once`, () => {
		let state = poll(started('Okta'), keyOf(1), {status: 'STARTED'}, START);
		const alerts: string[] = [];
		for (let attempt = 1; attempt <= PERSISTENT_FAILURES + 2; attempt++) {
			const next = fail(state, keyOf(1), serverError, START + attempt * MIN);
			const alert = endAlert(row(next, keyOf(1)), row(state, keyOf(1)), START + attempt * MIN);
			if (alert !== undefined) {
				alerts.push(`${attempt}: ${alert.text} (${alert.severity})`);
			}

			state = next;
		}

		expect(alerts).toEqual([`${PERSISTENT_FAILURES}: Okta: failing, Internal error (${PERSISTENT_FAILURES} requests in a row) (failure)`]);
	});
});

describe('stateAlerts', () => {
	it('gives one alert per row that just ended, none for rows unchanged or removed', () => {
		let state = stateWith([seed(1, {label: 'A'}), seed(2, {label: 'B'}), seed(3, {label: 'C'})], {}, START);
		state = poll(state, keyOf(1), {status: 'COMPLETED'}, START);
		const previous = state;
		state = poll(state, keyOf(2), {status: 'CANCELLED'}, START + 1000);
		state = poll(state, keyOf(3), {status: 'STARTED'}, START + 1000);
		expect(stateAlerts(previous, state, START + 1000).map(alert => alert.title)).toEqual(['B: CANCELLED']);
		expect(stateAlerts(state, state, START + 1000)).toEqual([]);
		expect(stateAlerts(state, apply(state, {type: 'clear-finished'}), START + 1000)).toEqual([]);
	});
});
