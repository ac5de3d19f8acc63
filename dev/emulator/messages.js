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
	unsupportedFile: 'فرمت فایل پشتیبانی نمی‌شود',
	cancelNotAllowed: 'لغو ارسال فقط تا ۵ دقیقه قبل از زمان ارسال امکان پذیر است',
	noRecipients: 'گیرنده ای برای ارسال یافت نشد',
	phonebookNotFound: 'دفترچه تلفن یافت نشد',
	contactNotFound: 'مخاطب یافت نشد',
	optionNotFound: 'گزینه یافت نشد',
	patternNotFoundManage: 'پترن مورد نظر یافت نشد',
	regionInvalid: 'منطقه انتخابی نامعتبر است',
	provinceNotFound: 'استان یافت نشد',
	countyNotFound: 'شهرستان یافت نشد',
	missingParams: 'پارامترهای مورد نیاز ارسال نشده است',
	provinceRequired: 'انتخاب استان اجباری است',
	count: 'count',
	jobCategoryInvalid: 'گزینه انتخابی شناسه دسته بندی اصلی صحیح نمی باشد',
};

// Attribute names that IPPanel translates; every other field keeps its key.
const ATTRIBUTES = {
	message: 'پیام',
	password: 'گذرواژه',
	username: 'نام کاربری',
	files: 'فایل ها',
	title: 'عنوان',
	main_category_id: 'شناسه دسته بندی اصلی',
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
	// Field names as written (the pattern pages show untranslated names: "تکمیل گزینه message الزامی است").
	requiredRaw: (field) => `تکمیل گزینه ${field} الزامی است`,
	// The bank look-up pages: "گزینه انتخاب شده county id صحیح نمی باشد" (Laravel's default attribute).
	selected: (field) => `گزینه انتخاب شده ${attr(field).replace(/_/g, ' ')} صحیح نمی باشد`,
	between: (field, min, max) => `${attr(field)} باید بین ${min} و ${max} باشد`,
	digitsBetween: (field, min, max) => `${attr(field)} باید بین ${min} و ${max} رقم باشد`,
	atLeast: (field, min) => `${attr(field)} نباید کمتر از ${min} باشد`,
	boolean: (field) => `${attr(field)} باید true یا false باشد`,
	oneOf: (field, values) => `${attr(field)} باید یکی از این مقادیر باشد: ${values.join(', ')}`,
	date: (field) => `${attr(field)} یک تاریخ معتبر نیست`,
	taken: (field) => `${attr(field)} قبلا ثبت شده است`,
	placeholder: (field, name) => `جای‌گذار {ex_${name}} در ${attr(field)} با هیچ ستون یا فیلدی مطابقت ندارد`,
	variableUnused: (field) => `${field} در متن الگو استفاده نشده است`,
	variableUndeclared: (field, name) => `متغیر %${name}% در variable تعریف نشده است`,
};

module.exports = { TEXT, RULES };
