import React from 'react';
import {TooSmall} from './components/too-small.js';
import {DefaultLayout} from './layouts/default-layout.js';
import {useMonitorView, type MonitorViewProps} from './use-monitor-view.js';

/**
 * The whole monitor screen, from plain props (see MonitorViewProps): useMonitorView does the hooks and the wiring
 * (each screen's data and keys live in its own folder, screens/), and this only picks the layout that draws it.
 * Sizes come from useTerminalSize (TerminalSizeProvider), colours and glyphs from ThemeContext (ThemeProvider).
 */
export function MonitorView(props: MonitorViewProps) {
	const model = useMonitorView(props);
	if (model.tooSmall) {
		return <TooSmall columns={model.columns} rows={model.rows} />;
	}

	return <DefaultLayout model={model} />;
}
