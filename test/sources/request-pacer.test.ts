import {describe, expect, it} from 'vitest';
import {createRequestPacer} from '../../source/core/request-pacer.js';
import {createFakeClock, flush} from '../core/fixtures.js';

describe("a one-shot command's request budget", () => {
	it('lets at most `requests` through in any window, counts each, and lets the waiting go on close', async () => {
		const clock = createFakeClock(0);
		const pacer = createRequestPacer({requests: 5, windowMs: 1000}, clock);
		const leftAt: number[] = [];
		for (let index = 0; index < 12; index++) {
			void pacer.acquire().then(() => leftAt.push(clock.now()));
		}

		await flush();
		expect(leftAt).toEqual([0, 0, 0, 0, 0]);
		await clock.advanceTo(999);
		expect(leftAt).toHaveLength(5);
		await clock.advanceTo(1000);
		expect(leftAt).toEqual([0, 0, 0, 0, 0, 1000, 1000, 1000, 1000, 1000]);
		expect(pacer.sent).toBe(10);
		void pacer.acquire().then(() => leftAt.push(clock.now()));
		pacer.close();
		await flush();
		expect(leftAt).toHaveLength(13);
		expect(clock.pending()).toBe(0);
	});
});
