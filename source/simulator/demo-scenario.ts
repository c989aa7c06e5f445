import type {SimAggregationPlan, SimClient, SimSource, SimulatorOptions} from './types.js';

/**
 * The tenant `aggwatch --demo` watches. At real time every state shows within about two minutes of the start
 * (times below are seconds after the simulator starts):
 *
 *   Workday           STARTED → ACCOUNTS_COLLECTED at 5 s → COMPLETED at 30 s
 *   Active Directory  250,000 accounts, already under way; ACCOUNTS_COLLECTED until ~3.5 min
 *   ServiceNow        ACCOUNTS_COLLECTED, cancelled at 40 s (counts frozen)
 *   Salesforce        STARTED → RETRIED at 10 s → TERMINATED at 70 s
 *   HR CSV            COMPLETED an hour ago; its status expires to 404 at 40 s
 *   LDAP              30,000 accounts; the count stops at 7,500 from 20 s to 65 s (a stall), COMPLETED at 110 s
 *   Okta              marks 900 of 4,000 accounts for deletion, over its deleteThreshold of 10%: COMPLETED at 24 s
 *                     with deletedAccounts 0 (ISC held the deletions back)
 *   Active Directory EU  COMPLETED at 50 s; its task ends WARNING with 3 warnings
 *   Jira              COMPLETED at 65 s; its task ends ERROR with 2 errors
 *   DEMO_MISSING_ID   never exists: 404 from the first request
 *   45–52 s           every API call is rate limited (429, Retry-After: 3)
 *   80 s              one status call answers 401 (a revoked token): the client must fetch a new token and carry on
 *   tokens            live 120 s, so the client also renews them on its own a few times
 *
 * A scheduled Workday delta aggregation also starts at 35 s, once the first Workday run has ended; it is not
 * tracked at first, so `discover` has something new to find. Every source has a plan, so `start` works on each (HR
 * CSV needs a file, like in ISC).
 *
 * Every run could happen on a real tenant: ISC refuses to start an aggregation of a source while one runs, so a
 * source runs again only after its run has ended (test/simulator/demo-scenario.test.ts checks it). Okta's task ends
 * WARNING with ISC's "Account deletion was skipped" message, and tasks are shaped as real tenants send them.
 */

/** The demo tenant's API client. Not a secret: it only opens the local simulator. */
export const DEMO_CLIENT: SimClient = {clientId: 'demo-client', clientSecret: 'demo-secret'};

/** A well-formed aggregation id the demo tenant never knows. */
export const DEMO_MISSING_ID = '2c9180867f3e4b5a017f3e9d0c1b0000';

/** How long status stays available after an end in the demo (ISC's one hour). */
const EXPIRY_MS = 3_600_000;

export const DEMO_SOURCES = {
	workday: {id: '2c91808a7813090a01781412a6a90001', name: 'Workday', type: 'Workday'},
	activeDirectory: {id: '2c91808a7813090a01781412a6a90002', name: 'Active Directory', type: 'Active Directory - Direct'},
	serviceNow: {id: '2c91808a7813090a01781412a6a90003', name: 'ServiceNow', type: 'ServiceNow'},
	salesforce: {id: '2c91808a7813090a01781412a6a90004', name: 'Salesforce', type: 'Salesforce'},
	hrCsv: {id: '2c91808a7813090a01781412a6a90005', name: 'HR CSV', type: 'DelimitedFile'},
	ldap: {id: '2c91808a7813090a01781412a6a90006', name: 'LDAP', type: 'LDAP'},
	okta: {id: '2c91808a7813090a01781412a6a90007', name: 'Okta', type: 'Okta', deleteThreshold: 10},
	activeDirectoryEu: {id: '2c91808a7813090a01781412a6a90008', name: 'Active Directory EU', type: 'Active Directory - Direct'},
	jira: {id: '2c91808a7813090a01781412a6a90009', name: 'Jira', type: 'Jira'},
} as const;

