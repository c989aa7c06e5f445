import {completionOf, countLabel, orderedCounts} from '../../../domain/outcome.js';
import {formatCount, formatDuration} from '../../../core/durations.js';
import {compareOverviews, type SourceOverview, type SourceRunTask} from '../../../core/source-overview.js';
import {normalCompletionStatus} from '../../../domain/outcome.js';
import {
	attentionWords,
	figuresWords,
	nextRunWords,
	outcomeWords,
	relativeWords,
	runningWords,
	scheduleWords,
	tookWords,
} from '../../../core/source-overview-text.js';
import type {Segment} from '../../components/picker.js';
import type {StartableSource} from '../../monitor/commands.js';
import type {GlanceSort} from '../../state/screen-state.js';
import type {DetailContent, DetailField} from '../../text/detail-fields.js';
import {clockWithAge} from '../../text/clock-text.js';
import {columnWidth, fit} from '../../../domain/text.js';
import type {ColorRole, Glyphs} from '../../theme/theme.js';

/** How the tenant at a glance (O) lists sources: the words of `aggwatch sources` (core/source-overview-text.ts). */

export function glanceKey(overview: SourceOverview): string {
	return `${overview.tenant}\u0000${overview.id}`;
}

/** What the filter matches: name, connector, tenant, id and the attention kinds. */
export function glanceText(overview: SourceOverview): string {
	return [overview.name, overview.connector ?? '', overview.tenant, overview.id, overview.attention.join(' ')].join('\n').toLowerCase();
}

export function filterGlance(overviews: readonly SourceOverview[], filter: string): SourceOverview[] {
	const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
	return words.length === 0 ? [...overviews] : overviews.filter(overview => words.every(word => glanceText(overview).includes(word)));
}

export const SORT_LABELS: Record<GlanceSort, string> = {
	attention: 'attention first',
	name: 'by name',
	ended: 'last ended first',
	next: 'next run first',
};

function timeOf(iso: string | null | undefined, missing: number): number {
	const at = iso === null || iso === undefined ? Number.NaN : Date.parse(iso);
	return Number.isNaN(at) ? missing : at;
}

function byName(a: SourceOverview, b: SourceOverview): number {
	return a.name.localeCompare(b.name, undefined, {sensitivity: 'base'}) || a.tenant.localeCompare(b.tenant) || a.id.localeCompare(b.id);
}

export function sortGlance(overviews: readonly SourceOverview[], sort: GlanceSort): SourceOverview[] {
	const sorted = [...overviews];
	switch (sort) {
		case 'attention': {
			return sorted.sort((a, b) => compareOverviews(a, b) || byName(a, b));
		}

		case 'name': {
			return sorted.sort(byName);
		}

		case 'ended': {
			const ended = (overview: SourceOverview) => timeOf(overview.lastRun?.completed, Number.NEGATIVE_INFINITY);
			return sorted.sort((a, b) => ended(b) - ended(a) || byName(a, b));
		}

		case 'next': {
			const next = (overview: SourceOverview) => timeOf(overview.schedule?.next, Number.POSITIVE_INFINITY);
			return sorted.sort((a, b) => next(a) - next(b) || byName(a, b));
		}
	}
}

/** Each column's width (0: hidden), from the sources and the width (glanceLayout). */
export interface GlanceLayout {
	name: number;
	tenant: number;
	health: number;
	last: number;
	ended: number;
	took: number;
	running: number;
}

/** The cursor and its space. */
const LEAD = 2;
const TITLES = {
	name: 'SOURCE',
	tenant: 'TENANT',
	health: 'HEALTH',
	last: 'LAST RUN',
	ended: 'ENDED',
	took: 'TOOK',
	running: 'RUNNING',
	attention: 'ATTENTION',
} as const;
const CAPS = {name: 30, tenant: 12, last: 34, running: 20, attention: 30} as const;
/** A source name or an outcome is cut no shorter than this when even the words do not fit. */
const MIN_WORDS = 12;

function healthText(overview: SourceOverview): string {
	return overview.healthy === false ? 'unhealthy' : overview.healthy === true ? 'healthy' : '?';
}

function lastText(overview: SourceOverview): string {
	return overview.lastRun === null ? 'never' : outcomeWords(overview.lastRun);
}

function endedText(overview: SourceOverview, now: number): string {
	const ended = timeOf(overview.lastRun?.completed, Number.NaN);
	return Number.isNaN(ended) ? '-' : relativeWords(ended, now);
}

