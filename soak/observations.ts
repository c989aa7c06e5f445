/** Everything a soak run recorded, handed to the checks once every process has ended. */
import type {SimLogEntry} from '../source/simulator/types.js';
import type {StoredRow} from '../source/store/config.js';
import type {PtyExit} from '../test/helpers/pty.js';
import type {SoakConfig} from './config.js';
import type {SentRequest} from './debug-log.js';
import type {SoakLayout, SoakTenant, WaitSpec} from './plans.js';
import type {ProcessExit} from './processes.js';
import type {RssSample} from './rss.js';
import type {SoakAction, SoakSchedule} from './schedule.js';
import type {TruthTracker} from './truth.js';

export interface TenantObservation {
	name: SoakTenant;
	/** The simulator's URL origin. */
	origin: string;
	log: readonly SimLogEntry[];
	/** Client id → the process using it. */
	owners: ReadonlyMap<string, string>;
	/** Processes that talk to this tenant. */
	talkers: readonly string[];
}

export interface WaitObservation {
	name: string;
	spec: WaitSpec;
	exit?: ProcessExit;
	stdout: string;
	stderr: string;
}

export interface MonitorObservation {
	exit?: PtyExit;
	/** Everything it wrote to the terminal. */
	rawOutput: string;
	/** After q: the terminal's state. */
	alternateScreenAfter: boolean;
	cursorVisibleAfter: boolean;
	/** The screen while the rotated tenant's secret was wrong: the first one that showed its auth error, else the last. */
	rotationScreen?: string;
	/** The store file after the monitor quit. */
	storeRows: StoredRow[];
	storeError?: string;
}

export interface SoakObservations {
	config: SoakConfig;
	layout: SoakLayout;
	schedule: SoakSchedule;
	/** Epoch ms: the run's start (the monitor's launch). */
	runStart: number;
	/** Epoch ms: when q was pressed. */
	quitAt: number;
	/** Epoch ms: when the monitor's store first showed every row it can finish in a final phase. */
	settledAt?: number;
	tenants: TenantObservation[];
	truth: TruthTracker;
	/** The script's actions as they happened (epoch ms). */
	actions: Array<{action: SoakAction; at: number}>;
	monitor: MonitorObservation;
	waits: WaitObservation[];
	rss: RssSample[];
	/** Every request of every process's --debug log. */
	sent: SentRequest[];
	/** Debug log lines that did not parse. */
	badDebugLines: number;
}
