import {rowKey} from '../../../core/types.js';
import {clockWithAge} from '../../text/clock-text.js';
import type {DiscoveredAggregation} from '../../monitor/commands.js';
import type {Segment} from '../../components/picker.js';
import {idShortener} from '../../../core/short-ids.js';
import {fit} from '../../../domain/text.js';

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

function startedText(started: string | undefined, now: number): string {
	const at = started === undefined ? Number.NaN : Date.parse(started);
	return Number.isNaN(at) ? (started ?? '') : `started ${clockWithAge(at, now)}`;
}

export function discoverSegments(
	item: DiscoveredAggregation,
	now: number,
	withTenant: boolean,
	ellipsis: string,
	short: (id: string) => string = idShortener([item.id]),
): Segment[] {
	const segments: Segment[] = [{text: fit(discoverName(item, short), 28, 'left', ellipsis)}];
	if (withTenant) {
		segments.push({text: ` ${fit(item.tenant, 12, 'left', ellipsis)}`, role: 'accent'});
	}

	segments.push(
		{text: ` ${fit(startedText(item.started, now), 30, 'left', ellipsis)}`, role: 'muted'},
		{text: ` ${short(item.id)}`, role: 'muted'},
	);
	if (item.progress !== undefined && item.progress !== '') {
		segments.push({text: `  ${item.progress}`});
	}

	return segments;
}
