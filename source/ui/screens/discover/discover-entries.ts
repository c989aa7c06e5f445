import {rowKey} from '../../../core/types.js';
import {clockWithAge} from '../../text/clock-text.js';
import type {DiscoveredAggregation} from '../../monitor/commands.js';
import type {Segment} from '../../components/picker.js';
import {idShortener} from '../../../core/short-ids.js';
import {columnWidth, fit} from '../../../domain/text.js';

/** How the discover picker lists running aggregations. */

export function discoverKey(item: DiscoveredAggregation): string {
	return rowKey(item.tenant, item.id);
}

/** The source's name, else the id cut by `short` (idShortener of the ids listed with it; default its first 8 characters). */
export function discoverName(item: DiscoveredAggregation, short: (id: string) => string = idShortener([item.id])): string {
	return item.sourceName ?? short(item.id);
}

/** What the picker's filter matches: source name, id, tenant and progress text. */
export function discoverText(item: DiscoveredAggregation): string {
	return [item.sourceName ?? '', item.id, item.tenant, item.progress ?? ''].join('\n');
}

/** Items not tracked already (`tracked` holds row keys), newest start first as discover gave them. */
export function untracked(items: readonly DiscoveredAggregation[], tracked: ReadonlySet<string>): DiscoveredAggregation[] {
	const seen = new Set<string>();
	return items.filter(item => {
		const key = discoverKey(item);
		if (tracked.has(key) || seen.has(key)) {
			return false;
		}

		seen.add(key);
		return true;
	});
}

/** When it started (the STARTED column): its clock time and age, or the tenant's text when that is not a date. */
function startedText(started: string | undefined, now: number): string {
	const at = started === undefined ? Number.NaN : Date.parse(started);
	return Number.isNaN(at) ? (started ?? '') : clockWithAge(at, now);
}

/**
 * Widths of the name, start and progress columns: as wide as the longest shown (at most 28, 30 and 40), so at 80
 * columns the tenant's progress text stays whole and the id, last, gives way.
 */
export interface DiscoverWidths {
	name: number;
	started: number;
	progress: number;
}

export function discoverWidths(items: readonly DiscoveredAggregation[], now: number, short: (id: string) => string): DiscoverWidths {
	return {
		name: columnWidth(
			'SOURCE',
			items.map(item => discoverName(item, short)),
			28,
		),
		started: columnWidth(
			'STARTED',
			items.map(item => startedText(item.started, now)),
			30,
		),
		progress: columnWidth(
			'PROGRESS',
			items.map(item => item.progress ?? ''),
			40,
		),
	};
}

/** Column titles matching discoverSegments, after the cursor and the mark box. */
export function discoverColumns(widths: DiscoverWidths, withTenant: boolean): string {
	return [
		`      ${fit('SOURCE', widths.name, 'left')}`,
		...(withTenant ? [fit('TENANT', 12, 'left')] : []),
		fit('STARTED', widths.started, 'left'),
		fit('PROGRESS', widths.progress, 'left'),
		'ID',
	].join(' ');
}

export function discoverSegments(
	item: DiscoveredAggregation,
	now: number,
	withTenant: boolean,
	ellipsis: string,
	short: (id: string) => string = idShortener([item.id]),
	widths: DiscoverWidths = {name: 28, started: 30, progress: 40},
): Segment[] {
	const segments: Segment[] = [{text: fit(discoverName(item, short), widths.name, 'left', ellipsis)}];
	if (withTenant) {
		segments.push({text: ` ${fit(item.tenant, 12, 'left', ellipsis)}`, role: 'accent'});
	}

	segments.push(
		{text: ` ${fit(startedText(item.started, now), widths.started, 'left', ellipsis)}`, role: 'muted'},
		{text: ` ${fit(item.progress ?? '', widths.progress, 'left', ellipsis)}`},
		{text: ` ${short(item.id)}`, role: 'muted'},
	);
	return segments;
}
