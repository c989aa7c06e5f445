import {useCallback} from 'react';
import {idShortener} from '../../../core/short-ids.js';
import type {DiscoveredAggregation, MonitorCommands} from '../../monitor/commands.js';
import {discoverKey, discoverName} from './discover-entries.js';
import type {Command} from '../../keys/keymap.js';
import {openFromPicker, pickerCommand, selectedOf, usePickerEntry} from '../../picker/picker-keys.js';
import {plural} from '../../../domain/text.js';
import type {ShownPicker} from '../../picker/use-picker-state.js';
import type {ScreenKeys} from '../../keys/use-monitor-keys.js';
import type {PickerSource} from '../../picker/use-picker-state.js';
import type {ViewStore} from '../../state/use-view-state.js';

export interface DiscoverKeysOptions {
	view: ViewStore;
	commands: MonitorCommands;
	picker: ShownPicker<DiscoveredAggregation>;
	/** Where the list comes from; absent: D is not offered. */
	load?: PickerSource<DiscoveredAggregation>;
}

function listOfNames(names: readonly string[]): string {
	const shown = names.slice(0, 3).join(', ');
	return names.length > 3 ? `${shown} and ${names.length - 3} more` : shown;
}

/** The discover picker's keys: move, filter, Space marks, Enter tracks the marked ones (or the highlighted one). */
export function useDiscover({view, commands, picker, load}: DiscoverKeysOptions): ScreenKeys & {open?: () => void} {
	const choose = useCallback(() => {
		const wanted = new Set(picker.store.current().marked);
		let items = picker.available.filter(item => wanted.has(discoverKey(item)));
		if (items.length === 0) {
			const highlighted = selectedOf(picker);
			items = highlighted === undefined ? [] : [highlighted];
		}

		if (items.length === 0) {
			picker.store.apply({type: 'message', message: {level: 'warning', text: 'Nothing to track: no running aggregation is listed'}});
			return;
		}

		commands.track?.(items);
		const short = idShortener(picker.available.map(entry => entry.id));
		view.apply({
			type: 'close-screen',
			notice: {
				level: 'info',
				text: `Tracking ${plural(items.length, 'aggregation')}: ${listOfNames(items.map(item => discoverName(item, short)))}`,
			},
		});
	}, [picker, commands, view]);

	const run = useCallback(
		(command: Command): boolean => {
			if (pickerCommand(picker, command, load, view)) {
				return true;
			}

			if (command === 'mark') {
				const item = selectedOf(picker);
				if (item !== undefined) {
					picker.store.apply({type: 'toggle-mark', key: discoverKey(item)});
				}

				return true;
			}

			if (command === 'choose') {
				choose();
				return true;
			}

			if (command === 'open-source') {
				openFromPicker(picker, commands, item => ({name: discoverName(item), tenant: item.tenant, aggregationId: item.id}));
				return true;
			}

			return false;
		},
		[picker, load, view, choose, commands],
	);
	return {run, ...usePickerEntry(view, picker, load, 'discover')};
}
