/**
 * A stall in a real terminal: the built monitor against a simulated run whose processed count stands still for
 * 10 s, with --stall-after 2s. The row gets its mark, the header counts it, the terminal gets one notification
 * (OSC 9), its rate is 0/s with no ETA on its row and in its details, and the mark goes once the count moves again.
 */
import {describe, expect, it} from 'vitest';
import {monitorE2e} from '../helpers/e2e.js';
import {stallingLdap} from '../helpers/stalling-run.js';

const STALLING = 'dd44dd44dd44dd44dd44dd44dd44dd44';

const e2e = monitorE2e(
	// 2,000 accounts; the count stands at 200 from 3 s to 18 s.
	stallingLdap(STALLING, {totalAccounts: 2000, forMs: 15_000}),
	'aggwatch-e2e-stall-',
);

function rowOf(screen: string): string {
	return screen.split('\n').find(line => line.includes('LDAP') && !line.startsWith('aggwatch') && !line.includes('Details')) ?? '';
}

describe('a stalled aggregation in the monitor', () => {
	it('is marked on its row and counted in the header, notified once, and the mark clears when it moves again', async () => {
		const pty = e2e.launch(['--stall-after', '2s', STALLING], {cols: 140, rows: 20}, {AGGWATCH_ALERTS: 'notify'});
		// 140 columns have room for the mark in full ("stalled? no progress for 3s"); narrower, "stalled? 3s".
		await pty.waitFor('the stall mark on the row', () => /stalled\? (no progress for )?\d+s/.test(rowOf(pty.screenText())), {
			timeoutMs: 30_000,
		});
		expect(rowOf(pty.screenText())).toContain('200/2,000');
		// While stalled, its rate is 0/s with no ETA, on its row and in its details.
		expect(rowOf(pty.screenText())).toMatch(/ 0\/s /);
		await pty.waitFor('the stalled count in the header', () => (pty.screenLines()[0] ?? '').includes('1 stalled?'));
		// The notification is written once the frame with the mark is drawn (a separate write that may arrive later).
		await pty.waitFor('the stall notification (OSC 9)', () => pty.rawOutput().includes('\u001B]9;LDAP: stalled? no progress for'));
		await pty.write('\r');
		await pty.waitFor('the details to say 0/s and no ETA', () => /Rate \/ ETA\s+0\/s \/ - /.test(pty.screenText()));
		await pty.write('\u001B');
		await pty.waitFor('the details to close', () => !pty.screenText().includes('Rate / ETA'));

		await pty.waitFor(
			'the count to move again and the mark to go',
			() => {
				const row = rowOf(pty.screenText());
				return !row.includes('200/2,000') && /\d+\/2,000/.test(row) && !row.includes('stalled?');
			},
			{timeoutMs: 30_000},
		);
		expect(pty.rawOutput().split('\u001B]9;LDAP: stalled?')).toHaveLength(2);

		await pty.write('q');
		expect((await pty.waitForExit()).exitCode).toBe(0);
	}, 90_000);
});
