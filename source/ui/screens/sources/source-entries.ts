import {isDelimitedFileSource} from '../../../domain/sources.js';
import {completionOf} from '../../../domain/outcome.js';
import {plural, fit} from '../../../domain/text.js';
import {DELETION_WORDS} from '../../../domain/words.js';
import type {LastRunView, SourceOverview} from '../../../core/source-overview.js';
import {relativeWords, runningWords} from '../../../core/source-overview-text.js';
import {rowOutcome} from '../../../core/summary.js';
import type {TrackedRow} from '../../../core/types.js';
import type {StartableSource} from '../../monitor/commands.js';
import type {Segment} from '../../components/picker.js';
import {rowCells} from '../../text/row-cells.js';
import {badgeFor, badgeText} from '../../theme/badge.js';
import type {ColorRole, Glyphs} from '../../theme/theme.js';

/** How the start picker lists sources, and which of them aggwatch cannot start. */

export function sourceKey(source: Pick<StartableSource, 'tenant' | 'id'>): string {
	return `${source.tenant}\u0000${source.id}`;
}

/**
 * What the filter matches: name, type, tenant and id, and the words its marks show (see sourceMarks: a run in
 * progress, the last outcome, `never`, the file-upload hint), without their ages, so `/running`, `/warn`, `/error`,
 * `/held` or `/never` find what is on screen, as the list's filter does.
 */
export function sourceText(source: StartableSource, known?: KnownRuns, glyphs?: Glyphs): string {
	const words = [source.name, source.type ?? '', source.connectorName ?? '', source.tenant, source.id];
	if (needsFileUpload(source)) {
		words.push(FILE_UPLOAD_HINT);
	}

	if (known !== undefined && glyphs !== undefined) {
		const overview = known.overviews.get(sourceKey(source));
		const row = known.tracked.get(trackedKey(source.tenant, source.name));
		if (row !== undefined) {
			words.push(`running ${badgeText(badgeFor(row), glyphs)}`);
		} else if (overview?.running !== null && overview?.running !== undefined) {
			words.push(overview.running.status === 'QUEUED' ? 'queued' : 'running');
		}

		if (overview?.lastRun !== null && overview?.lastRun !== undefined) {
			words.push(lastRunMark(overview.lastRun, glyphs).text);
		} else if (overview !== undefined && known.runs !== 'reading') {
			words.push('never');
		}
	}

	return words.join('\n');
}

/** What a delimited-file source's entry says to do (aggwatch cannot upload its file). */
const FILE_UPLOAD_HINT = 'needs a file: start in ISC';

/**
 * Delimited-file sources aggregate a CSV uploaded with the request, which aggwatch does not do. They are listed
 * (so nobody wonders where they went) but cannot be started from here.
 */
export function needsFileUpload(source: StartableSource): boolean {
	return isDelimitedFileSource(source);
}

/** Sorted by name (then tenant), the way a person looks for one. */
export function sortSources(sources: readonly StartableSource[]): StartableSource[] {
	return [...sources].sort((a, b) => a.name.localeCompare(b.name, undefined, {sensitivity: 'base'}) || a.tenant.localeCompare(b.tenant));
}

/** What the start picker knows of the sources' runs, to mark each entry (see sourceMarks). */
export interface KnownRuns {
	/** The running rows the monitor tracks, by trackedKey(tenant, source name): their counts move live. */
	tracked: ReadonlyMap<string, TrackedRow>;
	/** The tenant's word on each source (the glance's lines, see SourcesGlance), by sourceKey. */
	overviews: ReadonlyMap<string, SourceOverview>;
	/** reading: the tenant's runs are not in yet; failed: they could not be read; off: nobody reads them. */
	runs: 'reading' | 'read' | 'failed' | 'off';
}

/** A tracked row's source: its tenant and label (the source name once known; ISC source names are unique in a tenant). */
export function trackedKey(tenant: string, sourceName: string): string {
	return `${tenant}\u0000${sourceName}`;
}

