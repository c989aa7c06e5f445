import {EventEmitter} from 'node:events';
import React from 'react';
import {Text} from 'ink';
import {describe, expect, it} from 'vitest';
import {isAlternateScreenActive} from '../../source/ui/terminal/alternate-screen.js';
import {NotATerminalError, runFullscreen} from '../../source/ui/terminal/run-fullscreen.js';

// Everything else about runFullscreen needs a real terminal: see fullscreen.test.ts.
describe('runFullscreen', () => {
	it('refuses a stdout that is not a terminal, before touching it', async () => {
		const written: string[] = [];
		const stdout = Object.assign(new EventEmitter(), {
			isTTY: false,
			write: (chunk: string) => written.push(chunk) > 0,
		}) as unknown as NodeJS.WriteStream;
		await expect(runFullscreen(<Text>never shown</Text>, {stdout})).rejects.toBeInstanceOf(NotATerminalError);
		expect(written).toEqual([]);
		expect(isAlternateScreenActive()).toBe(false);
	});
});
