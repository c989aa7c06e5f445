import React, {useState, useSyncExternalStore, type ReactElement} from 'react';
import {render} from 'ink-testing-library';
import {createMonitorStore} from '../../source/core/monitor-store.js';
import type {MonitorEvent, MonitorState} from '../../source/core/types.js';
import {
	MonitorView,
	type DiscoveredAggregation,
	type MonitorCommands,
	type MonitorViewProps,
	type OpenSourceResult,
	type SourcePageTarget,
	type StartableSource,
	type StartResult,
	type ViewPrefs,
} from '../../source/ui/index.js';
import {createMonitorCommands} from '../../source/ui/monitor/monitor-commands.js';
import {TerminalSizeProvider, type TerminalSize} from '../../source/ui/terminal/terminal-size.js';
import {ThemeProvider} from '../../source/ui/theme/theme-provider.js';

/** Escape sequences for the keys the monitor uses, as a terminal sends them. */
export const keys = {
	up: '\u001B[A',
	down: '\u001B[B',
	pageUp: '\u001B[5~',
	pageDown: '\u001B[6~',
	home: '\u001B[H',
	end: '\u001B[F',
	enter: '\r',
	escape: '\u001B',
	/** Byte 0x7f: what the Backspace key sends on most terminals (Ink reports it as `delete`). */
	backspace: '\u007F',
	delete: '\u001B[3~',
	ctrlC: '\u0003',
	ctrlU: '\u0015',
} as const;

interface Writable {
	write(data: string): void;
}

/** Lets Ink's input parser (which holds a lone Escape for one setImmediate) and React's effects run. */
export async function settle(): Promise<void> {
	for (let index = 0; index < 3; index++) {
		await new Promise<void>(resolve => {
			setImmediate(resolve);
		});
	}
}

/** Writes one key (or one pasted chunk) and waits until Ink has handled it. */
export async function press(stdin: Writable, key: string): Promise<void> {
	stdin.write(key);
	await settle();
}

/** Presses several keys, one write each. */
export async function pressAll(stdin: Writable, sequence: readonly string[]): Promise<void> {
	for (const key of sequence) {
		await press(stdin, key);
	}
}

/**
 * Resolves with the first frame that satisfies `predicate`, checking after each turn of the event loop.
 * Rejects with the last frame after `timeoutMs`, so a failure shows what was on screen.
 */
export async function waitForFrame(
	lastFrame: () => string | undefined,
	predicate: (frame: string) => boolean,
	timeoutMs = 5000,
): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const frame = lastFrame() ?? '';
		if (predicate(frame)) {
			return frame;
		}

		if (Date.now() > deadline) {
			throw new Error(`No matching frame within ${timeoutMs} ms. Last frame:\n${frame}`);
		}

		await new Promise<void>(resolve => {
			setTimeout(resolve, 2);
		});
	}
}

/** Resolves once `check` returns true, checking after each turn of the event loop; rejects after `timeoutMs`. */
export async function waitUntil(check: () => boolean, timeoutMs = 5000): Promise<void> {
	await waitForFrame(
		() => (check() ? 'yes' : 'no'),
		answer => answer === 'yes',
		timeoutMs,
	);
}