/** The running rows the monitor tracks, by tenant and source name (a row without its name yet is not matched). */
export function trackedRunning(rows: readonly TrackedRow[]): Map<string, TrackedRow> {
	const running = new Map<string, TrackedRow>();
	for (const row of rows) {
		if (row.label !== undefined && rowOutcome(row) === 'running') {
			running.set(trackedKey(row.tenant, row.label), row);
		}
	}

	return running;
}

/**
 * A run's last outcome in the words and marks of the list and the header: "✔ completed", "✔⚠ 3 warnings",
 * "✔✖ 2 errors" (completed, its task ended ERROR), "✖ terminated", and "⚠ held back" when ISC held its deletions back.
 */
export function lastRunMark(run: LastRunView, glyphs: Glyphs): {text: string; role: ColorRole} {
	const heldBack = run.deletionsHeldBack ? ` ${glyphs.warning} ${DELETION_WORDS.heldBack}` : '';
	switch (completionOf(run.completionStatus)) {
		case 'success': {
			return {text: `${glyphs.completed} completed${heldBack}`, role: heldBack === '' ? 'done' : 'warning'};
		}

		case 'warning': {
			const parts = [
				...(run.warnings > 0 ? [plural(run.warnings, 'warning')] : []),
				...(run.deletionsHeldBack ? [DELETION_WORDS.heldBack] : []),
			];
			return {text: `${glyphs.completed}${glyphs.warning} ${parts.length === 0 ? 'warnings' : parts.join(', ')}`, role: 'warning'};
		}

		case 'error': {
			return {
				text: `${glyphs.completed}${glyphs.terminated} ${run.errors > 0 ? plural(run.errors, 'error') : 'errors'}${heldBack}`,
				role: 'failed',
			};
		}

		case 'terminated': {
			return {text: `${glyphs.terminated} terminated${heldBack}`, role: 'failed'};
		}

		default: {
			return {text: `${glyphs.unknown} ${run.completionStatus}`, role: 'unknown'};
		}
	}
}

/** An entry's marks: a running aggregation of the source, and its last outcome with when it ended. */
export interface SourceMarks {
	running?: Segment;
	/** Absent when nobody reads the tenant's runs. */
	last?: Segment;
}

/**
 * What the start picker says of a source's runs. Running: the monitor's row as the list draws it ("▶ collected
 * 7,500/30,000 25%"), else the tenant's word ("▶ running 4m 10s", "▶ queued 20s"). The last outcome: its mark and how
 * long ago it ended ("✔ completed 2h ago"); "never" when the tenant has no run of it (ISC keeps tasks 90 days);
 * "…" while the tenant's runs are read; "?" when they could not be read or the source is not among them.
 */
export function sourceMarks(source: StartableSource, known: KnownRuns, now: number, glyphs: Glyphs): SourceMarks {
	const overview = known.overviews.get(sourceKey(source));
	const row = known.tracked.get(trackedKey(source.tenant, source.name));
	let running: Segment | undefined;
	if (row !== undefined) {
		// Its badge, counts and % as the list's cells have them (staleness, which the interval is for, is not shown here).
		const cells = rowCells(row, now, Number.POSITIVE_INFINITY);
		const percent = cells.percent === undefined ? '' : ` ${Math.floor(cells.percent)}%`;
		running = {text: `${badgeText(cells.badge, glyphs)}${cells.counts === '' ? '' : ` ${cells.counts}`}${percent}`, role: cells.badge.role};
	} else if (overview?.running !== null && overview?.running !== undefined) {
		running = {text: `${glyphs.started} ${runningWords(overview.running, now)}`, role: 'running'};
	}

	const marks: SourceMarks = running === undefined ? {} : {running};
	if (known.runs === 'off') {
		return marks;
	}

	const last = overview?.lastRun;
	if (last !== null && last !== undefined) {
		const look = lastRunMark(last, glyphs);
		const ended = last.completed === null ? Number.NaN : Date.parse(last.completed);
		marks.last = {text: `${look.text}${Number.isNaN(ended) ? '' : ` ${relativeWords(ended, now)}`}`, role: look.role};
	} else if (overview !== undefined && known.runs !== 'reading') {
		marks.last = {text: 'never', role: 'muted'};
	} else {
		marks.last = {text: known.runs === 'reading' ? glyphs.ellipsis : glyphs.unknown, role: 'muted'};
	}

	return marks;
}

