import {useEffect, useRef} from 'react';
import {tenantEvents} from '../../alerts/events-log.js';
import type {MonitorState} from '../../core/types.js';
import type {ViewAction} from '../state/view-state.js';
import {useLatest} from '../state/use-latest.js';

/**
 * Logs what happens to a tenant while the monitor runs (credentials or certificate failing, a 429 pause) in the
 * events log (E); the header's banners and polling state tell it on screen as before.
 */
export function useTenantEvents({state, now, apply}: {state: MonitorState; now: number; apply: (action: ViewAction) => void}): void {
	const seenState = useRef(state);
	const clock = useLatest(now);
	useEffect(() => {
		const previous = seenState.current;
		seenState.current = state;
		const events = tenantEvents(previous, state, clock.current);
		if (events.length > 0) {
			apply({type: 'logged', events});
		}
	}, [state, apply, clock]);
}
