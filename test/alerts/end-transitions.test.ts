import {describe, expect, test} from 'vitest';
import {reduce} from '../../source/core/reducer.js';
import {rowKey, type MonitorEvent, type MonitorState} from '../../source/core/types.js';
import {
	ALERT_MESSAGE_MS,
	alertsFor,
	duePendingEnds,
	endTransitions,
	FLASH_MS,
	OUTCOME_WAIT_MS,
	outcomeSettled,
	type Flash,
} from '../../source/alerts/end-transitions.js';
import {findRow} from '../../source/core/row-index.js';
import {activeFlash, headerAlert} from '../../source/ui/alerts/flashes.js';
import {collecting, id, NOW, START, stateOf} from '../ui/fixtures.js';

const WD = id('0d');
const AD = id('ad');
const completed = {start: START, status: 'COMPLETED', processedAccounts: 5210, totalAccounts: 5210};

function apply(state: MonitorState, ...events: MonitorEvent[]): MonitorState {
	return events.reduce(reduce, state);
}

describe('endTransitions', () => {
	test('a row seen running, then ending, is one transition; the same end seen again is none', () => {
		const before = stateOf([{id: WD, label: 'Workday', answers: [{status: collecting(10, 100), ago: 1000}]}]);
		const after = apply(before, {type: 'polled', key: rowKey('acme', WD), status: completed, now: NOW + 5000});
		const found = endTransitions(before, after, NOW - 60_000);
		expect(found.map(transition => transition.row.id)).toEqual([WD]);
		expect(found[0]?.previous.phase).toBe('running');
		const again = apply(after, {type: 'polled', key: rowKey('acme', WD), status: completed, now: NOW + 10_000});
		expect(endTransitions(after, again, NOW - 60_000)).toEqual([]);
	});

	test('failures count too: not found (never seen), expired (forgotten while running)', () => {
		const state = stateOf([{id: AD, label: 'AD'}], {notFoundGraceMs: 0});
		const next = apply(state, {
			type: 'failed',
			key: rowKey('acme', AD),
			error: {kind: 'not-found', status: 404, message: 'Not Found'},
			now: NOW,
		});
		expect(next.rows[0]?.phase).toBe('not-found');
		expect(endTransitions(state, next, NOW - 700_000)).toHaveLength(1);
	});

	test('nothing that belongs to loading: rows new in the state, or restored rows whose first answer is an end', () => {
		const empty = stateOf([]);
		const restoredEnded = stateOf([{id: WD, label: 'Workday', answers: [{status: completed, ago: 1000}]}]);
		expect(endTransitions(empty, restoredEnded, NOW)).toEqual([]);

		// Restored (added before the monitor started), never answered this session, first answer: ended long ago.
		const waiting = stateOf([{id: WD, label: 'Workday'}]);
		const answered = apply(waiting, {type: 'polled', key: rowKey('acme', WD), status: completed, now: NOW + 1000});
		expect(endTransitions(waiting, answered, NOW)).toEqual([]);
		// The same row added after the monitor started: the end is news.
		expect(endTransitions(waiting, answered, NOW - 700_000)).toHaveLength(1);
		// A restored row that answered "running" this session, then ended: seen happening.
		const running = apply(waiting, {type: 'polled', key: rowKey('acme', WD), status: collecting(1, 10), now: NOW + 1000});
		const ended = apply(running, {type: 'polled', key: rowKey('acme', WD), status: completed, now: NOW + 6000});
		expect(endTransitions(running, ended, NOW)).toHaveLength(1);
	});

	test('removing or clearing rows is not an end', () => {
		const state = stateOf([{id: WD, label: 'Workday', answers: [{status: collecting(10, 100), ago: 1000}]}]);
		expect(endTransitions(state, apply(state, {type: 'removed', keys: [rowKey('acme', WD)]}), 0)).toEqual([]);
	});
});

