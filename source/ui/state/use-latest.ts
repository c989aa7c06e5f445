import {useLayoutEffect, useRef} from 'react';

/**
 * The values of the latest committed render, for handlers and effects made once that must not see an older render's
 * (a key that arrives right after a frame, before Ink's passive effects resubscribe its handler). Set as the render
 * commits (a layout effect, in the same task as the render), so no key, timer or passive effect runs in between;
 * read it only in handlers and effects, never while rendering.
 */
export function useLatest<T>(value: T): {readonly current: T} {
	const latest = useRef(value);
	useLayoutEffect(() => {
		latest.current = value;
	});
	return latest;
}