/** Columns of the last outcome (e.g. "✔⚠ 3 warnings 2h 03m ago") and of a tenant. */
const LAST_WIDTH = 25;
const TENANT_WIDTH = 10;
/** Room kept after the last outcome for the running mark ("▶ collected 7,500/30,000 25%") or the connector. */
const AFTER_WIDTH = {least: 28, most: 34};

/** How the entries are laid out: the name's column, and whether the tenant's and the last outcome's are there. */
export interface SourceLayout {
	name: number;
	tenant: boolean;
	last: boolean;
}

/**
 * The name's column at this width (the entry's room after the cursor): 16 to 32 characters, as wide as leaves the
 * marks whole, the longest running mark shown (`running`, its length) included, up to 34 characters.
 */
export function sourceLayout(width: number, withTenant: boolean, withLast: boolean, running = 0): SourceLayout {
	const after = Math.min(AFTER_WIDTH.most, Math.max(AFTER_WIDTH.least, running));
	const others = (withTenant ? TENANT_WIDTH + 1 : 0) + (withLast ? LAST_WIDTH + 1 : 0) + 1 + after;
	return {name: Math.max(16, Math.min(32, width - others)), tenant: withTenant, last: withLast};
}

/** Column titles matching sourceSegments. */
export function sourceColumns(layout: SourceLayout): string {
	return [
		`  ${fit('SOURCE', layout.name, 'left')}`,
		...(layout.tenant ? [fit('TENANT', TENANT_WIDTH, 'left')] : []),
		...(layout.last ? [fit('LAST RUN', LAST_WIDTH, 'left')] : []),
		'RUNNING NOW / CONNECTOR',
	].join(' ');
}

/**
 * An entry: the name (kept readable at 80 columns), its tenant when several, its last outcome, then a running
 * aggregation of it or else its connector (a delimited-file source: first, that it needs a file uploaded in ISC).
 */
export function sourceSegments(source: StartableSource, options: {layout: SourceLayout; glyphs: Glyphs; marks?: SourceMarks}): Segment[] {
	const {layout, glyphs, marks = {}} = options;
	const {ellipsis} = glyphs;
	const upload = needsFileUpload(source);
	const segments: Segment[] = [{text: fit(source.name, layout.name, 'left', ellipsis), ...(upload ? {role: 'muted' as const} : {})}];
	if (layout.tenant) {
		segments.push({text: ` ${fit(source.tenant, TENANT_WIDTH, 'left', ellipsis)}`, role: 'accent'});
	}

	if (marks.last !== undefined) {
		segments.push({...marks.last, text: ` ${fit(marks.last.text, LAST_WIDTH, 'left', ellipsis)}`});
	}

	if (marks.running !== undefined) {
		segments.push({...marks.running, text: ` ${marks.running.text}`});
	}

	// What to do about a delimited-file source comes before its connector, so 80 columns cut the connector, not this.
	if (upload) {
		segments.push({text: ` ${FILE_UPLOAD_HINT} `, role: 'warning'});
	}

	if (marks.running === undefined) {
		segments.push({text: ` ${source.type ?? source.connectorName ?? ''}`, role: 'muted'});
	}

	return segments;
}

/** Why a delimited-file source cannot be started here, and what to do instead. */
export function fileUploadRefusal(source: StartableSource, canDiscover: boolean): string {
	const then = canDiscover ? ', then D tracks it' : ', then track its id with a';
	return `${source.name} is a delimited-file source: starting it needs the CSV file uploaded with the request, which aggwatch does not do. Start it in ISC${then}.`;
}

/** The confirmation, with the source and tenant spelled out: starting changes the tenant. */
export function startQuestion(source: StartableSource): string {
	return `Start an account aggregation on ${source.name} (${source.tenant})? This changes the tenant.`;
}