/** The aggregation ids of the demo scenario, fixed so a remembered demo track list stays valid between runs. */
export const DEMO_AGGREGATION_IDS = {
	workdayFast: 'a3c91f0e5b2d4c7e9f1a6b8d0c2e4f61',
	activeDirectoryLong: '5f0e7d2c9b1a48e3a6d4c2b0e8f61a72',
	serviceNowCancelled: 'c47b2e9a1d0f4e6b8a3c5d7e9f0b1a83',
	salesforceTerminated: '7e1d4a9c2b5f40e8b6a3d1c9e7f02b94',
	hrCsvExpiring: 'e92a6c1f3b8d47a0a5c2e4f6b8d01c05',
	workdayScheduled: '2b8f5d1e9c3a46f7b0e2d4a6c8e1f306',
	ldapStalled: '9d3e6b0a4c1f47d2a8e5b7c9d1f3a517',
	oktaHeldBack: '4a7c0e3f6b9d42a1c5e8f0b2d4a6c828',
	activeDirectoryEuWarnings: '9d4c1b7e2a6f48d0b3e5c7a9f1d20e17',
	jiraErrors: '41f8a2c6e0b94d7a8c1e3f5b7d9a0c28',
} as const;

function sources(): SimSource[] {
	return [
		// Start: about 25 s, completes.
		{
			...DEMO_SOURCES.workday,
			plan: {
				collectMs: 5000,
				totalAccounts: 8000,
				accountsPerSecond: 400,
				outcome: {type: 'COMPLETED'},
				totalAccountsMarkedForDeletion: 40,
				totalIdentities: 7900,
			},
		},
		// Start: about 1 min, 30,000 accounts, completes.
		{
			...DEMO_SOURCES.activeDirectory,
			plan: {
				collectMs: 10_000,
				totalAccounts: 30_000,
				accountsPerSecond: 600,
				outcome: {type: 'COMPLETED'},
				totalAccountsMarkedForDeletion: 150,
				totalIdentities: 21_000,
			},
		},
		// Start: about 20 s, completes.
		{
			...DEMO_SOURCES.serviceNow,
			plan: {collectMs: 4000, totalAccounts: 3200, accountsPerSecond: 200, outcome: {type: 'COMPLETED'}, totalIdentities: 3100},
		},
		// Start: the VA is unreachable again: two retries of 15 s, then TERMINATED.
		{
			...DEMO_SOURCES.salesforce,
			plan: {collectMs: 8000, totalAccounts: 0, accountsPerSecond: 1, outcome: {type: 'TERMINATED', retries: 2, retryMs: 15_000}},
		},
		// Start without a CSV: 400, as in ISC. With a file: about 10 s.
		{
			...DEMO_SOURCES.hrCsv,
			plan: {collectMs: 2000, totalAccounts: 2400, accountsPerSecond: 300, outcome: {type: 'COMPLETED'}, totalIdentities: 2400},
		},
		// Start: about 1 min, no stall.
		{
			...DEMO_SOURCES.ldap,
			plan: {
				collectMs: 5000,
				totalAccounts: 30_000,
				accountsPerSecond: 500,
				outcome: {type: 'COMPLETED'},
				totalAccountsMarkedForDeletion: 4,
				totalIdentities: 29_000,
			},
		},
		// Start: about 25 s, a few deletions.
		{
			...DEMO_SOURCES.okta,
			plan: {
				collectMs: 4000,
				totalAccounts: 4000,
				accountsPerSecond: 200,
				outcome: {type: 'COMPLETED'},
				totalAccountsMarkedForDeletion: 2,
				totalIdentities: 3900,
			},
		},
		// Start: about 50 s, completes.
		{
			...DEMO_SOURCES.activeDirectoryEu,
			plan: {collectMs: 20_000, totalAccounts: 6000, accountsPerSecond: 200, outcome: {type: 'COMPLETED'}, totalIdentities: 5800},
		},
		// Start: about 25 s, completes.
		{
			...DEMO_SOURCES.jira,
			plan: {collectMs: 5000, totalAccounts: 2000, accountsPerSecond: 100, outcome: {type: 'COMPLETED'}, totalIdentities: 1950},
		},
	];
}

