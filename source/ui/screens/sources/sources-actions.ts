import type {StartableSource} from '../../monitor/commands.js';
import {toNormal, toScreen, type ViewState} from '../../state/screen-state.js';

/** The source picker's view actions (S): asking before a start. Its list lives in a PickerState. Pure. */
export type SourcesAction = {type: 'ask-start'; source: StartableSource; question: string};

export function isSourcesAction(action: {type: string}): action is SourcesAction {
	return action.type === 'ask-start';
}

export function reduceSources(view: ViewState, action: SourcesAction): ViewState {
	return toScreen(view, {mode: 'confirm-start', pendingSource: action.source, question: action.question}, {notice: undefined});
}

/** Esc: the confirmation and the filter line go back to the picker, the picker to the list. */
export function cancelSources(view: ViewState): ViewState {
	return view.mode === 'confirm-start' || view.mode === 'sources-filtering' ? toScreen(view, {mode: 'sources'}) : toNormal(view);
}
