import {isDelimitedFileSource} from '../../../domain/sources.js';
import type {StartableSource} from '../../monitor/commands.js';
import type {Segment} from '../../components/picker.js';
import {fit} from '../../../domain/text.js';

/** How the start picker lists sources, and which of them aggwatch cannot start. */

export function sourceKey(source: StartableSource): string {
	return `${source.tenant}\u0000${source.id}`;
}

/** What the filter matches: name, type, tenant and id. */
export function sourceText(source: StartableSource): string {
	return [source.name, source.type ?? '', source.connectorName ?? '', source.tenant, source.id].join('\n');
}

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

export function sourceSegments(source: StartableSource, withTenant: boolean, ellipsis: string): Segment[] {
	const upload = needsFileUpload(source);
	const segments: Segment[] = [{text: fit(source.name, 32, 'left', ellipsis), ...(upload ? {role: 'muted' as const} : {})}];
	if (withTenant) {
		segments.push({text: ` ${fit(source.tenant, 12, 'left', ellipsis)}`, role: 'accent'});
	}

	segments.push({text: ` ${fit(source.type ?? source.connectorName ?? '', 28, 'left', ellipsis)}`, role: 'muted'});
	if (upload) {
		segments.push({text: '  needs a file upload: start it in ISC', role: 'warning'});
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
