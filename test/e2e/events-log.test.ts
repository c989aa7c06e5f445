/**
 * Issue 22, item 2 at 80×24 in a real terminal: alerts that stay. Three rows end a few seconds apart; the header
 * counts them unseen, E opens the events log with each end, newest first, with its time; opening it marks them
 * seen (the header's count goes), and Esc goes back to the list.
 */
import {describe, expect, it} from 'vitest';
import {monitorE2e} from '../helpers/e2e.js';

const ALPHA = 'a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1';
const BRAVO = 'b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2';
const CHARLIE = 'c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3';

const e2e = monitorE2e(
	{
		sources: [
			{id: 'src-a', name: 'Alpha', type: 'LDAP'},
			{id: 'src-b', name: 'Bravo', type: 'LDAP'},
			{id: 'src-c', name: 'Charlie', type: 'LDAP'},
		],
		// Alpha completes at about 6 s, Bravo is cancelled at 8 s, Charlie completes at about 10 s.
		aggregations: [
			{
				id: ALPHA,
				sourceId: 'src-a',
				sourceName: 'Alpha',
				collectMs: 5000,
				totalAccounts: 100,
				accountsPerSecond: 100,
				outcome: {type: 'COMPLETED'},
			},
			{
				id: BRAVO,
				sourceId: 'src-b',
				sourceName: 'Bravo',
				collectMs: 30_000,
				totalAccounts: 100,
				accountsPerSecond: 100,
				outcome: {type: 'CANCELLED', afterMs: 8000},
			},
			{
				id: CHARLIE,
				sourceId: 'src-c',
				sourceName: 'Charlie',
				collectMs: 9000,
				totalAccounts: 100,
				accountsPerSecond: 100,
				outcome: {type: 'COMPLETED'},
			},
		],
	},
	'aggwatch-e2e-events-',
);

const SIZE = {cols: 80, rows: 24};
const TIME = /^(\d\d:\d\d:\d\d) /;

describe('the events log at 80×24', () => {
	it('keeps every end, newest first with its time; opening it clears the unseen count', async () => {
		const pty = e2e.launch([ALPHA, BRAVO, CHARLIE], SIZE);
		await pty.waitFor('the three ends counted unseen in the header', () => (pty.screenLines()[0] ?? '').includes('3 unseen (E)'), {
			timeoutMs: 40_000,
		});

		await pty.write('E');
		await pty.waitForText('Events, newest first: 3');
		const lines = pty.screenLines().slice(1);
		const at = (name: string) => lines.findIndex(line => TIME.test(line) && line.includes(name));
		expect(at('Charlie')).toBeGreaterThan(-1);
		expect(at('Bravo')).toBeGreaterThan(at('Charlie'));
		expect(at('Alpha')).toBeGreaterThan(at('Bravo'));
		expect(lines[at('Bravo')]).toMatch(/CANCELLED/);
		// Each with its time, newest first.
		const times = ['Charlie', 'Bravo', 'Alpha'].map(name => TIME.exec(lines[at(name)] ?? '')?.[1] ?? '');
		expect([...times].sort().reverse()).toEqual(times);
		// Opened: nothing unseen, and the footer offers the way back.
		expect(pty.screenLines()[0]).not.toContain('unseen');
		expect(pty.screenText()).toContain('close events');

		await pty.write('\u001B');
		await pty.waitFor('the list again', () => !pty.screenText().includes('Events, newest first'));
		expect(pty.screenLines()[0]).not.toContain('unseen');
		expect(pty.screenText()).toContain('Charlie');
		await pty.write('q');
		expect((await pty.waitForExit()).exitCode).toBe(0);
	}, 60_000);
});
