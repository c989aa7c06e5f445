import type {RowKey} from '../../../core/types.js';
import {nextSort} from '../../../core/view.js';
import {toNormal, toScreen, type Message, type ViewState} from '../../state/screen-state.js';
import {shortToken, type IdInput} from './id-input.js';
import {plural} from '../../../domain/text.js';

/**
 * The monitor list's own actions: the detail pane, sort and tenant, and the prompts (add, filter) and
 * confirmations (remove, clear) under the list. Pure.
 */
export type ListAction =
	| {type: 'toggle-detail'}
	| {type: 'open-add'; text?: string}
	| {type: 'open-filter'}
	| {type: 'type'; text: string}
	| {type: 'erase'}
	| {type: 'erase-line'}
	| {type: 'submit-filter'}
	| {type: 'submitted-add'; result: IdInput}
	| {type: 'clear-filter'}
	| {type: 'ask'; mode: 'confirm-remove' | 'confirm-clear'; keys: RowKey[]; question: string}
	| {type: 'answered'; notice?: Message}
	| {type: 'cycle-sort'}
	/** t: all tenants → each of `tenants` in turn → all tenants. */
	| {type: 'cycle-tenant'; tenants: readonly string[]};

const LIST_ACTIONS: Record<ListAction['type'], true> = {
	'toggle-detail': true,
	'open-add': true,
	'open-filter': true,
	type: true,
	erase: true,
	'erase-line': true,
	'submit-filter': true,
	'submitted-add': true,
	'clear-filter': true,
	ask: true,
	answered: true,
	'cycle-sort': true,
	'cycle-tenant': true,
};

export function isListAction(action: {type: string}): action is ListAction {
	return action.type in LIST_ACTIONS;
}

/** Pasted new lines (terminals send \r) and tabs become spaces, the separators shown; other control characters go. */
function cleanAddText(text: string): string {
	return text.replaceAll(/[\r\n\t]+/g, ' ').replaceAll(/[\x00-\x1f\x7f]/g, '');
}

/** The tenant after `current` in `tenants` (sorted as given); undefined (all tenants) after the last one. */
export function nextTenant(current: string | undefined, tenants: readonly string[]): string | undefined {
	if (tenants.length === 0) {
		return undefined;
	}

	if (current === undefined) {
		return tenants[0];
	}

	// A tenant whose rows are all gone shows as all tenants, so the next one is the first.
	const index = tenants.indexOf(current);
	return index === -1 ? tenants[0] : tenants[index + 1];
}

function addMessages(result: IdInput): {messages: Message[]; notice?: Message} {
	const messages: Message[] = [];
	for (const {token, reason} of result.rejected) {
		messages.push({level: 'error', text: `Rejected ${shortToken(token)}: ${reason}`});
	}

	if (result.duplicates.length > 0) {
		messages.push({level: 'info', text: `Already tracked: ${result.duplicates.map(token => shortToken(token)).join(', ')}`});
	}

	const added = result.accepted.length;
	const summary: Message | undefined = added > 0 ? {level: 'info', text: `Added ${plural(added, 'aggregation')}`} : undefined;
	if (result.rejected.length > 0) {
		return {messages: summary ? [summary, ...messages] : messages};
	}

	// Nothing left to fix: the prompt closes and the most important message stays in the footer.
	const warning = messages.find(message => message.level === 'warning');
	const notice = warning ?? summary ?? messages[0];
	return notice ? {messages: [], notice} : {messages: []};
}

/** Esc in a mode of the list screen: the filter prompt clears the filter and closes (k9s); the rest just close. */
export function cancelList(view: ViewState): ViewState {
	switch (view.mode) {
		case 'normal': {
			return view;
		}

		case 'filtering': {
			return toNormal(view, {filter: ''});
		}

		default: {
			return toNormal(view);
		}
	}
}

export function reduceList(view: ViewState, action: ListAction): ViewState {
	switch (action.type) {
		case 'toggle-detail': {
			return {...view, detailOpen: !view.detailOpen};
		}

		case 'open-add': {
			return toScreen(view, {mode: 'adding', prompt: cleanAddText(action.text ?? ''), messages: []}, {notice: undefined});
		}

		case 'open-filter': {
			return toScreen(view, {mode: 'filtering', prompt: view.filter}, {notice: undefined});
		}

		case 'type': {
			if (view.mode === 'adding') {
				const text = cleanAddText(action.text);
				return text === '' ? view : {...view, prompt: view.prompt + text};
			}

			if (view.mode === 'filtering') {
				const text = action.text.replaceAll(/[\x00-\x1f\x7f]/g, '');
				const prompt = view.prompt + text;
				return text === '' ? view : {...view, prompt, filter: prompt};
			}

			return view;
		}

		case 'erase':
		case 'erase-line': {
			if (view.mode !== 'adding' && view.mode !== 'filtering') {
				return view;
			}

			const prompt = action.type === 'erase' ? [...view.prompt].slice(0, -1).join('') : '';
			return view.mode === 'filtering' ? {...view, prompt, filter: prompt} : {...view, prompt};
		}

		case 'submit-filter': {
			return view.mode === 'filtering' ? toNormal(view, {filter: view.prompt.trim()}) : view;
		}

		case 'submitted-add': {
			if (view.mode !== 'adding') {
				return view;
			}

			const {result} = action;
			if (result.accepted.length === 0 && result.rejected.length === 0 && result.duplicates.length === 0) {
				return {...view, messages: [{level: 'error', text: 'Type or paste one or more aggregation ids first'}]};
			}

			const {messages, notice} = addMessages(result);
			if (result.rejected.length > 0) {
				// Keep only what needs fixing in the prompt.
				return {...view, prompt: result.rejected.map(rejected => rejected.token).join(' '), messages};
			}

			return toNormal(view, {notice});
		}

		case 'clear-filter': {
			return view.filter === '' ? view : {...view, filter: ''};
		}

		case 'ask': {
			if (action.keys.length === 0 && action.mode === 'confirm-remove') {
				return view;
			}

			const screen =
				action.mode === 'confirm-remove'
					? {mode: action.mode, pending: action.keys, question: action.question}
					: {mode: action.mode, question: action.question};
			return toScreen(view, screen, {notice: undefined});
		}

		case 'answered': {
			return toNormal(view, {notice: action.notice});
		}

		case 'cycle-sort': {
			return {...view, sort: nextSort(view.sort)};
		}

		case 'cycle-tenant': {
			const tenantFilter = nextTenant(view.tenantFilter, action.tenants);
			return tenantFilter === view.tenantFilter ? view : {...view, tenantFilter};
		}
	}
}
