/** Mouse reports as terminals send them in SGR mode (1006): only the wheel means something; nothing else is text. */
import {describe, expect, it} from 'vitest';
import {parseMouse} from '../../source/ui/keys/mouse.js';

describe('parseMouse', () => {
	it('reads the wheel, with or without the ESC Ink drops, and with Shift, Alt or Ctrl held', () => {
		expect(parseMouse('[<64;10;5M')).toEqual({wheel: 'up'});
		expect(parseMouse('\u001B[<65;120;40M')).toEqual({wheel: 'down'});
		expect(parseMouse('[<69;10;5M')).toEqual({wheel: 'down'}); // Shift
		expect(parseMouse('[<80;10;5M')).toEqual({wheel: 'up'}); // Ctrl
	});

	it('any other report is a mouse report that does nothing: clicks, releases, the horizontal wheel, extra buttons', () => {
		for (const report of ['[<0;12;5M', '[<0;12;5m', '[<2;1;1M', '[<66;3;3M', '[<67;3;3M', '[<128;1;1M', '[<65;10;5m']) {
			expect(parseMouse(report)).toEqual({});
		}
	});

	it('keys and text are not mouse reports', () => {
		for (const input of ['j', '[A', '[200~', '[<', '<0;1;1M', 'text [<0;1;1M', '[<0;1M']) {
			expect(parseMouse(input)).toBeUndefined();
		}
	});
});
