import {useCallback} from 'react';
import type {MonitorCommands, StartableSource, StartResult} from '../../monitor/commands.js';
import type {Command} from '../../keys/keymap.js';
import {openFromPicker, pickerCommand, selectedOf, usePickerEntry} from '../../picker/picker-keys.js';
import type {ShownPicker} from '../../picker/use-picker-state.js';
import {fileUploadRefusal, needsFileUpload, startQuestion} from './source-entries.js';
import type {ScreenKeys} from '../../keys/use-monitor-keys.js';
import type {PickerSource} from '../../picker/use-picker-state.js';
import type {ViewStore} from '../../state/use-view-state.js';
import {useMounted} from '../../state/use-mounted.js';

export interface SourcesKeysOptions {
	view: ViewStore;
	commands: MonitorCommands;
	picker: ShownPicker<StartableSource>;
	/** Where the list comes from; absent: S is not offered. */
	load?: PickerSource<StartableSource>;
	/** D is offered (the refusal of a file-upload source then points to it). */
	canDiscover: boolean;
}

export function startNotice(source: StartableSource, result: StartResult) {
	const where = `${source.name} (${source.tenant})`;
	if ('error' in result) {
		return {level: 'error' as const, text: `Could not start an account aggregation on ${where}: ${result.error}`};
	}

	if (result.alreadyRunning !== undefined) {
		const since =
			result.alreadyRunning.since === undefined ? '' : ` since ${result.alreadyRunning.since.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}`;
		// The id first, so the one-line notice shows it whole at 80 columns (the rest may be cut).
		return {level: 'info' as const, text: `Already running, tracking it: ${result.id} (${where}${since})`};
	}

	return {level: 'info' as const, text: `Started an account aggregation on ${where}, id ${result.id}: tracking it`};
}

/** The notice while a start is on its way. */
export function startingNotice(source: StartableSource) {
	return {level: 'info' as const, text: `Starting an account aggregation on ${source.name} (${source.tenant})...`};
}

/** Starts an aggregation on `source` without waiting for it; `done` gets the result (a thrown error as {error}). */
export function startInBackground(
	start: (source: StartableSource) => Promise<StartResult>,
	source: StartableSource,
	done: (result: StartResult) => void,
): void {
	void (async () => start(source))()
		.catch((error: unknown): StartResult => ({error: error instanceof Error ? error.message : String(error)}))
		.then(done);
}

/** The source picker's keys (S) and its confirmation: Enter asks, y starts (never retried), anything else does not. */
export function useSources({view, commands, picker, load, canDiscover}: SourcesKeysOptions): ScreenKeys & {open?: () => void} {
	const mounted = useMounted();

	const choose = useCallback(() => {
		const source = selectedOf(picker);
		if (source === undefined) {
			picker.store.apply({type: 'message', message: {level: 'warning', text: 'No source is listed to start'}});
			return;
		}

		if (needsFileUpload(source)) {
			picker.store.apply({type: 'message', message: {level: 'error', text: fileUploadRefusal(source, canDiscover)}});
			return;
		}

		view.apply({type: 'ask-start', source, question: startQuestion(source)});
	}, [picker, view, canDiscover]);

	const startPending = useCallback(() => {
		const current = view.current();
		const source = current.mode === 'confirm-start' ? current.pendingSource : undefined;
		const start = commands.startAggregation;
		if (source === undefined || start === undefined) {
			view.apply({type: 'answered'});
			return;
		}

		view.apply({type: 'answered', notice: startingNotice(source)});
		startInBackground(start, source, result => {
			if (mounted.current) {
				view.apply({type: 'notice', notice: startNotice(source, result)});
			}
		});
	}, [commands, view, mounted]);

	const run = useCallback(
		(command: Command): boolean => {
			if (view.current().mode === 'confirm-start') {
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

			if (pickerCommand(picker, command, load, view)) {
				return true;
			}

			if (command === 'choose') {
				choose();
				return true;
			}

			if (command === 'open-source') {
				openFromPicker(picker, commands, source => ({name: source.name, tenant: source.tenant, sourceId: source.id}));
				return true;
			}

			return false;
		},
		[view, picker, load, choose, startPending, commands],
	);
	return {run, ...usePickerEntry(view, picker, load, 'sources')};
}
