import type {CommandName} from '../commands/options.js';

const CONNECTION = `Tenant (first match wins):
  --tenant NAME           a saved tenant (aggwatch tenant add / import)
  --base-url URL|NAME     an ad-hoc tenant: URL, or a name: acme → https://acme.api.identitynow.com
  --client-id ID          its OAuth client id
  --client-secret-stdin   read its client secret from standard input
  SAIL_BASE_URL, SAIL_CLIENT_ID, SAIL_CLIENT_SECRET   the SailPoint SDKs' variables (ad-hoc tenant)
  ./config.json           the SDKs' file (BaseURL, ClientId, ClientSecret) (ad-hoc tenant)
  the default saved tenant (aggwatch tenant use NAME)
  --api-version V         v2025 (default), v2024, beta or v1
  --debug FILE            append a request log, JSON lines (method, URL, status, timing, retries; no secrets)
  --demo                  use the built-in simulated tenant: no credentials needed

Network: HTTPS_PROXY, HTTP_PROXY and NO_PROXY are honoured; TLS is always verified
(add a private CA with NODE_EXTRA_CA_CERTS=/path/ca.pem).`;

const RUN_ACTIONS = `When a run ends (its outcome read from its task), stalls, or has its deletions held back:
  --on-end 'COMMAND'      run COMMAND through the shell, once per event, with AGGWATCH_EVENT
                          (ended, stalled, held-back), AGGWATCH_ID, AGGWATCH_TENANT,
                          AGGWATCH_SOURCE, AGGWATCH_STATUS, AGGWATCH_OUTCOME, AGGWATCH_WARNINGS,
                          AGGWATCH_ERRORS, AGGWATCH_DURATION_SECONDS, and the event as JSON on its
                          standard input. Stopped after 30 s; a failure is told once and changes
                          no exit code.
  --notify URL            post the event to a webhook (retried for up to a minute). The URL is a
                          secret: never printed or logged. AGGWATCH_NOTIFY_URL works too.
  --notify-format F       slack ({"text": …}), teams (an Adaptive Card message, for Teams
                          workflows) or json (the event itself). Default: guessed from the host
                          (hooks.slack.com: slack; *.logic.azure.com, *.powerplatform.com,
                          *.webhook.office.com: teams; else json).
  Defaults: aggwatch config set on-end|notify|notify-format; --on-end '' or --notify '' turns
  a saved one off.`;

