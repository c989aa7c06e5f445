import {useCallback} from 'react';
import {rowKey} from '../../../core/types.js';
import type {Command} from '../../keys/keymap.js';
import type {ScreenKeys} from '../../keys/use-monitor-keys.js';
import type {MonitorCommands, SourcesGlance} from '../../monitor/commands.js';
import type {SelectionAction} from '../../state/list-selection.js';
import {useLatest} from '../../state/use-latest.js';
import type {ViewStore} from '../../state/use-view-state.js';
import {fileUploadRefusal, needsFileUpload, startQuestion} from '../sources/source-entries.js';
import {startInBackground, startingNotice, startNotice} from '../sources/use-sources.js';
import {startableOf} from './tenant-source-entries.js';
import {openingNotice, openSourceInBackground} from '../../monitor/open-source.js';
import type {TenantSourcesScreenState} from './use-tenant-sources-state.js';
import {useMounted} from '../../state/use-mounted.js';

export interface TenantSourcesKeysOptions {
	view: ViewStore;
	commands: MonitorCommands;
	data: TenantSourcesScreenState;
	/** Absent: O is not offered. */
	glance?: SourcesGlance;
	canDiscover: boolean;
}

/**
 * The tenant at a glance's keys (O): move, `/` filters, `s` sorts, Enter shows the details, `S` starts an aggregation
 * on the selected source (asks first; the start command's already-running check), `t` tracks its running aggregation
 * and goes to its row in the monitor list, Ctrl-R reads again, Esc or O goes back.
 */
export function useTenantSources({view, commands, data, glance, canDiscover}: TenantSourcesKeysOptions): ScreenKeys & {open?: () => void} {
	const mounted = useMounted();
	const latest = useLatest(data);

	const select = useCallback(
		(action: SelectionAction) => {
			view.apply({type: 'glance-select', action});
		},
		[view],
	);

	const startPending = useCallback(() => {
		const current = view.current();
		const source = current.mode === 'confirm-source-start' ? current.pendingSource : undefined;
		const start = commands.startAggregation;
		if (source === undefined || start === undefined) {
			view.apply({type: 'glance-answered'});
			return;
		}

		view.apply({type: 'glance-answered', notice: startingNotice(source)});
		startInBackground(start, source, result => {
			if (mounted.current) {
				view.apply({type: 'notice', notice: startNotice(source, result)});
			}

			// Its run shows on the glance once read again.
			glance?.refresh();
		});
	}, [commands, view, glance, mounted]);

	const run = useCallback(
		(command: Command): boolean => {
			const {mode} = view.current();
			const {list, selected} = latest.current;
			if (mode === 'confirm-source-start') {
				if (command === 'confirm') {
					startPending();
					return true;
				}

				if (command === 'deny') {
					view.apply({type: 'cancel'});
					return true;
				}

				return false;
			}

			if (mode === 'tenant-sources-filtering') {
				switch (command) {
					case 'submit': {
						view.apply({type: 'glance-keep-filter'});
						return true;
					}

					case 'cancel': {
						view.apply({type: 'cancel'});
						return true;
					}

					case 'erase': {
						view.apply({type: 'glance-erase'});
						return true;
					}

					case 'erase-line': {
						view.apply({type: 'glance-erase-line'});
						return true;
					}

					default: {
						return false;
					}
				}
			}

			switch (command) {
				case 'up':
				case 'down': {
					select({type: 'move', by: command === 'up' ? -1 : 1, list});
					return true;
				}

				case 'page-up':
				case 'page-down': {
					select({type: 'page', by: command === 'page-up' ? -1 : 1, list});
					return true;
				}

				case 'first':
				case 'last': {
					select({type: 'jump', to: command, list});
					return true;
				}

				case 'toggle-detail': {
					if (selected !== undefined) {
						view.apply({type: 'glance-detail'});
					}

					return true;
				}

				case 'filter': {
					view.apply({type: 'glance-open-filter'});
					return true;
				}

				case 'sort': {
					view.apply({type: 'glance-sort'});
					return true;
				}

				case 'start': {
					if (selected === undefined) {
						view.apply({type: 'notice', notice: {level: 'warning', text: 'No source is selected to start'}});
					} else if (needsFileUpload(startableOf(selected))) {
						view.apply({type: 'notice', notice: {level: 'error', text: fileUploadRefusal(startableOf(selected), canDiscover)}});
					} else {
						const source = startableOf(selected);
						view.apply({type: 'glance-ask-start', source, question: startQuestion(source)});
					}

					return true;
				}

				case 'track-run': {
					const running = selected?.running ?? null;
					if (selected === undefined || running === null) {
						const name = selected?.name ?? 'No source';
						view.apply({type: 'notice', notice: {level: 'warning', text: `${name} has no aggregation running: S starts one`}});
						return true;
					}

					commands.track?.([{id: running.id, tenant: selected.tenant, sourceName: selected.name}]);
					view.apply({
						type: 'glance-tracked',
						key: rowKey(selected.tenant, running.id),
						notice: {level: 'info', text: `Tracking the running aggregation of ${selected.name} (${selected.tenant}), id ${running.id}`},
					});
					return true;
				}

				case 'reload': {
					glance?.refresh();
					return true;
				}

				case 'back': {
					view.apply({type: 'cancel'});
					return true;
				}

				case 'open-source': {
					if (selected !== undefined && commands.openSource !== undefined) {
						view.apply({type: 'notice', notice: openingNotice(selected.name)});
						openSourceInBackground(commands, {tenant: selected.tenant, sourceId: selected.id}, notice => {
							view.apply({type: 'notice', notice});
						});
					}

					return true;
				}

				case 'glance': {
					view.apply({type: 'close-screen'});
					return true;
				}

				default: {
					return false;
				}
			}
		},
		[view, select, startPending, commands, glance, canDiscover, latest],
	);

	const type = useCallback(
		(text: string) => {
			if (view.current().mode !== 'tenant-sources-filtering') {
				return;
			}

			// Keys typed faster than a frame arrive as one chunk: an Enter in it keeps the filter typed before it.
			const end = text.search(/[\r\n]/);
			view.apply({type: 'glance-type', text: end === -1 ? text : text.slice(0, end)});
			if (end !== -1) {
				view.apply({type: 'glance-keep-filter'});
			}
		},
		[view],
	);

	const open = useCallback(() => {
		view.apply({type: 'open-glance'});
		glance?.refresh();
	}, [view, glance]);

	return {run, type, ...(glance === undefined ? {} : {open})};
}
