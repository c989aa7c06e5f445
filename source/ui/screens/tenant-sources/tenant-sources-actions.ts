import type {StartableSource} from '../../monitor/commands.js';
import {reduceSelection, type SelectionAction} from '../../state/list-selection.js';
import {toNormal, toScreen, type GlanceSort, type GlanceView, type Message, type ViewState} from '../../state/screen-state.js';

/**
 * The tenant at a glance's actions (O): its selection, filter prompt, sort, details, the question before a start,
 * and tracking a running source's aggregation (which goes to its row in the monitor list). Pure.
 */
export type TenantSourcesAction =
	| {type: 'open-glance'}
	/** Move the glance's cursor (the selection action carries the glance's list as it is on screen). */
	| {type: 'glance-select'; action: SelectionAction}
	| {type: 'glance-open-filter'}
	| {type: 'glance-type'; text: string}
	| {type: 'glance-erase'}
	| {type: 'glance-erase-line'}
	/** Enter: keep the filter typed. */
	| {type: 'glance-keep-filter'}
	| {type: 'glance-clear-filter'}
	| {type: 'glance-sort'}
	| {type: 'glance-detail'}
	| {type: 'glance-ask-start'; source: StartableSource; question: string}
	/** The start question was answered (y or n): back to the glance, with what came of it. */
	| {type: 'glance-answered'; notice?: Message}
	/** A running source's aggregation is tracked: the monitor list, with its row selected and shown. */
	| {type: 'glance-tracked'; key: string; notice?: Message};

const ACTIONS: Record<TenantSourcesAction['type'], true> = {
	'open-glance': true,
	'glance-select': true,
	'glance-open-filter': true,
	'glance-type': true,
	'glance-erase': true,
	'glance-erase-line': true,
	'glance-keep-filter': true,
	'glance-clear-filter': true,
	'glance-sort': true,
	'glance-detail': true,
	'glance-ask-start': true,
	'glance-answered': true,
	'glance-tracked': true,
};

export function isTenantSourcesAction(action: {type: string}): action is TenantSourcesAction {
	return action.type in ACTIONS;
}

/** The order `s` cycles through: attention first (as `aggwatch sources`), by name, last ended first, next run first. */
export const GLANCE_SORTS: readonly GlanceSort[] = ['attention', 'name', 'ended', 'next'];

export function createGlanceView(): GlanceView {
	return {filter: '', sort: 'attention', detail: false, selectedIndex: 0, scrollOffset: 0};
}

/** The glance's own state, when the view is on it. */
export function glanceOf(view: ViewState): GlanceView | undefined {
	return view.mode === 'tenant-sources' || view.mode === 'tenant-sources-filtering' || view.mode === 'confirm-source-start'
		? view.glance
		: undefined;
}

/** Control characters are not text in a filter (a paste's new lines and tabs become spaces). */
function cleanText(text: string): string {
	return text.replaceAll(/[\r\n\t]+/g, ' ').replaceAll(/[\u0000-\u001F\u007F]/g, '');
}

function withGlance(view: ViewState, change: (glance: GlanceView) => GlanceView): ViewState {
	if (view.mode === 'tenant-sources' || view.mode === 'tenant-sources-filtering' || view.mode === 'confirm-source-start') {
		const glance = change(view.glance);
		return glance === view.glance ? view : {...view, glance};
	}

	return view;
}

/** A new filter starts from the first row. */
function filtered(glance: GlanceView, filter: string): GlanceView {
	if (filter === glance.filter) {
		return glance;
	}

	const {selectedKey: _selectedKey, ...rest} = glance;
	return {...rest, filter, selectedIndex: 0, scrollOffset: 0};
}

export function reduceTenantSources(view: ViewState, action: TenantSourcesAction): ViewState {
	switch (action.type) {
		case 'open-glance': {
			return toScreen(view, {mode: 'tenant-sources', glance: createGlanceView()}, {notice: undefined});
		}

		case 'glance-select': {
			return withGlance(view, glance => reduceSelection(glance, action.action));
		}

		case 'glance-open-filter': {
			return view.mode === 'tenant-sources' ? toScreen(view, {mode: 'tenant-sources-filtering', glance: view.glance}) : view;
		}

		case 'glance-type': {
			return view.mode === 'tenant-sources-filtering'
				? withGlance(view, glance => filtered(glance, glance.filter + cleanText(action.text)))
				: view;
		}

		case 'glance-erase': {
			return view.mode === 'tenant-sources-filtering'
				? withGlance(view, glance => filtered(glance, [...glance.filter].slice(0, -1).join('')))
				: view;
		}

		case 'glance-erase-line': {
			return view.mode === 'tenant-sources-filtering' ? withGlance(view, glance => filtered(glance, '')) : view;
		}

		case 'glance-keep-filter': {
			return view.mode === 'tenant-sources-filtering' ? toScreen(view, {mode: 'tenant-sources', glance: view.glance}) : view;
		}

		case 'glance-clear-filter': {
			return withGlance(view, glance => filtered(glance, ''));
		}

		case 'glance-sort': {
			return withGlance(view, glance => ({
				...glance,
				sort: GLANCE_SORTS[(GLANCE_SORTS.indexOf(glance.sort) + 1) % GLANCE_SORTS.length] ?? 'attention',
			}));
		}

		case 'glance-detail': {
			return withGlance(view, glance => ({...glance, detail: !glance.detail}));
		}

		case 'glance-ask-start': {
			return view.mode === 'tenant-sources'
				? toScreen(
						view,
						{mode: 'confirm-source-start', glance: view.glance, pendingSource: action.source, question: action.question},
						{notice: undefined},
					)
				: view;
		}

		case 'glance-answered': {
			const glance = glanceOf(view);
			return glance === undefined ? view : toScreen(view, {mode: 'tenant-sources', glance}, {notice: action.notice});
		}

		case 'glance-tracked': {
			// The row is shown whatever the list's filters were: they are cleared.
			const next = toNormal(view, {selectedKey: action.key, filter: '', notice: action.notice});
			delete next.tenantFilter;
			if (action.notice === undefined) {
				delete next.notice;
			}

			return next;
		}
	}
}

/**
 * Esc: the filter prompt clears the filter and closes (as a picker's filter line does, k9s-like), the start question
 * goes back to the glance, the glance clears its filter, else goes back to the monitor list.
 */
export function cancelTenantSources(view: ViewState): ViewState {
	switch (view.mode) {
		case 'tenant-sources-filtering': {
			return toScreen(view, {mode: 'tenant-sources', glance: filtered(view.glance, '')});
		}

		case 'confirm-source-start': {
			return toScreen(view, {mode: 'tenant-sources', glance: view.glance});
		}

		case 'tenant-sources': {
			return view.glance.filter === '' ? toNormal(view) : withGlance(view, glance => filtered(glance, ''));
		}

		default: {
			return toNormal(view);
		}
	}
}
