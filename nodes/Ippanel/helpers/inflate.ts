/**
 * DEFLATE decoding (RFC 1951) for the ZIP entries of an XLSX file, in plain TypeScript after
 * Mark Adler's reference decoder "puff": community nodes may not import node:zlib (n8n Cloud
 * allows no dependencies, built-in modules included), and this is all a sheet reader needs.
 */

interface Huffman {
	count: Uint16Array;
	symbol: Uint16Array;
}

const MAX_BITS = 15;
const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DISTANCE_BASE = [
	1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DISTANCE_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

export class InflateError extends Error {}

function huffman(lengths: ArrayLike<number>, offset: number, n: number): Huffman {
	const count = new Uint16Array(MAX_BITS + 1);
	const symbol = new Uint16Array(n);
	for (let s = 0; s < n; s++) count[lengths[offset + s]]++;
	const offsets = new Uint16Array(MAX_BITS + 1);
	for (let length = 1; length < MAX_BITS; length++) offsets[length + 1] = offsets[length] + count[length];
	for (let s = 0; s < n; s++) if (lengths[offset + s] !== 0) symbol[offsets[lengths[offset + s]]++] = s;
	return { count, symbol };
}

const FIXED = (() => {
	const lengths = new Uint8Array(288 + 30);
	for (let s = 0; s < 288; s++) lengths[s] = s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8;
	for (let s = 288; s < 318; s++) lengths[s] = 5;
	return { lengths: huffman(lengths, 0, 288), distances: huffman(lengths, 288, 30) };
})();

/** Inflates raw DEFLATE data; `sizeHint` (the ZIP's uncompressed size) sizes the output once. */
export function inflateRaw(input: Uint8Array, sizeHint = 0): Buffer {
	let position = 0;
	let bitBuffer = 0;
	let bitCount = 0;
	let output = new Uint8Array(Math.max(sizeHint, 1024));
	let length = 0;

	const ensure = (more: number) => {
		if (length + more <= output.length) return;
		const grown = new Uint8Array(Math.max(output.length * 2, length + more));
		grown.set(output.subarray(0, length));
		output = grown;
	};
	const bits = (need: number): number => {
		let value = bitBuffer;
		while (bitCount < need) {
			if (position >= input.length) throw new InflateError('the compressed data ends early');
			value |= input[position++] << bitCount;
			bitCount += 8;
		}
		bitBuffer = value >>> need;
		bitCount -= need;
		return value & ((1 << need) - 1);
	};
	const decode = ({ count, symbol }: Huffman): number => {
		let code = 0;
		let first = 0;
		let index = 0;
		for (let bitLength = 1; bitLength <= MAX_BITS; bitLength++) {
			code |= bits(1);
			const entries = count[bitLength];
			if (code - entries < first) return symbol[index + (code - first)];
			index += entries;
			first = (first + entries) << 1;
			code <<= 1;
		}
		throw new InflateError('the compressed data has an invalid Huffman code');
	};
	const codes = (lengths: Huffman, distances: Huffman) => {
		for (;;) {
			let symbol = decode(lengths);
			if (symbol < 256) {
				ensure(1);
				output[length++] = symbol;
				continue;
			}
			if (symbol === 256) return;
			symbol -= 257;
			if (symbol >= 29) throw new InflateError('the compressed data has an invalid length code');
			const copy = LENGTH_BASE[symbol] + bits(LENGTH_EXTRA[symbol]);
			const distanceSymbol = decode(distances);
			if (distanceSymbol >= 30) throw new InflateError('the compressed data has an invalid distance code');
			const distance = DISTANCE_BASE[distanceSymbol] + bits(DISTANCE_EXTRA[distanceSymbol]);
			if (distance > length) throw new InflateError('the compressed data refers back too far');
			ensure(copy);
			for (let i = 0; i < copy; i++, length++) output[length] = output[length - distance];
		}
	};
	const dynamic = () => {
		const literalCount = bits(5) + 257;
		const distanceCount = bits(5) + 1;
		const codeCount = bits(4) + 4;
		if (literalCount > 286 || distanceCount > 30) throw new InflateError('the compressed data has too many codes');
		const lengths = new Uint8Array(320);
		for (let i = 0; i < codeCount; i++) lengths[CODE_LENGTH_ORDER[i]] = bits(3);
		const codeLengths = huffman(lengths, 0, 19);
		lengths.fill(0);
		for (let index = 0; index < literalCount + distanceCount; ) {
			const symbol = decode(codeLengths);
			if (symbol < 16) {
				lengths[index++] = symbol;
				continue;
			}
			let repeat: number;
			let value = 0;
			if (symbol === 16) {
				if (index === 0) throw new InflateError('the compressed data repeats a length before any');
				value = lengths[index - 1];
				repeat = 3 + bits(2);
			} else if (symbol === 17) repeat = 3 + bits(3);
			else repeat = 11 + bits(7);
			if (index + repeat > literalCount + distanceCount) throw new InflateError('the compressed data has too many lengths');
			while (repeat--) lengths[index++] = value;
		}
		codes(huffman(lengths, 0, literalCount), huffman(lengths, literalCount, distanceCount));
	};

	let last = 0;
	while (!last) {
		last = bits(1);
		const type = bits(2);
		if (type === 0) {
			bitBuffer = 0;
			bitCount = 0;
			if (position + 4 > input.length) throw new InflateError('the compressed data ends early');
			const size = input[position] | (input[position + 1] << 8);
			if ((~size & 0xffff) !== (input[position + 2] | (input[position + 3] << 8))) throw new InflateError('a stored block is damaged');
			position += 4;
			if (position + size > input.length) throw new InflateError('the compressed data ends early');
			ensure(size);
			output.set(input.subarray(position, position + size), length);
			length += size;
			position += size;
		} else if (type === 1) codes(FIXED.lengths, FIXED.distances);
		else if (type === 2) dynamic();
		else throw new InflateError('the compressed data has an invalid block type');
	}
	return Buffer.from(output.buffer, output.byteOffset, length);
}
