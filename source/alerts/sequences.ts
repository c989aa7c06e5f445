/** BEL: the terminal beeps, flashes, or marks the tab, as the user has set it up. */
export const bellSequence = '\x07';

/** Longest notification text sent; terminals show one short line anyway. */
const MAX_NOTIFICATION_LENGTH = 200;

/**
 * Text made safe to put inside a terminal escape sequence: C0 and C1 control characters and DEL (which could end
 * the sequence early or start another: ESC, BEL, ST) become spaces, runs of spaces one, and it is cut to `max`.
 */
export function sanitizeTerminalText(text: string, max = MAX_NOTIFICATION_LENGTH): string {
	const flat = text
		.replaceAll(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
		.replaceAll(/\s+/g, ' ')
		.trim();
	return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * OSC 9: a desktop notification in iTerm2, WezTerm, kitty, foot, Ghostty, Windows Terminal and others; terminals
 * that do not know it ignore it. ConEmu and Windows Terminal read "9;<digit>;" as a command (4 is a progress bar),
 * so text that starts with digits and a semicolon gets a leading space.
 */
export function osc9Sequence(text: string): string {
	const clean = sanitizeTerminalText(text);
	return `\x1b]9;${/^\d+;/.test(clean) ? ` ${clean}` : clean}\x07`;
}

/**
 * OSC 52: the terminal puts `text` on the system clipboard (xterm, iTerm2, WezTerm, kitty, foot, Windows Terminal,
 * tmux with set-clipboard on; over SSH too, since the terminal does it). Base64 carries any text safely.
 */
export function osc52Sequence(text: string): string {
	return `\x1b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\x07`;
}
