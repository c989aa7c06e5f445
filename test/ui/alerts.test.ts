import {afterEach, describe, expect, test, vi} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {rowKey} from '../../source/core/types.js';
import type {AlertOutput} from '../../source/ui/index.js';
import {ALERT_MESSAGE_MS, FLASH_MS} from '../../source/alerts/end-transitions.js';
import {collecting, id, NOW, START, stateOf} from './fixtures.js';
import {renderMonitor, settle} from './helpers.js';

// chalk writes no escape codes to a non-TTY; the flash is reverse video, so force them on (before chalk loads).
vi.hoisted(() => {
	process.env['FORCE_COLOR'] = '3';
});

afterEach(() => {
	cleanup();
});

const AD = id('ad');
const WD = id('0d');
const SN = id('5e');
const completed = {start: START, status: 'COMPLETED', processedAccounts: 5210, totalAccounts: 5210};
const terminated = {start: START, status: 'TERMINATED', processedAccounts: 40, totalAccounts: 100};

/** Three rows restored from an earlier session: AD running, Workday and ServiceNow waiting for a first answer. */
function restored() {
	return stateOf([
		{id: AD, label: 'Active Directory', answers: [{status: collecting(10, 100), ago: 1000}]},
		{id: WD, label: 'Workday', answers: [{status: collecting(10, 5210), ago: 1000}]},
		{id: SN, label: 'ServiceNow', answers: [{status: collecting(10, 100), ago: 1000}]},
	]);
}

/** The list line of the row with this label (the header may name it too). */
function lineOf(frame: string, label: string): string {
	return (
		frame
			.split('\n')
			.slice(1)
			.find(line => line.includes(label)) ?? ''
	);
}

const INVERSE = '\u001B[7m';

function start(alerts?: {bell: boolean; notify: boolean}) {
	const outputs: AlertOutput[] = [];
	const m = renderMonitor({
		state: restored(),
		now: NOW,
		size: {columns: 120, rows: 24},
		props: {
			onAlert(output) {
				outputs.push(output);
			},
			...(alerts === undefined ? {} : {alerts}),
		},
	});
	// An answer this session: from now on, an end is seen happening.
	const poll = (key: string, status: object, at: number) => {
		m.dispatch({type: 'polled', key: rowKey('acme', key), status, now: at});
	};

	return {m, outputs, poll};
}

