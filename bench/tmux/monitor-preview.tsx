/**
 * The 1,000-row sample monitor with its clock running, drawn by either output layer, for checking by eye or with
 * check-output-layers.sh in tmux: `changed-cells` (runFullscreen: Ink debug mode through LineDiffOutput, as aggwatch
 * runs) or `incremental` (Ink 6.8's own incrementalRendering, maxFps 30, on the same alternate screen). q quits.
 */
import React, {useEffect, useState} from 'react';
import {render, useApp} from 'ink';
import {MonitorView, runFullscreen, TerminalSizeProvider, ThemeProvider} from '../../source/ui/index.js';
import {NOOP_COMMANDS} from '../noop-commands.js';
import {sampleMonitorState} from '../sample-state.js';
import {enterAlternateScreen, restoreScreen} from '../../source/ui/terminal/alternate-screen.js';

const start = Date.UTC(2025, 5, 2, 9, 30);
const state = sampleMonitorState({count: 1000, now: start});
function App({onQuit}: {onQuit: () => void}) {
	const [now, setNow] = useState(start);
	useEffect(() => {
		const timer = setInterval(() => setNow(value => value + 1000), 300);
		return () => clearInterval(timer);
	}, []);
	return (
		<ThemeProvider color>
			<MonitorView state={state} now={now} commands={NOOP_COMMANDS} tenantLabel="acme" onQuit={onQuit} />
		</ThemeProvider>
	);
}

if (process.argv[2] === 'incremental') {
	// Ink draws on its own, with relative cursor moves, on the alternate screen runFullscreen would set up.
	enterAlternateScreen(process.stdout, {stdin: process.stdin});
	process.stdin.setRawMode(true);
	const instance = render(
		<TerminalSizeProvider source={process.stdout}>
			<App onQuit={() => instance.unmount()} />
		</TerminalSizeProvider>,
		{incrementalRendering: true, maxFps: 30, patchConsole: false, exitOnCtrlC: true},
	);
	await instance.waitUntilExit();
	restoreScreen();
} else {
	await runFullscreen(<AppRoot />);
}

function AppRoot() {
	const {exit} = useApp();
	return <App onQuit={() => exit()} />;
}
