/**
 * The sources at a glance (O) as the monitor draws it, from a glance that answers at once: sorting by the `s` key,
 * the details of a source (its recent runs, the schedule in words in its zone), and reading again every minute while
 * it is open (and not while it is closed).
 */
import {afterEach, describe, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import type {SourceOverview, SourceRunTask} from '../../source/core/source-overview.js';
import type {SourcesGlance} from '../../source/ui/monitor/commands.js';
import {NOW, stateOf} from './fixtures.js';
import {keys, press, renderMonitor} from './helpers.js';

afterEach(() => {
	cleanup();
});

const iso = (ms: number) => new Date(ms).toISOString();

function line(name: string, changes: Partial<SourceOverview> = {}): SourceOverview {
	return {
		tenant: 'acme',
		id: `id-${name}`,
		name,
		connector: 'Workday',
		healthy: true,
		health: 'SOURCE_STATE_HEALTHY',
		deleteThreshold: null,
		running: null,
		lastRun: null,
		schedule: null,
		overdue: false,
		attention: [],
		...changes,
	};
}

const FAILED_RUN: SourceRunTask = {
	id: 'f'.repeat(32),
	completionStatus: 'Error',
	launched: iso(NOW - 3_600_000),
	completed: iso(NOW - 3_000_000),
	messages: [],
	counts: {scanned: 3000},
};

function fakeGlance(lines: SourceOverview[]) {
	let refreshes = 0;
	const glance: SourcesGlance = {
		overviews: () => lines,
		runsOf: (_tenant, id) => (id === 'id-Payroll' ? [FAILED_RUN] : []),
		refresh() {
			refreshes++;
		},
		prioritize() {},
		subscribe: () => () => undefined,
		status: () => ({complete: true, runsRead: true, errors: []}),
	};
	return {glance, refreshes: () => refreshes};
}

describe('sources at a glance, drawn', () => {
	test("o opens the selected source's page by its id; what came of it is the notice, wrapped whole", async () => {
		const fake = fakeGlance([line('Zoom'), line('Box')]);
		const url = `https://acme.identitynow.com/ui/a/admin/connections/sources/${'5'.repeat(32)}`;
		const m = renderMonitor({
			state: stateOf([]),
			now: NOW,
			size: {columns: 80, rows: 24},
			props: {glance: fake.glance},
			openSource: async () => ({opened: true, text: `Opened ${url} (xdg-open)`}),
		});
		await press(m.stdin, 'O');
		await m.waitFor(text => text.includes('Sources at a glance'));
		await press(m.stdin, 'o');
		const text = await m.waitFor(frame => frame.includes('(xdg-open)'));
		expect(m.calls.openSource).toEqual([{tenant: 'acme', sourceId: 'id-Box'}]);
		// Wrapped, not cut: the address is whole across the lines.
		expect(
			text
				.split('\n')
				.map(row => row.trimEnd())
				.join(''),
		).toContain(`Opened ${url} (xdg-open)`);
	});

	test('s sorts by name; Enter shows the recent runs and the schedule in words; it reads again every minute while open', async () => {
		const payroll = line('Payroll', {
			lastRun: {
				id: FAILED_RUN.id,
				completionStatus: 'ERROR',
				launched: FAILED_RUN.launched ?? null,
				completed: FAILED_RUN.completed ?? null,
				durationSeconds: 600,
				warnings: 0,
				errors: 1,
				deletionsHeldBack: false,
			},
			schedule: {
				cron: '0 0 2 * * ?',
				previous: iso(NOW - 7 * 3_600_000),
				next: iso(NOW + 17 * 3_600_000),
				zone: 'GMT-5',
				zoneKnown: true,
				readable: true,
			},
			attention: ['failed'],
		});
		const fake = fakeGlance([line('Zoom'), line('Box'), payroll]);
		const m = renderMonitor({state: stateOf([]), now: NOW, size: {columns: 140, rows: 30}, props: {glance: fake.glance}});
		await m.waitFor(text => text.includes('O sources'));
		expect(fake.refreshes()).toBe(0);

		await press(m.stdin, 'O');
		const opened = await m.waitFor(text => text.includes('Sources at a glance'));
		expect(fake.refreshes()).toBe(1);
		const order = (text: string) => ['Payroll', 'Box', 'Zoom'].sort((a, b) => text.indexOf(`${a} `) - text.indexOf(`${b} `));
		// Attention first, then by name.
		expect(order(opened)).toEqual(['Payroll', 'Box', 'Zoom']);
		await press(m.stdin, 's');
		const byName = await m.waitFor(text => text.includes('by name'));
		expect(order(byName)).toEqual(['Box', 'Payroll', 'Zoom']);

		await press(m.stdin, keys.down);
		await press(m.stdin, keys.enter);
		const details = await m.waitFor(text => text.includes('Details: Payroll'));
		expect(details).toMatch(/Schedule\s+daily at 02:00 GMT-5/);
		expect(details).toMatch(/ERROR, took 10m 00s, scanned 3,000 \(f{32}\)/);

		m.setNow(NOW + 30_000);
		await m.waitFor(text => text.includes('Details: Payroll'));
		expect(fake.refreshes()).toBe(1);
		m.setNow(NOW + 61_000);
		await m.waitFor(() => fake.refreshes() === 2);

		// Closed, it reads nothing more.
		await press(m.stdin, 'O');
		await m.waitFor(text => !text.includes('Sources at a glance'));
		m.setNow(NOW + 200_000);
		await m.waitFor(text => text.includes('O sources'));
		expect(fake.refreshes()).toBe(2);
	});
});
