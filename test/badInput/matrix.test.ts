/**
 * Bad input, table-driven, across every operation: each row must fail with an error naming the
 * field and the item, and make no request at all (no HTTP request is even attempted).
 */
import http from 'http';
import https from 'https';
import nock from 'nock';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { apiKeyCredentials, loginCredentials, runNode, type CredentialStore, type InputFile } from '../harness';
import { BASE, FROM } from '../harness/answers';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** An instant as ISO with offset, so the workflow time zone does not matter. */
const inFuture = (ms: number) => new Date(Date.now() + ms).toISOString();

interface Row {
	/** The node parameters (resource and operation included). */
	parameters: INodeParameters;
	/** A substring of the error message naming the field. */
	error: string;
	/** The item the error is about (default 0). */
	item?: number;
	items?: IDataObject[];
	binary?: Array<Record<string, InputFile>>;
	credentials?: CredentialStore;
}

const webservice = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'send',
	operation: 'webservice',
	fromNumber: FROM,
	recipients: '09121234567',
	message: 'Hello',
	...extra,
});
const peerToPeer = (extra: INodeParameters = {}) => ({ ...webservice(), operation: 'peerToPeer', ...extra });
const file = (extra: INodeParameters = {}) => ({ resource: 'send', operation: 'peerToPeerFile', fromNumber: FROM, ...extra });
const csv = (content: string | Buffer, fileName = 'list.csv', mimeType = 'text/csv') => [{ data: { content, fileName, mimeType } }];
const pattern = (extra: INodeParameters = {}) => ({
	resource: 'send',
	operation: 'pattern',
	fromNumber: FROM,
	patternCode: 'otp-login',
	recipients: '09121234567',
	patternVariables: { variable: [{ name: 'code', value: '1234' }] },
	...extra,
});
const votp = (extra: INodeParameters = {}) => ({ resource: 'send', operation: 'votp', recipients: '09121234567', code: '4585', ...extra });
const phonebook = (extra: INodeParameters = {}) => ({
	resource: 'send',
	operation: 'phonebook',
	fromNumber: FROM,
	message: 'Hello',
	phonebookType: 'all',
	phonebookIds: ['123654'],
	...extra,
});
const detail = (extra: INodeParameters = {}) =>
	phonebook({ phonebookType: 'detail', phonebookId: '123654', numberIds: '1, 2', ...extra });
const postal = (extra: INodeParameters = {}) => ({
	resource: 'send',
	operation: 'postalCode',
	fromNumber: FROM,
	message: 'Hello',
	postalCodes: '131',
	...extra,
});
const estimate = (extra: INodeParameters = {}) => ({ resource: 'send', operation: 'estimatePrice', fromNumber: FROM, message: 'Hi', ...extra });
const cancel = (bulkId: unknown) => ({ resource: 'send', operation: 'cancel', bulkId }) as INodeParameters;
const report = (operation: string, extra: INodeParameters = {}) => ({ resource: 'report', operation, ...extra });
const sendTime = (value: unknown) => ({ additionalFields: { sendTime: value } }) as INodeParameters;
const twoItems = (bad: unknown) => ({ items: [{ value: '09121234567' }, { value: bad }] as IDataObject[], item: 1 });

const LONG_LATIN = 'a'.repeat(1401);
const PERSIAN_21_PARTS = 'س'.repeat(67 * 20 + 1); // 1,341 characters: under 1,400 but 21 parts
const EMOJI_21_PARTS = '😀'.repeat(704); // 704 characters, 1,408 UTF-16 units: 22 parts

