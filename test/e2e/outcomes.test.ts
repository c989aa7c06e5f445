import {describe, expect, it} from 'vitest';
import type {SimAggregationPlan} from '../../source/simulator/types.js';
import {openStore} from '../../source/store/config.js';
import {monitorE2e} from '../helpers/e2e.js';
import type {PtySession} from '../helpers/pty.js';

const WARNED = 'dd44dd44dd44dd44dd44dd44dd44dd44';
const FAILED = 'ee55ee55ee55ee55ee55ee55ee55ee55';
const MISTYPED = 'ff66ff66ff66ff66ff66ff66ff66ff66';

function plan(id: string, fields: Partial<SimAggregationPlan>): SimAggregationPlan {
	return {
		id,
		sourceId: `src-${id.slice(0, 4)}`,
		sourceName: `Source ${id.slice(0, 4)}`,
		startAtMs: -5000,
		collectMs: 1000,
		totalAccounts: 40,
		accountsPerSecond: 20,
		outcome: {type: 'COMPLETED'},
		...fields,
	};
}

const e2e = monitorE2e(
	{
		aggregations: [
			plan(WARNED, {task: {warnings: ['one', 'two', 'three'], scannedAccounts: 400}}),
			plan(FAILED, {task: {errors: ['Page 3 could not be read', 'Account "z" could not be updated']}}),
		],
	},
	'aggwatch-e2e-outcomes-',
);

function launch(args: string[], ascii = false): PtySession {
	return e2e.launch([...(ascii ? ['--ascii'] : []), ...args], {cols: 150, rows: 30});
}

function rowOf(screen: string, id: string): string {
	return (
		screen
			.split('\n')
			.find(line => (line.includes(`Source ${id.slice(0, 4)}`) || line.includes(id.slice(0, 8))) && !/^(Id|Source) {2}/.test(line)) ?? ''
	);
}

describe('outcomes in the monitor (real terminal)', () => {
	it('the end badge carries warnings and errors, the header counts them apart, the detail pane lists the task, and they survive a restart', async () => {
		let pty = launch([WARNED, FAILED, MISTYPED]);
		await pty.waitFor('both outcomes on their badges', () => {
			const screen = pty.screenText();
			return rowOf(screen, WARNED).includes('completed ⚠ 3 warnings') && rowOf(screen, FAILED).includes('completed ✖ 2 errors');
		});
		// The mistyped id is told at once, not after the three-minute grace.
		await pty.waitFor('the mistyped id not found', () => /not found/.test(rowOf(pty.screenText(), MISTYPED)));
		const header = pty.screenText().split('\n')[0] ?? '';
		expect(header).toContain('⚠ 1 with warnings');
		expect(header).toContain('✖ 1 with errors');
		// The mistyped id is counted apart from failed runs (issue 22); 150 columns hold the long forms of all three.
		expect(header).toContain('∅ 1 not found');
		expect(header).toContain('✖ 0 failed');

		await pty.write('\r');
		await pty.waitForText(`Id                  ${WARNED}`);
		await pty.write('j');
		await pty.waitForText(`Id                  ${FAILED}`);
		await pty.waitFor('the task in the detail pane', () => /Outcome\s+ERROR \(2 errors\)/.test(pty.screenText()));
		const screen = pty.screenText();
		expect(screen).toMatch(/ERROR\s+Page 3 could not be read/);
		expect(screen).toMatch(/Figures\s+scanned 40/);
		expect(screen).toMatch(/Launched \/ done\s+\d\d:\d\d:\d\d .* \/ \d\d:\d\d:\d\d/);

		await pty.write('q');
		expect((await pty.waitForExit()).exitCode).toBe(0);
		const {store} = openStore({cwd: e2e.dir});
		try {
			const saved = store.listTracked().find(row => row.id === WARNED);
			expect(saved?.task?.completionStatus).toBe('WARNING');
		} finally {
			store.close();
		}

		// A restart shows the saved outcome, in ASCII glyphs this time.
		pty = launch([], true);
		await pty.waitFor('the saved outcome in ASCII', () => rowOf(pty.screenText(), WARNED).includes('completed W 3 warnings'));
		await pty.write('q');
		await pty.waitForExit();
	}, 60_000);
});
