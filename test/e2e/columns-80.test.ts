/**
 * Issue 22, item 6 at 80×24 in a real terminal: 80 columns cut the right things. What a row says in words (a long
 * source name, `completed ⚠ 3 warnings`, `del>10%`, `held back`) stays whole while the progress bar and the `%`
 * column go (they are back at 130 and 200 columns), the header drops its version before anything useful, the footer
 * keeps the keys of the screens to find (H, E, O), the details pane keeps its title and wraps a long line, history's
 * titles are whole, and the help wraps `(asks first: it changes the tenant)` instead of cutting it.
 */
import {readFileSync} from 'node:fs';
import {describe, expect, it, onTestFinished} from 'vitest';
import {monitorE2e} from '../helpers/e2e.js';
import {fakeBrowser} from '../helpers/fake-browser.js';
import type {PtySession} from '../helpers/pty.js';

const WARNED = 'a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1';
const HELD = 'b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2';
const DELETING = 'c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3';
const LONG = 'd4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4';
const QUICK = 'e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5';

const {version} = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {version: string};

const SOURCES = [
	{id: '5a0000000000000000000000000000a1', name: 'Active Directory EU', type: 'Active Directory - Direct'},
	{id: '5a0000000000000000000000000000a2', name: 'Okta', type: 'Okta', deleteThreshold: 10},
	{id: '5a0000000000000000000000000000a3', name: 'LDAP', type: 'LDAP', deleteThreshold: 10},
	{id: '5a0000000000000000000000000000a4', name: 'Entra ID', type: 'Azure Active Directory'},
	{id: '5a0000000000000000000000000000a5', name: 'Workday', type: 'Workday'},
];
const SOURCE_NAMES = new Map(SOURCES.map(source => [source.id, source.name]));

const e2e = monitorE2e(
	{
		sources: SOURCES,
		aggregations: [
			// Ends at once, its task WARNING with three warnings.
			{
				id: WARNED,
				sourceId: '5a0000000000000000000000000000a1',
				sourceName: 'Active Directory EU',
				startAtMs: -10_000,
				collectMs: 1000,
				totalAccounts: 600,
				accountsPerSecond: 200,
				outcome: {type: 'COMPLETED'},
				task: {warnings: ['one', 'two', 'three']},
			},
			// 900 of 4,000 marked for deletion, over the threshold: ISC holds them back; ends at about 3 s.
			{
				id: HELD,
				sourceId: '5a0000000000000000000000000000a2',
				sourceName: 'Okta',
				startAtMs: -1000,
				collectMs: 1000,
				totalAccounts: 4000,
				accountsPerSecond: 1500,
				totalAccountsMarkedForDeletion: 900,
				outcome: {type: 'COMPLETED'},
			},
			// Marks 4,000 of 30,000 for deletion (13%) while it runs for minutes: "over the threshold (10%)".
			{
				id: DELETING,
				sourceId: '5a0000000000000000000000000000a3',
				sourceName: 'LDAP',
				collectMs: 500,
				totalAccounts: 30_000,
				accountsPerSecond: 50,
				totalAccountsMarkedForDeletion: 4000,
				outcome: {type: 'COMPLETED'},
			},
			// Runs for minutes: a rate, an ETA, a bar half way.
			{
				id: LONG,
				sourceId: '5a0000000000000000000000000000a4',
				sourceName: 'Entra ID',
				startAtMs: -60_000,
				collectMs: 500,
				totalAccounts: 250_000,
				accountsPerSecond: 1000,
				outcome: {type: 'COMPLETED'},
			},
			// Ends about 21 s after the simulator starts, while the first test watches (even on a slow machine, its first
			// answer says it runs): an event, told in the header.
			{
				id: QUICK,
				sourceId: '5a0000000000000000000000000000a5',
				sourceName: 'Workday',
				collectMs: 20_000,
				totalAccounts: 100,
				accountsPerSecond: 100,
				outcome: {type: 'COMPLETED'},
			},
		],
	},
	'aggwatch-e2e-columns-',
);

