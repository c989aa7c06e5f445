import type {ApiVersion} from './api-version.js';
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

function describe(input: string): string {
	const shown = input.length > 60 ? `${input.slice(0, 57)}...` : input;
	return JSON.stringify(shown);
}

/**
 * Turns what the user typed into a base URL without a trailing slash:
 * - a tenant name: `acme` becomes `https://acme.api.identitynow.com`;
 * - a bare host: `acme.identitynow-demo.com` becomes `https://acme.identitynow-demo.com`;
 * - a full URL (vanity domains, demo tenants, the local simulator): kept, minus trailing slashes.
 *
 * http:// is accepted only for loopback hosts, other schemes never. A path other than `/`, a query,
 * a fragment or credentials in the URL are refused. Throws a BaseUrlError with a one-line message.
 */
export function resolveBaseUrl(input: string): string {
	const trimmed = input.trim();
	if (trimmed === '') {
		throw new BaseUrlError(
			`No tenant given; pass a tenant name such as "acme" or a base URL such as ${EXAMPLE}`,
			input,
		);
	}

	if (TENANT_NAME.test(trimmed)) {
		return `https://${tenantHost(trimmed)}`;
	}

	// A bare host needs a dot or a port, or it would have been a tenant name above.
	if (BARE_HOST.test(trimmed) && /[.:]/.test(trimmed)) {
		return `https://${trimmed.toLowerCase()}`;
	}

	if (!/^[a-z][a-z\d+.-]*:/i.test(trimmed)) {
		throw new BaseUrlError(
			`${describe(trimmed)} is neither a tenant name nor a URL; pass a tenant name such as "acme" or a base URL such as ${EXAMPLE}`,
			input,
		);
	}

	let url: URL;
	try {
		url = new URL(trimmed);
	} catch {
		throw new BaseUrlError(
			`${describe(trimmed)} is not a valid URL; pass a tenant name such as "acme" or a base URL such as ${EXAMPLE}`,
			input,
		);
	}

	if (url.username !== '' || url.password !== '') {
		throw new BaseUrlError(
			`The base URL must not contain a user name or password; pass the client id and secret separately and use a URL such as ${EXAMPLE}`,
			'(redacted)',
		);
	}

	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new BaseUrlError(`${url.protocol}// URLs are not supported; use an https:// URL such as ${EXAMPLE}`, input);
	}

	if (url.hostname === '') {
		throw new BaseUrlError(`${describe(trimmed)} has no host; use a URL such as ${EXAMPLE}`, input);
	}

	const origin = `${url.protocol}//${url.host}`;
	if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
		throw new BaseUrlError(
			`http:// is only allowed for loopback hosts; use https://${url.host}`,
			input,
		);
	}

	if (url.search !== '' || url.hash !== '') {
		throw new BaseUrlError(`The base URL must not have a query or fragment; use ${origin}`, input);
	}

	if (url.pathname.replace(/\/+$/, '') !== '') {
		throw new BaseUrlError(
			`The base URL must not have a path ("${url.pathname}"); use ${origin}`,
			input,
		);
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
	return apiVersion === 'v1'
		? `/account-aggregations/v1/${encoded}/status`
		: `/${apiVersion}/account-aggregations/${encoded}/status`;
}
