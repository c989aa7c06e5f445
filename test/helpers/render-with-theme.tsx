import React, {type ReactElement} from 'react';
import {render} from 'ink-testing-library';
import {TerminalSizeProvider, type TerminalSize} from '../../source/ui/terminal/terminal-size.js';
import {ThemeProvider} from '../../source/ui/theme/theme-provider.js';

export interface ThemeOptions {
	/** Colours on (default off: frames are plain text, as with NO_COLOR). */
	color?: boolean;
	/** ASCII glyphs instead of Unicode ones (TERM=linux). */
	ascii?: boolean;
	/** The terminal's size as components read it (useTerminalSize); default 100×30. */
	size?: TerminalSize;
}

/**
 * A component as the monitor draws it: inside the theme (colours and glyphs) and a terminal size, rendered by
 * ink-testing-library. `frame()` is the text a user sees.
 */
export function renderWithTheme(element: ReactElement, {color = false, ascii = false, size = {columns: 100, rows: 30}}: ThemeOptions = {}) {
	const result = render(
		<ThemeProvider color={color} ascii={ascii}>
			<TerminalSizeProvider size={size}>{element}</TerminalSizeProvider>
		</ThemeProvider>,
	);
	return {...result, frame: () => result.lastFrame() ?? ''};
}