describe('a row that ends while the monitor runs', () => {
	test('flashes and is told in the header for a few seconds; bell and notification go to onAlert once', async () => {
		const {m, outputs, poll} = start();
		await m.waitFor(frame => frame.includes('Workday'));
		poll(WD, collecting(2000, 5210), NOW + 1000);
		await m.waitFor(frame => frame.includes('2,000/5,210'));
		expect(outputs).toEqual([]);
		poll(WD, completed, NOW + 5000);
		const text = await m.waitFor(frame => frame.includes('Workday: COMPLETED'));
		const header = text.split('\n')[0] ?? '';
		// After the unseen count, which a narrow header never cuts; the whole text stays in the events log (E).
		expect(header).toContain('1 unseen (E) │ ✔ Workday: COMPLETED, 5,210 accounts');
		expect(header).not.toContain('live');
		// The flash: the Workday line (not selected) drawn in reverse video.
		expect(lineOf(m.lastFrame() ?? '', 'Workday')).toContain(INVERSE);
		expect(lineOf(m.lastFrame() ?? '', 'ServiceNow')).not.toContain(INVERSE);

		expect(outputs).toHaveLength(1);
		expect(outputs[0]?.alert).toMatchObject({title: 'Workday: COMPLETED', severity: 'success', tenant: 'acme', id: WD});
		expect(outputs[0]?.sequence).toBe('\u0007\u001B]9;Workday: COMPLETED, 5,210 accounts in 2m 10s\u0007');

		// More answers with the same end, and time passing: no second alert.
		poll(WD, completed, NOW + 10_000);
		await settle();
		expect(outputs).toHaveLength(1);

		m.setNow(NOW + 5000 + FLASH_MS);
		await m.waitFor(frame => frame.includes('Workday: COMPLETED') && !lineOf(m.lastFrame() ?? '', 'Workday').includes(INVERSE));
		m.setNow(NOW + 5000 + ALERT_MESSAGE_MS);
		await m.waitFor(frame => !frame.includes('Workday: COMPLETED') && (frame.split('\n')[0] ?? '').includes('● live'));
	});

	test('a failure is told in the failure colour and symbol', async () => {
		const {m, outputs, poll} = start();
		await m.waitFor(frame => frame.includes('ServiceNow'));
		poll(SN, collecting(20, 100), NOW + 1000);
		await m.waitFor(frame => lineOf(frame, 'ServiceNow').includes('20/100'));
		poll(SN, terminated, NOW + 2000);
		const text = await m.waitFor(frame => frame.includes('ServiceNow: TERMINATED'));
		const header = text.split('\n')[0] ?? '';
		expect(header).toContain('✖ ServiceNow: TERMINATED');
		expect(header).toContain('40 of 100 accounts');
		const raw = (m.lastFrame() ?? '').split('\n')[0] ?? '';
		expect(raw).toMatch(/\u001B\[31m[^\u001B]*✖ ServiceNow: TERMINATED/); // red
		expect(outputs.map(output => output.alert.severity)).toEqual(['failure']);
	});

	test('one call per end: two rows ending together give two, and the header counts both unseen in the events log', async () => {
		const {m, outputs, poll} = start();
		await m.waitFor(frame => frame.includes('Workday'));
		poll(WD, collecting(20, 100), NOW + 1000);
		poll(SN, collecting(20, 100), NOW + 1000);
		await m.waitFor(frame => frame.includes('20/100'));
		poll(WD, completed, NOW + 3000);
		poll(SN, terminated, NOW + 3000);
		await m.waitFor(frame => frame.includes('2 unseen (E)'));
		expect(outputs.map(output => output.alert.title).sort()).toEqual(['ServiceNow: TERMINATED', 'Workday: COMPLETED']);
	});

	test('bell only, notification only, or neither: onAlert gets only what is allowed; the flash shows anyway', async () => {
		const bell = start({bell: true, notify: false});
		await bell.m.waitFor(frame => frame.includes('Workday'));
		bell.poll(WD, collecting(20, 100), NOW + 1000);
		await bell.m.waitFor(frame => lineOf(frame, 'Workday').includes('20/100'));
		bell.poll(WD, completed, NOW + 3000);
		await bell.m.waitFor(frame => frame.includes('Workday: COMPLETED'));
		expect(bell.outputs.map(output => output.sequence)).toEqual(['\u0007']);
		bell.m.unmount();

		const notify = start({bell: false, notify: true});
		await notify.m.waitFor(frame => frame.includes('Workday'));
		notify.poll(WD, collecting(20, 100), NOW + 1000);
		await notify.m.waitFor(frame => lineOf(frame, 'Workday').includes('20/100'));
		notify.poll(WD, completed, NOW + 3000);
		await notify.m.waitFor(frame => frame.includes('Workday: COMPLETED'));
		expect(notify.outputs.map(output => output.sequence)).toEqual(['\u001B]9;Workday: COMPLETED, 5,210 accounts in 2m 08s\u0007']);
		notify.m.unmount();

		const quiet = start({bell: false, notify: false});
		await quiet.m.waitFor(frame => frame.includes('Workday'));
		quiet.poll(WD, collecting(20, 100), NOW + 1000);
		await quiet.m.waitFor(frame => lineOf(frame, 'Workday').includes('20/100'));
		quiet.poll(WD, completed, NOW + 3000);
		await quiet.m.waitFor(frame => frame.includes('Workday: COMPLETED'));
		expect(lineOf(quiet.m.lastFrame() ?? '', 'Workday')).toContain(INVERSE);
		expect(quiet.outputs).toEqual([]);
	});

	test('nothing on load: restored rows whose first answer is an end ended while nobody watched', async () => {
		const {m, outputs, poll} = start();
		await m.waitFor(frame => frame.includes('Workday'));
		poll(WD, completed, NOW + 1000);
		await m.waitFor(frame => lineOf(frame, 'Workday').includes('completed'));
		await settle(); // effects (where an alert would start) have run
		await settle();
		expect(frame0(m.text())).toContain('● live');
		expect(lineOf(m.lastFrame() ?? '', 'Workday')).not.toContain(INVERSE);
		expect(outputs).toEqual([]);
	});

	test('a row added while the monitor runs alerts even if its first answer is the end', async () => {
		const {m, outputs} = start();
		await m.waitFor(frame => frame.includes('Workday'));
		const fresh = id('f1');
		m.dispatch({type: 'added', rows: [{id: fresh, tenant: 'acme', addedAt: NOW + 500, label: 'Okta'}], now: NOW + 500});
		await m.waitFor(frame => frame.includes('Okta'));
		m.dispatch({type: 'polled', key: rowKey('acme', fresh), status: completed, now: NOW + 2000});
		await m.waitFor(frame => frame.includes('Okta: COMPLETED'));
		expect(outputs).toHaveLength(1);
	});
});

function frame0(text: string): string {
	return text.split('\n')[0] ?? '';
}
