import {useCallback} from 'react';
import {isFinishedPhase} from '../../../core/phase.js';
import type {MonitorState, TrackedRow} from '../../../core/types.js';
import type {MonitorCommands} from '../../monitor/commands.js';
import {parseIdInput} from './id-input.js';
import type {Command} from '../../keys/keymap.js';
import {selectionFor} from '../../keys/selection-keys.js';
import {selectedIndexIn, type ListView} from '../../state/list-selection.js';
import {idShortener} from '../../../core/short-ids.js';
import {rowLabel} from '../../text/row-cells.js';
import type {ScreenKeys} from '../../keys/use-monitor-keys.js';
import type {ViewStore} from '../../state/use-view-state.js';
import {plural} from '../../../domain/text.js';
import {useLatest} from '../../state/use-latest.js';
import {openingNotice, openSourceInBackground} from '../../monitor/open-source.js';

export interface ListKeysOptions {
	store: ViewStore;
	state: MonitorState;
	/** The list as on screen (filtered, sorted) and its height. */
	list: ListView;
	/** The rows as on screen, in the order of list.keys. The selected one is looked up when a key is handled. */
	shownRows: readonly TrackedRow[];
	commands: MonitorCommands;
	/** Whether a shown row needs attention (failed, errors, held back, stalled, warnings): n and N go to those. */
	needsAttention: (row: TrackedRow) => boolean;
	/** The tenants `t` cycles through (sorted); fewer than two: t does nothing. */
	tenants: readonly string[];
	/** Opens the other screens (D, S, H); absent: not offered. */
	open: {discover?: () => void; start?: () => void; history?: () => void; glance?: () => void};
}

/**
 * The monitor list's keys, with its prompts (add, filter) and confirmations (remove, clear). Reads the options of
 * the latest render and the view state as it is now: keys that arrive in one chunk ("Gd", or key repeat) must act
 * on the row the earlier keys selected.
 */