const TEXT: Record<Exclude<CommandName, 'notify' | 'config'>, string> = {
	monitor: `aggwatch: a live monitor for SailPoint ISC account aggregations

Usage
  aggwatch [id...] [options]          full-screen monitor of every tracked aggregation
  aggwatch status <id...> [--json]    print status once, for scripts
  aggwatch wait <id...>               wait for aggregations to end, for pipelines
  aggwatch track <id...> | untrack <id...> | list [--json]
  aggwatch tenant add|list|remove|use|import   saved tenants and their credentials
  aggwatch discover [--track]         list the aggregations running now
  aggwatch start <source> [--wait]    start an account aggregation, track it
  aggwatch history                    every aggregation aggwatch saw end
  aggwatch notify test [URL]          post a sample event to a webhook
  aggwatch config [set|unset KEY]     defaults of --on-end, --notify, --notify-format
  aggwatch sources [--attention]      every source at a glance: last run, next run, overdue
  aggwatch help <command>             a command's help (the same as aggwatch <command> --help)
  aggwatch completion <shell>         tab completion for bash, zsh, fish or powershell

Every tracked row is shown, whatever its tenant (each with its own credentials and
request budget); --tenant NAME shows that tenant's rows only. Ids given here (and
added with a) go to the tenant chosen as below.

Monitor options
  --interval SECONDS      poll interval for running aggregations (default 5; STARTED ones at twice that)
  --budget N              status requests per 10 s per tenant (default 80; ISC allows 100)
  --no-color              no colour (NO_COLOR is honoured too)
  --ascii                 ASCII symbols only
  --no-mouse              leave the mouse to the terminal (by default the wheel scrolls the
                          lists, and selecting text needs Shift, or Option on macOS)
  --no-bell, --no-notify  no terminal bell / desktop notification (OSC 9) when one ends
  --discover              also track aggregations that start on the tenant (checked once a minute)
  --stall-after DURATION  mark a running row "stalled?" when its counts have not moved for this
                          long (default 15m, or 3x the longest pause in the source's past runs;
                          20s with --demo)

${RUN_ACTIONS}

${CONNECTION}

Keys: ? in the monitor lists them all.

Examples
  aggwatch --demo
  aggwatch tenant add acme && aggwatch 2c91808477a6b0c60177a81146b8110b
  aggwatch --tenant acme-sb
  SAIL_BASE_URL=acme SAIL_CLIENT_ID=… SAIL_CLIENT_SECRET=… aggwatch 2c91808477a6b0c60177a81146b8110b
  aggwatch status --json 2c91808477a6b0c60177a81146b8110b | jq .status`,
	status: `Usage: aggwatch status <id...> [--json]

Prints each aggregation's status once: status, its source's name (from its task), changes
processed/total (new, changed and deleted accounts), deletions, identities, and start time. For an ended aggregation it also
reads its task: completion status, messages, figures (scanned, added, changed, ...) and times.
About an hour after the end ISC forgets the status; the task (kept 90 days) still answers,
and is printed instead.

  --json    one JSON object per line: the status body with "id" and "source" added, and "task":
            {completionStatus, launched, completed, messages: [{type, text}], counts}
            (completionStatus one of SUCCESS, WARNING, ERROR, TERMINATED, TEMP_ERROR;
            the tenant's own spelling in completionStatusRaw where it differs), and
            once it has ended "deletionsHeldBack": true or false
            (a failed id gives {"id", "error": {kind, message, status, trackingId}})

${CONNECTION}

Exit codes: 0 all answered, 1 usage or configuration, 2 an id past the hour whose task
ended ERROR or TERMINATED, 3 not found (neither status nor task), 4 authentication or
permission, 6 other request failure.

Examples
  aggwatch status --demo 5f0e7d2c9b1a48e3a6d4c2b0e8f61a72
  aggwatch status --json 2c91808477a6b0c60177a81146b8110b`,
	wait: `Usage: aggwatch wait <id...> [--timeout DURATION] [--interval S] [--budget N] [--stall-after D] [--give-up-after D] [--fail-on-warning] [--json]

Polls until every id reaches an end state (COMPLETED, CANCELLED, TERMINATED), with the
monitor's scheduler: the same request budget, backoff and Retry-After pauses. Prints one
line per change, written for CI logs: no redraws, no colour. The last line sums up:
"5 ended: 1 ok, 2 with errors, 1 not found → exit 3".

  --timeout DURATION   give up after this long (90s, 5m, 1h30m); exit 5
  --interval S         poll interval for running aggregations (default 5)
  --budget N           status requests per 10 s (default 80)
  --stall-after D      say so (once) when a running aggregation's counts have not moved for D
                       (default 15m, or 3x the longest pause in the source's past runs)
  --give-up-after D    exit 6 once an id's requests have failed for D without a break
                       (default 10m; a 429 with Retry-After is a pause, not a failure)
  --fail-on-warning    exit 2 when a task ends WARNING
  --json               NDJSON: {"event":"change", id, tenant, status, processedAccounts,
                       totalAccounts, task, at, ...} per change, {"event":"stalled", id, forMs,
                       ...} when one stalls, then {"event":"summary", exitCode, results} (each
                       result with its task outcome)

Once an aggregation ends, its task is read for the outcome (completion status, messages,
figures); an id that neither the status nor the task endpoint knows is not found at once.

${RUN_ACTIONS}
wait waits for them before it exits (a command 30 s at most, a webhook a minute).

${CONNECTION}

Exit codes (the highest that applies wins):
  0 all COMPLETED (task SUCCESS or WARNING)    2 any CANCELLED or TERMINATED, or COMPLETED
  with its task ERROR or TERMINATED (or WARNING with --fail-on-warning)
  3 any not found, or forgotten by ISC before its end was seen
  4 authentication or permission failure    5 timeout    1 usage or configuration
  6 a request failure that does not go away by waiting (an untrusted TLS certificate)

When standard error is a terminal, each end rings the bell and sends a desktop
notification (OSC 9); --no-bell, --no-notify or AGGWATCH_ALERTS=bell|notify|none turn
them off. Each end is recorded in "aggwatch history".

Examples
  aggwatch wait --timeout 2h 2c91808477a6b0c60177a81146b8110b && ./next-step.sh
  aggwatch wait --tenant acme-sb --json 2c91808477a6b0c60177a81146b8110b | jq -c 'select(.event=="change")'
  aggwatch wait --demo --interval 1 a3c91f0e5b2d4c7e9f1a6b8d0c2e4f61
  aggwatch wait "$id" --on-end 'logger -t aggwatch "$AGGWATCH_SOURCE $AGGWATCH_OUTCOME"'
  aggwatch wait "$id" --notify "$SLACK_WEBHOOK"`,
	track: `Usage: aggwatch track <id...> [--tenant NAME]

Adds aggregations to the list the monitor shows; a running monitor picks them up at
once. Sends no requests and needs no secret: it only names the tenant, which is
--tenant, else the SAIL_BASE_URL / --base-url / ./config.json tenant, else the default.

  --tenant NAME        a saved tenant
  --base-url URL|NAME  an ad-hoc tenant (rows are filed under its short name)
  --demo               the demo's own list

Examples
  aggwatch track 2c91808477a6b0c60177a81146b8110b
  aggwatch track --tenant acme-sb 2c91808477a6b0c60177a81146b8110b 2c91808477a6b0c60177a81146b8110c`,
	untrack: `Usage: aggwatch untrack <id...> [--tenant NAME]

Removes aggregations from the list (a running monitor drops them at once). Without
--tenant an id is removed from whichever tenant tracks it. Ids that are not tracked
are named on standard error; the exit code is still 0.

  --tenant NAME        only this tenant's rows
  --base-url URL|NAME  only this ad-hoc tenant's rows
  --demo               the demo's own list

Examples
  aggwatch untrack 2c91808477a6b0c60177a81146b8110b
  aggwatch list --json | jq -r 'select(.phase=="ended") | .id' | xargs aggwatch untrack`,
	list: `Usage: aggwatch list [--json] [--tenant NAME]

Prints the tracked aggregations as the store has them: tenant, id, source name, and
the last status a monitor saw (and when). Sends no requests; "aggwatch status" asks ISC.

  --json          one JSON object per line (NDJSON, as every --json listing): {tenant, id,
                  label, status, phase, processedAccounts, totalAccounts, addedAt,
                  lastOkAt, endedAt} (missing fields left out)
  --tenant NAME   only this tenant's rows
  --demo          the demo's own list

Examples
  aggwatch list
  aggwatch list --json | jq -r .id`,
	tenant: `Usage: aggwatch tenant <add|list|remove|use|import> ...

Saved tenants: the URL and client id in aggwatch's settings, the client secret in the
OS keychain. Where there is no keychain (headless Linux, CI) or it is locked, the
secret goes to a file of its own (secrets.json, mode 0600, next to the settings) with a
warning that says why. AGGWATCH_KEYRING=off always uses that file. The settings say
where each secret went: the one stored last is used. Secrets are never flags, never
printed.

  tenant add <name> [--base-url URL] [--client-id ID] [--client-secret-stdin] [--api-version V]
      URL defaults to https://<name>.api.identitynow.com. Client id: --client-id,
      SAIL_CLIENT_ID or asked. Secret: standard input with --client-secret-stdin,
      SAIL_CLIENT_SECRET, or asked with input hidden (without a terminal: the client id,
      if asked, then the secret, one line each on standard input). Saved only once ISC
      gave a token for them. The first tenant added becomes the default.
  tenant list [--json]
      Saved tenants; * marks the default. Shows where each secret is, never the secret.
      --json: one object per line (NDJSON).
  tenant remove <name> [--drop-rows | --keep-rows]
      Forgets the tenant and deletes its secret. Its tracked aggregations: asked on a
      terminal; kept by scripts unless --drop-rows. A secret the keychain could not
      delete (locked, unreachable) is named, with why, and the exit code is 4.
  tenant use <name>
      Makes it the default tenant.
  tenant import [--yes] [--client-secret-stdin]
      Imports the SDKs' ./config.json (BaseURL, ClientId, ClientSecret) and the
      SailPoint CLI's ~/.sailpoint/config.yaml environments. Lists them and asks first
      (--yes for scripts); a client id or secret the files lack (the SailPoint CLI keeps
      its PAT in the OS keychain) is asked for.

Exit codes: 0 done, 1 usage or configuration, 4 credentials refused or the keychain
cannot be used, 6 ISC unreachable.

Examples
  aggwatch tenant add acme
  aggwatch tenant add acme-sb --base-url https://acme-sb.api.identitynow.com --client-id 2c9180835d2e5168015d32f890ca1581
  printf '%s' "$SECRET" | aggwatch tenant add acme --client-id ID --client-secret-stdin
  printf '%s\\n' "$SECRET" | aggwatch tenant add acme --client-id "$CLIENT_ID"
  aggwatch tenant list --json | jq -r 'select(.default) | .name'
  aggwatch tenant remove acme-sb --drop-rows
  aggwatch tenant import --yes`,
	discover: `Usage: aggwatch discover [--track] [--json] [--tenant NAME]
       aggwatch discover --ended [--since DURATION] [--failed] [--json] [--tenant NAME]

Lists the account aggregations running now on the tenant, newest first: source,
start time, how long it has run, and the aggregation id.

  --track   also track them all, labelled with their source name
  --json    one JSON object per line: {"id","tenant","source","sourceId","started","progress"}
  --ended   instead, the ones that ended in the window (what ended while nobody watched):
            source, outcome (completion status, warnings, errors), start, duration,
            changes and accounts scanned; with --json
            {"id","tenant","source","sourceId","completionStatus","started","completed",
            "durationMs","warnings","errors","deletionsHeldBack","task"}
  --since   the window for --ended (default 24h)
  --failed  with --ended, only runs that did not succeed (ERROR, TEMP_ERROR, TERMINATED)
  --on-end, --notify, --notify-format   with --ended: one "ended" event per run listed
            (the morning report: see the readme for a cron line and a systemd timer)

${CONNECTION}

Exit codes: 0 listed (even if none run), 1 usage or configuration,
4 authentication or permission, 6 other request failure.

Examples
  aggwatch discover --demo
  aggwatch discover --track && aggwatch
  aggwatch discover --json | jq -r 'select(.source=="Workday") | .id' | xargs aggwatch wait
  aggwatch discover --ended --since 7d --failed
  aggwatch discover --ended --failed --since 24h --notify "$TEAMS_WEBHOOK"`,
	sources: `Usage: aggwatch sources [--attention] [--json] [--tenant NAME] [--budget N]

Every source of the tenant (of every saved tenant, without --tenant), those needing
attention first: name and connector, health, the last account aggregation (outcome,
when it ended, how long it took against the source's usual, changes or accounts scanned,
warnings, errors, held-back deletions), a run in progress, the next scheduled run and
whether it is overdue. Times are shown in UTC; schedules run in the zone of the source's
virtual appliance cluster (its GMT offset, without daylight saving).

Attention: failed, warnings, held-back, overdue, unhealthy, stalled. Overdue: the schedule
fired after the last run (a fire while a run was going is that run's), more than a grace
ago (15 minutes, or a tenth of the schedule's period if longer), and no run started since.

  --attention   only the sources needing attention; exit 2 when there are any
  --json        one JSON object per line: {"tenant","id","name","connector","healthy",
                "health","deleteThreshold","running","lastRun","schedule","overdue","attention"}
  --budget N    requests per 10 s to each tenant (default 80); every request counts
  --stall-after DURATION   a running source without progress this long is stalled (default 15m)
  --on-end, --notify, --notify-format   with --attention: one "attention" event per source
                needing attention (the morning report: see the readme)

${CONNECTION}

Exit codes: 0 listed, 1 usage or configuration, 2 some source needs attention (--attention),
4 authentication or permission, 6 other request failure.

Examples
  aggwatch sources --demo
  aggwatch sources --attention || notify-send "ISC sources need attention"
  aggwatch sources --json | jq -r 'select(.overdue) | .name'
  aggwatch sources --attention --notify "$SLACK_WEBHOOK"`,
	start: `Usage: aggwatch start <source> [--disable-optimization] [--wait] [--json] [--tenant NAME]
       aggwatch start <source> <source>... --sequence [--continue-on-failure] [--json]

Starts an account aggregation of a source, given by id or exact name, tracks it, and
prints its aggregation id alone on standard output. The request is sent once and never
retried: if its answer is lost, aggwatch says the outcome is unknown and how to check.
Delimited-file sources need a CSV uploaded with the request; aggwatch refuses them.
If an aggregation of the source is running already, nothing is sent: its id is printed,
tracked and (with --wait) waited on, as when ISC answers that it did not start another.

  --disable-optimization   aggregate every account, not only those changed since the last run
  --wait                   then wait for it to end, as "aggwatch wait" (same output and exit
                           codes; --timeout, --interval, --budget, --stall-after,
                           --give-up-after, --fail-on-warning, --no-bell, --no-notify apply)
  --json                   {"event":"started", id, tenant, source:{id,name}, disableOptimization,
                           created, tracked}, or {"event":"already-running", id, tenant,
                           source, started, sent, tracked}; with --wait, wait's NDJSON follows
  --sequence               start each source in turn: the next starts once the previous one has
                           ended and its task's outcome is read. A source already running is
                           waited on, not started. A run that does not succeed stops the chain
                           (the sources not started are named); the exit code is the worst of
                           the chain, as wait's (--timeout is for the whole chain). Every run is
                           tracked, so an open monitor shows it. --json: started,
                           already-running, progress, ended (with its task, exitCode) and
                           skipped events, then {"event":"summary", exitCode, results}
  --continue-on-failure    with --sequence: go on after a failed run (not after an
                           authentication failure or the end of --timeout)

${RUN_ACTIONS}
(with --wait or --sequence)

${CONNECTION}

Exit codes: 0 started or already running (with --wait: COMPLETED), 1 usage, configuration, a delimited-file
or ambiguous source, 2 CANCELLED/TERMINATED (--wait), 3 no such source (or --wait: not
found/expired), 4 authentication or permission, 5 timeout (--wait), 6 request failed
(the outcome may be unknown: check with aggwatch discover) or ISC's 202 started nothing.

Examples
  aggwatch start Workday
  id=$(aggwatch start "Active Directory" --disable-optimization) && aggwatch wait "$id"
  aggwatch start 2c91808a7813090a01781412a6a90001 --wait --timeout 2h
  aggwatch start --demo --wait Workday
  aggwatch start "HR" "Active Directory" "ServiceNow" --sequence --notify "$SLACK_WEBHOOK"
  aggwatch start --demo --interval 1 Workday Okta --sequence --json`,
	help: `Usage: aggwatch help [command]

Prints the help of a command, the same as "aggwatch <command> --help"; alone, aggwatch's own.
Commands: status, wait, track, untrack, list, tenant, discover, start, history, sources, notify, config, completion.

Examples
  aggwatch help wait
  aggwatch help`,
	completion: `Usage: aggwatch completion <bash|zsh|fish|powershell>

Prints a script that completes aggwatch's commands, each command's flags, tenant
subcommands and saved tenants' names (after --tenant, tenant use and tenant remove) as
you press Tab. The script asks aggwatch itself, so it stays right as aggwatch changes.

  bash         source <(aggwatch completion bash)         (in ~/.bashrc)
  zsh          source <(aggwatch completion zsh)          (in ~/.zshrc, after compinit)
  fish         aggwatch completion fish | source          (in ~/.config/fish/config.fish)
  powershell   aggwatch completion powershell | Out-String | Invoke-Expression   (in $PROFILE)

Examples
  aggwatch completion bash > ~/.local/share/bash-completion/completions/aggwatch
  aggwatch completion fish > ~/.config/fish/completions/aggwatch.fish
  aggwatch completion zsh > "\${fpath[1]}/_aggwatch"`,
	history: `Usage: aggwatch history [--source NAME] [--since DURATION] [--tenant NAME] [--json]

Every aggregation aggwatch saw end (monitor, wait, start --wait), newest first: end
time, source, status, accounts, duration, id. ISC forgets an aggregation's status about
an hour after it ends; aggwatch keeps the last 1,000 for up to 90 days
(AGGWATCH_HISTORY_MAX_ENTRIES, AGGWATCH_HISTORY_MAX_AGE). No request is made.
A duration shown as ≤ was noticed late: the run was shorter.

  --source NAME      only this source (any case)
  --since DURATION   only those that ended within this long (90m, 24h, 7d)
  --tenant NAME      only this tenant
  --json             one entry per line
  --demo             the demo's own history

Examples
  aggwatch history
  aggwatch history --source Workday --since 7d
  aggwatch history --json | jq -s 'map(.durationMs) | add / length'`,
};

