/**
 * The monitor's sources at a glance (O), in a real pty against the demo tenant (its twelve glance sources:
 * simulator/demo-glance.ts): open it from the footer's key, filter, open a source's details (recent runs, schedule in
 * words with its zone), start an aggregation (asks first, then the start command), and track a running source's
 * aggregation, which goes to its row in the monitor list.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {ensureBuilt} from '../helpers/cli.js';
import {builtCli} from '../helpers/e2e.js';
import {spawnPty, type PtySession} from '../helpers/pty.js';

beforeAll(async () => {
	await ensureBuilt();
}, 120_000);

let session: PtySession | undefined;
let dir: string | undefined;

afterEach(() => {
	session?.dispose();
	session = undefined;
	if (dir !== undefined) {
		rmSync(dir, {recursive: true, force: true});
		dir = undefined;
	}
});

function launchDemo(): PtySession {
	dir = mkdtempSync(path.join(tmpdir(), 'aggwatch-glance-'));
	session = spawnPty(process.execPath, [builtCli, '--demo', '--interval', '1'], {
		cols: 160,
		rows: 40,
		env: {AGGWATCH_CONFIG_DIR: dir, LANG: 'C.UTF-8', CI: 'false', NO_COLOR: undefined, FORCE_COLOR: undefined},
	});
	return session;
}

/** The screen's line that shows this source (not its details' title). */
function lineOf(pty: PtySession, name: string): string {
	return pty.screenLines().find(line => line.includes(name) && !line.includes('Details')) ?? '';
}

/** `/`, the text, then Enter once the filter shows (keys sent in one chunk would be typed faster than a user does). */
async function filterBy(pty: PtySession, text: string): Promise<void> {
	await pty.write('/');
	await pty.waitForText('Filter sources ›');
	await pty.write(text);
	await pty.waitForText(`filter: "${text}"`);
	await pty.write('\r');
	await pty.waitFor('the filter prompt closed', () => !pty.screenText().includes('Filter sources ›'));
}

describe('sources at a glance in the monitor (O)', () => {
	it('opens from the footer, fills in, filters, shows details, starts and tracks', async () => {
		const pty = launchDemo();
		await pty.waitForText(/O sources/, 30_000);
		await pty.write('O');
		await pty.waitForText('Sources at a glance', 15_000);
		// Live: the lines fill in as the task lists and schedules come, attention first.
		await pty.waitFor(
			'the runs and schedules read',
			() => /failed/.test(lineOf(pty, 'Payroll (SAP)')) && /daily at/.test(lineOf(pty, 'GitHub')),
			30_000,
		);
		await pty.waitForText(/\d+ sources │ attention first/, 30_000);
		// Every source of the demo tenant, its twelve glance sources among them.
		const total = Number(/(\d+) sources │/.exec(pty.screenText())?.[1]);
		expect(total).toBeGreaterThanOrEqual(12);
		expect(lineOf(pty, 'Payroll (SAP)')).toMatch(/ERROR, 1 error/);
		expect(lineOf(pty, 'Finance DB')).toContain('overdue');
		expect(lineOf(pty, 'Entra ID')).toMatch(/running \d+m/);

		// `/` filters: only the matching source is left.
		await filterBy(pty, 'payroll');
		await pty.waitForText(`filter: "payroll" (1 of ${total})`);
		expect(pty.screenText()).not.toContain('Entra ID');

		// Enter: its recent runs from task-status and the schedule in words, in the zone it runs in.
		await pty.write('\r');
		await pty.waitForText('Details: Payroll (SAP)');
		expect(pty.screenText()).toMatch(/Schedule\s+daily at \d\d:\d\d GMT-5/);
		expect(pty.screenText()).toMatch(/ERROR, took \d+/);

		// S asks first, y starts through the start command; its row comes into the monitor list.
		await pty.write('\u001B');
		await pty.waitFor('the filter cleared', () => lineOf(pty, 'Entra ID') !== '');
		await filterBy(pty, 'slack');
		await pty.waitForText(`filter: "slack" (1 of ${total})`);
		await pty.write('S');
		await pty.waitForText('Start an account aggregation on Slack (demo)?');
		await pty.write('y');
		await pty.waitForText(/Started an account aggregation on Slack \(demo\), id [\da-f]{32}: tracking it/, 15_000);
		await pty.waitFor('Slack running on the glance', () => /running/.test(lineOf(pty, 'Slack').split('│')[0] ?? ''), 30_000);
		// Starting it again finds the one running (the start command's check) rather than starting a second.
		await pty.write('S');
		await pty.waitForText('Start an account aggregation on Slack (demo)?');
		await pty.write('y');
		await pty.waitForText(/Already running, tracking it: [\da-f]{32} \(Slack \(demo\)/, 15_000);

		// t on a running source: its aggregation is tracked and its row selected in the monitor list.
		await pty.write('\u001B');
		await pty.waitFor('the filter cleared', () => lineOf(pty, 'Entra ID') !== '');
		await filterBy(pty, 'entra');
		await pty.waitForText(`filter: "entra" (1 of ${total})`);
		await pty.write('t');
		await pty.waitForText(/Tracking the running aggregation of Entra ID \(demo\), id [\da-f]{32}/);
		expect(pty.screenText()).not.toContain('Sources at a glance');
		await pty.waitFor('the Entra ID row selected', () => /^› .*Entra ID/.test(lineOf(pty, 'Entra ID')));
	}, 120_000);
});