/** Strips ANSI escape sequences. */
export function plain(text: string): string {
	return text.replaceAll(/\u001B\[[\d;?]*[A-Za-z]/g, '');
}

export interface Calls {
	add: string[][];
	remove: string[][];
	pollNow: Array<string[] | undefined>;
	setPaused: boolean[];
	clearFinished: number;
	quit: number;
	prefs: ViewPrefs[];
	track: DiscoveredAggregation[][];
	startAggregation: StartableSource[];
	openSource: SourcePageTarget[];
}

/** A promise with its resolve and reject in hand, so a test decides when an async prop answers. */
export function deferred<T>() {
	let resolve!: (value: T) => void;
	let reject!: (error: unknown) => void;
	const promise = new Promise<T>((yes, no) => {
		resolve = yes;
		reject = no;
	});
	return {promise, resolve, reject};
}

export interface HarnessOptions {
	state: MonitorState;
	now: number;
	size?: TerminalSize;
	color?: boolean;
	ascii?: boolean;
	tenant?: string;
	tenantLabel?: string;
	initialPrefs?: Partial<ViewPrefs>;
	/** The optional screens and alerts of MonitorView (discover, listSources, history, previousRuns, onAlert, alerts). */
	props?: Pick<
		MonitorViewProps,
		'discover' | 'listSources' | 'history' | 'glance' | 'previousRuns' | 'onAlert' | 'alerts' | 'stallAfterMs'
	>;
	/** The insights of each state at each `now`, as the monitor assembly computes them (e.g. with rowInsights). */
	insightsFor?: (state: MonitorState, now: number) => MonitorViewProps['insights'];
	/** Give the commands track (tracking adds rows on each item's tenant, labelled with its source). Default: when `discover` is given. */
	track?: boolean;
	/** Give the commands startAggregation, answering with this. */
	startAggregation?: (source: StartableSource) => Promise<StartResult>;
	/** Give the commands openSource (o), answering with this. */
	openSource?: (target: SourcePageTarget) => Promise<OpenSourceResult>;
}

/**
 * MonitorView driven by the monitor's own commands (createMonitorCommands, as useMonitor uses them) over the real
 * core store, without a poller: the state is what the test gives and the events it dispatches, so every screen can
 * be set up exactly. Every command the screen sends is recorded on its way to the real one.
 */
export function renderMonitor(options: HarnessOptions) {
	const calls: Calls = {
		add: [],
		remove: [],
		pollNow: [],
		setPaused: [],
		clearFinished: 0,
		quit: 0,
		prefs: [],
		track: [],
		startAggregation: [],
		openSource: [],
	};
	const tenant = options.tenant ?? 'acme';
	let setNow: (now: number) => void = () => undefined;
	const store = createMonitorStore(options.state);
	const withTrack = options.track ?? options.props?.discover !== undefined;
	const {startAggregation} = options;
	const real = createMonitorCommands({
		store,
		now: () => options.now,
		wake() {},
		flush() {},
		callbacks: () => ({tenant, ...(startAggregation === undefined ? {} : {startAggregation})}),
		canStart: startAggregation !== undefined,
	});
	const commands: MonitorCommands = {
		add(ids) {
			calls.add.push(ids);
			real.add(ids);
		},
		remove(keys) {
			calls.remove.push(keys);
			real.remove(keys);
		},
		pollNow(keys) {
			calls.pollNow.push(keys);
			real.pollNow(keys);
		},
		setPaused(paused) {
			calls.setPaused.push(paused);
			real.setPaused(paused);
		},
		clearFinished() {
			calls.clearFinished++;
			real.clearFinished();
		},
		...(withTrack
			? {
					track(items: DiscoveredAggregation[]) {
						calls.track.push(items);
						real.track?.(items);
					},
				}
			: {}),
		...(options.openSource === undefined
			? {}
			: {
					async openSource(target: SourcePageTarget) {
						calls.openSource.push(target);
						return options.openSource!(target);
					},
				}),
		...(real.startAggregation === undefined
			? {}
			: {
					async startAggregation(source: StartableSource) {
						calls.startAggregation.push(source);
						return real.startAggregation!(source);
					},
				}),
	};

	function Harness(): ReactElement {
		const state = useSyncExternalStore(store.subscribe, store.getState);
		const [now, updateNow] = useState(options.now);
		setNow = updateNow;
		return React.createElement(
			ThemeProvider,
			{color: options.color ?? true, ascii: options.ascii ?? false},
			React.createElement(
				TerminalSizeProvider,
				{size: options.size ?? {columns: 100, rows: 30}},
				React.createElement(MonitorView, {
					state,
					now,
					commands,
					tenantLabel: options.tenantLabel ?? tenant,
					initialPrefs: options.initialPrefs,
					onPrefsChange(prefs) {
						calls.prefs.push(prefs);
					},
					onQuit() {
						calls.quit++;
					},
					...options.props,
					...(options.insightsFor === undefined ? {} : {insights: options.insightsFor(state, now)}),
				}),
			),
		);
	}

	const instance = render(React.createElement(Harness));
	return {
		...instance,
		calls,
		/** The current frame without ANSI codes. */
		text: () => plain(instance.lastFrame() ?? ''),
		/** Waits for a frame (ANSI stripped) that satisfies `predicate`. */
		waitFor: async (predicate: (text: string) => boolean) => plain(await waitForFrame(() => plain(instance.lastFrame() ?? ''), predicate)),
		setNow: (now: number) => {
			setNow(now);
		},
		/** A monitor core event, as the poller would dispatch it (e.g. a status that ends a row). */
		dispatch: (event: MonitorEvent) => {
			store.dispatch(event);
		},
	};
}
