import {afterEach, describe, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {rowKey} from '../../source/core/types.js';
import {collecting, id, NOW, stateOf} from './fixtures.js';
import {renderMonitor} from './helpers.js';

afterEach(() => {
	cleanup();
});

const HR = id('c5');

function lineOf(frame: string, label: string): string {
	return (
		frame
			.split('\n')
			.slice(1)
			.find(line => line.includes(label)) ?? ''
	);
}

describe('a row whose status expired before its end was seen', () => {
	test('shows the final figures from its task, done out of done, and the expected expiry is no error', async () => {
		const state = stateOf([{id: HR, label: 'HR CSV', answers: [{status: collecting(10, 40), ago: 1000}]}], {readTasks: true});
		const m = renderMonitor({state, now: NOW, size: {columns: 140, rows: 40}, initialPrefs: {detail: true}});
		const key = rowKey('acme', HR);
		await m.waitFor(frame => lineOf(frame, 'HR CSV').includes('10/40'));
		m.dispatch({type: 'failed', key, error: {kind: 'not-found', message: 'Not found', status: 404}, now: NOW + 1000});
		let text = await m.waitFor(frame => lineOf(frame, 'HR CSV').includes('expired'));
		expect(text).not.toContain('Last error');

		m.dispatch({type: 'requested', key, now: NOW + 1100, read: 'task'});
		m.dispatch({
			type: 'task-read',
			key,
			// As read from a real tenant's answer: `Success`, digit strings already numbers.
			task: {completionStatus: 'Success', messages: [], counts: {total: 160, created: 13, updated: 23, deleted: 4, optimized: 120}},
			now: NOW + 1200,
		});
		text = await m.waitFor(frame => lineOf(frame, 'HR CSV').includes('completed'));
		const line = lineOf(text, 'HR CSV');
		expect(line).toMatch(/✔ completed\s/);
		expect(line).toMatch(/40\/40 100%/);
		expect(line).not.toContain('10/40');
		expect(text).not.toContain('Last error');
		expect(text).toMatch(/Status\s+completed; status expired \(expected\)/);
		expect(text).toMatch(/Changes\s+40 \/ 40 \(100%\)/);
		expect(text).toMatch(/Accounts scanned\s+160/);
		expect(text).toMatch(/Removed\s+4/);
	});
});
