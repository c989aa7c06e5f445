import React from 'react';
import {MonitorView, type MonitorViewProps} from './app.js';
import {useMonitor, type UseMonitorOptions} from './use-monitor.js';

/** What MonitorApp hands to MonitorView as it is. */
type ViewProps = Pick<
	MonitorViewProps,
	| 'tenantLabel'
	| 'initialPrefs'
	| 'onPrefsChange'
	| 'onQuit'
	| 'animate'
	| 'discover'
	| 'listSources'
	| 'history'
	| 'previousRuns'
	| 'onAlert'
	| 'alerts'
>;

export type MonitorAppProps = UseMonitorOptions & ViewProps;

/** useMonitor wired to MonitorView: the monitor screen, given a way to fetch statuses and the store callbacks. */
export function MonitorApp({
	tenantLabel,
	initialPrefs,
	onPrefsChange,
	onQuit,
	animate,
	discover,
	listSources,
	history,
	previousRuns,
	onAlert,
	alerts,
	...monitor
}: MonitorAppProps) {
	const {state, now, commands} = useMonitor(monitor);
	return (
		<MonitorView
			state={state}
			now={now}
			commands={commands}
			tenantLabel={tenantLabel}
			initialPrefs={initialPrefs}
			onPrefsChange={onPrefsChange}
			onQuit={onQuit}
			animate={animate}
			discover={discover}
			listSources={listSources}
			history={history}
			previousRuns={previousRuns}
			onAlert={onAlert}
			alerts={alerts}
		/>
	);
}
