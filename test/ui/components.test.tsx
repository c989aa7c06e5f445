import React from 'react';
import {afterEach, describe, expect, test} from 'vitest';
import {Box} from 'ink';
import {cleanup} from 'ink-testing-library';
import {Confirm} from '../../source/ui/components/confirm.js';
import {DetailPane} from '../../source/ui/components/detail-pane.js';
import {EmptyState} from '../../source/ui/components/empty-state.js';
import {HelpOverlay} from '../../source/ui/components/help-overlay.js';
import {ListBar} from '../../source/ui/components/list-bar.js';
import {MessageLine, messageHeight, NoticeLines} from '../../source/ui/components/message-line.js';
import {barText} from '../../source/ui/components/progress-bar.js';
import {Prompt} from '../../source/ui/components/prompt.js';
import {StyledLine} from '../../source/ui/components/styled-line.js';
import {TooSmall} from '../../source/ui/components/too-small.js';
import {createTheme} from '../../source/ui/theme/theme.js';
import {renderWithTheme} from '../helpers/render-with-theme.js';

afterEach(() => {
	cleanup();
});

describe('the shared components, as a user sees them', () => {
	test('a confirmation asks its question and says that no is the default', () => {
		const {frame} = renderWithTheme(<Confirm question="Stop tracking 3 finished rows?" />);
		expect(frame()).toBe('Stop tracking 3 finished rows? (y/N)');
	});

	test('a terminal too small says the size it needs, the size it has, and how to quit', () => {
		const {frame} = renderWithTheme(<TooSmall columns={30} rows={8} />, {size: {columns: 30, rows: 8}});
		const text = frame().replaceAll(/\s+/g, ' ');
		expect(text).toContain('Make the terminal larger');
		expect(text).toContain('aggwatch needs 40x10; this is 30x8. q quits.');
	});

	test('an empty list says how to add ids, and mentions discover and start only when offered', () => {
		const plain = renderWithTheme(<EmptyState width={90} />).frame();
		expect(plain).toContain('No aggregations tracked yet.');
		expect(plain).toContain('Press a to add aggregation ids');
		expect(plain).not.toContain('Press D');
		cleanup();
		const all = renderWithTheme(<EmptyState width={90} features={['discover', 'start']} />).frame();
		expect(all).toContain('Press D to pick aggregations that are running now.');
		expect(all).toContain('Press S to start an account aggregation');
	});

	test('a filter that hides every row is named, with the keys that clear or change it', () => {
		const {frame} = renderWithTheme(<EmptyState width={90} filter="workday" />);
		expect(frame()).toContain('No rows match "workday".');
		expect(frame()).toContain('Press Esc to clear the filter or / to change it.');
	});

	test('a message reads without colour: a symbol for its level before the text', () => {
		const unicode = renderWithTheme(<MessageLine message={{level: 'error', text: 'Not a 32-hex id'}} />).frame();
		cleanup();
		const ascii = renderWithTheme(<MessageLine message={{level: 'error', text: 'Not a 32-hex id'}} />, {ascii: true}).frame();
		const info = renderWithTheme(<MessageLine message={{level: 'info', text: 'Added 2 aggregations'}} />).frame();
		expect(unicode).toMatch(/^\S Not a 32-hex id$/);
		expect(ascii).toMatch(/^\S+ Not a 32-hex id$/);
		expect(info.slice(0, 1)).not.toBe(unicode.slice(0, 1));
	});

	test('a notice wraps onto the lines messageHeight gives it (at most 3), so a long address is shown whole', () => {
		const url = 'http://127.0.0.1:45011/ui/a/admin/connections/sources/5e5e5e5e00000000000000000000000a';
		const message = {level: 'info' as const, text: `Opened ${url} (xdg-open)`};
		expect(messageHeight(message, 200)).toBe(1);
		expect(messageHeight(message, 79)).toBe(2); // the address is cut where the line ends, as Ink wraps it
		expect(messageHeight({level: 'info', text: `Copied to the clipboard: ${url}`}, 79)).toBe(2);
		expect(messageHeight({level: 'info', text: `${'word '.repeat(15)}then more`}, 30)).toBe(3);
		expect(messageHeight(message, 20)).toBe(3); // at most 3
		expect(messageHeight({level: 'info', text: 'Copied'}, 79)).toBe(1);
		const lines = renderWithTheme(
			<Box width={79}>
				<NoticeLines message={message} width={79} />
			</Box>,
		)
			.frame()
			.split('\n')
			.map(line => line.trimEnd());
		expect(lines).toHaveLength(2);
		expect(lines.join('')).toBe(`✔ Opened ${url} (xdg-open)`);
	});

	test('messageHeight counts the lines Ink wraps a message onto', () => {
		const url = 'https://acme.identitynow.com/ui/a/admin/connections/sources/2c9180835d2e5168015d32f890ca1581';
		const texts = [
			`Opened ${url} (xdg-open)`,
			`Cannot open a browser (no display to open a browser on, and BROWSER is not set); copied to the clipboard: ${url}`,
			'Polling Active Directory EU now',
			`${'x'.repeat(45)} ${'y'.repeat(12)} z`,
		];
		for (const width of [20, 33, 60, 79, 120]) {
			for (const text of texts) {
				const message = {level: 'warning' as const, text};
				const rendered = renderWithTheme(
					<Box width={width}>
						<MessageLine wrap message={message} />
					</Box>,
				)
					.frame()
					.split('\n').length;
				cleanup();
				expect(messageHeight(message, width, 99), `${width}: ${text}`).toBe(rendered);
			}
		}
	});

	test('a prompt shows its label, the typed text and its messages; a long value keeps its end in view', () => {
		const {frame} = renderWithTheme(
			<Prompt label="Add ids:" value="abc" width={40} messages={[{level: 'warning', text: 'one id is short'}]} />,
		);
		expect(frame()).toContain('Add ids:');
		expect(frame()).toContain('abc');
		expect(frame()).toContain('one id is short');
		cleanup();
		const long = renderWithTheme(<Prompt label="Add ids:" value={`${'a'.repeat(60)}END`} width={40} />).frame();
		expect(long).toContain('END');
		expect(long).toContain('…');
	});

	test('the list bar says the sort, the filter with what it keeps, and the position', () => {
		const {frame} = renderWithTheme(<ListBar sort="status" filter="ad" shown={1200} total={1500} selected={0} width={90} />);
		expect(frame()).toContain('sort: status');
		expect(frame()).toContain('filter: "ad" (1,200 of 1,500)');
		expect(frame()).toContain('row 1 of 1,200');
	});

	test('a styled line shows its segments side by side, each in its style', () => {
		const {frame} = renderWithTheme(<StyledLine segments={[{text: 'Workday '}, {text: 'running', bold: true}]} />);
		// Without colour, a bold segment stays bold; the text reads as one line.
		expect(frame().replaceAll(/\u001B\[\d*m/g, '')).toBe('Workday running');
		expect(frame()).toContain('\u001B[1mrunning');
	});

	test('the detail pane titles what it is about and shows each label with its value', () => {
		const {frame} = renderWithTheme(
			<DetailPane
				title="Active Directory EU"
				width={80}
				height={6}
				content={{fields: [{label: 'Status', value: 'COMPLETED'}], lines: [{label: 'Outcome', value: 'WARNING (2 warnings)'}]}}
			/>,
		);
		expect(frame()).toContain('Details: Active Directory EU');
		expect(frame()).toMatch(/Status\s+COMPLETED/);
		expect(frame()).toMatch(/Outcome\s+WARNING \(2 warnings\)/);
	});

	test('the help lists keys with what they do, and scrolls', () => {
		// Long entries wrap at 90 columns (under their text), so the help is a few lines longer than its entries.
		const top = renderWithTheme(<HelpOverlay width={90} height={60} scroll={0} />).frame();
		expect(top).toMatch(/q\s.*[Qq]uit/);
		cleanup();
		const scrolled = renderWithTheme(<HelpOverlay width={90} height={60} scroll={3} />).frame();
		expect(scrolled.split('\n')[0]).toBe(top.split('\n')[3]);
	});

	test('the progress bar fills its share of cells with a glyph other than the empty one', () => {
		const {glyphs} = createTheme({color: false, ascii: false});
		expect(barText(50, 10, glyphs)).toBe(glyphs.barFilled.repeat(5) + glyphs.barEmpty.repeat(5));
		expect(barText(undefined, 4, glyphs)).toBe(glyphs.barEmpty.repeat(4));
		expect(barText(150, 4, glyphs)).toBe(glyphs.barFilled.repeat(4));
	});
});
