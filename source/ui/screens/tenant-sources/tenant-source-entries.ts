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
import {fit} from '../../../domain/text.js';
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

const WIDTHS = {name: 24, tenant: 10, health: 9, last: 26, ended: 9, took: 8, running: 16} as const;

/** Column titles matching glanceSegments. */
export function glanceColumns(withTenant: boolean): string {
	return [
		'  ' + fit('SOURCE', WIDTHS.name, 'left', '~'),
		...(withTenant ? [fit('TENANT', WIDTHS.tenant, 'left', '~')] : []),
		fit('HEALTH', WIDTHS.health, 'left', '~'),
		fit('LAST RUN', WIDTHS.last, 'left', '~'),
		fit('ENDED', WIDTHS.ended, 'left', '~'),
		fit('TOOK', WIDTHS.took, 'left', '~'),
		fit('RUNNING', WIDTHS.running, 'left', '~'),
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

export function glanceSegments(overview: SourceOverview, now: number, withTenant: boolean, glyphs: Glyphs): Segment[] {
	const {ellipsis} = glyphs;
	const {lastRun, running} = overview;
	const ended = timeOf(lastRun?.completed, Number.NaN);
	const health = overview.healthy === false ? 'unhealthy' : overview.healthy === true ? 'healthy' : '?';
	const runningText = running === null ? '-' : runningWords(running, now);
	const segments: Segment[] = [{text: fit(overview.name, WIDTHS.name, 'left', ellipsis)}];
	if (withTenant) {
		segments.push({text: ` ${fit(overview.tenant, WIDTHS.tenant, 'left', ellipsis)}`, role: 'accent'});
	}

	const attention = overview.attention.length > 0;
	segments.push(
		{
			text: ` ${fit(health, WIDTHS.health, 'left', ellipsis)}`,
			...(overview.healthy === false ? {role: 'error' as const} : {role: 'muted' as const}),
		},
		{
			text: ` ${fit(lastRun === null ? 'never' : outcomeWords(lastRun), WIDTHS.last, 'left', ellipsis)}`,
			...optionalRole(outcomeRole(overview)),
		},
		{text: ` ${fit(Number.isNaN(ended) ? '-' : relativeWords(ended, now), WIDTHS.ended, 'left', ellipsis)}`, role: 'muted'},
		{
			text: ` ${fit(lastRun === null || lastRun.durationSeconds === null ? '-' : formatDuration(lastRun.durationSeconds * 1000), WIDTHS.took, 'left', ellipsis)}`,
		},
		{
			text: ` ${fit(runningText, WIDTHS.running, 'left', ellipsis)}`,
			...(running === null ? {role: 'muted' as const} : {role: 'accent' as const}),
		},
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
