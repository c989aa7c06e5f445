import {useCallback, useMemo} from 'react';
import type {TrackedRow} from '../../../core/types.js';
import {fit} from '../../../domain/text.js';
import type {SourcesGlance, StartableSource} from '../../monitor/commands.js';
import type {PickerStatus} from '../../components/picker.js';
import {sortSources, sourceKey, sourceText, trackedRunning, type KnownRuns} from './source-entries.js';
import {usePickerScreen, type PickerWords} from '../../picker/use-picker-screen.js';
import type {ShownPicker} from '../../picker/use-picker-state.js';
import {useGlanceVersion} from '../../state/use-glance-version.js';
import {useTheme} from '../../theme/theme.js';

export interface SourcesScreenState {
	picker: ShownPicker<StartableSource>;
	status: PickerStatus;
	/** What marks the entries: the running rows the monitor tracks, and the tenant's word on each source's runs. */
	known: KnownRuns;
}

const WORDS: PickerWords = {
	loading: 'Listing sources...',
	failed: {what: 'Could not list sources', todo: 'Ctrl-R tries again, Esc goes back.'},
	empty: (filter, nothing) => (nothing ? 'No sources found.' : `No source matches "${filter}".`),
};

/**
 * The source picker's data (S): every source, sorted and filtered, with its status line, and what is known of its
 * runs: the monitor's running rows (live), and the tenant's running and last runs as the sources glance (O) reads them
 * (the glance is listened to while the picker is open; opening it asks for the runs, see use-monitor-view).
 */
export function useSourcesState({
	width,
	body,
	rows,
	glance,
	active,
}: {
	width: number;
	body: number;
	rows: readonly TrackedRow[];
	glance?: SourcesGlance;
	active: boolean;
}): SourcesScreenState {
	const version = useGlanceVersion(glance, active);

	const tracked = useMemo(() => (active ? trackedRunning(rows) : new Map<string, TrackedRow>()), [active, rows]);
	const read = useMemo(
		() => (active && glance !== undefined ? {overviews: glance.overviews(), status: glance.status()} : undefined),
		// eslint-disable-next-line react-hooks/exhaustive-deps -- version is the trigger: overviews() and status() read the glance's live state
		[active, glance, version],
	);
	const known = useMemo((): KnownRuns => {
		if (read === undefined) {
			return {tracked, overviews: new Map(), runs: 'off'};
		}

		const overviews = new Map(read.overviews.map(overview => [sourceKey(overview), overview]));
		const runs = !read.status.runsRead ? 'reading' : read.status.errors.length > 0 ? 'failed' : 'read';
		return {tracked, overviews, runs};
	}, [tracked, read]);

	// The filter matches the words the entries show, which change as the runs are read and the tracked rows move.
	const {glyphs} = useTheme();
	const textOf = useCallback((source: StartableSource) => sourceText(source, known, glyphs), [known, glyphs]);
	const {picker, status} = usePickerScreen({
		offer: sortSources,
		textOf,
		keyOf: sourceKey,
		words: WORDS,
		chrome: {filter: true, columns: true},
		width,
		body,
	});

	const errors = read?.status.errors ?? [];
	const runsMessage =
		errors.length === 0
			? undefined
			: {level: 'warning' as const, text: fit(`Last runs not read (${errors.join('; ')}): Ctrl-R tries again`, Math.max(10, width - 2))};
	return {picker, status: status.message === undefined && runsMessage !== undefined ? {...status, message: runsMessage} : status, known};
}
