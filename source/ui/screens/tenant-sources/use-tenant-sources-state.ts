import {useEffect, useMemo, useRef} from 'react';
import type {SourceOverview} from '../../../core/source-overview.js';
import {detailHeight} from '../../components/detail-pane.js';
import {pickerChrome, statusHeight, type PickerStatus} from '../../components/picker.js';
import type {SourcesGlance} from '../../monitor/commands.js';
import {visibleWindow, type ListView, type VisibleWindow} from '../../state/list-selection.js';
import type {GlanceView} from '../../state/screen-state.js';
import type {DetailContent} from '../../text/detail-fields.js';
import {filterGlance, glanceDetail, glanceKey, sortGlance} from './tenant-source-entries.js';
import {createGlanceView} from './tenant-sources-actions.js';
import {useGlanceVersion} from '../../state/use-glance-version.js';

/** How often the open glance reads the sources and their runs again. */
const REREAD_EVERY_MS = 60_000;

export interface TenantSourcesScreenState {
	/** The sources shown: filtered and sorted. */
	shown: SourceOverview[];
	/** Sources known in all. */
	total: number;
	/** The list as it is on screen, for the selection actions. */
	list: ListView;
	window: VisibleWindow;
	selected?: SourceOverview;
	status: PickerStatus;
	complete: boolean;
	multiTenant: boolean;
	glance: GlanceView;
	content?: DetailContent;
	detailLines: number;
}

/**
 * The tenant at a glance's data (O): the glance's lines as they come in (it is listened to while the screen is
 * open), filtered and sorted, the window on screen, and the selected source's details. The sources on screen are
 * told to the glance, so their schedules are read first.
 */
export function useTenantSourcesState({
	glance,
	view,
	active,
	now,
	width,
	body,
}: {
	glance?: SourcesGlance;
	/** The glance's own state, while it is open. */
	view?: GlanceView;
	active: boolean;
	now: number;
	width: number;
	body: number;
}): TenantSourcesScreenState {
	const version = useGlanceVersion(glance, active);

	// While open, the sources and their runs are read again every minute (schedules are kept an hour by the reader),
	// so a run in progress moves on screen; opening the screen reads them already.
	const lastRead = useRef<number | undefined>(undefined);
	const complete = active && glance !== undefined && glance.status().complete;
	useEffect(() => {
		if (!active || glance === undefined) {
			lastRead.current = undefined;
			return;
		}

		lastRead.current ??= now;
		if (complete && now - lastRead.current >= REREAD_EVERY_MS) {
			lastRead.current = now;
			glance.refresh();
		}
	}, [active, glance, now, complete]);

	const own = view ?? createGlanceView();
	// Worked out again when an answer comes in and at each tick (overdue and ages move with the clock), only while open.
	// eslint-disable-next-line react-hooks/exhaustive-deps -- version and now are the triggers: overviews() reads the glance's live state
	const overviews = useMemo(() => (active && glance !== undefined ? glance.overviews() : []), [active, glance, version, now]);
	const status = active && glance !== undefined ? glance.status() : {complete: false, runsRead: false, errors: []};
	const shown = useMemo(() => sortGlance(filterGlance(overviews, own.filter), own.sort), [overviews, own.filter, own.sort]);
	const multiTenant = useMemo(() => new Set(overviews.map(overview => overview.tenant)).size > 1, [overviews]);
	const keys = useMemo(() => shown.map(glanceKey), [shown]);

	const pickerStatus: PickerStatus = {
		...(overviews.length === 0 && !status.complete ? {loading: 'Reading the sources...'} : {}),
		...(status.errors.length > 0 ? {error: status.errors.join('; ')} : {}),
		empty: overviews.length === 0 ? 'No sources found.' : `No source matches "${own.filter}". Esc clears the filter.`,
		count: shown.length,
	};

	const preliminary = visibleWindow(own, {keys, height: Math.max(1, body)});
	const selected = preliminary.selected === -1 ? undefined : shown[preliminary.selected];
	const runs = selected === undefined || glance === undefined ? [] : glance.runsOf(selected.tenant, selected.id);
	const content = own.detail && selected !== undefined ? glanceDetail(selected, runs, now) : undefined;
	const chrome = pickerChrome({filter: false, columns: true, statusLines: statusHeight(pickerStatus, width)});
	const room = Math.max(0, body - chrome - 3);
	const detailLines = content === undefined ? 0 : Math.min(detailHeight(content, width), room);
	const list: ListView = {keys, height: Math.max(1, body - detailLines - chrome)};
	const window = visibleWindow(own, list);

	const onScreen = shown.slice(window.start, window.end);
	const priorityText = [...(selected === undefined ? [] : [selected]), ...onScreen]
		.map(overview => `${overview.tenant}\u0000${overview.id}`)
		.join('\n');
	useEffect(() => {
		if (active && glance !== undefined && priorityText !== '') {
			glance.prioritize(
				priorityText.split('\n').map(line => {
					const [tenant = '', id = ''] = line.split('\u0000');
					return {tenant, id};
				}),
			);
		}
	}, [active, glance, priorityText]);

	return {
		shown,
		total: overviews.length,
		list,
		window,
		...(selected === undefined ? {} : {selected}),
		status: pickerStatus,
		complete: status.complete,
		multiTenant,
		glance: own,
		...(content === undefined ? {} : {content}),
		detailLines,
	};
}
