import {startSimulator} from '../simulator/server.js';
import {DEMO_CLIENT, demoScenario} from '../simulator/demo-scenario.js';
import {withGlanceSources} from '../simulator/demo-glance.js';
import type {Simulator} from '../simulator/types.js';
import type {Connection} from './connection.js';

export interface DemoTenant {
	simulator: Simulator;
	connection: Connection;
	close(): Promise<void>;
}

/**
 * `--demo`: the simulated tenant, started in-process on a free loopback port. No credentials needed. Besides the
 * scenario's runs it has the sources of the tenant at a glance (simulator/demo-glance.ts).
 */
export async function startDemoTenant(): Promise<DemoTenant> {
	const simulator = await startSimulator(withGlanceSources(demoScenario(), Date.now()));
	return {
		simulator,
		connection: {
			tenant: 'demo',
			baseUrl: simulator.url,
			clientId: DEMO_CLIENT.clientId,
			clientSecret: DEMO_CLIENT.clientSecret,
			source: {baseUrl: '--demo', clientId: '--demo', clientSecret: '--demo'},
			apiVersion: 'v2025',
		},
		close: async () => simulator.close(),
	};
}

/** The demo's week of earlier runs, here so a command reaches it through demo.cjs (the split-off demo bundle). */
export {demoHistory} from './demo-history.js';
