import React from 'react';
import {Box, Text} from 'ink';
import {helpSections, type Feature} from '../keys/keymap.js';
import {useTheme, type ColorRole, type Glyphs} from '../theme/theme.js';
import {fit} from '../../domain/text.js';
import {DELETION_WORDS} from '../../domain/words.js';
import {wrapText} from '../text/wrap.js';

export interface HelpOverlayProps {
	width: number;
	/** Lines available. */
	height: number;
	/** First line shown (see helpLines for the total). */
	scroll: number;
	/** The screens this monitor offers: keys for others are not listed. */
	features?: readonly Feature[];
}

interface HelpLine {
	kind: 'title' | 'entry' | 'text' | 'blank';
	keys?: string;
	text: string;
	role?: ColorRole;
}

const KEYS_WIDTH = 12;
/** Two spaces, the keys column and its space: where an entry's text starts, and its wrapped lines too. */
const TEXT_INDENT = 2 + KEYS_WIDTH;

/** The help text as lines: every keymap binding this monitor offers, by section, then what the symbols mean. */
export function helpLines(glyphs: Glyphs, features: readonly Feature[] = []): HelpLine[] {
	const lines: HelpLine[] = [];
	for (const section of helpSections(glyphs, features)) {
		if (lines.length > 0) {
			lines.push({kind: 'blank', text: ''});
		}

		lines.push({kind: 'title', text: section.title});
		for (const entry of section.entries) {
			lines.push({kind: 'entry', keys: entry.keys, text: entry.help});
		}
	}

	lines.push({kind: 'blank', text: ''}, {kind: 'title', text: 'Symbols'});
	const symbol = (glyph: string, text: string, role: ColorRole): HelpLine => ({kind: 'entry', keys: glyph, text, role});
	lines.push(
		symbol(glyphs.cursor, 'the selected row', 'accent'),
		symbol(glyphs.spinner.frames.join(''), 'spinner (one frame at a time): the run is polled and moving', 'running'),
		symbol(glyphs.started, 'started / accounts collected (running)', 'running'),
		symbol(glyphs.retried, 'retried', 'warning'),
		symbol(glyphs.stalled, 'stalled? a running aggregation whose counts have stopped (header count)', 'warning'),
		symbol(glyphs.completed, 'completed', 'done'),
		symbol(`${glyphs.completed}${glyphs.warning}`, 'completed, its task ended WARNING (header: with warnings)', 'warning'),
		symbol(`${glyphs.completed}${glyphs.terminated}`, 'completed, its task ended ERROR (header: with errors)', 'error'),
		symbol(glyphs.cancelled, 'cancelled', 'cancelled'),
		symbol(glyphs.terminated, 'terminated', 'failed'),
		symbol(glyphs.notFound, 'not found: ISC does not know the id', 'failed'),
		symbol(glyphs.waiting, 'waiting for a first answer', 'waiting'),
		symbol(glyphs.expired, 'expired: ISC forgot it before it ended (about an hour after)', 'muted'),
		symbol(glyphs.unknown, 'a status this version does not know, shown as ISC sent it', 'unknown'),
		symbol(DELETION_WORDS.heldBack, "mark: ISC held the deletions back (over the source's deleteThreshold)", 'warning'),
		symbol('over the', `mark: accounts ${DELETION_WORDS.marked} ${DELETION_WORDS.over} (the source's deleteThreshold)`, 'warning'),
		symbol(`2${glyphs.times} slower`, 'mark: slower (or faster) than its usual run; counts more or fewer than usual', 'warning'),
		symbol(`${glyphs.sortAscending} ${glyphs.sortDescending}`, 'column titles: the column the list is sorted by, and which way', 'muted'),
		symbol(glyphs.atMost, 'at most: a duration known only as an upper bound', 'muted'),
		symbol(`cu${glyphs.ellipsis}`, 'a text cut to fit the column (the details pane, Enter, has it whole)', 'muted'),
		symbol(`${glyphs.stale}stale`, 'behind its poll schedule (rows out of view are polled less often)', 'warning'),
		symbol(`${glyphs.error}net`, 'the last request failed (net, 5xx, 404, 429, bad, 4xx); details with Enter', 'error'),
		symbol(`${glyphs.error}auth`, "the row's tenant has failing credentials (auth, 403); the header says what to do", 'error'),
		symbol(`${glyphs.error}1`, 'header: rows whose last request failed (erroring)', 'error'),
		symbol(glyphs.live, 'header: polling live', 'done'),
		symbol(glyphs.paused, 'header: polling paused (p resumes)', 'warning'),
		symbol(glyphs.rateLimited, 'header: rate limited by ISC (429), waiting for Retry-After', 'warning'),
	);
	return lines;
}

/**
 * The help as the screen shows it at this width: an entry's text longer than its room wraps at words onto lines of
 * its own, under the text (those lines have no keys), so nothing is cut ("(asks first: it changes the tenant)").
 */
export function helpScreenLines(glyphs: Glyphs, features: readonly Feature[], width: number): HelpLine[] {
	const lines: HelpLine[] = [];
	for (const line of helpLines(glyphs, features)) {
		if (line.kind !== 'entry') {
			lines.push(line);
			continue;
		}

		for (const [index, text] of wrapText(line.text, Math.max(1, width - TEXT_INDENT)).entries()) {
			lines.push(index === 0 ? {...line, text} : {kind: 'entry', text, ...(line.role === undefined ? {} : {role: line.role})});
		}
	}

	return lines;
}

/** The `?` overlay, generated from the keymap. Scrolls when the terminal is short (helpScreenLines counts its lines). */
export function HelpOverlay({width, height, scroll, features = []}: HelpOverlayProps) {
	const {glyphs, paint} = useTheme();
	const lines = helpScreenLines(glyphs, features, width);
	const visible = lines.slice(scroll, scroll + Math.max(0, height));
	return (
		<Box flexDirection="column" width={width} height={height} overflowY="hidden">
			{visible.map((line, index) => {
				const key = scroll + index;
				switch (line.kind) {
					case 'title': {
						return (
							<Text key={key} bold color={paint('accent')}>
								{line.text}
							</Text>
						);
					}

					case 'entry': {
						return (
							<Text key={key} wrap="truncate">
								<Text bold color={paint(line.role ?? 'key')}>
									{' '.repeat(TEXT_INDENT - KEYS_WIDTH)}
									{fit(line.keys ?? '', KEYS_WIDTH, 'left', glyphs.ellipsis)}
								</Text>
								{line.text}
							</Text>
						);
					}

					default: {
						return <Text key={key}> </Text>;
					}
				}
			})}
		</Box>
	);
}