const NOTIFY = `Usage: aggwatch notify test [URL] [--notify-format slack|teams|json]

Posts one sample event (an "ended" run, named "aggwatch test notification") to a webhook
and says what it answered: its HTTP status and the start of its body. The webhook is URL,
else AGGWATCH_NOTIFY_URL, else the one saved with "aggwatch config set notify". The URL is
never printed: only its host. The format is --notify-format, else the saved one, else
guessed from the host (hooks.slack.com: slack; Teams workflow hosts: teams; else json).
Retried for up to a minute after a network error, 408, 429 or 5xx.

Exit codes: 0 a 2xx answer, 1 usage, 6 any other answer or none.

Examples
  aggwatch notify test "$SLACK_WEBHOOK"
  aggwatch notify test --notify-format teams "$TEAMS_WORKFLOW_URL"
  aggwatch notify test`;

const CONFIG = `Usage: aggwatch config [list]
       aggwatch config set on-end 'COMMAND' | set notify | set notify-format slack|teams|json
       aggwatch config unset on-end|notify|notify-format

Defaults of --on-end, --notify and --notify-format for wait, start --wait, start
--sequence, discover --ended and the monitor (each run by every aggwatch of this user
until unset; --on-end '' or --notify '' turns one off for a command; --demo uses none).

  set notify   asks for the webhook URL with input hidden (without a terminal: one line
               of standard input) and keeps it in the OS keychain, like a client secret
               (else in the 0600 secrets file, with a warning). It is never shown again:
               "config list" says only where it is.

Examples
  aggwatch config set on-end '/usr/local/bin/aggwatch-hook'
  printf '%s\\n' "$SLACK_WEBHOOK" | aggwatch config set notify
  aggwatch config list
  aggwatch config unset notify`;

export function helpText(command: CommandName): string {
	return command === 'notify' ? NOTIFY : command === 'config' ? CONFIG : TEXT[command];
}
