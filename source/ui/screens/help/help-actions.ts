import {clamp} from '../../state/list-selection.js';
import {toNormal, toScreen, type ViewState} from '../../state/screen-state.js';

/** The help overlay's actions (?): it opens at its top and scrolls within its lines. Pure. */
export type HelpAction = {type: 'open-help'} | {type: 'scroll-help'; by: number; max: number};

const HELP_ACTIONS: Record<HelpAction['type'], true> = {'open-help': true, 'scroll-help': true};

export function isHelpAction(action: {type: string}): action is HelpAction {
	return action.type in HELP_ACTIONS;
}

export function reduceHelp(view: ViewState, action: HelpAction): ViewState {
	switch (action.type) {
		case 'open-help': {
			return toScreen(view, {mode: 'help', helpScroll: 0}, {notice: undefined});
		}

		case 'scroll-help': {
			if (view.mode !== 'help') {
				return view;
			}

			const helpScroll = clamp(view.helpScroll + action.by, 0, Math.max(0, action.max));
			return helpScroll === view.helpScroll ? view : {...view, helpScroll};
		}
	}
}

/** Esc or ? closes the help. */
export function cancelHelp(view: ViewState): ViewState {
	return toNormal(view);
}
