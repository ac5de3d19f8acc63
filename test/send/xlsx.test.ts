/** The node's own XLSX reader and DEFLATE decoder (no runtime dependency), checked against node:zlib and the emulator's writer. */
import { deflateRawSync, constants } from 'zlib';

import { inflateRaw } from '../../dist/nodes/Ippanel/helpers/inflate';
import { readXlsx } from '../../dist/nodes/Ippanel/helpers/xlsx';

const { writeXlsx } = require('../../dev/emulator/xlsx');

/** A ZIP of one stored entry (the reader does not check CRCs). */
function storedZip(name: string, content: string): Buffer {
	const fileName = Buffer.from(name);
	const data = Buffer.from(content);
	const local = Buffer.alloc(30);
	local.writeUInt32LE(0x04034b50, 0);
	local.writeUInt32LE(data.length, 18);
	local.writeUInt32LE(data.length, 22);
	local.writeUInt16LE(fileName.length, 26);
	const central = Buffer.alloc(46);
	central.writeUInt32LE(0x02014b50, 0);
	central.writeUInt32LE(data.length, 20);
	central.writeUInt32LE(data.length, 24);
	central.writeUInt16LE(fileName.length, 28);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(1, 8);
	end.writeUInt16LE(1, 10);
	end.writeUInt32LE(46 + fileName.length, 12);
	end.writeUInt32LE(30 + fileName.length + data.length, 16);
	return Buffer.concat([local, fileName, data, central, fileName, end]);
}

test.each([
	['fixed and dynamic Huffman blocks', constants.Z_DEFAULT_STRATEGY, 6],
	['stored blocks', constants.Z_DEFAULT_STRATEGY, 0],
	['Huffman only', constants.Z_HUFFMAN_ONLY, 9],
	['run-length', constants.Z_RLE, 9],
])('inflates what zlib deflates: %s', (_name, strategy, level) => {
	const text = Array.from({ length: 20_000 }, (_, i) => `<row r="${i}"><c><v>0912${String(i * 7919).padStart(7, '0')}</v></c>سلام ${i % 13}</row>`).join('');
	const source = Buffer.from(text);
	expect(inflateRaw(deflateRawSync(source, { strategy, level })).equals(source)).toBe(true);
	expect(inflateRaw(deflateRawSync(Buffer.from('x')), 0).toString()).toBe('x');
	expect(inflateRaw(deflateRawSync(Buffer.alloc(0))).length).toBe(0);
});

test('damaged deflate data is an error, not a hang', () => {
	const data = deflateRawSync(Buffer.from('hello world '.repeat(100)));
	expect(() => inflateRaw(data.subarray(0, 10))).toThrow();
	expect(() => inflateRaw(Buffer.from([0xff, 0xff, 0xff]))).toThrow();
});

test('reads the first sheet: shared strings, inline strings, numbers stored as floats, gaps, and sheet row numbers', () => {
	const book: Buffer = writeXlsx([['phone_number', 'ex_B'], ['09121234567', 'علی'], [9121234568, '', 'C']]);
	const { rows, rowNumbers } = readXlsx(book);
	expect(rows).toEqual([['phone_number', 'ex_B'], ['09121234567', 'علی'], ['9121234568', '', 'C']]);
	expect(rowNumbers).toEqual([1, 2, 3]);
});

test('a ZIP that is not a workbook, and a damaged entry, are told apart', () => {
	expect(() => readXlsx(storedZip('hello.txt', 'hi'))).toThrow('it holds no worksheet (a ZIP, but not a spreadsheet)');
	const book: Buffer = writeXlsx([['09121234567']]);
	const broken = Buffer.from(book);
	broken.writeUInt32LE(0, broken.length - 6); // central directory offset → 0: entries read garbage
	expect(() => readXlsx(broken)).toThrow();
});
