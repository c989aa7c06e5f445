import type {ApiVersion} from '../domain/api-version.js';
import {BaseUrlError} from './url-error.js';

const EXAMPLE = 'https://acme.api.identitynow.com';

/** A DNS label: what a tenant name is (acme, acme-sb, acme2). */
const TENANT_NAME = /^[a-z\d](?:[a-z\d-]{0,61}[a-z\d])?$/i;

/** A bare host name with an optional port (acme.api.identitynow.com, localhost:8443). */
const BARE_HOST = /^[a-z\d](?:[a-z\d.-]*[a-z\d])?(?::\d{1,5})?$/i;

/** Tenant API host for a tenant name. */
export function tenantHost(tenant: string): string {
	return `${tenant.toLowerCase()}.api.identitynow.com`;
}

/**
 * True for hosts that never leave this machine: 127.0.0.0/8, ::1 (bracketed or not) and localhost.
 * Only these may be reached over plain http (the simulated tenant, local proxies).
 */
export function isLoopbackHost(hostname: string): boolean {
	const host = hostname.toLowerCase().replace(/\.$/, '');
	if (host === 'localhost' || host === '::1' || host === '[::1]') {
		return true;
	}

	const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
	return octets !== null && octets.slice(1).every(octet => Number(octet) <= 255);
}

/**
 * The input with anything that may be a user name and password (up to the last `@`) replaced, for messages:
 * a URL typed with the client secret in it must not be echoed to a terminal or a CI log.
 */
function withoutCredentials(input: string): string {
	return input.replace(/^(\s*(?:[a-z][a-z\d+.-]*:)?\/*)[^]*@/i, '$1…@');
}

function describe(input: string): string {
	const safe = withoutCredentials(input);
	const shown = safe.length > 60 ? `${safe.slice(0, 57)}...` : safe;
	return JSON.stringify(shown);
}

/**
 * Turns what the user typed into a base URL without a trailing slash:
 * - a tenant name: `acme` becomes `https://acme.api.identitynow.com`;
 * - a bare host: `acme.identitynow-demo.com` becomes `https://acme.identitynow-demo.com`;
 * - a full URL (vanity domains, demo tenants, the local simulator): kept, minus trailing slashes.
 *
 * The result is the URL's origin as the WHATWG URL parser writes it (lower-case host, IPv4 in dotted form, no
 * default port), so resolving a result again gives the same result.
 * http:// is accepted only for loopback hosts, other schemes never. A path other than `/`, a query,
 * a fragment or credentials in the URL are refused. Throws a BaseUrlError with a one-line message that never
 * repeats a password typed into the URL.
 */
export function resolveBaseUrl(input: string): string {
	const trimmed = input.trim();
	const given = withoutCredentials(input);
	if (trimmed === '') {
		throw new BaseUrlError(`No tenant given; pass a tenant name such as "acme" or a base URL such as ${EXAMPLE}`, given);
	}

	// A tenant name, or a bare host (which needs a dot or a port, or it would be a tenant name), is read as an https
	// URL, so that it is checked and normalised like one: an invalid IDN label (xn--a), a port out of range, 127.1.
	const text = TENANT_NAME.test(trimmed)
		? `https://${tenantHost(trimmed)}`
		: BARE_HOST.test(trimmed) && /[.:]/.test(trimmed)
			? `https://${trimmed}`
			: trimmed;

	if (!/^[a-z][a-z\d+.-]*:/i.test(text)) {
		throw new BaseUrlError(
			`${describe(trimmed)} is neither a tenant name nor a URL; pass a tenant name such as "acme" or a base URL such as ${EXAMPLE}`,
			given,
		);
	}

	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw new BaseUrlError(
			`${describe(trimmed)} is not a valid URL; pass a tenant name such as "acme" or a base URL such as ${EXAMPLE}`,
			given,
		);
	}

	if (url.username !== '' || url.password !== '') {
		throw new BaseUrlError(
			`The base URL must not contain a user name or password; pass the client id and secret separately and use a URL such as ${EXAMPLE}`,
			'(redacted)',
		);
	}

	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new BaseUrlError(`${url.protocol}// URLs are not supported; use an https:// URL such as ${EXAMPLE}`, given);
	}

	if (url.hostname === '') {
		throw new BaseUrlError(`${describe(trimmed)} has no host; use a URL such as ${EXAMPLE}`, given);
	}

	const origin = `${url.protocol}//${url.host}`;
	if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
		throw new BaseUrlError(`http:// is only allowed for loopback hosts; use https://${url.host}`, given);
	}

	if (url.search !== '' || url.hash !== '') {
		throw new BaseUrlError(`The base URL must not have a query or fragment; use ${origin}`, given);
	}

	if (url.pathname.replace(/\/+$/, '') !== '') {
		throw new BaseUrlError(`The base URL must not have a path ("${url.pathname}"); use ${origin}`, given);
	}

	return origin;
}

/**
 * Path (from the host root) of an aggregation's status for an API version:
 * `/{v}/account-aggregations/{id}/status` for v2025, v2024 and beta;
 * `/account-aggregations/v1/{id}/status` for v1. The id is URL-encoded.
 */
export function statusPath(apiVersion: ApiVersion, id: string): string {
	const encoded = encodeURIComponent(id);
	return apiVersion === 'v1' ? `/account-aggregations/v1/${encoded}/status` : `/${apiVersion}/account-aggregations/${encoded}/status`;
}
