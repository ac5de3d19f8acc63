'use strict';

// Texts as IPPanel's documents show them (Persian, Laravel-style validation wording).
const TEXT = {
	done: 'انجام شد',
	badAuth: 'اطلاعات وارد شده صحیح نمی باشد',
	invalidRequest: 'درخواست معتبر نیست',
	wrongCredentials: 'نام کاربری یا رمز عبور اشتباه است',
	messageNotFound: 'پیام مورد نظر یافت نشد',
	patternNotFound: 'الگو یافت نشد',
	routeNotFound: 'آدرس مورد نظر یافت نشد',
	methodNotAllowed: 'متد درخواست مجاز نیست',
	duplicateSend: 'درخواست تکراری است، ارسال مشابه در کمتر از ۴۰ ثانیه قبل انجام شده است',
	invalidState: 'invalid state',
	serverError: 'خطای سیستمی رخ داده است',
	unsupportedFile: 'فرمت فایل پشتیبانی نمیشود',
	cancelNotAllowed: 'لغو ارسال فقط تا ۵ دقیقه قبل از زمان ارسال امکان پذیر است',
	noRecipients: 'گیرنده ای برای ارسال یافت نشد',
};

// Attribute names that IPPanel translates; every other field keeps its key.
const ATTRIBUTES = {
	message: 'پیام',
	password: 'گذرواژه',
	username: 'نام کاربری',
	files: 'فایل ها',
};

const attr = (field) => ATTRIBUTES[field] || field;

const RULES = {
	required: (field) => `تکمیل گزینه ${attr(field)} الزامی است`,
	invalid: (field) => `${attr(field)} انتخاب شده، معتبر نیست`,
	format: (field) => `فرمت ${attr(field)} معتبر نیست`,
	array: (field) => `${attr(field)} باید آرایه باشد`,
	object: (field) => `${attr(field)} باید آبجکت باشد`,
	integer: (field) => `${attr(field)} باید عدد صحیح باشد`,
	oneRecipient: (field) => `${attr(field)} فقط می تواند شامل یک گیرنده باشد`,
	maxItems: (field, max) => `${attr(field)} نباید بیشتر از ${max} آیتم داشته باشد`,
	maxLength: (field, max) => `${attr(field)} نباید بیشتر از ${max} کاراکتر باشد`,
	maxParts: (field, max) => `${attr(field)} نباید بیشتر از ${max} پارت باشد`,
	sendTimeTooSoon: (field) => `${attr(field)} باید حداقل ۵ دقیقه بعد از زمان فعلی باشد`,
	sendTimeTooFar: (field) => `${attr(field)} نباید بیشتر از ۳ ماه بعد باشد`,
	notAllowed: (field) => `${attr(field)} در الگو تعریف نشده است`,
	patternInactive: (field) => `الگوی ${attr(field)} فعال نیست`,
	votpDigits: (field) => `${attr(field)} باید عدد و کمتر از ۱۵ رقم باشد`,
};

module.exports = { TEXT, RULES };
