import React from 'react';
import {MonitorView, type MonitorViewProps} from './app.js';
import {useMonitor, type UseMonitorOptions} from './use-monitor.js';

export type MonitorAppProps = UseMonitorOptions &
	Pick<MonitorViewProps, 'tenantLabel' | 'initialPrefs' | 'onPrefsChange' | 'onQuit' | 'animate'>;

/** useMonitor wired to MonitorView: the monitor screen, given a way to fetch statuses and the store callbacks. */
export function MonitorApp({tenantLabel, initialPrefs, onPrefsChange, onQuit, animate, ...monitor}: MonitorAppProps) {
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
		/>
	);
}
