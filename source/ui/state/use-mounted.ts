import {useEffect, useRef, type RefObject} from 'react';

/** Whether the component is still mounted: an answer that arrives after it is gone changes nothing. */
export function useMounted(): RefObject<boolean> {
	const mounted = useRef(true);
	useEffect(() => {
		mounted.current = true;
		return () => {
			mounted.current = false;
		};
	}, []);
	return mounted;
}
