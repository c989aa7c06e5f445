/**
 * Issue 22 at 80×24 in a real terminal: a stalled row looks stalled (no spinner, 0/s, no ETA, its own mark in the
 * header, not paused's), y copies the selected
 * id through OSC 52, Esc goes back one level (closes the details pane), q at a y/N question answers no and does
 * not quit, and the footer says "p resume" while paused.
 */
import {describe, expect, it} from 'vitest';
import {monitorE2e} from '../helpers/e2e.js';
import {stallingLdap} from '../helpers/stalling-run.js';

const STALLING = 'ee55ee55ee55ee55ee55ee55ee55ee55';

const e2e = monitorE2e(
	// 20,000 accounts; the count stands still from 3 s to 63 s.
	stallingLdap(STALLING, {totalAccounts: 20_000, forMs: 60_000}),
	'aggwatch-e2e-keys-',
);

const SIZE = {cols: 80, rows: 24};

function rowOf(screen: string): string {
	return screen.split('\n').find(line => line.includes('LDAP') && !line.startsWith('aggwatch') && !line.includes('Details')) ?? '';
}

describe('at 80×24', () => {
	it('a stalled row has no spinner, a rate of 0/s and no ETA', async () => {
		const pty = e2e.launch(['--stall-after', '2s', STALLING], SIZE);
		// At 80 columns the marks column is narrow: "stalled?" may show cut ("stall…"); the header counts it in words.
		await pty.waitFor('the stall mark on the row', () => rowOf(pty.screenText()).includes('stall'), {timeoutMs: 30_000});
		const row = rowOf(pty.screenText());
		expect(row).toMatch(/ 0\/s /);
		// No ETA: the elapsed time follows the rate directly.
		expect(row).toMatch(/ 0\/s +\d+s /);
		// The header counts it with a mark of its own: ‖ means paused (and polling is live here).
		await pty.waitFor('the stalled count in the header', () => /⧖ ?1/.test(pty.screenLines()[0] ?? ''));
		expect(pty.screenLines()[0]).not.toContain('‖');
		// The cursor, a space, then the spinner's cell: empty while stalled.
		expect(row.slice(0, 3)).toMatch(/^.  $/u);
		await pty.write('q');
		expect((await pty.waitForExit()).exitCode).toBe(0);
	}, 60_000);

	it('y copies the selected id (OSC 52), Esc closes the details, q at a question answers no, p resume in the footer', async () => {
		const pty = e2e.launch([STALLING], SIZE);
		await pty.waitFor('the row', () => rowOf(pty.screenText()).includes('LDAP'), {timeoutMs: 30_000});

		await pty.write('y');
		await pty.waitFor('the OSC 52 sequence with the id', () =>
			pty.rawOutput().includes(`\u001B]52;c;${Buffer.from(STALLING).toString('base64')}\u0007`),
		);
		await pty.waitForText('Copied');

		await pty.write('\r');
		await pty.waitForText('Details');
		await pty.write('\u001B');
		await pty.waitFor('the details pane to close', () => !pty.screenText().includes('Details'));
		expect(rowOf(pty.screenText())).toContain('LDAP');

		await pty.write('d');
		await pty.waitForText('Stop tracking');
		await pty.write('q');
		await pty.waitFor('the question to go', () => !pty.screenText().includes('Stop tracking'));
		// Still running, the row still tracked.
		expect(rowOf(pty.screenText())).toContain('LDAP');

		await pty.write('p');
		await pty.waitFor('p resume in the footer', () => pty.screenText().includes('p resume'));
		await pty.write('p');
		await pty.waitFor('p pause in the footer', () => pty.screenText().includes('p pause'));

		await pty.write('q');
		expect((await pty.waitForExit()).exitCode).toBe(0);
	}, 60_000);
});
