import React, {useMemo, type ReactNode} from 'react';
import {createTheme, ThemeContext} from './theme.js';

export interface ThemeProviderProps {
	/** False for NO_COLOR / --no-color (see prefersColor). */
	color: boolean;
	/** True where Unicode is unsafe (see prefersAscii). */
	ascii?: boolean;
	children?: ReactNode;
}

export function ThemeProvider({color, ascii = false, children}: ThemeProviderProps) {
	const theme = useMemo(() => createTheme({color, ascii}), [color, ascii]);
	return <ThemeContext.Provider value={theme}>{children}</ThemeContext.Provider>;
}
