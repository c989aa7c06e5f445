import {afterEach, expect, test, vi} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {collecting, id, NOW, START, stateOf} from './fixtures.js';
import {plain, renderMonitor} from './helpers.js';

// Ink colours through chalk, which writes no colour at all to a non-TTY. Force it on (before chalk loads), so that
// "no colour codes with color off" is a real check and not a property of the test stream.
vi.hoisted(() => {
	process.env['FORCE_COLOR'] = '3';
});

afterEach(() => {
	cleanup();
});

const COLOUR_CODE = /\u001B\[(?:3[0-79]|9[0-7]|4[0-79]|10[0-7]|38;[25];[\d;]+|48;[25];[\d;]+)m/;

function state() {
	return stateOf([
		{id: id('ad'), label: 'Active Directory', answers: [{status: collecting(10, 40), ago: 1000}]},
		{
			id: id('0d'),
			label: 'Workday',
			answers: [{status: {start: START, status: 'COMPLETED', processedAccounts: 9, totalAccounts: 9}, ago: 1000}],
		},
		{id: id('5e'), label: 'SAP', answers: [{status: {start: START, status: 'TERMINATED'}, ago: 1000}]},
	]);
}

test('with colour on, statuses are coloured', async () => {
	const m = renderMonitor({state: state(), now: NOW, color: true});
	await m.waitFor(frame => frame.includes('Workday'));
	const raw = m.lastFrame() ?? '';
	expect(raw).toMatch(/\u001B\[32m✔ completed/);
	expect(raw).toMatch(/\u001B\[31m✖ terminated/);
});

test('NO_COLOR: no colour codes at all, and symbols, words and the cursor still tell everything', async () => {
	const m = renderMonitor({state: state(), now: NOW, color: false});
	await m.waitFor(frame => frame.includes('Workday'));
	const raw = m.lastFrame() ?? '';
	expect(raw).not.toMatch(COLOUR_CODE);
	expect(raw).toMatch(/\u001B\[7m/); // the selection is still inverse (an attribute, not a colour)
	const text = plain(raw);
	expect(text).toContain('✔ completed');
	expect(text).toContain('✖ terminated');
	expect(text).toContain('▶ collected');
	expect(text).toMatch(/› . Active Directory/);
});
