import type {Alert} from '../../alerts/end-alert.js';
import type {SourceOverview, SourceRunTask} from '../../core/source-overview.js';
import type {RowKey} from '../../core/types.js';

/** A running aggregation the discover picker (D) offers: what `aggwatch discover` lists, with its tenant. */
export interface DiscoveredAggregation {
	/** The aggregation id (the task id). */
	id: string;
	tenant: string;
	/** The source's name, when known; becomes the row's label. */
	sourceName?: string;
	/** When it started (ISO date-time). */
	started?: string;
	/** The task's progress text, e.g. "Processed 120 of 1000 accounts". */
	progress?: string;
}

/** A source the start picker (S) offers. `type`, `connector` and `connectorName` tell delimited-file sources apart. */
export interface StartableSource {
	id: string;
	name: string;
	tenant: string;
	/** Connector type, e.g. "Active Directory - Direct" or "DelimitedFile". */
	type?: string;
	connector?: string;
	connectorName?: string;
}

/**
 * The tenant at a glance (O): every source of every tenant the monitor can reach, with its last and running account
 * aggregations, its schedule and what needs attention, as `aggwatch sources` shows them. It fills as answers come;
 * every read goes through the tenant's budget. The driver (commands/monitor) implements it.
 */
export interface SourcesGlance {
	/** The lines as known now, of every tenant (any order: the screen sorts them). */
	overviews(): readonly SourceOverview[];
	/** The runs of a source seen, newest first. */
	runsOf(tenant: string, sourceId: string): readonly SourceRunTask[];
	/**
	 * Read what is not known yet, or read the sources and their runs again (opening, Ctrl-R, after a start). `runs`:
	 * the sources and their runs only, not the schedules (what the start picker S marks: each a request per source).
	 */
	refresh(scope?: 'all' | 'runs'): void;
	/** The sources on screen, the selected one first: their schedules are read before the others'. */
	prioritize(sources: ReadonlyArray<{tenant: string; id: string}>): void;
	/** Called when something new came in; returns the unsubscribe. */
	subscribe(listener: () => void): () => void;
	/**
	 * Whether every answer is in, whether every tenant's runs have been read (or failed) at least once, and what could
	 * not be read (one line per tenant).
	 */
	status(): {complete: boolean; runsRead: boolean; errors: readonly string[]};
}

/** What starting an aggregation came to: the new aggregation's id, or a message fit to show. */
/** With alreadyRunning, nothing was started: `id` is the aggregation of the source that was running already (since when, if known). */
export type StartResult = {id: string; alreadyRunning?: {since?: string}} | {error: string};

/**
 * One alert for the terminal itself. `sequence` is the bytes to write to the terminal as they are, outside Ink's
 * frame: BEL and/or an OSC 9 notification, as the alert prefs allow (never empty: with both off there is no call).
 * Neither moves the cursor nor changes a cell, so the drawn screen stays valid.
 */
export interface AlertOutput {
	alert: Alert;
	sequence: string;
}

/** What the monitor screen asks of the monitor. The driver (use-monitor, or a test) implements it. */
export interface MonitorCommands {
	/** Track these ids (validated by the add prompt) on the current tenant. */
	add(ids: string[]): void;
	remove(keys: RowKey[]): void;
	/** Poll these rows now; every row when keys is absent. */
	pollNow(keys?: RowKey[]): void;
	setPaused(paused: boolean): void;
	/** Stop tracking every finished row (ended, not found, expired). */
	clearFinished(): void;
	/**
	 * The rows the user looks at now (on screen, and the selected one): they are polled at --interval, the others
	 * share what is left of the budget. Called when the window or the selection moves. Without it, every row is in focus.
	 */
	focus?(keys: RowKey[]): void;
	/**
	 * Track aggregations picked in the discover picker, each on its own tenant, labelled with its source name.
	 * Without it (or without the `discover` prop) the picker is not offered.
	 */
	track?(items: DiscoveredAggregation[]): void;
	/**
	 * Start an account aggregation on `source` (POST /v2025/sources/{id}/load-accounts on source.tenant) and track
	 * the new id, which then shows up through the normal add path. Resolve with {error} rather than reject; a
	 * rejection is shown with its message. Without it (or without `listSources`) the start picker is not offered.
	 */
	startAggregation?(source: StartableSource): Promise<StartResult>;
	/** Put `text` on the clipboard (the terminal's OSC 52). Without it, y is not offered. */
	copy?(text: string): void;
	/** Open a source's page in the tenant's ISC web UI (o); never rejects. Without it, o is not offered. */
	openSource?(target: SourcePageTarget): Promise<OpenSourceResult>;
}

/** The source `o` opens: by its id (the start picker, sources at a glance) or by one of its aggregations (a row). */
export interface SourcePageTarget {
	tenant: string;
	sourceId?: string;
	aggregationId?: string;
}

/** What `o` came to, in one line: the page opened, or why not (with its address when known, to copy). */
export interface OpenSourceResult {
	opened: boolean;
	text: string;
}