describe('alerts, flashes and the header message', () => {
	test('alertsFor words the end, adds the tenant when several are shown, and times the flash from when it is told', () => {
		const before = stateOf([{id: WD, tenant: 'acme', label: 'Workday', answers: [{status: collecting(10, 100), ago: 1000}]}]);
		const after = apply(before, {type: 'polled', key: rowKey('acme', WD), status: completed, now: NOW + 5000});
		const [one] = alertsFor(endTransitions(before, after, 0), NOW + 6000, false);
		expect(one?.alert.text).toBe('Workday: COMPLETED, 5,210 accounts in 2m 10s');
		expect(one?.alert.severity).toBe('success');
		// Told a second after the end (it waited for the task): the flash lasts its full time from then.
		expect(one?.flash).toMatchObject({key: rowKey('acme', WD), at: NOW + 6000, severity: 'success'});
		const [many] = alertsFor(endTransitions(before, after, 0), NOW + 6000, true);
		expect(many?.alert.text).toBe('Workday: COMPLETED, 5,210 accounts in 2m 10s (acme)');

		const terminated = apply(before, {
			type: 'polled',
			key: rowKey('acme', WD),
			status: {start: START, status: 'TERMINATED', processedAccounts: 40, totalAccounts: 100},
			now: NOW + 5000,
		});
		const [failure] = alertsFor(endTransitions(before, terminated, 0), NOW + 6000, false);
		expect(failure?.alert.severity).toBe('failure');
		expect(failure?.alert.text).toMatch(/^Workday: TERMINATED/);
	});

	test('a flash lasts FLASH_MS; the header message ALERT_MESSAGE_MS and counts the others', () => {
		const flashes: Flash[] = [
			{key: 'a', at: NOW, text: 'A: COMPLETED', severity: 'success'},
			{key: 'b', at: NOW + 1000, text: 'B: TERMINATED', severity: 'failure'},
		];
		expect(activeFlash(flashes, 'a', NOW + FLASH_MS - 1)?.text).toBe('A: COMPLETED');
		expect(activeFlash(flashes, 'a', NOW + FLASH_MS)).toBeUndefined();
		expect(activeFlash(flashes, 'c', NOW)).toBeUndefined();
		expect(headerAlert(flashes, NOW + 2000)).toEqual({flash: flashes[1], others: 1});
		expect(headerAlert(flashes, NOW + ALERT_MESSAGE_MS + 500)).toEqual({flash: flashes[1], others: 0});
		expect(headerAlert(flashes, NOW + ALERT_MESSAGE_MS + 1000)).toBeUndefined();
	});
});

function row(state: MonitorState, key: string) {
	return findRow(state.rows, key)!;
}

describe('an end waiting for its task', () => {
	const key = rowKey('acme', WD);
	const ended = (options: {readTasks: boolean}) => {
		const before = stateOf([{id: WD, label: 'Workday', answers: [{status: collecting(10, 100), ago: 1000}]}], options);
		const after = apply(before, {type: 'polled', key, status: completed, now: NOW + 5000});
		const [transition] = endTransitions(before, after, 0);
		return {after, pending: [{key, previous: transition!.previous, since: NOW + 5000}]};
	};

	test('waits until the first read of the task answers, at most OUTCOME_WAIT_MS', () => {
		const {after, pending} = ended({readTasks: true});
		expect(outcomeSettled(row(after, key))).toBe(false);
		expect(duePendingEnds(pending, after, NOW + 5000 + OUTCOME_WAIT_MS - 1)).toMatchObject({ready: [], waiting: pending});
		expect(duePendingEnds(pending, after, NOW + 5000 + OUTCOME_WAIT_MS).ready).toHaveLength(1);

		// A first answer that is not complete yet is enough: the alert never waits past the first read.
		const unfinished = apply(
			after,
			{type: 'requested', key, now: NOW + 5100, read: 'task'},
			{type: 'task-read', key, task: {completionStatus: null, messages: [], counts: {}}, now: NOW + 5200},
		);
		expect(duePendingEnds(pending, unfinished, NOW + 5200).ready).toHaveLength(1);
	});

	test('a row that reads no task, or was removed, does not wait', () => {
		const {after, pending} = ended({readTasks: false});
		expect(duePendingEnds(pending, after, NOW + 5000).ready).toHaveLength(1);
		const removed = apply(after, {type: 'removed', keys: [key]});
		expect(duePendingEnds(pending, removed, NOW + 5000)).toEqual({ready: [], waiting: []});
	});
});
