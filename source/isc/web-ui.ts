import {isLoopbackHost} from './urls.js';

/**
 * Where a tenant's web UI (the admin pages a person opens in a browser) lives, from its API base URL: ISC serves the
 * API at `https://{tenant}.api.identitynow.com` (`.api.identitynow-demo.com` for demo tenants) and the UI at
 * `https://{tenant}.identitynow.com`. A loopback base URL is the simulated tenant (--demo, tests), which serves the
 * source pages itself on the same origin. Undefined for any other host (a vanity API address, a proxy): its UI
 * address cannot be told from it.
 */
export function webUiOrigin(baseUrl: string): string | undefined {
	let url: URL;
	try {
		url = new URL(baseUrl);
	} catch {
		return undefined;
	}

	if (isLoopbackHost(url.hostname)) {
		return url.origin;
	}

	const labels = url.hostname.split('.');
	if (labels.length >= 3 && labels[1]?.toLowerCase() === 'api') {
		return `${url.protocol}//${[labels[0], ...labels.slice(2)].join('.')}${url.port === '' ? '' : `:${url.port}`}`;
	}

	return undefined;
}

/**
 * The path of a source's page in the ISC admin UI (Admin > Connections > Sources, then the source), as SailPoint's
 * own VS Code extension opens it: `/ui/a/admin/connections/sources/{sourceId}`.
 */
export function sourcePagePath(sourceId: string): string {
	return `/ui/a/admin/connections/sources/${encodeURIComponent(sourceId)}`;
}
