import type {CommandName} from './args.js';

const CONNECTION = `Tenant (first match wins):
  --base-url URL|NAME     tenant URL, or a name: acme → https://acme.api.identitynow.com
  --client-id ID          OAuth client id
  --client-secret-stdin   read the client secret from standard input
  SAIL_BASE_URL, SAIL_CLIENT_ID, SAIL_CLIENT_SECRET   the SailPoint SDKs' variables
  ./config.json           the SDKs' file (BaseURL, ClientId, ClientSecret)
  --api-version V         v2025 (default), v2024, beta or v1
  --debug FILE            append a request log (method, URL, status, timing, retries; no secrets)
  --demo                  use the built-in simulated tenant: no credentials needed`;

const TEXT: Record<CommandName, string> = {
	monitor: `aggwatch: a live monitor for SailPoint ISC account aggregations

Usage
  aggwatch [id...] [options]          full-screen monitor of every tracked aggregation
  aggwatch status <id...> [--json]    print status once, for scripts
  aggwatch wait <id...>               wait for aggregations to end, for pipelines
  aggwatch track <id...> | untrack <id...> | list [--json]

Monitor options
  --interval SECONDS      poll interval for running aggregations (default 5; STARTED ones at twice that)
  --budget N              status requests per 10 s per tenant (default 80; ISC allows 100)
  --no-color              no colour (NO_COLOR is honoured too)
  --ascii                 ASCII symbols only

${CONNECTION}

Keys: ? in the monitor lists them all.

Examples
  aggwatch --demo
  SAIL_BASE_URL=acme SAIL_CLIENT_ID=… SAIL_CLIENT_SECRET=… aggwatch 2c91808477a6b0c60177a81146b8110b
  aggwatch status --json 2c91808477a6b0c60177a81146b8110b | jq .status`,
	status: `Usage: aggwatch status <id...> [--json]

Prints each aggregation's status once: status, accounts processed/total, deletions,
identities, and start time. One status request per id.

  --json    one JSON object per line: the status body with "id" added
            (a failed id gives {"id", "error": {kind, message, status, trackingId}})

${CONNECTION}

Exit codes: 0 all answered, 1 usage or configuration, 3 not found,
4 authentication or permission, 6 other request failure.

Examples
  aggwatch status --demo 5f0e7d2c9b1a48e3a6d4c2b0e8f61a72
  aggwatch status --json 2c91808477a6b0c60177a81146b8110b`,
	wait: `Usage: aggwatch wait <id...> [--timeout DURATION] [--interval S] [--budget N] [--json]

Polls until every id reaches an end state (COMPLETED, CANCELLED, TERMINATED), with the
monitor's scheduler: the same request budget, backoff and Retry-After pauses. Prints one
line per change, written for CI logs: no redraws, no colour.

  --timeout DURATION   give up after this long (90s, 5m, 1h30m); exit 5
  --interval S         poll interval for running aggregations (default 5)
  --budget N           status requests per 10 s (default 80)
  --json               NDJSON: {"event":"change", id, tenant, status, processedAccounts,
                       totalAccounts, at, ...} per change, then {"event":"summary", exitCode, results}

${CONNECTION}

Exit codes (the highest that applies wins):
  0 all COMPLETED    2 any CANCELLED or TERMINATED    3 any not found or expired
  4 authentication or permission failure    5 timeout    1 usage or configuration

Examples
  aggwatch wait --timeout 2h 2c91808477a6b0c60177a81146b8110b && ./next-step.sh
  aggwatch wait --json 2c91808477a6b0c60177a81146b8110b | jq -c 'select(.event=="change")'`,
	track: `Usage: aggwatch track <id...>`,
	untrack: `Usage: aggwatch untrack <id...>`,
	list: `Usage: aggwatch list [--json]`,
};

export function helpText(command: CommandName): string {
	return TEXT[command];
}
