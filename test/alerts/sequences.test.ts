import {describe, expect, it} from 'vitest';
import {alertSequence} from '../../source/alerts/alert-sequence.js';
import type {Alert} from '../../source/alerts/end-alert.js';
import {alertPrefsFromEnv, DEFAULT_ALERT_PREFS} from '../../source/alerts/prefs.js';
import {bellSequence, osc9Sequence, sanitizeTerminalText} from '../../source/alerts/sequences.js';

const ALERT: Alert = {
	id: 'x',
	tenant: 'acme',
	title: 'Workday: COMPLETED',
	body: '10 accounts in 4s',
	text: 'Workday: COMPLETED, 10 accounts in 4s',
	severity: 'success',
};

describe('terminal sequences', () => {
	it('rings with BEL and notifies with OSC 9 ended by BEL', () => {
		expect(bellSequence).toBe('\x07');
		expect(osc9Sequence('Workday: COMPLETED, 10 accounts in 4s')).toBe('\x1b]9;Workday: COMPLETED, 10 accounts in 4s\x07');
	});

	it('takes control characters out of the text, so a source name cannot end the sequence or start another', () => {
		const hostile = 'Evil\x07\x1b]0;pwned\x1b\\ source\x9c\r\nname\x7f';
		const sequence = osc9Sequence(hostile);
		expect(sequence).toBe('\x1b]9;Evil ]0;pwned \\ source name\x07');
		// One ESC at the start, one BEL at the end, nothing in between.
		expect(sequence.slice(1, -1)).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
	});

	it('keeps text that starts like a ConEmu command ("4;…" is a progress bar) from being read as one', () => {
		expect(osc9Sequence('4;1;50')).toBe('\x1b]9; 4;1;50\x07');
	});

	it('cuts long text to one short line', () => {
		const text = sanitizeTerminalText('x'.repeat(500));
		expect(text).toHaveLength(200);
		expect(text.endsWith('…')).toBe(true);
	});
});

describe('alert prefs', () => {
	it('writes the bell, the notification, both, or nothing', () => {
		expect(alertSequence(ALERT, {bell: true, notify: true})).toBe(`\x07\x1b]9;${ALERT.text}\x07`);
		expect(alertSequence(ALERT, {bell: true, notify: false})).toBe('\x07');
		expect(alertSequence(ALERT, {bell: false, notify: true})).toBe(`\x1b]9;${ALERT.text}\x07`);
		expect(alertSequence(ALERT, {bell: false, notify: false})).toBe('');
	});

	it('reads AGGWATCH_ALERTS, both by default', () => {
		expect(alertPrefsFromEnv({})).toEqual(DEFAULT_ALERT_PREFS);
		expect(DEFAULT_ALERT_PREFS).toEqual({bell: true, notify: true});
		expect(alertPrefsFromEnv({AGGWATCH_ALERTS: 'bell'})).toEqual({bell: true, notify: false});
		expect(alertPrefsFromEnv({AGGWATCH_ALERTS: 'Notify'})).toEqual({bell: false, notify: true});
		expect(alertPrefsFromEnv({AGGWATCH_ALERTS: 'bell, notify'})).toEqual({bell: true, notify: true});
		expect(alertPrefsFromEnv({AGGWATCH_ALERTS: 'none'})).toEqual({bell: false, notify: false});
		expect(() => alertPrefsFromEnv({AGGWATCH_ALERTS: 'loud'})).toThrow(
			/AGGWATCH_ALERTS takes bell, notify, "bell,notify" or none, not "loud"/,
		);
	});
});