export function useList(options: ListKeysOptions): ScreenKeys {
	const latest = useLatest(options);
	const run = useCallback(
		(command: Command): boolean => {
			const {store, state, list, shownRows, commands, tenants, open, needsAttention} = latest.current;
			const view = store.current();
			const selectedIndex = selectedIndexIn(view, list.keys);
			const selected: TrackedRow | undefined = selectedIndex === -1 ? undefined : shownRows[selectedIndex];
			const selection = selectionFor(command, list);
			if (selection !== undefined) {
				store.apply(selection);
				return true;
			}

			switch (command) {
				case 'discover':
				case 'start':
				case 'history':
				case 'glance': {
					const opener =
						command === 'discover' ? open.discover : command === 'start' ? open.start : command === 'glance' ? open.glance : open.history;
					opener?.();
					return opener !== undefined;
				}

				case 'next-problem':
				case 'previous-problem': {
					const step = command === 'next-problem' ? 1 : -1;
					const count = shownRows.length;
					for (let offset = 1; offset <= count; offset++) {
						const index = (((selectedIndex + step * offset) % count) + count) % count;
						const row = shownRows[index];
						if (row !== undefined && needsAttention(row)) {
							if (index !== selectedIndex) {
								store.apply({type: 'move', by: index - Math.max(0, selectedIndex), list});
							}

							return true;
						}
					}

					store.apply({type: 'notice', notice: {level: 'info', text: 'No row needs attention'}});
					return true;
				}

				case 'toggle-detail': {
					if (list.keys.length > 0) {
						store.apply({type: 'toggle-detail'});
					}

					return true;
				}

				case 'add': {
					store.apply({type: 'open-add'});
					return true;
				}

				case 'remove': {
					if (selected !== undefined) {
						store.apply({
							type: 'ask',
							mode: 'confirm-remove',
							keys: [selected.key],
							question: `Stop tracking ${rowLabel(selected)} (${idShortener(state.rows.map(row => row.id))(selected.id)})? ISC is not changed.`,
						});
					}

					return true;
				}

				case 'poll': {
					if (selected !== undefined) {
						commands.pollNow([selected.key]);
						store.apply({type: 'notice', notice: {level: 'info', text: `Polling ${rowLabel(selected)} now`}});
					}

					return true;
				}

				case 'copy': {
					if (selected !== undefined && commands.copy !== undefined) {
						// In the details pane the last error's trackingId comes along: what SailPoint support asks for.
						const trackingId = view.detailOpen ? selected.lastError?.trackingId : undefined;
						commands.copy(trackingId === undefined ? selected.id : `${selected.id} trackingId ${trackingId}`);
						const what = trackingId === undefined ? selected.id : `${selected.id} and trackingId ${trackingId}`;
						store.apply({type: 'notice', notice: {level: 'info', text: `Copied ${what} (through the terminal, OSC 52)`}});
					}

					return true;
				}

				case 'open-source': {
					if (selected !== undefined && commands.openSource !== undefined) {
						store.apply({type: 'notice', notice: openingNotice(rowLabel(selected))});
						openSourceInBackground(commands, {tenant: selected.tenant, aggregationId: selected.id}, notice => {
							store.apply({type: 'notice', notice});
						});
					}

					return true;
				}

				case 'poll-all': {
					commands.pollNow();
					store.apply({type: 'notice', notice: {level: 'info', text: 'Polling every row now (within the request budget)'}});
					return true;
				}

				case 'pause': {
					commands.setPaused(!state.paused);
					return true;
				}

				case 'filter': {
					store.apply({type: 'open-filter'});
					return true;
				}

				case 'clear-filter': {
					// Esc goes back one level: the details pane first, then the filter.
					store.apply(store.current().detailOpen ? {type: 'toggle-detail'} : {type: 'clear-filter'});
					return true;
				}

				case 'sort': {
					store.apply({type: 'cycle-sort'});
					return true;
				}

				case 'tenant': {
					if (tenants.length > 1) {
						store.apply({type: 'cycle-tenant', tenants});
					}

					return true;
				}

				case 'clear-finished': {
					const finished = state.rows.filter(row => isFinishedPhase(row.phase)).length;
					if (finished === 0) {
						store.apply({type: 'notice', notice: {level: 'info', text: 'Nothing finished to clear'}});
					} else {
						store.apply({
							type: 'ask',
							mode: 'confirm-clear',
							keys: [],
							question: `Stop tracking ${plural(finished, 'finished row')} (ended, not found or expired)?`,
						});
					}

					return true;
				}

				case 'help': {
					store.apply({type: 'open-help'});
					return true;
				}

				case 'events': {
					store.apply({type: 'open-events'});
					return true;
				}

				case 'cancel':
				case 'deny': {
					store.apply({type: 'cancel'});
					return true;
				}

				case 'submit': {
					if (view.mode === 'filtering') {
						store.apply({type: 'submit-filter'});
					} else if (view.mode === 'adding') {
						const result = parseIdInput(view.prompt, new Set(state.rows.map(row => row.id)));
						if (result.accepted.length > 0) {
							commands.add(result.accepted);
						}

						store.apply({type: 'submitted-add', result});
					}

					return true;
				}

				case 'erase':
				case 'erase-line': {
					store.apply({type: command});
					return true;
				}

				case 'confirm': {
					if (view.mode === 'confirm-remove') {
						commands.remove(view.pending);
						store.apply({type: 'answered', notice: {level: 'info', text: 'Removed'}});
					} else if (view.mode === 'confirm-clear') {
						commands.clearFinished();
						store.apply({type: 'answered', notice: {level: 'info', text: 'Cleared finished rows'}});
					}

					return true;
				}

				default: {
					return false;
				}
			}
		},
		[latest],
	);
	const type = useCallback(
		(text: string) => {
			latest.current.store.apply({type: 'type', text});
		},
		[latest],
	);
	return {run, type};
}
