/**
 * Issue 22, items 7 and 8, at 80×24 in a real terminal with the built CLI: `o` opens the selected row's source page
 * in the tenant's web UI through the opener ($BROWSER here, a script that writes down the address it is given), or
 * says the address and copies it when there is no browser to open; the mouse wheel moves the selection, and no mouse
 * report ever reaches the screen or a prompt as text; mouse reporting is off again at exit and while stopped by
 * Ctrl-Z (and not on at all with --no-mouse); in a picker j/k move, / opens the filter line, Enter keeps the filter,
 * Esc clears it, then goes back.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {monitorE2e} from '../helpers/e2e.js';
import {fakeBrowser, type FakeBrowser} from '../helpers/fake-browser.js';

const LDAP = 'a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1';
const OKTA = 'b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2';
const WORKDAY = 'c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3';
const JIRA = 'd4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4';
/** ISC source ids (a task's target id that is not one is not used). */
const SRC_LDAP = '5e5e5e5e00000000000000000000000a';
const SRC_OKTA = '5e5e5e5e00000000000000000000000b';
const SRC_WORKDAY = '5e5e5e5e00000000000000000000000c';
const SRC_JIRA = '5e5e5e5e00000000000000000000000d';

function running(id: string, sourceId: string, sourceName: string) {
	return {
		id,
		sourceId,
		sourceName,
		startAtMs: -5000,
		collectMs: 1000,
		totalAccounts: 1_000_000,
		accountsPerSecond: 50,
		outcome: {type: 'COMPLETED' as const},
	};
}

const e2e = monitorE2e(
	{
		sources: [
			{id: SRC_LDAP, name: 'LDAP', type: 'LDAP'},
			{id: SRC_OKTA, name: 'Okta', type: 'Okta'},
			{id: SRC_WORKDAY, name: 'Workday', type: 'Workday'},
			{id: SRC_JIRA, name: 'Jira', type: 'Jira'},
		],
		aggregations: [
			running(LDAP, SRC_LDAP, 'LDAP'),
			running(OKTA, SRC_OKTA, 'Okta'),
			running(WORKDAY, SRC_WORKDAY, 'Workday'),
			running(JIRA, SRC_JIRA, 'Jira'),
		],
	},
	'aggwatch-e2e-open-',
);

const SIZE = {cols: 80, rows: 24};
const WHEEL_DOWN = '\u001B[<65;20;6M';
const WHEEL_UP = '\u001B[<64;20;6M';
const CLICK = '\u001B[<0;12;5M\u001B[<0;12;5m';

let browsers: FakeBrowser[] = [];
afterEach(() => {
	for (const browser of browsers) {
		browser.remove();
	}

	browsers = [];
});

function newBrowser(): FakeBrowser {
	const browser = fakeBrowser();
	browsers.push(browser);
	return browser;
}

/** The name on the selected line (the cursor › begins it), of the monitor list or a picker. */
function selectedName(lines: readonly string[]): string | undefined {
	const line = lines.find(text => text.startsWith('›'));
	return /(LDAP|Okta|Workday|Jira)/.exec(line ?? '')?.[1];
}

function lastMouseMode(raw: string): 'on' | 'off' | 'never' {
	const on = raw.lastIndexOf('\u001B[?1000h');
	const off = raw.lastIndexOf('\u001B[?1000l');
	return on === -1 && off === -1 ? 'never' : on > off ? 'on' : 'off';
}