const rows: Array<[string, Row]> = [
	// Send to Numbers: recipients
	['webservice: short Iranian number', { parameters: webservice({ recipients: '0912' }), error: 'parameter "recipients"' }],
	['webservice: 10-digit number starting 08', { parameters: webservice({ recipients: '0812345678' }), error: 'parameter "recipients"' }],
	['webservice: Iranian landline', { parameters: webservice({ recipients: '+98 21 8888 1234' }), error: 'parameter "recipients"' }],
	['webservice: foreign number without +', { parameters: webservice({ recipients: '4915112345678' }), error: 'parameter "recipients"' }],
	['webservice: foreign number too short', { parameters: webservice({ recipients: '+4912' }), error: 'parameter "recipients"' }],
	['webservice: letters in a list', { parameters: webservice({ recipients: 'abc, 09121234567' }), error: 'parameter "recipients"' }],
	['webservice: empty recipients', { parameters: webservice({ recipients: '={{ "" }}' }), error: 'No recipients given (parameter "recipients"' }],
	['webservice: only separators', { parameters: webservice({ recipients: ' , ; \n' }), error: 'No recipients given (parameter "recipients"' }],
	['webservice: number array with a short number', { parameters: webservice({ recipients: '={{ [9121234567, 912] }}' }), error: 'parameter "recipients"' }],
	['webservice: object instead of numbers', { parameters: webservice({ recipients: '={{ { "mobile": "09121234567" } }}' }), error: 'parameter "recipients"' }],
	['webservice: bad number in item 1 only', { parameters: webservice({ recipients: '={{ $json.value }}' }), error: 'parameter "recipients", item 1', ...twoItems('0912') }],
	// Send to Numbers: message
	['webservice: empty message', { parameters: webservice({ message: '={{ "" }}' }), error: 'The message is empty (parameter "message"' }],
	['webservice: whitespace message', { parameters: webservice({ message: '  \n ' }), error: 'The message is empty (parameter "message"' }],
	['webservice: 1,401 Latin characters', { parameters: webservice({ message: LONG_LATIN }), error: 'The message is too long: 1401 characters' }],
	['webservice: Persian text of 21 parts', { parameters: webservice({ message: PERSIAN_21_PARTS }), error: '21 parts (parameter "message"' }],
	['webservice: emoji text of 22 parts', { parameters: webservice({ message: EMOJI_21_PARTS }), error: '22 parts (parameter "message"' }],
	['webservice: object as message', { parameters: webservice({ message: '={{ { "text": "Hello" } }}' }), error: 'parameter "message"' }],
	['webservice: empty message in item 1 only', { parameters: webservice({ message: '={{ $json.value }}' }), error: 'parameter "message", item 1', items: [{ value: 'Hi' }, { value: '' }], item: 1 }],
	// Send to Numbers: sender
	['webservice: empty sender', { parameters: webservice({ fromNumber: '={{ "" }}' }), error: 'parameter "fromNumber"' }],
	['webservice: sender with letters', { parameters: webservice({ fromNumber: 'my-line' }), error: 'parameter "fromNumber"' }],
	['webservice: object as sender', { parameters: webservice({ fromNumber: '={{ { "number": 3000505 } }}' }), error: 'parameter "fromNumber"' }],
	// Send to Numbers: send time and safety options
	['webservice: send time not a date', { parameters: webservice(sendTime('tomorrow 9am')), error: 'parameter "additionalFields.sendTime"' }],
	['webservice: send time 30 February', { parameters: webservice(sendTime('2030-02-30T10:00:00')), error: 'parameter "additionalFields.sendTime"' }],
	['webservice: send time hour 25', { parameters: webservice(sendTime('2030-01-01T25:00:00')), error: 'parameter "additionalFields.sendTime"' }],
	['webservice: send time in the past', { parameters: webservice(sendTime('2020-01-01T10:00:00Z')), error: 'is in the past (parameter "additionalFields.sendTime"' }],
	['webservice: send time 2 minutes ahead', { parameters: webservice(sendTime(inFuture(2 * MINUTE))), error: 'less than 5 minutes from now (parameter "additionalFields.sendTime"' }],
	['webservice: send time 4 months ahead', { parameters: webservice(sendTime(inFuture(122 * DAY))), error: 'more than 3 months from now (parameter "additionalFields.sendTime"' }],
	['webservice: send time an object', { parameters: webservice(sendTime('={{ { "at": "tomorrow" } }}')), error: 'parameter "additionalFields.sendTime"' }],
	['webservice: max cost not a number', { parameters: webservice({ additionalFields: { maxCost: '={{ "lots" }}' } }), error: 'maxCost must be a number' }],
	['webservice: max recipients negative', { parameters: webservice({ additionalFields: { maxRecipients: -1 } }), error: 'maxRecipients must be a number' }],
	// Send Peer to Peer
	['peerToPeer: bad number', { parameters: peerToPeer({ recipients: '12345' }), error: 'parameter "recipients"' }],
	['peerToPeer: empty message', { parameters: peerToPeer({ message: '={{ "" }}' }), error: 'parameter "message"' }],
	['peerToPeer: message too long', { parameters: peerToPeer({ message: LONG_LATIN }), error: 'The message is too long' }],
	['peerToPeer: past send time', { parameters: peerToPeer(sendTime('2021-05-01T08:00:00Z')), error: 'parameter "additionalFields.sendTime"' }],
	['peerToPeer: bad number in item 1 (batched)', { parameters: peerToPeer({ recipients: '={{ $json.value }}', additionalFields: { batchItems: true } }), error: 'parameter "recipients", item 1', ...twoItems('+98') }],
	// Send Peer to Peer From File
	['peerToPeerFile: wrong binary property', { parameters: file({ binaryPropertyName: 'attachment' }), binary: csv('09121234567,Hi\n'), error: 'binaryPropertyName' }],
	['peerToPeerFile: no binary at all', { parameters: file(), error: 'binaryPropertyName' }],
	['peerToPeerFile: an XLSX that is not a spreadsheet', { parameters: file(), binary: csv(Buffer.from('PK\u0003\u0004xlsx'), 'list.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'), error: 'is not a spreadsheet: it is not an XLSX file (no ZIP header) (parameter "binaryPropertyName"' }],
	['peerToPeerFile: a PNG named .csv', { parameters: file(), binary: csv(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), 'list.csv', 'text/csv'), error: 'is not a CSV file (parameter "binaryPropertyName"' }],
	['peerToPeerFile: a PDF', { parameters: file(), binary: csv('%PDF-1.4', 'list.pdf', 'application/pdf'), error: 'is not a CSV file (parameter "binaryPropertyName"' }],
	['peerToPeerFile: empty file', { parameters: file(), binary: csv(''), error: 'has no rows to send (parameter "binaryPropertyName"' }],
	['peerToPeerFile: header only', { parameters: file(), binary: csv('recipient,message\n'), error: 'has no rows to send (parameter "binaryPropertyName"' }],
	['peerToPeerFile: bad number in row 3', { parameters: file(), binary: csv('recipient,message\n09121234567,Hi\n0912,Hi\n'), error: 'Row 3 of "list.csv": "0912" is not a phone number (parameter "binaryPropertyName"' }],
	['peerToPeerFile: empty message in a row', { parameters: file(), binary: csv('09121234567,\n'), error: 'The message is empty (parameter "binaryPropertyName (list.csv row 1)"' }],
	['peerToPeerFile: too long message in a row', { parameters: file(), binary: csv(`09121234567,${LONG_LATIN}\n`), error: 'The message is too long: 1401 characters, 10 parts (parameter "binaryPropertyName (list.csv row 1)"' }],
	['peerToPeerFile: 10,001 rows', { parameters: file(), binary: csv('09121234567,Hi\n'.repeat(10_001)), error: 'has 10001 rows, more than IPPanel\'s 10000 (parameter "binaryPropertyName"' }],
	['peerToPeerFile: empty sender', { parameters: file({ fromNumber: '={{ "" }}' }), binary: csv('09121234567,Hi\n'), error: 'parameter "fromNumber"' }],
	['peerToPeerFile: past send time', { parameters: file(sendTime('2022-01-01T00:00:00Z')), binary: csv('09121234567,Hi\n'), error: 'parameter "additionalFields.sendTime"' }],
	// Send Pattern
	['pattern: no pattern code', { parameters: pattern({ patternCode: '={{ "" }}' }), error: 'No pattern chosen (parameter "patternCode"' }],
	['pattern: object as pattern code', { parameters: pattern({ patternCode: '={{ { "code": "otp-login" } }}' }), error: 'parameter "patternCode"' }],
	['pattern: bad number', { parameters: pattern({ recipients: '0912 123' }), error: 'parameter "recipients"' }],
	['pattern: no recipients', { parameters: pattern({ recipients: '={{ "" }}' }), error: 'No recipients given (parameter "recipients"' }],
	['pattern: variable without a name', { parameters: pattern({ patternVariables: { variable: [{ name: '', value: '1234' }] } }), error: 'A pattern variable has no name (parameter "patternVariables"' }],
	['pattern: variable named only %%', { parameters: pattern({ patternVariables: { variable: [{ name: '%%', value: '1' }] } }), error: 'parameter "patternVariables"' }],
	['pattern: send time 1 minute ahead', { parameters: pattern(sendTime(inFuture(MINUTE))), error: 'parameter "additionalFields.sendTime"' }],
	// Send Voice OTP
	['votp: no code', { parameters: votp({ code: '={{ "" }}' }), error: 'No code given (parameter "code"' }],
	['votp: code with letters', { parameters: votp({ code: '12a4' }), error: 'is not digits only (parameter "code"' }],
	['votp: code as an object', { parameters: votp({ code: '={{ { "otp": 1234 } }}' }), error: 'parameter "code"' }],
	['votp: bad number', { parameters: votp({ recipients: '+98 912' }), error: 'parameter "recipients"' }],
	['votp: number array with a bad entry', { parameters: votp({ recipients: '={{ [9121234567, 123] }}' }), error: 'parameter "recipients"' }],
	['votp: code missing in item 1', { parameters: votp({ code: '={{ $json.value }}' }), error: 'parameter "code", item 1', items: [{ value: 1234 }, { value: '' }], item: 1 }],
	// Send to Phonebook
	['phonebook: no phonebook', { parameters: phonebook({ phonebookIds: '={{ [] }}' }), error: 'No IDs given (parameter "phonebookIds"' }],
	['phonebook: phonebook id with letters', { parameters: phonebook({ phonebookIds: '={{ ["12ab"] }}' }), error: 'parameter "phonebookIds"' }],
	['phonebook: empty message', { parameters: phonebook({ message: '={{ "" }}' }), error: 'parameter "message"' }],
	['phonebook: unknown phonebook type', { parameters: phonebook({ phonebookType: '={{ "some" }}', phonebookId: '123654', numberIds: '1' }), error: 'parameter "phonebookType"' }],
	['phonebook: negative start', { parameters: phonebook({ start: -5, size: 10 }), error: 'parameter "start"' }],
	['phonebook: fractional size', { parameters: phonebook({ start: 0, size: 2.5 }), error: 'parameter "size"' }],
	['phonebook detail: no number ids', { parameters: detail({ numberIds: '={{ "" }}' }), error: 'No IDs given (parameter "numberIds"' }],
	['phonebook detail: number id with letters', { parameters: detail({ numberIds: '12, x' }), error: 'Not an ID: "x" (parameter "numberIds"' }],
	['phonebook detail: no phonebook', { parameters: detail({ phonebookId: '={{ "" }}' }), error: 'parameter "phonebookId"' }],
	// Send by Postal Code
	['postalCode: none', { parameters: postal({ postalCodes: '={{ "" }}' }), error: 'No postal code given (parameter "postalCodes"' }],
	['postalCode: letters', { parameters: postal({ postalCodes: '131, abc' }), error: 'Not a postal code area of 2 to 5 digits: "abc" (parameter "postalCodes"' }],
	['postalCode: one digit', { parameters: postal({ postalCodes: '131, 1' }), error: 'Not a postal code area of 2 to 5 digits: "1" (parameter "postalCodes"' }],
	['postalCode: birth year outside 1300–1410', { parameters: postal({ postalFilters: { birthYearTo: 1500 } }), error: 'outside 1300–1410 (parameter "postalFilters.birthYearTo"' }],
	['postalCode: 11 digits', { parameters: postal({ postalCodes: '12345678901' }), error: 'parameter "postalCodes"' }],
	['postalCode: bad other recipient', { parameters: postal({ otherRecipients: '0912' }), error: 'parameter "otherRecipients"' }],
	['postalCode: message too long', { parameters: postal({ message: PERSIAN_21_PARTS }), error: 'parameter "message"' }],
	['postalCode: negative operator size', { parameters: postal({ postalFilters: { mciSize: -10 } }), error: 'mciSize' }],
	// Send From File, Keyword (the file is checked before any upload)
	['file: bad number on row 4', { parameters: { resource: 'send', operation: 'file', fromNumber: FROM, message: 'Hi' }, binary: csv('phone_number\n09121234567\n09121234568\n0912x\n'), error: 'Row 4 of "list.csv": "0912x" is not a phone number (parameter "binaryPropertyName"' }],
	['file: an XLSX that is not a spreadsheet', { parameters: { resource: 'send', operation: 'file', fromNumber: FROM, message: 'Hi' }, binary: csv('hello', 'list.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'), error: 'is not a spreadsheet: it is not an XLSX file (no ZIP header) (parameter' }],
	['file: bad other recipient', { parameters: { resource: 'send', operation: 'file', fromNumber: FROM, message: 'Hi', otherRecipients: '12' }, binary: csv('09121234567\n'), error: 'parameter "otherRecipients"' }],
	['keyword: no placeholder', { parameters: { resource: 'send', operation: 'keyword', fromNumber: FROM, message: 'Hi all' }, binary: csv('x', 'list.xlsx'), error: 'has no {ex_B}-style placeholder (parameter "message"' }],
	['keyword: a CSV', { parameters: { resource: 'send', operation: 'keyword', fromNumber: FROM, message: 'Hi {ex_B}' }, binary: csv('09121234567,Ali\n'), error: 'is CSV; this send takes XLSX (parameter "binaryPropertyName"' }],
	// Send By Region, By Job, Audience (checked before the look-ups)
	['region: no province', { parameters: { resource: 'send', operation: 'region', fromNumber: FROM, message: 'Hi', provinceId: '={{ "" }}' }, error: 'No province chosen (parameter "provinceId"' }],
	['region: city without county', { parameters: { resource: 'send', operation: 'region', fromNumber: FROM, message: 'Hi', provinceId: '89', cityId: '82' }, error: 'A city is chosen without its county (parameter "countyId"' }],
	['region: reversed birth years', { parameters: { resource: 'send', operation: 'region', fromNumber: FROM, message: 'Hi', provinceId: '89', regionFilters: { birthYearFrom: 1380, birthYearTo: 1370 } }, error: 'parameter "regionFilters.birthYearTo"' }],
	['region: negative size', { parameters: { resource: 'send', operation: 'region', fromNumber: FROM, message: 'Hi', provinceId: '89', regionFilters: { irancellSize: -1 } }, error: 'parameter "regionFilters.irancellSize"' }],
	['job: category with letters', { parameters: { resource: 'send', operation: 'job', fromNumber: FROM, message: 'Hi', jobCategoryId: 'shops' }, error: 'The job category ID "shops" is not a number (parameter "jobCategoryId"' }],
	['job: fractional size', { parameters: { resource: 'send', operation: 'job', fromNumber: FROM, message: 'Hi', jobCategoryId: '1', jobFilters: { mciSize: 2.5 } }, error: 'parameter "jobFilters.mciSize"' }],
	['audience countRegion: no province', { parameters: { resource: 'audience', operation: 'countRegion', provinceId: '={{ "" }}' }, error: 'No province chosen (parameter "provinceId"' }],
	['audience countRegion: prefix of one digit', { parameters: { resource: 'audience', operation: 'countRegion', provinceId: '89', regionFilters: { prefix: '9' } }, error: 'parameter "regionFilters.prefix"' }],
	['audience countJob: no category', { parameters: { resource: 'audience', operation: 'countJob', jobCategoryId: '={{ "" }}' }, error: 'No job category chosen (parameter "jobCategoryId"' }],
	// Pattern create, update, delete
	['pattern create: empty text', { parameters: { resource: 'pattern', operation: 'create', message: '={{ "" }}' }, error: 'No pattern text given (parameter "message"' }],
	['pattern create: type for a variable the text lacks', { parameters: { resource: 'pattern', operation: 'create', message: 'Code %code%', variableTypes: { variable: [{ name: 'otp', type: 'integer' }] } }, error: 'Variable Types names "otp", which the text does not use (parameter "variableTypes"' }],
	['pattern update: empty code', { parameters: { resource: 'pattern', operation: 'update', patternCode: '={{ "" }}', message: 'Code %code%' }, error: 'No pattern chosen (parameter "patternCode"' }],
	['pattern delete: empty code', { parameters: { resource: 'pattern', operation: 'delete', patternCode: '={{ "" }}' }, error: 'No pattern chosen (parameter "patternCode"' }],
	['pattern send: empty variable value', { parameters: pattern({ patternVariables: { variable: [{ name: 'code', value: '={{ $json.missing }}' }] } }), error: 'The pattern variable "code" is empty (parameter "patternVariables.code", item 0)' }],
	['votp: code of 15 digits', { parameters: votp({ code: '123456789012345' }), error: 'The code has 15 digits; IPPanel reads at most 14 (parameter "code"' }],
	// Estimate Price, Cancel Scheduled
	['estimatePrice: empty message', { parameters: estimate({ message: '={{ "" }}' }), error: 'parameter "message"' }],
	['estimatePrice: no sender', { parameters: estimate({ fromNumber: '={{ "" }}' }), error: 'parameter "fromNumber"' }],
	['cancel: empty bulk id', { parameters: cancel('={{ "" }}'), error: 'Bulk ID is empty' }],
	['cancel: bulk id with letters', { parameters: cancel('12ab'), error: 'Bulk ID "12ab" is not a message ID' }],
	['cancel: negative bulk id', { parameters: cancel('-15'), error: 'Bulk ID "-15" is not a message ID' }],
	['cancel: fractional bulk id', { parameters: cancel('={{ 1.5 }}'), error: 'Bulk ID "1.5" is not a message ID' }],
	['cancel: object bulk id', { parameters: cancel('={{ { "id": 5 } }}'), error: 'Bulk ID' }],
	// Report
	['report getById: letters', { parameters: report('getById', { bulkId: 'x1' }), error: 'Bulk ID "x1" is not a message ID' }],
	['report stats: empty bulk id', { parameters: report('stats', { bulkId: '={{ "" }}' }), error: 'Bulk ID is empty' }],
	['report recipients: negative bulk id', { parameters: report('recipients', { bulkId: '-1' }), error: 'Bulk ID "-1"' }],
	['report recipients: limit 0', { parameters: report('recipients', { bulkId: '5', returnAll: false, limit: 0 }), error: 'parameter "limit"' }],
	['report list: limit negative', { parameters: report('list', { returnAll: false, limit: -3 }), error: 'parameter "limit"' }],
	['report list: date that is not a date', { parameters: report('list', { filters: { create_from_date: 'yesterday' } }), error: 'Filter "Created After" is not a date' }],
	['report list: 13th month', { parameters: report('list', { filters: { send_from_date: '2025-13-01T00:00:00' } }), error: 'Filter "Sent After" is not a date' }],
	['report list: reversed range', { parameters: report('list', { filters: { create_from_date: '2025-05-02T00:00:00', create_to_date: '2025-05-01T00:00:00' } }), error: 'Filter "Created After" is later than "Created Before"' }],
	['report list: bulk id filter with letters', { parameters: report('list', { filters: { messages_outbox_id: 'abc' } }), error: 'Filter "Bulk ID" is not a message ID' }],
	['report inbox: negative after-id', { parameters: report('inbox', { filters: { from_id: -1 } }), error: 'Filter "After Message ID"' }],
	['report inbox: letters as after-id', { parameters: report('inbox', { filters: { from_id: '={{ "last" }}' } }), error: 'Filter "After Message ID"' }],
	['report inbox: limit 0', { parameters: report('inbox', { returnAll: false, limit: 0 }), error: 'parameter "limit"' }],
	// Pattern, Sender Number
	['pattern get: empty code', { parameters: { resource: 'pattern', operation: 'get', patternCode: '={{ "" }}' }, error: 'No pattern chosen (parameter "patternCode", item 0)' }],
	['pattern getAll: limit 0', { parameters: { resource: 'pattern', operation: 'getAll', returnAll: false, limit: 0 }, error: 'parameter "limit"' }],
	// Phonebook, Contact, Custom Field, Send to Phonebook With Fields
	['phonebook create: empty title', { parameters: { resource: 'phonebook', operation: 'create', title: '={{ "" }}' }, error: 'No title given (parameter "title", item 0)' }],
	['phonebook create: custom field id with letters', { parameters: { resource: 'phonebook', operation: 'create', title: 'A', additionalFields: { customFieldIds: 'x1' } }, error: 'parameter "additionalFields.customFieldIds"' }],
	['phonebook getAll: limit 0', { parameters: { resource: 'phonebook', operation: 'getAll', returnAll: false, limit: 0 }, error: 'parameter "limit"' }],
	['phonebook update: id not a number', { parameters: { resource: 'phonebook', operation: 'update', phonebookId: 'book', updateFields: { title: 'A' } }, error: 'The phonebook ID must be a number: "book" (parameter "phonebookId"' }],
	['phonebook delete: no id', { parameters: { resource: 'phonebook', operation: 'delete', phonebookId: '={{ "" }}' }, error: 'No phonebook ID given (parameter "phonebookId"' }],
	['customField create: unknown type', { parameters: { resource: 'customField', operation: 'create', title: 'A', fieldType: '={{ "float" }}' }, error: 'parameter "fieldType"' }],
	['customField getAll: limit 0', { parameters: { resource: 'customField', operation: 'getAll', returnAll: false, limit: 0 }, error: 'parameter "limit"' }],
	['customField update: nothing to update', { parameters: { resource: 'customField', operation: 'update', customFieldId: '1234' }, error: 'Nothing to update (parameter "updateFields"' }],
	['customField delete: id with letters', { parameters: { resource: 'customField', operation: 'delete', customFieldId: '12a' }, error: 'parameter "customFieldId"' }],
	['contact create: empty mobile', { parameters: { resource: 'contact', operation: 'create', phonebookId: '123654', mobile: '={{ "" }}' }, error: 'No mobile number given (parameter "mobile", item 0)' }],
	['contact create: unknown custom field', { parameters: { resource: 'contact', operation: 'create', phonebookId: '123654', mobile: '09121234567', customFields: { field: [{ fieldId: 'debt', value: '1' }] } }, error: 'parameter "customFields.field[0].fieldId"' }],
	['contact upsert: bad mobile in item 1', { parameters: { resource: 'contact', operation: 'upsert', phonebookId: '123654', mobile: '={{ $json.value }}' }, error: 'parameter "mobile", item 1', ...twoItems('0912') }],
	['contact upsert: phonebook id not a number', { parameters: { resource: 'contact', operation: 'upsert', phonebookId: 'customers', mobile: '09121234567' }, error: 'parameter "phonebookId"' }],
	['contact get: id with letters', { parameters: { resource: 'contact', operation: 'get', contactId: 'c-1' }, error: 'parameter "contactId"' }],
	['contact getAll: bad mobile filter', { parameters: { resource: 'contact', operation: 'getAll', filters: { mobile: '123' } }, error: 'parameter "filters.mobile"' }],
	['contact update: nothing to update', { parameters: { resource: 'contact', operation: 'update', contactId: '5' }, error: 'Nothing to update (parameter "updateFields"' }],
	['contact delete: no id', { parameters: { resource: 'contact', operation: 'delete', contactId: '={{ "" }}' }, error: 'No contact ID given (parameter "contactId"' }],
	['contact import: no binary', { parameters: { resource: 'contact', operation: 'import', phonebookId: '123654' }, error: 'parameter "binaryPropertyName"' }],
	['keywordPhonebook: phonebook id not a number', { parameters: { resource: 'send', operation: 'keywordPhonebook', fromNumber: FROM, message: 'Hi {ex_1235}', phonebookId: 'x' }, error: 'parameter "phonebookId"' }],
	['keywordPhonebook: placeholder not a field id', { parameters: { resource: 'send', operation: 'keywordPhonebook', fromNumber: FROM, message: 'Hi {ex_debt}', phonebookId: '456987' }, error: 'Placeholder {ex_debt} does not name a custom field by its ID (parameter "message"' }],
	['senderNumber getAll: limit -1', { parameters: { resource: 'senderNumber', operation: 'getAll', returnAll: false, limit: -1 }, error: 'parameter "limit"' }],
	// Credential Base URL
	['account getCredit: ftp base URL', { parameters: { resource: 'account', operation: 'getCredit' }, credentials: apiKeyCredentials('ftp://x'), error: 'credential field "Base URL"' }],
	['account getProfile: base URL not a URL', { parameters: { resource: 'account', operation: 'getProfile' }, credentials: apiKeyCredentials('not a url'), error: 'credential field "Base URL"' }],
	['webservice: base URL without scheme', { parameters: webservice(), credentials: apiKeyCredentials('edge.ippanel.com/v1'), error: 'credential field "Base URL"' }],
	['webservice, login mode: ftp base URL (no login attempted)', { parameters: webservice(), credentials: loginCredentials('ftp://x'), error: 'credential field "Base URL"' }],
	['report list, login mode: base URL not a URL', { parameters: report('list'), credentials: loginCredentials('javascript:alert(1)'), error: 'credential field "Base URL"' }],
];

