import React from 'react';
import {MonitorView, useMonitor, type UseMonitorOptions} from '../../source/ui/index.js';

export type MonitorAppProps = UseMonitorOptions & {tenantLabel: string};

/**
 * The real driver (useMonitor: the core store, the poller, the one-second tick) drawing the real screen
 * (MonitorView), with the status requests given: what commands/monitor assembles, minus the disk and the services.
 * For the terminal tests and the bench, which drive it on a simulated clock.
 */
export function MonitorApp({tenantLabel, ...options}: MonitorAppProps) {
	const {state, now, commands} = useMonitor(options);
	return <MonitorView state={state} now={now} commands={commands} tenantLabel={tenantLabel} onQuit={() => {}} />;
}
