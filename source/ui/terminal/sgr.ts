/**
 * A normalised SGR ("Select Graphic Rendition") style: the colours and attributes a terminal applies to the
 * characters it prints. Ink serialises styles as open/close pairs (`\x1b[36m…\x1b[39m`); normalising them lets the
 * screen writer compare cells by style and emit the shortest switch from one style to the next.
 */

const flagCodes = [
	{bit: 1, on: 1, off: 22},
	{bit: 2, on: 2, off: 22},
	{bit: 4, on: 3, off: 23},
	{bit: 8, on: 4, off: 24},
	{bit: 16, on: 5, off: 25},
	{bit: 32, on: 7, off: 27},
	{bit: 64, on: 8, off: 28},
	{bit: 128, on: 9, off: 29},
	{bit: 256, on: 53, off: 55},
] as const;

const onCodeToBit = new Map<number, number>(flagCodes.map(({bit, on}) => [on, bit]));

export interface SgrStyle {
	/** Canonical parameters, e.g. `1;36` — equal keys mean equal styles; `''` is the terminal default. */
	readonly key: string;
	readonly flags: number;
	/** Foreground as SGR parameters (`31`, `38;5;208`, `38;2;1;2;3`), undefined for the default colour. */
	readonly fg: string | undefined;
	readonly bg: string | undefined;
}

function makeStyle(flags: number, fg: string | undefined, bg: string | undefined): SgrStyle {
	const parameters: string[] = [];
	for (const {bit, on} of flagCodes) {
		if ((flags & bit) !== 0) {
			parameters.push(String(on));
		}
	}

	if (fg !== undefined) {
		parameters.push(fg);
	}

	if (bg !== undefined) {
		parameters.push(bg);
	}

	return {key: parameters.join(';'), flags, fg, bg};
}

export const defaultStyle: SgrStyle = makeStyle(0, undefined, undefined);

/** Resets every attribute (`CSI m` is `CSI 0 m`). */
export const resetSgr = '\u001B[m';

/**
 * Applies the parameters of one SGR sequence (the text between `ESC [` and `m`) to `style`.
 * Returns undefined for parameters this model does not track (colon sub-parameters, fonts, underline colours…),
 * so callers can fall back to writing such text verbatim.
 */
export function applySgr(style: SgrStyle, parameterText: string): SgrStyle | undefined {
	if (!/^[\d;]*$/.test(parameterText)) {
		return undefined;
	}

	const codes = parameterText === '' ? [0] : parameterText.split(';').map(part => (part === '' ? 0 : Number(part)));
	let {flags, fg, bg} = style;
	for (let index = 0; index < codes.length; index++) {
		const code = codes[index] ?? 0;
		if (code === 0) {
			flags = 0;
			fg = undefined;
			bg = undefined;
		} else if (onCodeToBit.has(code)) {
			flags |= onCodeToBit.get(code) ?? 0;
		} else if (code === 22) {
			flags &= ~(1 | 2);
		} else if (code >= 23 && code <= 29 && code !== 26) {
			const flag = flagCodes.find(({off}) => off === code);
			if (flag === undefined) {
				return undefined;
			}

			flags &= ~flag.bit;
		} else if (code === 55) {
			flags &= ~256;
		} else if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) {
			fg = String(code);
		} else if ((code >= 40 && code <= 47) || (code >= 100 && code <= 107)) {
			bg = String(code);
		} else if (code === 39) {
			fg = undefined;
		} else if (code === 49) {
			bg = undefined;
		} else if (code === 38 || code === 48) {
			const extended = readExtendedColour(codes, index);
			if (extended === undefined) {
				return undefined;
			}

			index += extended.length;
			if (code === 38) {
				fg = `38;${extended.parameters}`;
			} else {
				bg = `48;${extended.parameters}`;
			}
		} else {
			return undefined;
		}
	}

	return makeStyle(flags, fg, bg);
}

function readExtendedColour(codes: number[], index: number): {parameters: string; length: number} | undefined {
	const mode = codes[index + 1];
	if (mode === 5) {
		const value = codes[index + 2];
		return value === undefined || value > 255 ? undefined : {parameters: `5;${value}`, length: 2};
	}

	if (mode === 2) {
		const rgb = codes.slice(index + 2, index + 5);
		return rgb.length === 3 && rgb.every(value => value <= 255) ? {parameters: `2;${rgb.join(';')}`, length: 4} : undefined;
	}

	return undefined;
}

/** The shortest sequence that turns style `from` into style `to` (empty when they are equal). */
export function sgrTransition(from: SgrStyle, to: SgrStyle): string {
	if (from.key === to.key) {
		return '';
	}

	if (to.key === '') {
		return resetSgr;
	}

	const full = `\u001B[0;${to.key}m`;
	const parameters: string[] = [];
	const removed = from.flags & ~to.flags;
	let flagsToAdd = to.flags & ~from.flags;
	for (const {bit, off} of flagCodes) {
		if ((removed & bit) !== 0 && !parameters.includes(String(off))) {
			parameters.push(String(off));
			// 22 turns off both bold and dim: turn back on whichever `to` keeps.
			if (off === 22) {
				flagsToAdd |= to.flags & (1 | 2);
			}
		}
	}

	for (const {bit, on} of flagCodes) {
		if ((flagsToAdd & bit) !== 0) {
			parameters.push(String(on));
		}
	}

	if (from.fg !== to.fg) {
		parameters.push(to.fg ?? '39');
	}

	if (from.bg !== to.bg) {
		parameters.push(to.bg ?? '49');
	}

	const minimal = `\u001B[${parameters.join(';')}m`;
	return minimal.length <= full.length ? minimal : full;
}

/** The sequence that sets `to` from a terminal whose current style is unknown. */
export function sgrFromUnknown(to: SgrStyle): string {
	return to.key === '' ? resetSgr : `\u001B[0;${to.key}m`;
}

/** True when a blank cell in this style looks like a blank cell in the default style. */
export function isInvisibleOnBlank(style: SgrStyle): boolean {
	return style.bg === undefined && (style.flags & (8 | 32 | 128 | 256)) === 0;
}
