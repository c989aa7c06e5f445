/** A small seeded pseudo-random source (mulberry32): the same seed lays out the same soak. */
export interface Random {
	/** In [0, 1). */
	next(): number;
	/** In [min, max). */
	between(min: number, max: number): number;
	/** A whole number in [min, max]. */
	int(min: number, max: number): number;
	/** `length` lowercase hex characters. */
	hex(length: number): string;
}

export function seededRandom(seed: number): Random {
	let state = seed >>> 0;
	const next = (): number => {
		state = (state + 0x6d_2b_79_f5) >>> 0;
		let value = state;
		value = Math.imul(value ^ (value >>> 15), value | 1);
		value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
		return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
	};

	return {
		next,
		between: (min, max) => min + next() * (max - min),
		int: (min, max) => min + Math.floor(next() * (max - min + 1)),
		hex(length) {
			let text = '';
			while (text.length < length) {
				text += Math.floor(next() * 16).toString(16);
			}

			return text;
		},
	};
}
