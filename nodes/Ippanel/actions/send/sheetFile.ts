import type { IExecuteFunctions, INodeProperties, NodeOperationError } from 'n8n-workflow';

import { parseCsv } from '../../helpers/csv';
import { parameterError } from '../../helpers/errors';
import { normalizeNumber } from '../../helpers/recipients';
import { looksLikeZip, NotASpreadsheetError, readXlsx } from '../../helpers/xlsx';
import type { SendFile } from './plan';

/**
 * The file of a file send (`binaryPropertyName`), read and checked before anything is uploaded:
 * CSV (UTF-8 text) or XLSX (the first worksheet). The file is uploaded unchanged.
 */

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The documented ceiling of a file, phonebook or region send: one million recipients. */
export const MAX_FILE_RECIPIENTS = 1_000_000;

export interface SheetFile extends SendFile {
	format: 'csv' | 'xlsx';
	/** Data rows (a header row removed), with the row number each has in the file. */
	rows: string[][];
	rowNumbers: number[];
	/** The header row, when the file has one. */
	header?: string[];
}

/** "Input Binary Field" (`binaryPropertyName`) of a file send; `description` says what the file holds. */
export function binaryFileField(description: string): INodeProperties {
	return { displayName: 'Input Binary Field', name: 'binaryPropertyName', type: 'string', required: true, default: 'data', description };
}

export function fileError(this: IExecuteFunctions, problem: string, itemIndex: number, hint: string): NodeOperationError {
	return parameterError(this.getNode(), { parameter: 'binaryPropertyName', itemIndex }, problem, hint);
}

/** Reads the item's binary file; `formats` are the ones this send accepts, `columns` what the rows hold (for hints). */
export async function readSheetFile(
	this: IExecuteFunctions,
	itemIndex: number,
	{ formats, columns }: { formats: Array<'csv' | 'xlsx'>; columns: string },
): Promise<SheetFile> {
	const property = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
	const accepted = formats.map((format) => format.toUpperCase()).join(' or ');
	let binary;
	try {
		binary = this.helpers.assertBinaryData(itemIndex, property);
	} catch {
		throw fileError.call(
			this,
			`The input item has no binary field "${property}"`,
			itemIndex,
			`Set Input Binary Field to the name of the binary property that holds the ${accepted} file (shown on the item's Binary tab), for example data.`,
		);
	}
	const data = await this.helpers.getBinaryDataBuffer(itemIndex, property);
	const fileName = binary.fileName ?? (formats[0] === 'xlsx' ? 'recipients.xlsx' : 'recipients.csv');
	const claimsXlsx = /\.xlsx$/i.test(fileName) || /spreadsheetml|excel/i.test(binary.mimeType ?? '');
	const format = looksLikeZip(data) || claimsXlsx ? 'xlsx' : 'csv';
	if (!formats.includes(format)) {
		throw fileError.call(
			this,
			`The file "${fileName}" is ${format.toUpperCase()}; this send takes ${accepted}`,
			itemIndex,
			format === 'csv'
				? `IPPanel reads this send from an Excel sheet: convert the CSV with a Convert to File node (XLSX). Columns: ${columns}.`
				: `Convert the spreadsheet with a Convert to File node (CSV). Columns: ${columns}.`,
		);
	}
	let table: { rows: string[][]; rowNumbers: number[] };
	if (format === 'xlsx') {
		try {
			table = readXlsx(data);
		} catch (error) {
			const why = error instanceof NotASpreadsheetError ? error.message : 'it cannot be read';
			throw fileError.call(this, `The file "${fileName}" is not a spreadsheet: ${why}`, itemIndex,
				`Give an XLSX workbook (saved by Excel, LibreOffice or a Convert to File node) whose first sheet holds ${columns}.`);
		}
	} else {
		const looksCsv = /\.(csv|txt)$/i.test(fileName) || /csv|text\/plain/i.test(binary.mimeType ?? '');
		if (!looksCsv || data.includes(0)) {
			throw fileError.call(this, `The file "${fileName}" (${binary.mimeType || 'no type'}) is not a CSV file`, itemIndex,
				`Give a CSV (UTF-8 text, name ending in .csv)${formats.includes('xlsx') ? ' or an XLSX workbook' : ''} with ${columns}.`);
		}
		const rows = parseCsv(data.toString('utf8'));
		table = { rows, rowNumbers: rows.map((_, index) => index + 1) };
	}
	// A first row whose first cell is not a phone number is a header, as in IPPanel's sample files.
	const hasHeader = table.rows.length > 0 && normalizeNumber(table.rows[0][0] ?? '') === undefined;
	const rows = hasHeader ? table.rows.slice(1) : table.rows;
	const rowNumbers = hasHeader ? table.rowNumbers.slice(1) : table.rowNumbers;
	if (!rows.length) {
		throw fileError.call(this, `The file "${fileName}" has no rows to send`, itemIndex, `Each row needs ${columns}.`);
	}
	const mimeType = binary.mimeType || (format === 'xlsx' ? XLSX_MIME : 'text/csv');
	return { data, fileName, mimeType, format, rows, rowNumbers, header: hasHeader ? table.rows[0] : undefined };
}

/** The normalized number of a row's first cell, or an error naming the row. */
export function rowNumber(this: IExecuteFunctions, file: SheetFile, index: number, itemIndex: number): string {
	const cell = file.rows[index][0] ?? '';
	const number = normalizeNumber(cell);
	if (number === undefined) {
		throw fileError.call(
			this,
			`Row ${file.rowNumbers[index]} of "${file.fileName}": "${cell}" is not a phone number`,
			itemIndex,
			'Put the recipient in the first column (A), for example 09121234567 or +989121234567, and fix or remove that row.',
		);
	}
	return number;
}

/** The file as a dry run and the request show it: never its content. */
export function sendFileOf(file: SheetFile): SendFile {
	return { data: file.data, fileName: file.fileName, mimeType: file.mimeType };
}
