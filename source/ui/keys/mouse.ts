/**
 * Mouse reports as the terminal sends them once mouse reporting is on (terminal/alternate-screen.ts: xterm's
 * 1000 with the SGR encoding 1006): `ESC [ < button ; column ; row M` for a press, `m` for a release. Ink's input
 * parser hands each report over as one sequence, with the ESC dropped by useInput. The wheel is button 64 (up) and
 * 65 (down), plus 4, 8 or 16 when Shift, Alt or Ctrl is held; 66 and 67 are the horizontal wheel.
 */
const SGR_MOUSE = /^\u001B?\[<(\d+);\d+;\d+[Mm]$/;

/** What a mouse report means here: the wheel moves the list a row, any other report (a click) does nothing. */
export type MouseInput = {wheel: 'up' | 'down'} | {wheel?: undefined};

/**
 * A terminal that cannot send SGR reports sends xterm's older ones instead: `ESC [ M` (an event of its own in Ink's
 * input parser) and then three characters (button, column, row, each plus 32), which arrive as the start of the next
 * input. This many characters after `[M` belong to the report.
 */
export const LEGACY_REPORT_CHARS = 3;

/** Whether `input` opens an older (X10-encoded) mouse report. */
export function isLegacyMouseStart(input: string): boolean {
	return input === '[M' || input === '\u001B[M';
}

/** The mouse report `input` is, or undefined when it is not one (a key, typed text). */
export function parseMouse(input: string): MouseInput | undefined {
	const match = SGR_MOUSE.exec(input);
	if (match === null) {
		return undefined;
	}

	const button = Number(match[1]);
	// 64: a wheel "button"; 128 and up are the extra buttons 8 to 11; the low two bits tell up, down, left, right.
	if ((button & 64) === 0 || button >= 128 || input.endsWith('m')) {
		return {};
	}

	const direction = button & 3;
	return direction === 0 ? {wheel: 'up'} : direction === 1 ? {wheel: 'down'} : {};
}
