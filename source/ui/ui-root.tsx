import React, {type ReactNode} from 'react';
import {TerminalSizeProvider, type TerminalSize, type TerminalSizeSource} from './terminal/terminal-size.js';
import {ThemeProvider} from './theme-provider.js';

export interface UiRootProps {
	/** False for NO_COLOR / --no-color: prefersColor(process.env, flag). */
	color: boolean;
	/** True where Unicode is unsafe: prefersAscii(process.env, process.platform, flag). */
	ascii?: boolean;
	/** A fixed size (tests, benchmarks); otherwise measured from `sizeSource` or Ink's stdout. */
	size?: TerminalSize;
	sizeSource?: TerminalSizeSource;
	children?: ReactNode;
}

/** The contexts every monitor component reads: theme (colour, glyphs) and terminal size. */
export function UiRoot({color, ascii = false, size, sizeSource, children}: UiRootProps) {
	return (
		<ThemeProvider color={color} ascii={ascii}>
			<TerminalSizeProvider {...(size === undefined ? {} : {size})} {...(sizeSource === undefined ? {} : {source: sizeSource})}>
				{children}
			</TerminalSizeProvider>
		</ThemeProvider>
	);
}
