import {describe, expect, it} from 'vitest';
import {percent} from '../../source/core/progress.js';
import {rowOutcome} from '../../source/core/summary.js';
import type {TaskOutcome} from '../../source/domain/outcome.js';
import {apply, collecting, fail, keyOf, notFound, poll, row, stateWith, seed} from './fixtures.js';

const READ = {readTasks: true};

/** The task of a run that ended SUCCESS: scanned 160, added 13, changed 23, removed 4 (as read from digit strings). */
const finished: TaskOutcome = {
	completionStatus: 'Success',
	messages: [],
	counts: {total: 160, created: 13, updated: 23, deleted: 4, optimized: 120},
};

describe('an expired row', () => {
	it('shows the final figures from its task: the changes done out of done, 100%, and no error', () => {
		let state = poll(stateWith([seed(1)], READ), keyOf(1), collecting(10, 40), 0);
		state = fail(state, keyOf(1), notFound, 5000);
		const expired = row(state, keyOf(1));
		expect(expired.phase).toBe('expired');
		expect(expired.lastError).toBeUndefined();
		// Until the task answers, the last values seen stay.
		expect(expired.snapshot).toMatchObject({processedAccounts: 10, totalAccounts: 40});

		state = apply(state, {type: 'requested', key: keyOf(1), now: 5100, read: 'task'});
		state = apply(state, {type: 'task-read', key: keyOf(1), task: finished, now: 5200});
		const after = row(state, keyOf(1));
		expect(rowOutcome(after)).toBe('completed');
		expect(after.snapshot).toMatchObject({processedAccounts: 40, totalAccounts: 40, deletedAccounts: 4});
		expect(percent(after.snapshot!)).toBe(100);
		expect(after.lastError).toBeUndefined();
	});

	it('keeps what it has when the task gives no added, changed or removed figure', () => {
		let state = poll(stateWith([seed(1)], READ), keyOf(1), collecting(10, 40), 0);
		state = fail(state, keyOf(1), notFound, 5000);
		state = apply(state, {type: 'requested', key: keyOf(1), now: 5100, read: 'task'});
		state = apply(state, {type: 'task-read', key: keyOf(1), task: {completionStatus: 'SUCCESS', messages: [], counts: {}}, now: 5200});
		expect(row(state, keyOf(1)).snapshot).toMatchObject({processedAccounts: 10, totalAccounts: 40});
	});

	it('an ended row keeps the status endpoint’s own final counts', () => {
		let state = poll(stateWith([seed(1)], READ), keyOf(1), {status: 'COMPLETED', processedAccounts: 38, totalAccounts: 40}, 0);
		state = apply(state, {type: 'requested', key: keyOf(1), now: 100, read: 'task'});
		state = apply(state, {type: 'task-read', key: keyOf(1), task: finished, now: 200});
		expect(row(state, keyOf(1)).snapshot).toMatchObject({processedAccounts: 38, totalAccounts: 40});
	});
});