describe('at 80×24', () => {
	it("o opens the selected row's source page in the tenant's web UI with $BROWSER; the simulated tenant serves that page", async () => {
		const {browser, opened} = newBrowser();
		const pty = e2e.launch([LDAP], SIZE, {BROWSER: browser});
		await pty.waitFor('the LDAP row', () => selectedName(pty.screenLines()) === 'LDAP', {timeoutMs: 30_000});

		await pty.write('o');
		await pty.waitFor('the browser to be given the address', () => opened() !== undefined);
		const url = opened() ?? '';
		expect(url).toBe(`${e2e.sim.url}/ui/a/admin/connections/sources/${SRC_LDAP}`);
		// The notice wraps rather than cut the address at 80 columns: all of it is on screen, to read or copy.
		await pty.waitFor('the whole address on screen', () => pty.screenLines().join('').includes(`Opened ${url}`));
		// The demo's tenant has a page there, so o in --demo opens something real.
		const page = await fetch(url);
		expect(page.status).toBe(200);
		expect(await page.text()).toContain(`LDAP (${SRC_LDAP})`);

		await pty.write('q');
		expect((await pty.waitForExit()).exitCode).toBe(0);
	}, 60_000);

	it('o with no browser to open (no display, no $BROWSER) says so and copies the address (OSC 52)', async () => {
		const pty = e2e.launch([LDAP], SIZE, {BROWSER: undefined, DISPLAY: undefined, WAYLAND_DISPLAY: undefined});
		await pty.waitFor('the LDAP row', () => selectedName(pty.screenLines()) === 'LDAP', {timeoutMs: 30_000});
		await pty.write('o');
		const url = `${e2e.sim.url}/ui/a/admin/connections/sources/${SRC_LDAP}`;
		await pty.waitFor('the address on the clipboard', () =>
			pty.rawOutput().includes(`\u001B]52;c;${Buffer.from(url).toString('base64')}\u0007`),
		);
		await pty.waitFor(
			'why, and the whole address',
			() => /Cannot open a browser \(no display/.test(pty.screenText()) && pty.screenLines().join('').includes(url),
		);
		expect(pty.exited).toBeUndefined();
		await pty.write('q');
		expect((await pty.waitForExit()).exitCode).toBe(0);
	}, 60_000);

	it('the wheel moves the selection; clicks and wheel reports never show as text, not even in the filter prompt; mouse reporting is off at exit', async () => {
		const pty = e2e.launch([LDAP, OKTA, WORKDAY], SIZE);
		await pty.waitFor('three rows', () => ['LDAP', 'Okta', 'Workday'].every(name => pty.screenText().includes(name)), {timeoutMs: 30_000});
		await pty.waitFor('mouse reporting on', () => pty.mouseReporting());
		const first = selectedName(pty.screenLines());
		expect(first).toBe('LDAP');

		await pty.write(WHEEL_DOWN);
		await pty.waitFor('the selection one row down', () => selectedName(pty.screenLines()) === 'Okta');
		await pty.write(WHEEL_DOWN, WHEEL_DOWN);
		await pty.waitFor('the selection on the last row', () => selectedName(pty.screenLines()) === 'Workday');
		await pty.write(WHEEL_UP);
		await pty.waitFor('the selection one row up', () => selectedName(pty.screenLines()) === 'Okta');
		await pty.write(CLICK);

		await pty.write('/');
		await pty.waitForText('Filter');
		await pty.write(CLICK, WHEEL_DOWN, 'wor', CLICK, 'k');
		await pty.waitFor('the filter to show only what was typed', () => /Filter\W+work\b/.test(pty.screenText()));
		expect(pty.screenText()).not.toMatch(/\[<|;\d+[Mm]/);
		await pty.write('\r');
		await pty.waitFor(
			'the filter kept, the prompt closed',
			() => pty.screenText().includes('filter: "work"') && !pty.screenText().includes('Okta'),
		);

		await pty.write('q');
		expect((await pty.waitForExit()).exitCode).toBe(0);
		expect(lastMouseMode(pty.rawOutput())).toBe('off');
		expect(pty.rawOutput().endsWith('\u001B[?1000l')).toBe(true);
		expect(pty.mouseReporting()).toBe(false);
	}, 60_000);

	it('Ctrl-Z turns mouse reporting off before the process stops; fg (SIGCONT) turns it on again', async () => {
		const pty = e2e.launch([LDAP], SIZE);
		await pty.waitFor('the LDAP row', () => selectedName(pty.screenLines()) === 'LDAP', {timeoutMs: 30_000});
		expect(pty.mouseReporting()).toBe(true);
		await pty.write('\u001A');
		try {
			await pty.waitFor('the normal screen, mouse reporting off', () => !pty.isAlternateScreen() && !pty.mouseReporting());
			expect(lastMouseMode(pty.rawOutput())).toBe('off');
		} finally {
			process.kill(pty.pid, 'SIGCONT'); // never leave a stopped process behind
		}

		await pty.waitFor('the monitor back, mouse reporting on', () => pty.isAlternateScreen() && pty.mouseReporting());
		await pty.write(WHEEL_DOWN);
		await pty.write('q');
		expect((await pty.waitForExit()).exitCode).toBe(0);
		expect(lastMouseMode(pty.rawOutput())).toBe('off');
	}, 60_000);

	it('--no-mouse leaves the mouse to the terminal', async () => {
		const pty = e2e.launch(['--no-mouse', LDAP], SIZE);
		await pty.waitFor('the LDAP row', () => selectedName(pty.screenLines()) === 'LDAP', {timeoutMs: 30_000});
		expect(pty.mouseReporting()).toBe(false);
		await pty.write('q');
		expect((await pty.waitForExit()).exitCode).toBe(0);
		expect(lastMouseMode(pty.rawOutput())).toBe('never');
	}, 60_000);

	it('in the D picker j/k move, / filters, Enter keeps the filter, Esc in the line clears it, Esc steps back; o opens', async () => {
		const {browser, opened} = newBrowser();
		const pty = e2e.launch([LDAP], SIZE, {BROWSER: browser});
		await pty.waitFor('the LDAP row', () => selectedName(pty.screenLines()) === 'LDAP', {timeoutMs: 30_000});
		await pty.write('D');
		await pty.waitFor('the three untracked runs', () => ['Okta', 'Workday', 'Jira'].every(name => pty.screenText().includes(name)), {
			timeoutMs: 30_000,
		});
		// At 80 columns each entry keeps the tenant's progress text whole (the id, last, gives way first).
		await pty.waitFor('the progress of each run', () =>
			['Okta', 'Workday', 'Jira'].every(name =>
				pty.screenLines().some(line => line.includes(name) && /Processed \d+ of 1000000 accounts/.test(line)),
			),
		);
		expect(pty.screenText()).toMatch(/SOURCE +STARTED +PROGRESS/);
		const top = selectedName(pty.screenLines());
		await pty.write('j');
		await pty.waitFor('j to move down', () => selectedName(pty.screenLines()) !== top);
		await pty.write('k');
		await pty.waitFor('k to move back up', () => selectedName(pty.screenLines()) === top);
		expect(pty.screenText()).toContain('Filter › / filters');

		await pty.write('/', 'j', 'i');
		await pty.waitFor(
			'the filter line to take the letters',
			() => /Filter › ji/.test(pty.screenText()) && !pty.screenText().includes('Okta'),
		);
		await pty.write('\r');
		await pty.waitFor(
			'the filter kept, the line closed',
			() => pty.screenText().includes('⏎ track') && pty.screenText().includes('Filter › ji'),
		);
		await pty.write('j', 'k');
		// j and k moved (one entry: nowhere to go), they did not type.
		await pty.write('/', 'x');
		await pty.waitFor('the line open again, typing on', () => /Filter › jix/.test(pty.screenText()));
		await pty.write('\u001B');
		await pty.waitFor(
			'Esc in the line: the filter cleared, the line closed',
			() => ['Okta', 'Workday', 'Jira'].every(name => pty.screenText().includes(name)) && !pty.screenText().includes('jix'),
		);
		expect(pty.screenText()).toContain('Track running aggregations');

		await pty.write('/', 'o', 'k', '\r');
		await pty.waitFor('a kept filter', () => !pty.screenText().includes('Workday') && pty.screenText().includes('Okta'));
		// o opens the selected run's source (found from its task), as on a list row.
		await pty.write('o');
		await pty.waitFor('the browser to be given the address', () => opened() !== undefined);
		expect(opened()).toBe(`${e2e.sim.url}/ui/a/admin/connections/sources/${SRC_OKTA}`);
		await pty.write('\u001B');
		await pty.waitFor(
			'Esc: the kept filter cleared first',
			() => pty.screenText().includes('Workday') && pty.screenText().includes('Track running'),
		);
		await pty.write('\u001B');
		await pty.waitFor(
			'Esc again: back on the monitor',
			() => !pty.screenText().includes('Track running') && selectedName(pty.screenLines()) === 'LDAP',
		);

		await pty.write('q');
		expect((await pty.waitForExit()).exitCode).toBe(0);
	}, 90_000);
});
