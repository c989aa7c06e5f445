import {describe, expect, it} from 'vitest';
import {nextRequests} from '../../source/core/schedule.js';
import {rowCompletion, rowOutcome, summarize} from '../../source/core/summary.js';
import {TASK_RETRY_MS, UNKNOWN_ID_MESSAGE, requestKind} from '../../source/core/task-reads.js';
import type {TaskOutcome} from '../../source/domain/outcome.js';
import {apply, fail, keyOf, notFound, poll, row, seed, serverError, stateWith, T1} from './fixtures.js';

const READ = {readTasks: true};

function task(completionStatus: string | null, extra: Partial<TaskOutcome> = {}): TaskOutcome {
	return {completionStatus, messages: [], counts: {}, ...extra};
}

const warned = task('WARNING', {
	messages: [
		{type: 'WARN', text: 'a'},
		{type: 'WARN', text: 'b'},
		{type: 'INFO', text: 'c'},
	],
	counts: {total: 5000, created: 12},
});

describe('task reads for outcomes', () => {
	it('reads the task as soon as a row ends, and the task read goes out like a poll, within the same queue', () => {
		let state = stateWith([seed(1)], READ);
		state = poll(state, keyOf(1), {status: 'COMPLETED', processedAccounts: 5, totalAccounts: 5}, 1000);
		expect(row(state, keyOf(1)).phase).toBe('ended');
		expect(requestKind(row(state, keyOf(1)))).toBe('task');
		// The poll just sent takes its slot: the task read waits for the tenant's spacing, like any poll.
		expect(nextRequests(state, 1000)).toEqual({due: [], wakeAt: 1125});
		expect(nextRequests(state, 1125).due).toEqual([keyOf(1)]);

		state = apply(state, {type: 'requested', key: keyOf(1), now: 1125, read: 'task'});
		expect(nextRequests(state, 2000).due).toEqual([]);
		expect(state.tenants[T1]!.sent).toEqual([1000, 1125]);

		state = apply(state, {type: 'task-read', key: keyOf(1), task: warned, now: 1200});
		const ended = row(state, keyOf(1));
		expect(ended.task).toEqual(warned);
		expect(ended.taskRead).toBeUndefined();
		expect(rowCompletion(ended)).toBe('warning');
		expect(summarize(state, 1200)).toMatchObject({done: 0, warnings: 1, errors: 0});
		expect(nextRequests(state, 60_000)).toEqual({due: []});
	});

	it('reads again a little later while the task is not complete, and gives up after a few minutes', () => {
		let state = stateWith([seed(1, {snapshot: {status: 'COMPLETED'}})], {...READ, taskGiveUpMs: 60_000});
		let now = 0;
		for (;;) {
			expect(nextRequests(state, now).due).toEqual([keyOf(1)]);
			state = apply(state, {type: 'requested', key: keyOf(1), now, read: 'task'});
			state = apply(state, {type: 'task-read', key: keyOf(1), task: task(null), now});
			if (row(state, keyOf(1)).taskRead === undefined) {
				break;
			}

			expect(nextRequests(state, now).wakeAt).toBe(now + TASK_RETRY_MS);
			now += TASK_RETRY_MS;
		}

		expect(now).toBe(60_000);
		expect(row(state, keyOf(1)).taskGaveUp).toBe(true);
		expect(nextRequests(state, now + 600_000).due).toEqual([]);
	});

	it('a row first seen (restored) already ended or expired reads its task; one with an outcome does not', () => {
		const state = stateWith(
			[
				seed(1, {phase: 'ended', snapshot: {status: 'COMPLETED'}}),
				seed(2, {phase: 'expired'}),
				seed(3, {phase: 'ended', snapshot: {status: 'COMPLETED'}, task: warned}),
			],
			READ,
		);
		expect(state.rows.map(requestKind)).toEqual(['task', 'task', undefined]);
		expect(rowOutcome(row(state, keyOf(3)))).toBe('completed');
	});

	it('an expired row completes its outcome from the task', () => {
		let state = stateWith([seed(1)], READ);
		state = poll(state, keyOf(1), {status: 'ACCOUNTS_COLLECTED', processedAccounts: 5, totalAccounts: 50}, 1000);
		state = fail(state, keyOf(1), notFound, 2000);
		expect(rowOutcome(row(state, keyOf(1)))).toBe('expired');
		state = apply(state, {type: 'task-read', key: keyOf(1), task: task('ERROR', {messages: [{type: 'ERROR', text: 'x'}]}), now: 2100});
		expect(rowOutcome(row(state, keyOf(1)))).toBe('completed');
		expect(summarize(state, 2100).errors).toBe(1);
	});

	it('an id that both endpoints answer 404 for is not-found after one poll', () => {
		let state = stateWith([seed(1)], READ);
		state = fail(state, keyOf(1), notFound, 1000);
		expect(row(state, keyOf(1)).phase).toBe('waiting');
		expect(requestKind(row(state, keyOf(1)))).toBe('task');
		state = apply(state, {type: 'task-failed', key: keyOf(1), error: notFound, now: 1100});
		expect(row(state, keyOf(1)).phase).toBe('not-found');
		expect(row(state, keyOf(1)).lastError?.message).toBe(UNKNOWN_ID_MESSAGE);
	});

	it('keeps the not-found grace for an id whose task exists while its status has not appeared', () => {
		let state = stateWith([seed(1)], READ);
		state = fail(state, keyOf(1), notFound, 1000);
		state = apply(state, {type: 'task-read', key: keyOf(1), task: task(null), now: 1100});
		expect(row(state, keyOf(1)).phase).toBe('waiting');
		expect(requestKind(row(state, keyOf(1)))).toBe('status');
		state = fail(state, keyOf(1), notFound, 2000);
		expect(row(state, keyOf(1)).phase).toBe('waiting');
		expect(requestKind(row(state, keyOf(1)))).toBe('status');
		state = fail(state, keyOf(1), notFound, 1000 + state.options.notFoundGraceMs);
		expect(row(state, keyOf(1)).phase).toBe('not-found');
	});

	it('an id whose status is gone but whose task ended is expired with the task outcome (past the hour)', () => {
		let state = stateWith([seed(1)], READ);
		state = fail(state, keyOf(1), notFound, 1000);
		state = apply(state, {type: 'task-read', key: keyOf(1), task: warned, now: 1100});
		// The first 404 may have come before the run started: the status endpoint is asked again, at once.
		expect(row(state, keyOf(1)).phase).toBe('waiting');
		expect(requestKind(row(state, keyOf(1)))).toBe('status');
		expect(row(state, keyOf(1)).nextPollAt).toBe(1100);
		state = fail(state, keyOf(1), notFound, 1200);
		expect(row(state, keyOf(1)).phase).toBe('expired');
		expect(rowOutcome(row(state, keyOf(1)))).toBe('completed');
		expect(nextRequests(state, 100_000).due).toEqual([]);
	});

	it('an id that answered 404 before its run started, whose run has ended by the time its task is read, ends with its status and counts', () => {
		let state = stateWith([seed(1)], READ);
		state = fail(state, keyOf(1), notFound, 1000);
		state = apply(state, {type: 'task-read', key: keyOf(1), task: task('SUCCESS', {counts: {total: 50}}), now: 9000});
		expect(nextRequests(state, 9000).due).toEqual([keyOf(1)]);
		state = poll(state, keyOf(1), {status: 'COMPLETED', processedAccounts: 49, totalAccounts: 50}, 9100);
		const ended = row(state, keyOf(1));
		expect(ended.phase).toBe('ended');
		expect(ended.snapshot).toMatchObject({status: 'COMPLETED', processedAccounts: 49, totalAccounts: 50});
		expect(rowOutcome(ended)).toBe('completed');
		// Its task is already known: no second read.
		expect(requestKind(ended)).toBeUndefined();
	});

	it('a failing task read backs off and the not-found of an outcome read gives up', () => {
		let state = stateWith([seed(1, {snapshot: {status: 'COMPLETED'}}), seed(2, {snapshot: {status: 'COMPLETED'}})], READ);
		state = apply(state, {type: 'task-failed', key: keyOf(1), error: serverError, now: 0});
		expect(row(state, keyOf(1)).taskRead?.dueAt).toBeGreaterThanOrEqual(TASK_RETRY_MS);
		state = apply(state, {type: 'task-failed', key: keyOf(2), error: notFound, now: 0});
		expect(row(state, keyOf(2)).taskGaveUp).toBe(true);
		expect(requestKind(row(state, keyOf(2)))).toBeUndefined();
	});

	it('an outcome read refused (403) gives up at once; a failed existence check lets the status polls go on', () => {
		const forbidden = {kind: 'forbidden' as const, message: 'Not allowed', status: 403};
		let state = stateWith([seed(1, {snapshot: {status: 'COMPLETED'}}), seed(2)], READ);
		state = apply(state, {type: 'task-failed', key: keyOf(1), error: forbidden, now: 0});
		expect(row(state, keyOf(1)).taskGaveUp).toBe(true);
		state = fail(state, keyOf(2), notFound, 1000);
		state = apply(state, {type: 'task-failed', key: keyOf(2), error: serverError, now: 1100});
		expect(row(state, keyOf(2)).phase).toBe('waiting');
		expect(requestKind(row(state, keyOf(2)))).toBe('status');
	});

	it('reads no task when readTasks is off', () => {
		let state = stateWith([seed(1)]);
		state = poll(state, keyOf(1), {status: 'COMPLETED'}, 1000);
		expect(requestKind(row(state, keyOf(1)))).toBeUndefined();
		state = stateWith([seed(2)]);
		state = fail(state, keyOf(2), notFound, 1000);
		expect(requestKind(row(state, keyOf(2)))).toBe('status');
	});
});
