import type {Reply} from './reply.js';
import type {SimContext} from './state.js';

const SOURCE_PAGE = /^\/ui\/a\/admin\/connections\/sources\/([^/]+)\/?$/;

function escapeHtml(text: string): string {
	return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/**
 * The simulated tenant's stand-in for ISC's admin UI page of a source (`/ui/a/admin/connections/sources/{id}`, which
 * the monitor's `o` opens): a plain page naming the source, so `o` in the demo opens something real. No token needed,
 * as a browser has none; undefined for any other path.
 */
export function webUiPage(context: SimContext, method: string, path: string): Reply | undefined {
	const match = method === 'GET' ? SOURCE_PAGE.exec(path) : null;
	if (match === null) {
		return undefined;
	}

	const id = decodeURIComponent(match[1] ?? '');
	const record = context.sources.get(id);
	const title = record === undefined ? `No source ${id}` : `${record.source.name} (${id})`;
	const text = `<!doctype html><meta charset="utf-8"><title>${escapeHtml(title)}</title><h1>${escapeHtml(title)}</h1><p>aggwatch's simulated tenant: ISC's admin UI would show this source's page here (Admin &gt; Connections &gt; Sources).</p>\n`;
	return {status: record === undefined ? 404 : 200, raw: {contentType: 'text/html;charset=utf-8', text}};
}
