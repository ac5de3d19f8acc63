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

// Lines the system uses itself: region/bank sends come from +98BANK, job sends from +98PRO
// (the job page's example), voice OTP from +98votp.
const SYSTEM_SENDERS = {
	bank: { id: 1, number: '+98BANK' },
	pro: { id: 2, number: '+98PRO' },
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

// Custom fields ("options"); `at` is days before seed time.
const OPTIONS = [
	{ id: 1234, title: 'تاریخ تولد', type: 'date', at: 60 },
	{ id: 1235, title: 'میزان بدهی', type: 'string', at: 50 },
	{ id: 1236, title: 'تعداد اقساط', type: 'int', at: 40 },
	{ id: 1237, title: 'تاریخ پایان', type: 'date', at: 30 },
];

// Phonebooks: `size` generated contacts (numbers from syntheticNumber(id, i)), `people` named ones first.
const PHONEBOOKS = [
	{ id: 123654, title: 'مشتریان', size: 250, options: [] },
	{
		id: 456987,
		title: 'همکاران',
		size: 12,
		options: [1234, 1235],
		people: [
			{ pre: 'آقای', name: 'حسن رضایی', email: 'hasan@example.com', options: { 1234: '1365/04/12', 1235: '150000' } },
			{ pre: 'خانم', name: 'سارا محمدی', email: '', options: { 1234: '1370/11/02', 1235: '0' } },
			{ pre: 'آقای', name: 'علی علوی', email: 'ali@example.com', options: { 1234: '1358/01/30' } },
		],
	},
];
const FIRST_CONTACT_ID = 5000001;
const FIRST_OPTION_ID = 2000;
const FIRST_PHONEBOOK_ID = 900001;
// A phonebook takes at most this many numbers (the pattern send page: "100 thousand").
const PHONEBOOK_CAPACITY = 100000;

// Region bank (sending_type country / geolocation): every province of the documents' list;
// counties and cities for a few. Counts are per city, per operator, before gender/age filters.
const PROVINCES = [
	[89, 'تهران'], [90, 'یزد'], [91, 'کرمانشاه'], [92, 'اصفهان'], [93, 'قزوین'], [94, 'آذربایجان شرقی'],
	[95, 'گلستان'], [96, 'همدان'], [97, 'کرمان'], [98, 'خراسان شمالی'], [99, 'زنجان'], [100, 'لرستان'],
	[101, 'سیستان وبلوچستان'], [102, 'البرز'], [103, 'سمنان'], [104, 'بوشهر'], [105, 'کردستان'],
	[106, 'هرمزگان'], [107, 'گیلان'], [108, 'کهگیلویه وبویراحمد'], [109, 'مازندران'], [110, 'فارس'],
	[111, 'خوزستان'], [112, 'چهارمحال وبختیاری'], [113, 'آذربایجان غربی'], [114, 'قم'], [115, 'اردبیل'],
	[116, 'مرکزی'], [117, 'خراسان رضوی'], [118, 'ایلام'], [119, 'خراسان جنوبی'],
].map(([id, name]) => ({ id, name }));

// [county id, province id, name, [[city id, name, mci, irancell, other], ...]]
const COUNTIES = [
	[212, 89, 'تهران', [[82, 'تهران', 2561710, 1343800, 104250], [83, 'تجریش', 182000, 95400, 7100]]],
	[213, 89, 'شمیرانات', [[84, 'لواسان', 21400, 11800, 900]]],
	[214, 89, 'ری', [[85, 'ری', 190300, 101200, 8600], [86, 'کهریزک', 40100, 22900, 1500]]],
	[301, 92, 'اصفهان', [[310, 'اصفهان', 812000, 430500, 31000], [311, 'بهارستان', 41200, 23100, 1700]]],
	[302, 92, 'کاشان', [[312, 'کاشان', 140200, 70300, 5100]]],
	[401, 110, 'شیراز', [[410, 'شیراز', 701500, 388200, 27400]]],
	[402, 110, 'مرودشت', [[411, 'مرودشت', 61000, 30200, 2300]]],
	[147, 119, 'بیرجند', [[12, 'بیرجند', 96300, 41800, 3800]]],
	[246, 119, 'نامشخص', []],
	[884, 119, 'طبس', [[13, 'طبس', 18700, 8100, 700]]],
	[501, 117, 'مشهد', [[510, 'مشهد', 1420000, 701000, 52000]]],
];

// Birth years the bank knows (Solar Hijri), and the gender split of every count.
const BIRTH_YEARS = { from: 1300, to: 1410 };
const GENDER_SHARE = { 1: 0.52, 2: 0.46, 3: 0.02 };
const GENDERS = [
	{ id: 1, name: 'مرد' },
	{ id: 2, name: 'زن' },
	{ id: 3, name: 'سازمانی- حقوقی' },
];

// Job bank: operator ids as the documents give them (1 MCI, 2 Irancell, 13 others).
const OPERATOR_IDS = { 1: 'mci', 2: 'irancell', 13: 'other' };
const JOB_CATEGORIES = [
	[1, 'صنایع و اصناف'], [2, 'املاک، خودرو و حمل و نقل'], [3, 'رستوران و صنعت غذا'],
	[4, 'عکاسان و خدمات الکترونیکی و رایانه‌ای'], [5, 'پوشاک و صنایع مرتبط'],
	[6, 'لوازم خانگی، تاسیسات و صنعت ساختمان'], [7, 'سایر'], [8, 'سلامت، زیبایی و لوازم شخصی'],
].map(([id, name]) => ({ id, name }));
// [id, main id, name, mci, irancell, other]
const JOB_SUB_CATEGORIES = [
	[1, 1, 'صنفی', 15322, 8120, 410],
	[2, 1, 'تولیدی', 9840, 4520, 230],
	[3, 1, 'قصابان و کاشی‌سازان و فخاران', 2210, 1150, 60],
	[4, 2, 'مشاورین املاک', 12040, 7010, 380],
	[5, 2, 'نمایشگاه خودرو', 6120, 3380, 150],
	[6, 3, 'رستوران', 8730, 5210, 260],
	[7, 3, 'قنادی', 3310, 1720, 90],
	[8, 4, 'عکاسی', 1980, 1260, 70],
	[9, 5, 'پوشاک', 7420, 4010, 200],
	[10, 6, 'لوازم خانگی', 5160, 2830, 140],
	[11, 7, 'سایر', 2040, 990, 60],
	[12, 8, 'آرایشگاه', 6630, 4470, 210],
];

// Lines an account can be given on top of NUMBERS (option `senderLines`): +9850002000, +9850002001, …
const EXTRA_LINE_BASE = { id: 20001, number: 9850002000 };

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
	OPTIONS,
	FIRST_CONTACT_ID,
	FIRST_OPTION_ID,
	FIRST_PHONEBOOK_ID,
	PHONEBOOK_CAPACITY,
	PROVINCES,
	COUNTIES,
	BIRTH_YEARS,
	GENDER_SHARE,
	GENDERS,
	OPERATOR_IDS,
	JOB_CATEGORIES,
	JOB_SUB_CATEGORIES,
	EXTRA_LINE_BASE,
	OUTBOX,
	INBOX,
	FIRST_OUTBOX_ID: 1123590001,
	FIRST_INBOX_ID: 1001,
};
