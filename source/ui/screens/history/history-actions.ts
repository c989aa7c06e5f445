import {toNormal, toScreen, type ViewState} from '../../state/screen-state.js';

/** The history view's own actions (H): its filter prompt and its detail pane. Its list lives in a PickerState. Pure. */
export type HistoryAction = {type: 'open-history-filter'} | {type: 'close-history-filter'} | {type: 'toggle-history-detail'};

const HISTORY_ACTIONS: Record<HistoryAction['type'], true> = {
	'open-history-filter': true,
	'close-history-filter': true,
	'toggle-history-detail': true,
};

export function isHistoryAction(action: {type: string}): action is HistoryAction {
	return action.type in HISTORY_ACTIONS;
}

export function reduceHistory(view: ViewState, action: HistoryAction): ViewState {
	switch (action.type) {
		case 'open-history-filter': {
			return view.mode === 'history' ? toScreen(view, {mode: 'history-filtering'}) : view;
		}

		case 'close-history-filter': {
			return view.mode === 'history-filtering' ? toScreen(view, {mode: 'history'}) : view;
		}

		case 'toggle-history-detail': {
			return {...view, historyDetail: !view.historyDetail};
		}
	}
}

/** Esc: the filter prompt goes back to the history, the history to the list. */
export function cancelHistory(view: ViewState): ViewState {
	return view.mode === 'history-filtering' ? toScreen(view, {mode: 'history'}) : toNormal(view);
}
