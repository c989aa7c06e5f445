/**
 * The one door of source/ui: what the rest of source/ (commands/) may import from the Ink tree. Everything else in
 * ui/ is its own business, and dependency-cruiser refuses imports past this file (tests and the bench may go deeper).
 *
 * - MonitorView: the whole monitor screen from plain props (app.tsx), and the commands it sends (monitor/commands.ts).
 * - useMonitor: the driver that owns the monitor state and the poller (monitor/use-monitor.ts).
 * - ThemeProvider and the terminal's colour and ASCII preferences (theme/).
 * - runFullscreen and the output layer for the alternate screen (terminal/).
 * - useLatest: the latest committed render's values, for handlers made once (state/use-latest.ts).
 */
export {MonitorView} from './app.js';
export type {
	AlertOutput,
	DiscoveredAggregation,
	MonitorCommands,
	OpenSourceResult,
	SourcePageTarget,
	SourcesGlance,
	StartableSource,
	StartResult,
} from './monitor/commands.js';
export {systemClock, useMonitor, type UseMonitorOptions} from './monitor/use-monitor.js';
export type {RunTarget} from './screens/list/use-list-state.js';
export type {MonitorViewProps} from './use-monitor-view.js';
export {useLatest} from './state/use-latest.js';
export type {ViewPrefs} from './state/view-state.js';
export {prefersAscii, prefersColor} from './theme/theme.js';
export {ThemeProvider} from './theme/theme-provider.js';
export {formatError, LineDiffOutput, runFullscreen, TerminalSizeProvider, type TerminalWriteStream} from './terminal/index.js';
