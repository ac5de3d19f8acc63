import type { INodeProperties } from 'n8n-workflow';

import * as cancel from './cancel.operation';
import * as estimatePrice from './estimatePrice.operation';
import * as file from './file.operation';
import * as job from './job.operation';
import * as keyword from './keyword.operation';
import * as keywordPhonebook from './keywordPhonebook.operation';
import * as pattern from './pattern.operation';
import * as peerToPeer from './peerToPeer.operation';
import * as peerToPeerFile from './peerToPeerFile.operation';
import * as phonebook from './phonebook.operation';
import * as postalCode from './postalCode.operation';
import * as region from './region.operation';
import * as votp from './votp.operation';
import * as webservice from './webservice.operation';

export {
	cancel,
	estimatePrice,
	file,
	job,
	keyword,
	keywordPhonebook,
	pattern,
	peerToPeer,
	peerToPeerFile,
	phonebook,
	postalCode,
	region,
	votp,
	webservice,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['send'] } },
		options: [
			{
				name: 'Cancel Scheduled',
				value: 'cancel',
				action: 'Cancel a scheduled SMS',
				description: 'Cancel a send scheduled with Send Time, by its outbox message ID, at least 5 minutes before it goes out',
			},
			{
				name: 'Estimate Price',
				value: 'estimatePrice',
				action: 'Estimate the price of an SMS',
				description:
					'Ask IPPanel what one SMS of this text from this sender costs per recipient (MCI and other networks, in Rials) and how many parts it takes. Sends nothing.',
			},
			{
				name: 'Send by Job',
				value: 'job',
				action: 'Send an SMS by job category',
				description:
					'Send one text to numbers of a job category from IPPanel\'s number bank, with a size per operator (IPPanel "job" send, an advertising send)',
			},
			{
				name: 'Send by Postal Code',
				value: 'postalCode',
				action: 'Send an SMS by postal code',
				description:
					'Send one text to people living in postal code areas, from IPPanel\'s number bank, filtered by gender, birth year and operator (IPPanel "postal_code" send)',
			},
			{
				name: 'Send by Region',
				value: 'region',
				action: 'Send an SMS by region',
				description:
					'Send one text to numbers of a province, county or city from IPPanel\'s number bank, filtered by gender, birth years and prefix, with a size per operator (IPPanel "country" send, an advertising send)',
			},
			{
				name: 'Send From File',
				value: 'file',
				action: 'Send an SMS to a file of numbers',
				description: 'Send one text to the numbers of a CSV or XLSX file (IPPanel "file" send), up to 1,000,000 numbers, plus other recipients',
			},
			{
				name: 'Send Keyword From Sheet',
				value: 'keyword',
				action: 'Send personalized SMS from a sheet',
				description: 'Send a text whose {ex_B}-style placeholders IPPanel fills from the columns of each row of an XLSX sheet (IPPanel "keyword" send)',
			},
			{
				name: 'Send Pattern',
				value: 'pattern',
				action: 'Send a pattern SMS',
				description:
					'Send an approved pattern (template) with its variables filled in, for example a login code. One request per recipient, as IPPanel requires.',
			},
			{
				name: 'Send Peer to Peer',
				value: 'peerToPeer',
				action: 'Send a different SMS to each recipient',
				description:
					'Send each input item its own text (IPPanel "peer_to_peer" send), for example a sheet of name, number and personal text',
			},
			{
				name: 'Send Peer to Peer From File',
				value: 'peerToPeerFile',
				action: 'Send personal SMS from a CSV file',
				description:
					'Upload a CSV of recipient,message rows (IPPanel "peer_to_peer_file" send): each row\'s number gets its own text. Up to 10,000 rows.',
			},
			{
				name: 'Send to Numbers',
				value: 'webservice',
				action: 'Send an SMS to numbers',
				description: 'Send one text to a list of phone numbers (IPPanel "webservice" send)',
			},
			{
				name: 'Send to Phonebook',
				value: 'phonebook',
				action: 'Send an SMS to a phonebook',
				description: 'Send one text to the numbers saved in IPPanel phonebooks: whole phonebooks, or chosen entries of one',
			},
			{
				name: 'Send to Phonebook With Fields',
				value: 'keywordPhonebook',
				action: 'Send a personalised SMS to a phonebook',
				description:
					'Send one text to every contact of a phonebook, with {ex_ID} placeholders (ID: a custom field\'s ID) filled from each contact\'s custom-field values by IPPanel (IPPanel "keyword_phonebook" send)',
			},
			{
				name: 'Send Voice OTP',
				value: 'votp',
				action: 'Send a voice one time password',
				description: 'Call the recipient and read a one-time code aloud (IPPanel "votp" send). One request per recipient.',
			},
		],
		default: 'webservice',
	},
	...cancel.description,
	...estimatePrice.description,
	...pattern.description,
	...peerToPeer.description,
	...peerToPeerFile.description,
	...phonebook.description,
	...keywordPhonebook.description,
	...postalCode.description,
	...votp.description,
	...webservice.description,
	...file.description,
	...job.description,
	...keyword.description,
	...region.description,
];