let attempts: string[] = [];
const noMatch = (request: { path?: string; href?: string }) => attempts.push(`nock: ${request.href ?? request.path}`);
beforeAll(() => {
	nock.disableNetConnect();
	nock.emitter.on('no match', noMatch);
});
afterAll(() => {
	nock.emitter.removeListener('no match', noMatch);
});
beforeEach(() => {
	attempts = [];
	for (const [name, module] of [['http', http], ['https', https]] as const) {
		for (const method of ['request', 'get'] as const) {
			const original = module[method];
			jest.spyOn(module, method).mockImplementation(((...args: unknown[]) => {
				attempts.push(`${name}.${method}`);
				return (original as (...a: unknown[]) => unknown)(...args);
			}) as never);
		}
	}
});
afterEach(() => jest.restoreAllMocks());

test('the matrix has at least 60 rows and covers every operation', () => {
	expect(rows.length).toBeGreaterThanOrEqual(60);
	const covered = new Set(rows.map(([, row]) => `${row.parameters.resource}.${row.parameters.operation}`));
	expect([...covered].sort()).toEqual(
		[
			'account.getCredit',
			'account.getProfile',
			'audience.countJob',
			'audience.countRegion',
			'pattern.create',
			'pattern.delete',
			'pattern.get',
			'pattern.getAll',
			'pattern.update',
			'report.getById',
			'report.inbox',
			'report.list',
			'report.recipients',
			'report.stats',
			'send.cancel',
			'send.estimatePrice',
			'send.file',
			'send.job',
			'send.keyword',
			'send.pattern',
			'send.peerToPeer',
			'send.peerToPeerFile',
			'send.phonebook',
			'send.postalCode',
			'send.region',
			'send.votp',
			'send.webservice',
			'senderNumber.getAll',
			'contact.create',
			'contact.delete',
			'contact.get',
			'contact.getAll',
			'contact.import',
			'contact.update',
			'contact.upsert',
			'customField.create',
			'customField.delete',
			'customField.getAll',
			'customField.update',
			'phonebook.create',
			'phonebook.delete',
			'phonebook.getAll',
			'phonebook.update',
			'send.keywordPhonebook',
		].sort(),
	);
});