function tookText(overview: SourceOverview): string {
	const run = overview.lastRun;
	return run === null || run.durationSeconds === null ? '-' : formatDuration(run.durationSeconds * 1000);
}

function runningText(overview: SourceOverview, now: number): string {
	return overview.running === null ? '-' : runningWords(overview.running, now);
}

/**
 * The glance's columns at this width, from what the sources say. The words a user scans (the source, its last run,
 * what needs attention, at the end of the line) keep their whole text; the rest makes room for them, in this order:
 * how long the last run took, the health (also said among the attention words when it is bad), when it ended, the run
 * in progress. Only then are the last run and the source cut. The next run, after the attention words, is cut first.
 */
export function glanceLayout(overviews: readonly SourceOverview[], now: number, width: number, withTenant: boolean): GlanceLayout {
	const layout: GlanceLayout = {
		name: columnWidth(
			TITLES.name,
			overviews.map(overview => overview.name),
			CAPS.name,
		),
		tenant: withTenant
			? columnWidth(
					TITLES.tenant,
					overviews.map(overview => overview.tenant),
					CAPS.tenant,
				)
			: 0,
		health: columnWidth(
			TITLES.health,
			overviews.map(overview => healthText(overview)),
		),
		last: columnWidth(
			TITLES.last,
			overviews.map(overview => lastText(overview)),
			CAPS.last,
		),
		ended: columnWidth(
			TITLES.ended,
			overviews.map(overview => endedText(overview, now)),
		),
		took: columnWidth(
			TITLES.took,
			overviews.map(overview => tookText(overview)),
		),
		running: columnWidth(
			TITLES.running,
			overviews.map(overview => runningText(overview, now)),
			CAPS.running,
		),
	};
	const attention = columnWidth(
		TITLES.attention,
		overviews.map(overview => attentionWords(overview)),
		CAPS.attention,
	);
	const used = () =>
		LEAD +
		layout.name +
		[layout.tenant, layout.health, layout.last, layout.ended, layout.took, layout.running, attention]
			.filter(column => column > 0)
			.reduce((total, column) => total + 1 + column, 0);
	for (const column of ['took', 'health', 'ended', 'running'] as const) {
		if (used() <= width) {
			break;
		}

		layout[column] = 0;
	}

	// Not even the words fit whole: cut the last run, then the source.
	for (const column of ['last', 'name'] as const) {
		const over = used() - width;
		if (over > 0) {
			layout[column] = Math.max(Math.min(layout[column], MIN_WORDS), layout[column] - over);
		}
	}

	return layout;
}

/** Column titles matching glanceSegments. */
export function glanceColumns(layout: GlanceLayout): string {
	const column = (title: string, width: number) => (width > 0 ? [fit(title, width, 'left', '~')] : []);
	return [
		' '.repeat(LEAD) + fit(TITLES.name, layout.name, 'left', '~'),
		...column(TITLES.tenant, layout.tenant),
		...column(TITLES.health, layout.health),
		...column(TITLES.last, layout.last),
		...column(TITLES.ended, layout.ended),
		...column(TITLES.took, layout.took),
		...column(TITLES.running, layout.running),
		'ATTENTION · NEXT RUN',
	].join(' ');
}

function outcomeRole(overview: SourceOverview): ColorRole | undefined {
	const run = overview.lastRun;
	if (run === null) {
		return 'muted';
	}

	const completion = completionOf(run.completionStatus);
	return completion === 'success' && !run.deletionsHeldBack ? 'done' : completion === 'error' ? 'error' : 'warning';
}

