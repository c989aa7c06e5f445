// Which proxy a request goes through (HTTPS_PROXY, HTTP_PROXY, NO_PROXY), read from the environment. The agents
// that use it are in proxy-agents.ts, with node:http, node:https and hpagent, which only the client loads.

/** A proxy URL the user set was not usable. Shown as one line (exit 1). */
export class ProxyConfigError extends Error {
	override readonly name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

function variable(env: Env, name: string): string | undefined {
	const value = env[name.toUpperCase()] ?? env[name.toLowerCase()];
	return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** Host (lower-case, IPv6 without brackets) and port (explicit or the protocol's default) of a URL. */
function hostAndPort(url: URL): {host: string; port: string} {
	const host = url.hostname.toLowerCase().replace(/^\[(.*)]$/, '$1');
	const port = url.port === '' ? (url.protocol === 'https:' ? '443' : '80') : url.port;
	return {host, port};
}

/**
 * Whether NO_PROXY (or no_proxy) exempts the URL, as curl reads it: a comma- or space-separated list of host
 * names, domain suffixes (`example.com` and `.example.com` both cover `api.example.com`), IP addresses,
 * optionally with `:port`; `*` exempts everything. Loopback is not exempt unless listed.
 */
export function isNoProxy(target: URL, env: Env): boolean {
	const list = variable(env, 'no_proxy');
	if (list === undefined) {
		return false;
	}

	const {host, port} = hostAndPort(target);
	for (const raw of list.split(/[\s,]+/)) {
		const entry = raw.trim().toLowerCase();
		if (entry === '') {
			continue;
		}

		if (entry === '*') {
			return true;
		}

		// "[::1]:8080", "host:8080", "::1" (an IPv6 address has several colons and no port unless bracketed).
		let entryHost = entry;
		let entryPort: string | undefined;
		const bracketed = /^\[([^\]]+)](?::(\d+))?$/.exec(entry);
		if (bracketed) {
			entryHost = bracketed[1]!;
			entryPort = bracketed[2];
		} else if ((entry.match(/:/g) ?? []).length === 1) {
			const [name, portText] = entry.split(':');
			entryHost = name!;
			entryPort = portText;
		}

		if (entryPort !== undefined && entryPort !== '' && entryPort !== port) {
			continue;
		}

		const suffix = entryHost.replace(/^\*?\./, '');
		if (host === suffix || host.endsWith(`.${suffix}`)) {
			return true;
		}
	}

	return false;
}

/**
 * The proxy URL requests to `target` go through: HTTPS_PROXY for https URLs, HTTP_PROXY for http ones (upper or
 * lower case), unless NO_PROXY exempts the host. Undefined for a direct connection. A proxy without a scheme
 * (`proxy:3128`) is taken as http://. Throws ProxyConfigError when the variable is not a URL.
 */
export function proxyFor(target: string | URL, env: Env): URL | undefined {
	const url = typeof target === 'string' ? new URL(target) : target;
	const name = url.protocol === 'https:' ? 'https_proxy' : 'http_proxy';
	const value = variable(env, name);
	if (value === undefined || isNoProxy(url, env)) {
		return undefined;
	}

	try {
		const proxy = new URL(value.includes('://') ? value : `http://${value}`);
		if (proxy.protocol !== 'http:' && proxy.protocol !== 'https:') {
			throw new TypeError(`unsupported protocol ${proxy.protocol}`);
		}

		return proxy;
	} catch {
		// The value may hold a proxy password: name the variable, not its contents.
		throw new ProxyConfigError(`${name.toUpperCase()} is not a usable proxy URL (expected e.g. http://proxy.example.com:3128)`);
	}
}

/** Throws ProxyConfigError now when HTTPS_PROXY or HTTP_PROXY is set but unusable (before a full-screen UI starts). */
export function checkProxyEnvironment(env: Env): void {
	proxyFor('https://proxy-check.invalid', {...env, NO_PROXY: undefined, no_proxy: undefined});
	proxyFor('http://proxy-check.invalid', {...env, NO_PROXY: undefined, no_proxy: undefined});
}