function aggregations(): SimAggregationPlan[] {
	const {workday, activeDirectory, serviceNow, salesforce, hrCsv, ldap, okta, activeDirectoryEu, jira} = DEMO_SOURCES;
	return [
		// Fast: starts now, STARTED for 5 s, then 12,500 accounts at 500/s → COMPLETED at 30 s.
		{
			id: DEMO_AGGREGATION_IDS.workdayFast,
			sourceId: workday.id,
			sourceName: workday.name,
			startAtMs: 0,
			collectMs: 5000,
			totalAccounts: 12_500,
			accountsPerSecond: 500,
			totalAccountsMarkedForDeletion: 120,
			totalIdentities: 11_900,
			outcome: {type: 'COMPLETED'},
		},
		// Long: 250,000 accounts at 1,000/s, started a minute ago (≈40,000 done) → COMPLETED at ~3.5 min.
		{
			id: DEMO_AGGREGATION_IDS.activeDirectoryLong,
			sourceId: activeDirectory.id,
			sourceName: activeDirectory.name,
			startAtMs: -60_000,
			collectMs: 20_000,
			totalAccounts: 250_000,
			accountsPerSecond: 1000,
			totalAccountsMarkedForDeletion: 3200,
			totalIdentities: 180_000,
			outcome: {type: 'COMPLETED'},
		},
		// Cancelled: started 10 s ago, collecting until -5 s, cancelled 50 s after its start (40 s) at 18,000 of 40,000.
		{
			id: DEMO_AGGREGATION_IDS.serviceNowCancelled,
			sourceId: serviceNow.id,
			sourceName: serviceNow.name,
			startAtMs: -10_000,
			collectMs: 5000,
			totalAccounts: 40_000,
			accountsPerSecond: 400,
			totalIdentities: 36_000,
			outcome: {type: 'CANCELLED', afterMs: 50_000},
		},
		// Terminated: STARTED until 10 s, RETRIED 3 × 20 s, TERMINATED at 70 s.
		{
			id: DEMO_AGGREGATION_IDS.salesforceTerminated,
			sourceId: salesforce.id,
			sourceName: salesforce.name,
			startAtMs: -5000,
			collectMs: 15_000,
			totalAccounts: 0,
			accountsPerSecond: 1,
			outcome: {type: 'TERMINATED', retries: 3, retryMs: 20_000},
		},
		// Expiring: a 16 s run (4 s collect + 2,400 at 200/s) that ended EXPIRY_MS − 40 s ago → 404 at 40 s.
		{
			id: DEMO_AGGREGATION_IDS.hrCsvExpiring,
			sourceId: hrCsv.id,
			sourceName: hrCsv.name,
			startAtMs: -(EXPIRY_MS - 40_000) - 16_000,
			collectMs: 4000,
			totalAccounts: 2400,
			accountsPerSecond: 200,
			totalIdentities: 2400,
			outcome: {type: 'COMPLETED'},
		},
		// Scheduled: a Workday delta starting at 35 s, after the first Workday run ended at 30 s (404 before), not
		// tracked at first; `discover` finds it.
		{
			id: DEMO_AGGREGATION_IDS.workdayScheduled,
			sourceId: workday.id,
			sourceName: workday.name,
			startAtMs: 35_000,
			collectMs: 6000,
			totalAccounts: 1200,
			accountsPerSecond: 60,
			totalIdentities: 1180,
			outcome: {type: 'COMPLETED'},
		},
		// Stalled: STARTED for 5 s, 30,000 accounts at 500/s, but the count stands at 7,500 from 20 s to 65 s; COMPLETED at 110 s.
		{
			id: DEMO_AGGREGATION_IDS.ldapStalled,
			sourceId: ldap.id,
			sourceName: ldap.name,
			startAtMs: 0,
			collectMs: 5000,
			totalAccounts: 30_000,
			accountsPerSecond: 500,
			totalAccountsMarkedForDeletion: 4,
			totalIdentities: 29_000,
			stall: {atMs: 15_000, forMs: 45_000},
			outcome: {type: 'COMPLETED'},
		},
		// Held back: 900 of 4,000 accounts marked (22.5%, over Okta's deleteThreshold of 10%), none deleted; COMPLETED at 24 s.
		{
			id: DEMO_AGGREGATION_IDS.oktaHeldBack,
			sourceId: okta.id,
			sourceName: okta.name,
			startAtMs: 0,
			collectMs: 4000,
			totalAccounts: 4000,
			accountsPerSecond: 200,
			totalAccountsMarkedForDeletion: 900,
			totalIdentities: 3900,
			outcome: {type: 'COMPLETED'},
		},
		// Warnings: 20 s collect + 6,000 changes at 200/s → COMPLETED at 50 s; the task ends WARNING with 3 warnings.
		// Another domain's source: the Active Directory run above is still going (ISC runs one aggregation a source).
		{
			id: DEMO_AGGREGATION_IDS.activeDirectoryEuWarnings,
			sourceId: activeDirectoryEu.id,
			sourceName: activeDirectoryEu.name,
			startAtMs: 0,
			collectMs: 20_000,
			totalAccounts: 6000,
			accountsPerSecond: 200,
			totalIdentities: 5800,
			outcome: {type: 'COMPLETED'},
			task: {
				scannedAccounts: 48_000,
				warnings: [
					'Account "CN=svc-backup,OU=Service" has no sAMAccountName; it was skipped.',
					'Account "CN=j.doe2,OU=Staff" matches two identities; it was left uncorrelated.',
					'Group "Domain Users" has more than 10,000 members; its membership was truncated.',
				],
			},
		},
		// Errors: 15 s collect + 2,000 changes at 40/s → COMPLETED at 65 s; the task ends ERROR with 2 errors.
		{
			id: DEMO_AGGREGATION_IDS.jiraErrors,
			sourceId: jira.id,
			sourceName: jira.name,
			startAtMs: 0,
			collectMs: 15_000,
			totalAccounts: 2000,
			accountsPerSecond: 40,
			totalIdentities: 1950,
			outcome: {type: 'COMPLETED'},
			task: {
				// As some real tenants spell it; `--json` gives ERROR, with this in completionStatusRaw.
				completionStatus: 'Error',
				scannedAccounts: 9000,
				errors: [
					'Failed to read page 14 of /rest/api/2/users/search: HTTP 502 from the site; 250 accounts were not aggregated.',
					'Account "admin.old" could not be updated: the identity attribute "email" is not unique.',
				],
			},
		},
	];
}

/** The options `aggwatch --demo` starts the simulator with (real clock, free port). */
export function demoScenario(): SimulatorOptions {
	return {
		clients: [DEMO_CLIENT],
		sources: sources(),
		aggregations: aggregations(),
		tokenLifetimeSec: 120,
		expiryMs: EXPIRY_MS,
		taskShape: 'real',
		rateLimit: {requests: 100, windowMs: 10_000},
		faults: [
			// A spell of rate limiting on every API call (the token endpoint stays open).
			{fault: {type: 'status', status: 429, retryAfterSec: 3}, pathPrefix: '/v2025', fromMs: 45_000, untilMs: 52_000},
			// One revoked token: a single 401 on a status call.
			{fault: {type: 'status', status: 401}, pathPrefix: '/v2025/account-aggregations', fromMs: 80_000, count: 1},
		],
	};
}

/** The ids the demo monitor tracks on its first run: every scenario aggregation but the scheduled one, plus a missing id. */
export function demoTrackedIds(): string[] {
	const {workdayScheduled: _scheduled, ...tracked} = DEMO_AGGREGATION_IDS;
	return [...Object.values(tracked), DEMO_MISSING_ID];
}