export function glanceSegments(overview: SourceOverview, now: number, layout: GlanceLayout, glyphs: Glyphs): Segment[] {
	const {ellipsis} = glyphs;
	const {running} = overview;
	const cell = (text: string, width: number): string => ` ${fit(text, width, 'left', ellipsis)}`;
	const segments: Segment[] = [{text: fit(overview.name, layout.name, 'left', ellipsis)}];
	if (layout.tenant > 0) {
		segments.push({text: cell(overview.tenant, layout.tenant), role: 'accent'});
	}

	if (layout.health > 0) {
		segments.push({
			text: cell(healthText(overview), layout.health),
			...(overview.healthy === false ? {role: 'error' as const} : {role: 'muted' as const}),
		});
	}

	segments.push({text: cell(lastText(overview), layout.last), ...optionalRole(outcomeRole(overview))});
	if (layout.ended > 0) {
		segments.push({text: cell(endedText(overview, now), layout.ended), role: 'muted'});
	}

	if (layout.took > 0) {
		segments.push({text: cell(tookText(overview), layout.took)});
	}

	if (layout.running > 0) {
		segments.push({
			text: cell(runningText(overview, now), layout.running),
			...(running === null ? {role: 'muted' as const} : {role: 'accent' as const}),
		});
	}

	const attention = overview.attention.length > 0;
	segments.push(
		{text: ` ${attentionWords(overview)}`, role: attention ? 'warning' : 'muted'},
		{text: ` ${glyphs.separator} ${nextRunWords(overview, now)}`, role: 'muted'},
	);
	return segments;
}

function optionalRole(role: ColorRole | undefined): {role?: ColorRole} {
	return role === undefined ? {} : {role};
}

/** The source as the start command takes it. */
export function startableOf(overview: SourceOverview): StartableSource {
	return {
		id: overview.id,
		name: overview.name,
		tenant: overview.tenant,
		...(overview.connector === null ? {} : {type: overview.connector, connectorName: overview.connector}),
	};
}

function durationOf(run: SourceRunTask): string {
	const start = timeOf(run.launched ?? run.created, Number.NaN);
	const end = timeOf(run.completed, Number.NaN);
	return Number.isNaN(start) || Number.isNaN(end) ? '-' : formatDuration(Math.max(0, end - start));
}

/** One recent run: when it started, its outcome, how long it took, its figures from task-status. */
export function runLine(run: SourceRunTask, now: number): DetailField {
	const start = timeOf(run.launched ?? run.created, Number.NaN);
	const when = Number.isNaN(start) ? '?' : clockWithAge(start, now);
	if (run.completionStatus === null || run.completionStatus === undefined) {
		return {label: when, value: `running (${run.id})${run.progress === undefined ? '' : `: ${run.progress}`}`, role: 'accent'};
	}

	const status = normalCompletionStatus(run.completionStatus);
	const figures = orderedCounts(run.counts ?? {})
		.map(([name, value]) => `${countLabel(name)} ${formatCount(value)}`)
		.join(' · ');
	const completion = completionOf(status);
	return {
		label: when,
		value: `${status}, took ${durationOf(run)}${figures === '' ? '' : `, ${figures}`} (${run.id})`,
		...(completion === 'success' ? {} : {role: completion === 'error' ? ('error' as const) : ('warning' as const)}),
	};
}

/** How many recent runs the details list. */
export const RECENT_RUNS = 5;

/** The details of a source (Enter): health, schedule in words with its zone, the last run, and its recent runs. */
export function glanceDetail(overview: SourceOverview, runs: readonly SourceRunTask[], now: number): DetailContent {
	const {schedule, lastRun, running} = overview;
	const scheduleText =
		schedule === undefined
			? 'not read yet'
			: schedule === null
				? 'no account aggregation schedule'
				: `${scheduleWords(schedule)}${schedule.zoneKnown ? '' : ' (zone unknown: read as UTC)'}`;
	const fields: DetailField[] = [
		{label: 'Tenant', value: overview.tenant},
		{label: 'Connector', value: overview.connector ?? '-'},
		{
			label: 'Health',
			value: overview.healthy === false ? `unhealthy (${overview.health ?? '?'})` : overview.healthy === true ? 'healthy' : '?',
		},
		{label: 'Schedule', value: scheduleText},
		{label: 'Next run', value: nextRunWords(overview, now)},
		{
			label: 'Last run',
			value:
				lastRun === null
					? 'never (none in the last 90 days)'
					: `${outcomeWords(lastRun)}, took ${tookWords(lastRun)}, ${figuresWords(lastRun)}`,
		},
		{
			label: 'Running',
			value:
				running === null
					? '-'
					: `${running.status.toLowerCase()} (${running.id})${running.progress === undefined ? '' : `: ${running.progress}`}`,
		},
		{label: 'Attention', value: attentionWords(overview), ...(overview.attention.length > 0 ? {role: 'warning' as const} : {})},
	];
	const recent = runs.slice(0, RECENT_RUNS).map(run => runLine(run, now));
	return {fields, lines: recent.length === 0 ? [{label: 'Runs', value: 'none seen'}] : recent};
}
