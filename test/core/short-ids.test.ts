import fc from 'fast-check';
import {afterEach, describe, expect, it} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {endAlert} from '../../source/alerts/end-alert.js';
import {stateAlerts} from '../../source/alerts/state-alerts.js';
import {idShortener, shortId} from '../../source/core/short-ids.js';
import {NOW, START, stateOf} from '../ui/fixtures.js';
import {renderMonitor} from '../ui/helpers.js';

afterEach(() => {
	cleanup();
});

/** Five ids as old ISC tenants make them: one long shared start, a counter at the end. */
const SEQUENTIAL = ['0001', '0002', '0003', '0004', '0005'].map(end => `${'0'.repeat(28)}${end}`);
const OLD_STYLE = ['2c9180835d191a86015d28455b4a0001', '2c9180835d191a86015d28455b4a0002', '2c9180835d191a86015d28455b4a0103'];

const hexId = fc.string({unit: fc.constantFrom(...'0123456789abcdef'), minLength: 32, maxLength: 32});
/** Ids that share long starts or ends, as ISC's do, more often than random ones would. */
const lookalikes = fc
	.tuple(
		fc.string({unit: fc.constantFrom('0', '1', 'a'), minLength: 0, maxLength: 30}),
		fc.array(fc.string({unit: fc.constantFrom('0', '1', 'a'), minLength: 2, maxLength: 32}), {minLength: 1, maxLength: 20}),
	)
	.map(([start, ends]) => ends.map(end => `${start}${end}`.slice(0, 32).padEnd(32, '0')));

describe('idShortener', () => {
	it('tells the five …0001 to …0005 ids apart by their end', () => {
		const short = idShortener(SEQUENTIAL);
		expect(SEQUENTIAL.map(short)).toEqual(['…00000001', '…00000002', '…00000003', '…00000004', '…00000005']);
		expect(OLD_STYLE.map(idShortener(OLD_STYLE))).toEqual(['…5b4a0001', '…5b4a0002', '…5b4a0103']);
	});

	it('keeps the first 8 characters when they already differ, and for an id alone', () => {
		expect(['a1b2c3d4e5f6', 'ffee0011aabb'].map(idShortener(['a1b2c3d4e5f6', 'ffee0011aabb']))).toEqual(['a1b2c3d4', 'ffee0011']);
		expect(shortId(SEQUENTIAL[0]!)).toBe('00000000');
		expect(shortId('abc')).toBe('abc');
	});

	it('takes a longer start when the ends are alike too', () => {
		const ids = ['aaaa1111bbbbcccc', 'aaaa2222bbbbcccc'];
		expect(ids.map(idShortener(ids))).toEqual(['aaaa1111', 'aaaa2222']);
		const both = ['1111111111x1111111111', '1111111111y1111111111'];
		expect(both.map(idShortener(both))).toEqual(['1111111111x', '1111111111y']);
	});

	it('gives distinct ids distinct short forms, each the start or the end of its id, all of one length', () => {
		fc.assert(
			fc.property(fc.oneof(fc.uniqueArray(hexId, {minLength: 1, maxLength: 40}), lookalikes), raw => {
				const ids = [...new Set(raw)];
				const short = idShortener(ids);
				const forms = ids.map(short);
				expect(new Set(forms).size).toBe(ids.length);
				for (const [index, form] of forms.entries()) {
					const id = ids[index]!;
					expect(form.startsWith('…') ? id.endsWith(form.slice(1)) : id.startsWith(form)).toBe(true);
					expect(form.replace('…', '').length).toBeGreaterThanOrEqual(Math.min(8, id.length));
				}

				expect(new Set(forms.map(form => form.length)).size).toBe(1);
			}),
		);
	});

	it('is no longer than it needs to be: one character less would make two forms equal', () => {
		fc.assert(
			fc.property(lookalikes, raw => {
				const ids = [...new Set(raw)];
				const forms = ids.map(idShortener(ids));
				const cut = forms[0]!.replace('…', '').length;
				if (cut > 8) {
					const fromEnd = forms[0]!.startsWith('…');
					const shorter = ids.map(id => (fromEnd ? id.slice(-(cut - 1)) : id.slice(0, cut - 1)));
					expect(new Set(shorter).size).toBeLessThan(ids.length);
				}
			}),
		);
	});
});

describe('where short ids are shown', () => {
	it('monitor rows without a label show the part of the id that tells them apart', async () => {
		const state = stateOf(SEQUENTIAL.map(id => ({id, answers: [{status: {start: START, status: 'STARTED'}, ago: 1000}]})));
		const m = renderMonitor({state, now: NOW, size: {columns: 140, rows: 30}});
		const text = await m.waitFor(frame => frame.includes('…00000005'));
		for (const id of SEQUENTIAL) {
			expect(text).toContain(`…${id.slice(-8)}`);
		}

		expect(text).not.toMatch(/\b00000000\b/);
	});

	it('alerts name an unlabelled row the same way', () => {
		const before = stateOf(SEQUENTIAL.map(id => ({id, answers: [{status: {start: START, status: 'STARTED'}, ago: 2000}]})));
		const after = stateOf(
			SEQUENTIAL.map((id, index) => ({
				id,
				answers: [
					{status: {start: START, status: 'STARTED'}, ago: 2000},
					...(index === 2 ? [{status: {start: START, status: 'COMPLETED', processedAccounts: 3, totalAccounts: 3}, ago: 1000}] : []),
				],
			})),
		);
		expect(stateAlerts(before, after, NOW).map(alert => alert.title)).toEqual(['…00000003: COMPLETED']);
		// Alone, a row keeps the first 8 characters.
		const [row] = after.rows.filter(candidate => candidate.id === SEQUENTIAL[2]);
		expect(endAlert(row!, before.rows[2], NOW)?.title).toBe('00000000…: COMPLETED');
	});
});
