/**
 * A line of text as styled segments, turned into one string with its SGR sequences: what a list row is drawn from.
 * The sequences are the ones Ink's <Text> writes (chalk's open and close codes), so the screen is the same cell for
 * cell; drawing a row as one pre-styled string instead of a dozen nested <Text> cells takes Ink far fewer nodes.
 */

export interface Segment {
	text: string;
	/** A colour name as Theme.paint gives it (Ink's names); undefined for the terminal's default colour. */
	color?: string | undefined;
	bold?: boolean;
	inverse?: boolean;
}

/** Foreground codes of the colour names Ink (chalk) knows for the 16-colour palette. */
const FOREGROUND: Readonly<Record<string, number>> = {
	black: 30,
	red: 31,
	green: 32,
	yellow: 33,
	blue: 34,
	magenta: 35,
	cyan: 36,
	white: 37,
	gray: 90,
	grey: 90,
	blackBright: 90,
	redBright: 91,
	greenBright: 92,
	yellowBright: 93,
	blueBright: 94,
	magentaBright: 95,
	cyanBright: 96,
	whiteBright: 97,
};

function sameStyle(a: Segment, b: Segment): boolean {
	return a.color === b.color && (a.bold ?? false) === (b.bold ?? false) && (a.inverse ?? false) === (b.inverse ?? false);
}

function styled(segment: Segment, text: string): string {
	let result = text;
	const code = segment.color === undefined ? undefined : FOREGROUND[segment.color];
	if (code !== undefined) {
		result = `\u001B[${code}m${result}\u001B[39m`;
	}

	if (segment.bold === true) {
		result = `\u001B[1m${result}\u001B[22m`;
	}

	if (segment.inverse === true) {
		result = `\u001B[7m${result}\u001B[27m`;
	}

	return result;
}

/** The segments as one string; neighbours in the same style share one pair of sequences. */
export function styleSegments(segments: readonly Segment[]): string {
	let output = '';
	let run: Segment | undefined;
	let text = '';
	for (const segment of segments) {
		if (segment.text === '') {
			continue;
		}

		if (run !== undefined && sameStyle(run, segment)) {
			text += segment.text;
			continue;
		}

		if (run !== undefined) {
			output += styled(run, text);
		}

		run = segment;
		text = segment.text;
	}

	return run === undefined ? output : output + styled(run, text);
}

/** Columns the segments take, counting one per character (as layout.fit does). */
export function segmentsWidth(segments: readonly Segment[]): number {
	let width = 0;
	for (const segment of segments) {
		width += [...segment.text].length;
	}

	return width;
}
