import type {SimContext, SimRequest} from './state.js';
import {parseForm} from './request-body.js';
import {json, oauthError, type Reply} from './reply.js';

/**
 * POST /oauth/token, client-credentials grant. Parameters may come in the query, a url-encoded or a multipart body
 * (the body wins). `limit` is asked once the client is known, so a rate-limited client gets 429 and no token.
 */
export function handleToken(
	context: SimContext,
	request: SimRequest,
	limit: (clientId: string) => Reply | undefined,
): {reply: Reply; clientId?: string} {
	if (request.method !== 'POST') {
		return {reply: oauthError(400, 'invalid_request', `${request.method} is not supported, use POST`)};
	}

	const form = parseForm(request.body, request.headers['content-type']);
	const parameters = {...request.query, ...form.fields};
	const clientId = parameters['client_id'];
	const grant = parameters['grant_type'];
	if (grant === undefined || grant === '') {
		return {reply: oauthError(400, 'invalid_request', 'Missing grant type'), clientId};
	}

	if (grant !== 'client_credentials') {
		return {reply: oauthError(400, 'unsupported_grant_type', `Unsupported grant type: ${grant}`), clientId};
	}

	const secret = clientId === undefined ? undefined : context.clients.get(clientId);
	if (clientId === undefined || secret === undefined || secret !== parameters['client_secret']) {
		return {reply: oauthError(401, 'unauthorized', 'Bad credentials'), clientId};
	}

	const limited = limit(clientId);
	if (limited !== undefined) {
		return {reply: limited, clientId};
	}

	const {token, jti} = context.tokens.issue(
		clientId,
		context.now(),
		context.tokenLifetimeSec,
		context.profiles.get(clientId)?.userContext ?? true,
	);
	return {
		reply: json(200, {
			access_token: token,
			token_type: 'bearer',
			expires_in: context.tokenLifetimeSec,
			scope: 'sp:scopes:all',
			tenant_id: '2c91808458ae7a4f0158b1bbf8af0628',
			pod: 'sim-local1',
			org: 'aggwatch-sim',
			jti,
		}),
		clientId,
	};
}
