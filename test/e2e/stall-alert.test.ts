/**
 * Issue 22, item 5 at 80×24 in a real terminal: the stall alert has the stall mark (⧖; `_` under TERM=linux), in the
 * header and in the events log, never the failure mark (✖ / x).
 */
import {describe, expect, it} from 'vitest';
import {monitorE2e} from '../helpers/e2e.js';
import {stallingLdap} from '../helpers/stalling-run.js';
import type {PtySession} from '../helpers/pty.js';

const STALLING = 'dd44dd44dd44dd44dd44dd44dd44dd44';

const e2e = monitorE2e(
	// 1 s collecting, then 2,000 accounts at 100/s; the count stands at 100 from 2 s to 62 s: each test's monitor
	// sees it stand for --stall-after 2s.
	stallingLdap(STALLING, {totalAccounts: 2000, forMs: 60_000}),
	'aggwatch-e2e-stall-alert-',
);

const SIZE = {cols: 80, rows: 24};

/** The header's event once the stall is told, then the events log's line of it. */
async function stallTold(pty: PtySession, mark: string, failure: string): Promise<void> {
	const header = () => pty.screenLines()[0] ?? '';
	// At 80 columns the header cuts the event's text after its start.
	await pty.waitFor('the stall told in the header', () => header().includes(`${mark} LDAP`), {timeoutMs: 30_000});
	expect(header()).not.toContain(`${failure} LDAP`);

	await pty.write('E');
	await pty.waitForText(/Events, newest first: 1/);
	const line = pty.screenLines().find(candidate => /^\d\d:\d\d:\d\d /.test(candidate)) ?? '';
	expect(line).toMatch(new RegExp(`^\\d\\d:\\d\\d:\\d\\d ${mark.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} LDAP: stalled\\? no progress for`));
	await pty.write('\u001B');
	await pty.waitFor('the list again', () => !pty.screenText().includes('Events, newest first'));
	await pty.write('q');
	expect((await pty.waitForExit()).exitCode).toBe(0);
}

describe('the stall alert at 80×24', () => {
	it('has the stall mark ⧖, not the failure mark', async () => {
		const pty = e2e.launch(['--stall-after', '2s', STALLING], SIZE);
		await stallTold(pty, '⧖', '✖');
	}, 60_000);

	it('under TERM=linux has the ASCII stall mark _, not x', async () => {
		const pty = e2e.launch(['--stall-after', '2s', STALLING], SIZE, {TERM: 'linux'});
		await stallTold(pty, '_', 'x');
	}, 60_000);
});