const SIZE = {cols: 80, rows: 24};

function rowOf(pty: PtySession, name: string): string {
	// A list row: the cursor column, the spinner column, then the name followed by a space.
	return pty.screenLines().find(line => line.slice(4).startsWith(`${name} `)) ?? '';
}

const OVER = 'over the threshold (10%)';

/** The list's rows say what they end with, whole. */
async function rowsSettled(pty: PtySession, withThreshold: boolean): Promise<void> {
	await pty.waitFor(
		'the outcomes and the held-back deletions on their rows',
		() =>
			rowOf(pty, 'Active Directory EU').includes('completed ⚠ 3 warnings') &&
			/✔ completed ⚠ \d warnings? /.test(rowOf(pty, 'Okta')) &&
			rowOf(pty, 'Okta').includes('held back') &&
			(!withThreshold || rowOf(pty, 'LDAP').includes(OVER)),
		{timeoutMs: 30_000},
	);
}

const BAR = /[█░]/;

describe('at 80×24 the words stay whole and the numbers make room', () => {
	it('rows, header and footer: the bar, the % column and the version go; they are back at 130 and 200 columns', async () => {
		const pty = e2e.launch([WARNED, HELD, LONG, QUICK], SIZE);
		await rowsSettled(pty, false);
		// Workday's end is told in the header: to make room for it, the version goes.
		await pty.waitFor(
			'the end of Workday in the header, without the version',
			() => {
				const header = pty.screenLines()[0] ?? '';
				return header.includes('✔ Workday') && !header.includes(version) && header.startsWith('aggwatch │ ');
			},
			{timeoutMs: 45_000},
		);
		// The running row keeps its counts, whole.
		expect(rowOf(pty, 'Entra ID')).toMatch(/ \d{2,3},\d{3}\/250,000( |$)/);
		for (const line of pty.screenLines()) {
			expect(line).not.toMatch(BAR);
		}

		const titles = pty.screenLines().find(line => line.includes('NAME')) ?? '';
		expect(titles).toContain('STATUS');
		expect(titles).not.toContain('PROGRESS');
		expect(titles).not.toContain('%');
		// Nothing on these rows is cut with an ellipsis.
		for (const name of ['Active Directory EU', 'Okta', 'Entra ID']) {
			expect(rowOf(pty, name)).not.toContain('…');
		}

		const footer = pty.screenLines().findLast(line => line.trim() !== '') ?? '';
		// The screens a user has to find keep their keys at 80 columns.
		for (const hint of ['H history', 'E events', 'O sources', '? help', 'q quit']) {
			expect(footer).toContain(hint);
		}

		pty.resize(130, 40);
		await pty.waitFor('the bar and the % column at 130 columns', () => {
			const lines = pty.screenLines();
			return lines.some(line => line.includes('PROGRESS') && / %/.test(line)) && BAR.test(rowOf(pty, 'Entra ID'));
		});
		expect(rowOf(pty, 'Entra ID')).toMatch(/ \d{1,2}% /);
		expect(rowOf(pty, 'Active Directory EU')).toContain('✔ completed ⚠ 3 warnings');
		expect(rowOf(pty, 'Okta')).toContain('held back');

		pty.resize(200, 50);
		await pty.waitFor(
			'the bar and the % column at 200 columns',
			() => /\d{1,2}% /.test(rowOf(pty, 'Entra ID')) && BAR.test(rowOf(pty, 'Entra ID')),
		);
		await pty.write('q');
		expect((await pty.waitForExit()).exitCode).toBe(0);
	}, 90_000);

	it('the threshold mark is whole; the details pane keeps its title and wraps a long line; history keeps its titles; help wraps instead of cutting', async () => {
		const browser = fakeBrowser();
		onTestFinished(() => {
			browser.remove();
		});
		const pty = e2e.launch([WARNED, HELD, DELETING, LONG], SIZE, {BROWSER: browser.browser});
		await rowsSettled(pty, true);
		// The threshold's words are whole (the counts make room for them: the percentage is the progress left). Waited
		// for, since a row behind its schedule on a busy machine says "~stale" first for a moment.
		await pty.waitFor('the threshold mark after the percentage', () => / \d{1,2}% +over the threshold \(10%\)$/.test(rowOf(pty, 'LDAP')));

		// The list's details of a row with many fields: the pane's title stays on top of them.
		await pty.write('g', '\r');
		await pty.waitForText('── Details: Active Directory EU ');
		await pty.write('\u001B');
		await pty.waitFor('the details pane to close', () => !pty.screenText().includes('── Details'));

		// History: every column title whole, the outcome whole; the details' figures wrap and their end shows.
		await pty.write('H');
		await pty.waitFor(
			'the history with its entries',
			() => /── History.* recorded/.test(pty.screenText()) && pty.screenLines().some(line => line.startsWith('› ')),
			{timeoutMs: 30_000},
		);
		const titles = pty.screenLines().find(line => line.includes('ENDED')) ?? '';
		for (const title of ['ENDED', 'SOURCE', 'OUTCOME', 'CHANGES', 'DURATION']) {
			expect(titles).toContain(title);
		}

		expect(titles).not.toContain('~');
		// Okta's entry, whichever is newest: a run found on the tenant's task list (Workday, if it has ended by now) has no figures.
		await pty.write('/', ...'Okta', '\r');
		await pty.waitFor('Okta selected', () => pty.screenLines().some(line => line.startsWith('› ') && line.includes('Okta')));
		await pty.write('\r');
		await pty.waitFor(
			'the details pane with the figures',
			() => pty.screenText().includes('── Details: ') && /^Figures {13}/m.test(pty.screenText()),
		);
		const lines = pty.screenLines();
		const figures = lines.findIndex(line => line.startsWith('Figures '));
		// The first line is not enough for the figures: the rest goes under it, indented, none of it cut.
		expect(lines[figures + 1]).toMatch(/^ {20}\S/);
		expect(lines.slice(figures, figures + 3).join(' ')).toMatch(/ignored 0/);
		expect(lines.slice(figures, figures + 3).join(' ')).not.toContain('…');
		await pty.write('\u001B');
		await pty.waitFor('the details pane to close', () => !pty.screenText().includes('── Details'));
		// o opens the selected run's source page (its source found from the run's task).
		const selected = pty.screenLines().find(line => line.startsWith('› ')) ?? '';
		await pty.write('o');
		await pty.waitFor('the browser to be given the address', () => browser.opened() !== undefined);
		const sourceId = /\/ui\/a\/admin\/connections\/sources\/(\w+)$/.exec(browser.opened() ?? '')?.[1];
		expect(selected).toContain(SOURCE_NAMES.get(sourceId ?? '') ?? 'a source of this test');
		await pty.write('\u001B');
		await pty.waitFor('Esc: the filter cleared first', () =>
			pty.screenLines().some(line => line.includes('Active Directory EU') && !line.startsWith('──')),
		);
		await pty.write('\u001B');
		await pty.waitFor('the list again', () => rowOf(pty, 'Okta') !== '');

		// Help: the S entry's warning is whole, over as many lines as it takes.
		await pty.write('?');
		await pty.waitForText('Start an account aggregation');
		// At 24 rows the entry's end is under the fold: scroll a line at a time until it shows.
		for (let step = 0; step < 12 && !pty.screenText().includes('tenant)'); step++) {
			const top = pty.screenLines()[1];
			await pty.write('\u001B[B');
			await pty.waitFor('the help to scroll a line', () => pty.screenLines()[1] !== top);
		}

		await pty.waitForText('tenant)');
		const help = pty
			.screenLines()
			.map(line => line.trim())
			.join(' ');
		expect(help).toContain('(asks first: it changes the tenant)');
		expect(pty.screenText()).not.toMatch(/\(asks first: i…/);
		await pty.write('q');
		expect((await pty.waitForExit()).exitCode).toBe(0);
	}, 90_000);
});
