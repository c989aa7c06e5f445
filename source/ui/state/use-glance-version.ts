import {useEffect, useState} from 'react';
import type {SourcesGlance} from '../monitor/commands.js';

/**
 * A number that changes whenever the sources glance's reader learns something, while `active`: the trigger for
 * working out again what a screen shows from the glance's live state (the sources glance O, the start picker S).
 */
export function useGlanceVersion(glance: SourcesGlance | undefined, active: boolean): number {
	const [version, setVersion] = useState(0);
	useEffect(() => {
		if (!active || glance === undefined) {
			return undefined;
		}

		return glance.subscribe(() => {
			setVersion(value => value + 1);
		});
	}, [active, glance]);
	return version;
}
