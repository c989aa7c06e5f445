import React, {useReducer, useState, type ReactElement} from 'react';
import {render} from 'ink-testing-library';
import {reduce} from '../../source/core/reducer.js';
import type {MonitorEvent, MonitorState} from '../../source/core/types.js';
import {
	MonitorView,
	type DiscoveredAggregation,
	type MonitorCommands,
	type MonitorViewProps,
	type StartableSource,
	type StartResult,
	type ViewPrefs,
} from '../../source/ui/app.js';
import type {TerminalSize} from '../../source/ui/terminal/terminal-size.js';
import {UiRoot} from '../../source/ui/ui-root.js';

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
		await new Promise<void>((resolve) => {
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

		await new Promise<void>((resolve) => {
			setTimeout(resolve, 2);
		});
	}
}

/** Resolves once `check` returns true, checking after each turn of the event loop; rejects after `timeoutMs`. */
export async function waitUntil(check: () => boolean, timeoutMs = 5000): Promise<void> {
	await waitForFrame(() => (check() ? 'yes' : 'no'), (answer) => answer === 'yes', timeoutMs);
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
	props?: Pick<MonitorViewProps, 'discover' | 'listSources' | 'history' | 'previousRuns' | 'onAlert' | 'alerts' | 'stallAfterMs'>;
	/** The insights of each state at each `now`, as the monitor assembly computes them (e.g. with rowInsights). */
	insightsFor?: (state: MonitorState, now: number) => MonitorViewProps['insights'];
	/** Give the commands track (tracking adds rows on each item's tenant, labelled with its source). Default: when `discover` is given. */
	track?: boolean;
	/** Give the commands startAggregation, answering with this. */
	startAggregation?: (source: StartableSource) => Promise<StartResult>;
}

/**
 * MonitorView over the real core reducer: the commands dispatch core events (add, remove, poll-now, pause, clear),
 * so the screen reacts the way it does in the app, and every call is recorded.
 */
export function renderMonitor(options: HarnessOptions) {
	const calls: Calls = {add: [], remove: [], pollNow: [], setPaused: [], clearFinished: 0, quit: 0, prefs: [], track: [], startAggregation: []};
	const tenant = options.tenant ?? 'acme';
	let setNow: (now: number) => void = () => undefined;
	let dispatchEvent: (event: MonitorEvent) => void = () => undefined;
	const withTrack = options.track ?? options.props?.discover !== undefined;

	function Harness(): ReactElement {
		const [state, dispatch] = useReducer(reduce, options.state);
		const [now, updateNow] = useState(options.now);
		setNow = updateNow;
		dispatchEvent = dispatch;
		const [commands] = useState<MonitorCommands>(() => ({
			add(ids) {
				calls.add.push(ids);
				dispatch({type: 'added', rows: ids.map((id) => ({id, tenant, addedAt: options.now})), now: options.now});
			},
			remove(keys) {
				calls.remove.push(keys);
				dispatch({type: 'removed', keys});
			},
			pollNow(keys) {
				calls.pollNow.push(keys);
				dispatch(keys === undefined ? {type: 'poll-now', now: options.now} : {type: 'poll-now', keys, now: options.now});
			},
			setPaused(paused) {
				calls.setPaused.push(paused);
				dispatch({type: 'set-paused', paused, now: options.now});
			},
			clearFinished() {
				calls.clearFinished++;
				dispatch({type: 'clear-finished'});
			},
			...(withTrack
				? {
						track(items: DiscoveredAggregation[]) {
							calls.track.push(items);
							dispatch({
								type: 'added',
								rows: items.map((item) => ({
									id: item.id,
									tenant: item.tenant,
									addedAt: options.now,
									...(item.sourceName === undefined ? {} : {label: item.sourceName}),
								})),
								now: options.now,
							});
						},
					}
				: {}),
			...(options.startAggregation === undefined
				? {}
				: {
						async startAggregation(source: StartableSource) {
							calls.startAggregation.push(source);
							return options.startAggregation!(source);
						},
					}),
		}));
		return React.createElement(
			UiRoot,
			{color: options.color ?? true, ascii: options.ascii ?? false, size: options.size ?? {columns: 100, rows: 30}},
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
			dispatchEvent(event);
		},
	};
}
