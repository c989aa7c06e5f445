import {afterEach, describe, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {rowKey} from '../../source/core/types.js';
import type {AlertOutput} from '../../source/ui/index.js';
import {OUTCOME_WAIT_MS} from '../../source/alerts/end-transitions.js';
import {collecting, id, NOW, START, stateOf} from './fixtures.js';
import {renderMonitor, settle} from './helpers.js';

afterEach(() => {
	cleanup();
});

const EU = id('eu');
const completed = {start: START, status: 'COMPLETED', processedAccounts: 6000, totalAccounts: 6000};
const warned = {
	completionStatus: 'Warning',
	messages: [1, 2, 3].map(n => ({type: 'WARN', text: `warning ${n}`})),
	counts: {total: 48_000},
};

/** A monitor that reads tasks, with one running row answered this session. */
async function start() {
	const outputs: AlertOutput[] = [];
	const m = renderMonitor({
		state: stateOf([{id: EU, label: 'Active Directory EU', answers: [{status: collecting(10, 6000), ago: 1000}]}], {readTasks: true}),
		now: NOW,
		size: {columns: 120, rows: 24},
		props: {
			onAlert(output) {
				outputs.push(output);
			},
		},
	});
	const key = rowKey('acme', EU);
	await m.waitFor(frame => frame.includes('Active Directory EU'));
	m.dispatch({type: 'polled', key, status: collecting(3000, 6000), now: NOW + 1000});
	await m.waitFor(frame => frame.includes('3,000/6,000'));
	return {m, outputs, key};
}

describe('the end alert waits briefly for the task, then tells the outcome once', () => {
	test('the bell and the notification wait for the first read of the task, and carry its warnings', async () => {
		const {m, outputs, key} = await start();
		m.dispatch({type: 'polled', key, status: completed, now: NOW + 2000});
		await m.waitFor(frame => frame.includes('6,000/6,000'));
		await settle();
		// Ended, the task not read yet: nothing told so far.
		expect(outputs).toEqual([]);
		expect(m.text().split('\n')[0]).not.toContain('Active Directory EU: COMPLETED');

		m.dispatch({type: 'requested', key, now: NOW + 2100, read: 'task'});
		m.dispatch({type: 'task-read', key, task: warned, now: NOW + 2300});
		const text = await m.waitFor(frame => frame.includes('Active Directory EU: COMPLETED with 3 warnings'));
		// The header names the outcome after the unseen count (the whole text is in the events log, E).
		expect(text.split('\n')[0]).toContain('1 unseen (E) │ ✔ Active Directory EU: COMPLETED with 3 warnings');
		expect(outputs).toHaveLength(1);
		expect(outputs[0]?.sequence).toContain('\u001B]9;Active Directory EU: COMPLETED with 3 warnings, 6,000 accounts');

		// Time passing and more answers: told once.
		m.setNow(NOW + 2300 + OUTCOME_WAIT_MS * 2);
		await settle();
		expect(outputs).toHaveLength(1);
	});

	test('without an answer from the task within a few seconds, it tells the end without the outcome, once', async () => {
		const {m, outputs, key} = await start();
		m.setNow(NOW + 2000);
		m.dispatch({type: 'polled', key, status: completed, now: NOW + 2000});
		m.dispatch({type: 'requested', key, now: NOW + 2100, read: 'task'});
		await m.waitFor(frame => frame.includes('6,000/6,000'));
		m.setNow(NOW + 2000 + OUTCOME_WAIT_MS - 500);
		await settle();
		expect(outputs).toEqual([]);
		m.setNow(NOW + 2000 + OUTCOME_WAIT_MS);
		await m.waitFor(frame => frame.includes('Active Directory EU: COMPLETED, 6,000 accounts'));
		expect(outputs).toHaveLength(1);
		// The task answering later adds no second alert.
		m.dispatch({type: 'task-read', key, task: warned, now: NOW + 2000 + OUTCOME_WAIT_MS + 100});
		await settle();
		expect(outputs).toHaveLength(1);
	});

	test('a task that fails at its first read does not hold the alert back', async () => {
		const {m, outputs, key} = await start();
		m.dispatch({type: 'polled', key, status: completed, now: NOW + 2000});
		m.dispatch({type: 'requested', key, now: NOW + 2100, read: 'task'});
		m.dispatch({type: 'task-failed', key, error: {kind: 'server', message: 'HTTP 502', status: 502}, now: NOW + 2200});
		await m.waitFor(frame => frame.includes('Active Directory EU: COMPLETED, 6,000 accounts'));
		expect(outputs).toHaveLength(1);
	});
});
