// The client's connection pools, direct or through the proxy proxy.ts chose.
import http from 'node:http';
import https from 'node:https';
import {HttpProxyAgent, HttpsProxyAgent} from 'hpagent';

/** The connection pools of one client: got picks `http` or `https` by the request URL's protocol. */
export interface ClientAgents {
	http: http.Agent;
	https: https.Agent;
}

/**
 * Keep-alive agents for one client: through `proxy` (CONNECT tunnels, for http and https targets alike; TLS to
 * the tenant is verified as usual) or direct. NODE_EXTRA_CA_CERTS adds private CAs, as everywhere in Node.
 */
export function createAgents(proxy: URL | undefined): ClientAgents {
	if (proxy === undefined) {
		return {http: new http.Agent({keepAlive: true}), https: new https.Agent({keepAlive: true})};
	}

	return {
		http: new HttpProxyAgent({keepAlive: true, proxy}),
		https: new HttpsProxyAgent({keepAlive: true, proxy}),
	};
}