test.each(rows)('%s', async (_name, row) => {
	const result = await runNode({
		parameters: row.parameters,
		credentials: row.credentials ?? apiKeyCredentials(BASE),
		items: row.items,
		binary: row.binary,
	});
	expect(result.error?.message).toContain(row.error);
	expect(result.error?.context?.itemIndex).toBe(row.item ?? 0);
	expect(result.items).toHaveLength(0);
	expect(attempts).toEqual([]);
});

test('the request detector is live: a valid read with no answer prepared is seen', async () => {
	const result = await runNode({ parameters: { resource: 'account', operation: 'getCredit' }, credentials: apiKeyCredentials(BASE) });
	expect(result.error).toBeDefined();
	expect(attempts).toContain('https.request');
	expect(attempts).toContain('nock: https://edge.example.test/v1/api/payment/credit/mine');
});

describe("n8n's own check of required parameters left empty (static values): refused before the node runs", () => {
	test.each([
		['recipients', webservice({ recipients: '' }), 'Parameter "Recipients" is required.'],
		['message', peerToPeer({ message: '' }), 'Parameter "Message" is required.'],
		['bulkId', cancel(''), 'Parameter "Bulk ID" is required.'],
	])('%s', async (_name, parameters, message) => {
		await expect(runNode({ parameters, credentials: apiKeyCredentials(BASE) })).rejects.toThrow(message);
		expect(attempts).toEqual([]);
	});
});

describe('missing pattern variables: checked against the pattern (one read), nothing sent', () => {
	const PATTERN = {
		data: {
			code: 'order-shipped',
			pattern_message: 'Dear %name%, order %order% has shipped',
			delimiter: '%',
			variable: [
				{ name: 'name', type: 'string' },
				{ name: 'order', type: 'integer' },
			],
		},
		meta: { status: true, message: 'انجام شد', message_code: '200-1' },
	};
	test.each([
		['dry run', { dryRun: true }],
		['max cost', { maxCost: 100000 }],
	])('%s: the missing variable is named, no send is attempted', async (_name, additionalFields) => {
		const read = nock(BASE).get('/api/patterns/order-shipped').reply(200, PATTERN);
		const result = await runNode({
			parameters: pattern({ patternCode: 'order-shipped', patternVariables: { variable: [{ name: 'name', value: 'Sara' }] }, additionalFields }),
			credentials: apiKeyCredentials(BASE),
		});
		expect(read.isDone()).toBe(true);
		expect(result.error?.message).toBe('Pattern order-shipped needs the variable(s) order (parameter "patternVariables", item 0)');
		expect(attempts.filter((attempt) => attempt.startsWith('nock'))).toEqual([]); // the read was the only request
	});
});
