'use strict';

// Seed data and demo credentials. Everything time-based is relative to the emulator clock.

const API_KEY = 'emulator-api-key';
const GA_SECRET = 'JBSWY3DPEHPK3PXP';
const SMS_OTP = '123456';
const SEED_CREDIT = 1500000.0;

const DEFAULT_USERS = {
	demo: { password: 'demo-password', method: 'login' },
	'ga-user': { password: 'ga-password', method: 'ga', totpSecret: GA_SECRET },
	'sms-user': { password: 'sms-password', method: 'sms', smsOtp: SMS_OTP },
};

const PROFILE = {
	user_name: 'demo',
	user_id: 58745,
	document_block: false,
	is_reseller: false,
	send_block: false,
	name: 'Emulator Demo',
};

const NUMBERS = [
	{ id: 10001, number: '+983000505', operator_id: 1, alias: null, gets: 1, is_66_char: 0 },
	{ id: 10002, number: '+98100020400', operator_id: 2, alias: 'خط اصلی', gets: 1, is_66_char: 0 },
	{ id: 10003, number: '+9850004150', operator_id: 3, alias: null, gets: 0, is_66_char: 1 },
];

// Lines the system uses itself: region/bank sends come from +98BANK, voice OTP from +98votp.
const SYSTEM_SENDERS = {
	bank: { id: 1, number: '+98BANK' },
	votp: { id: 154845, number: '+98votp' },
};

const PATTERNS = [
	{
		code: 'otp-login',
		title: 'کد ورود',
		message: 'کد ورود شما: %code%',
		variables: [{ name: 'code', type: 'integer', len: 6 }],
		status: 'active',
	},
	{
		code: 'order-shipped',
		title: 'ارسال سفارش',
		message: '%name% عزیز، سفارش %order% ارسال شد.',
		variables: [
			{ name: 'name', type: 'string', len: 20 },
			{ name: 'order', type: 'string', len: 12 },
		],
		status: 'active',
	},
	{ code: 'welcome', title: null, message: 'به فروشگاه ما خوش آمدید.', variables: [], status: 'active' },
	{
		code: 'old-promo',
		title: null,
		message: 'تخفیف ویژه %percent% درصد',
		variables: [{ name: 'percent', type: 'integer', len: 2 }],
		status: 'inactive',
	},
];

const PHONEBOOKS = [
	{ id: 123654, title: 'مشتریان', count: 250, options: [] },
	{ id: 456987, title: 'همکاران', count: 12, options: [{ id: 1234, title: 'تاریخ تولد', type: 'date' }] },
];

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

/** Past outbox entries; `at` and `sendIn` are offsets from "now" at seed time. */
const OUTBOX = [
	{
		sendingType: 'webservice',
		sender: '+983000505',
		message: 'سلام، این یک پیام آزمایشی است',
		recipients: ['+989120000000', '+989350000000', '+989190000001'],
		at: -2 * DAY,
	},
	{
		sendingType: 'pattern',
		sender: '+983000505',
		message: 'کد ورود شما: 4821',
		recipients: ['+989121111111'],
		at: -DAY,
	},
	{
		sendingType: 'normal',
		sender: '+98100020400',
		message: 'Hello from the IPPanel emulator',
		recipients: ['+989123334455', '+989365556677'],
		at: -5 * HOUR,
	},
	{
		sendingType: 'webservice',
		sender: '+9850004150',
		message: 'این ارسال لغو شده است',
		recipients: ['+989127778899'],
		at: -4 * HOUR,
		sendIn: DAY,
		fixedState: 7,
	},
	{ sendingType: 'votp', sender: '+98votp', message: '1234', recipients: ['+989122222222'], at: -2 * HOUR },
	{
		sendingType: 'webservice',
		sender: '+983000505',
		message: 'یادآوری: جلسه فردا ساعت ۱۰',
		recipients: ['+989120000000', '+989350000000'],
		at: -HOUR,
		sendIn: 2 * DAY + HOUR,
	},
];

const INBOX = [
	{ from: '+989121234567', to: '+983000505', message: 'سلام، لطفا تماس بگیرید', at: -3 * HOUR },
	{ from: '+989351234567', to: '+983000505', message: 'لغو11', at: -2 * HOUR },
	{ from: '+989191234567', to: '+98100020400', message: 'Yes, please', at: -HOUR },
];

module.exports = {
	API_KEY,
	GA_SECRET,
	SMS_OTP,
	SEED_CREDIT,
	DEFAULT_USERS,
	PROFILE,
	NUMBERS,
	SYSTEM_SENDERS,
	PATTERNS,
	PHONEBOOKS,
	OUTBOX,
	INBOX,
	FIRST_OUTBOX_ID: 1123590001,
	FIRST_INBOX_ID: 1001,
};
