/**
 * The rotated secret: the monitor's client on one tenant stops working (rotateSecret), and later works again
 * (rotated back to the stored secret). Expected: that tenant fails with an auth error the user can see, it is
 * retried only slowly (one probe per authRetryMs), the other tenants keep being polled, and, when the run is long
 * enough for a probe after the restore, the monitor recovers by itself.
 */
import type {AttributedRequest} from './attribution.js';
import {isStatusRequest, type TenantRequests} from './check-requests.js';
import {figure, runTime, type Figure} from './figure.js';
import type {SoakObservations} from './observations.js';
import {MONITOR} from './processes.js';
import {TOKEN_PATH} from './schedule.js';

/** Requests already on their way when the secret changed may fail too; later ones are probes. */
const FIRST_FAILURE_BURST_MS = 2000;

function monitorRequests(tenants: readonly TenantRequests[], name: string): AttributedRequest[] {
	return tenants.find(({tenant}) => tenant.name === name)?.attribution.requests.filter(request => request.process === MONITOR) ?? [];
}

/** The screen line that names the tenant together with an auth problem, if any. */
export function authErrorLine(screen: string | undefined, tenant: string): string | undefined {
	return screen
		?.split('\n')
		.find(line => line.includes(tenant) && /refused|credential|secret|auth/i.test(line))
		?.trim();
}

export function rotationFigures(observations: SoakObservations, tenants: readonly TenantRequests[]): Figure[] {
	const {schedule, actions, runStart, config, monitor} = observations;
	const {rotation} = schedule;
	const rotatedAt = actions.find(({action}) => action.kind === 'rotate')?.at;
	const restoredAt = actions.find(({action}) => action.kind === 'restore')?.at;
	const name = rotation.tenant;
	if (rotatedAt === undefined || restoredAt === undefined) {
		return [figure(`${name}: secret rotated and restored`, 'not done', 'done', false)];
	}

	const figures: Figure[] = [];
	const own = monitorRequests(tenants, name);
	// ISC refuses the rotated tenant either at its token endpoint (the stored secret is wrong now) or, when the client
	// was granted a token just before the rotation (which also revokes the tokens already granted) and retried with it,
	// at the API with a 401 for that token; the client then reports the rejected fresh token without another token
	// request. Either is the auth failure this figure is about.
	const refused = own.filter(
		request =>
			request.entry.status === 401 &&
			request.entry.at >= rotatedAt &&
			(request.entry.path === TOKEN_PATH || isStatusRequest(request.entry)),
	);
	const firstFailure = refused[0]?.entry.at;
	const refusedWhere = refused[0]?.entry.path === TOKEN_PATH ? 'token refused' : 'token rejected';
	const screenLine = authErrorLine(monitor.rotationScreen, name);
	figures.push(
		figure(
			`${name}: auth failure while its secret was rotated`,
			firstFailure === undefined
				? 'no refused request'
				: `${refusedWhere} ${runTime(firstFailure - runStart)}; ${screenLine === undefined ? 'no auth error on screen' : 'auth error on screen'}`,
			'refused, and shown',
			firstFailure !== undefined && screenLine !== undefined,
			screenLine === undefined
				? [`last screen while rotated:\n${monitor.rotationScreen ?? '(none)'}`]
				: [`screen: "${screenLine.slice(0, 140)}"`],
		),
	);

	const recovered = own.find(request => isStatusRequest(request.entry) && request.entry.status === 200 && request.entry.at > restoredAt)
		?.entry.at;
	if (firstFailure !== undefined) {
		const until = recovered ?? observations.quitAt;
		const probes = own.filter(
			request => request.entry.path === TOKEN_PATH && request.entry.at > firstFailure + FIRST_FAILURE_BURST_MS && request.entry.at < until,
		).length;
		const allowed = Math.floor((until - firstFailure) / config.authRetryMs) + 1;
		figures.push(
			figure(
				`${name}: auth retries until it worked again`,
				`${probes} in ${Math.round((until - firstFailure) / 1000)} s`,
				`≤ ${allowed} (one per ${config.authRetryMs / 60_000} min)`,
				probes <= allowed,
			),
		);
	}

	for (const {tenant} of tenants) {
		if (tenant.name === name) {
			continue;
		}

		const answered = monitorRequests(tenants, tenant.name).filter(
			request =>
				isStatusRequest(request.entry) && request.entry.status === 200 && request.entry.at >= rotatedAt && request.entry.at < restoredAt,
		).length;
		figures.push(figure(`${tenant.name} kept working while ${name} was rotated`, `${answered} status answers`, '> 0', answered > 0));
	}

	if (!rotation.recoveryExpected) {
		figures.push(
			figure(
				`${name}: recovered on its own after the restore`,
				recovered === undefined ? 'not in this run' : `first answer ${runTime(recovered - runStart)}`,
				`needs ${config.authRetryMs / 60_000} min after the failure`,
				undefined,
				[
					`not checked: the monitor retries an auth-failed tenant every ${config.authRetryMs / 60_000} min (authRetryMs, no flag); this run is too short for a retry after the restore at ${runTime(restoredAt - runStart)}`,
				],
			),
		);
		return figures;
	}

	const deadline = (firstFailure ?? rotatedAt) + config.authRetryMs + 60_000;
	figures.push(
		figure(
			`${name}: recovered on its own after the restore`,
			recovered === undefined ? 'never' : `first answer ${runTime(recovered - runStart)} (restored ${runTime(restoredAt - runStart)})`,
			`by ${runTime(deadline - runStart)} (failure + ${config.authRetryMs / 60_000} min + 1 min)`,
			recovered !== undefined && recovered <= deadline,
		),
	);
	return figures;
}
