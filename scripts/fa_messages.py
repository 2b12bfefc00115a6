"""Persian translations of the UI, kept as data and applied to locale/fa by apply_messages.py.

Edit here (or in the .po file directly) — `make messages` re-extracts and re-applies.
"""

FA: dict[str, str] = {
    # apps and models
    "Access": "دسترسی",
    "Administration": "مدیریت سامانه",
    "The request contains a NUL character, which no field may hold.": (
        "درخواست نویسه NUL دارد که هیچ خانه‌ای نمی‌تواند آن را نگه دارد."
    ),
    "Moved the case to “%(status)s”": "وضعیت پرونده را به «%(status)s» تغییر داد",
    "Demo: no phone at hand? In a terminal in the project folder run": (
        "نسخه نمایشی: گوشی در دسترس نیست؟ در پوشه پروژه در یک ترمینال اجرا کنید"
    ),
    "Staff API": "API کارکنان",
    "Partner agency": "دستگاه همکار",
    "audience": "مخاطب",
    "audit checkpoint": "نقطه بازبینی ممیزی",
    "audit checkpoints": "نقاط بازبینی ممیزی",
    "Added a note": "یادداشتی افزود",
    "Recorded the report at the desk": "گزارش را در میز خدمت ثبت کرد",
    "No such report.": "چنین گزارشی نیست.",
    "Change password": "تغییر گذرواژه",
    "Password changed": "گذرواژه تغییر کرد",
    "Second step of sign-in": "گام دوم ورود",
    "This password is too long: at most %(max)d characters.": (
        "این گذرواژه بیش از حد بلند است: حداکثر %(max)d نویسه."
    ),
    "At most %(max)d characters.": "حداکثر %(max)d نویسه.",
    "Kalantari: your code to follow report %(code)s is %(otp)s": (
        "کلانتری: کد پیگیری گزارش %(code)s برای شما: %(otp)s"
    ),
    "If this tracking code belongs to a report with a mobile number, we have texted a 6-digit code to it. Type it above; it works once, for 10 minutes.": (
        "اگر این کد رهگیری متعلق به گزارشی با شماره همراه باشد، یک کد ۶ رقمی به آن پیامک شد. "
        "آن را در بالا وارد کنید؛ فقط یک بار و تا ۱۰ دقیقه کار می‌کند."
    ),
    "Text me a one-time code instead": "به‌جای آن، یک کد یک‌بارمصرف برایم پیامک شود",
    "Mobile number given with the report (or the PIN of an anonymous tip, or the code we texted you)": (
        "شماره همراهی که با گزارش دادید (یا رمز خبر بی‌نام، یا کدی که برایتان پیامک شد)"
    ),
    "keep personal data for (days after closing)": "مدت نگهداری داده‌های شخصی (روز پس از مختومه شدن)",
    "Then `kalantari retention apply` removes the person's data from the report.": (
        "پس از آن، فرمان `kalantari retention apply` داده‌های شخص را از گزارش حذف می‌کند."
    ),
    "personal data removed at": "زمان حذف داده‌های شخصی",
    "Opened the case file": "پرونده را باز کرد",
    "Found it in a search": "در جست\u200cوجو به آن رسید",
    "Opened an attached file": "فایل پیوست را باز کرد",
    "Took the case on": "پرونده را در دست گرفت",
    "Worked on the case": "روی پرونده کار کرد",
    "When": "زمان",
    "What": "چه کرد",
    "Unit": "یگان",
    "Role": "نقش",
    "No staff member has accessed these records.": "هیچ یک از کارکنان به این سوابق دسترسی نداشته است.",
    "Who accessed a person's records": "چه کسانی به سوابق یک شخص دسترسی داشته\u200cاند",
    "Accounts reading unusually many case files": "حساب\u200cهایی که به\u200cطور غیرعادی پرونده\u200cهای زیادی خوانده\u200cاند",
    "Purpose of this review": "هدف این بررسی",
    "Show accesses": "نمایش دسترسی\u200cها",
    "Accounts that opened at least %(threshold)s case files in the last %(days)s days that were not assigned to them, filed by them or worked by them. A list to review, not a finding.": "حساب\u200cهایی که در %(days)s روز گذشته دست\u200cکم %(threshold)s پرونده را باز کرده\u200cاند که نه به آنها ارجاع شده، نه خودشان ثبت کرده\u200cاند و نه روی آن کار کرده\u200cاند. این فهرست برای بررسی است، نه حکم.",
    "Days": "روز",
    "At least": "دست\u200cکم",
    "Apply": "اعمال",
    "Unrelated case files opened": "پرونده\u200cهای نامرتبط بازشده",
    "No account stands out.": "هیچ حسابی غیرعادی نیست.",
    "Say why you are reviewing this person's accesses.": "بگویید چرا دسترسی\u200cهای این شخص را بررسی می\u200cکنید.",
    "Why are you searching? (needed when looking up a person)": "علت جست\u200cوجو چیست؟ (برای جست\u200cوجوی یک شخص لازم است)",
    "The citizen at the desk asks about their report": "شهروند حاضر در میز خدمت درباره گزارش خود می\u200cپرسد",
    "Investigating a case assigned to me": "رسیدگی به پرونده\u200cای که به من ارجاع شده",
    "Checking for earlier reports by the same person": "بررسی گزارش\u200cهای پیشین همین شخص",
    "Every search is recorded with its purpose; the person can see that you looked.": "هر جست\u200cوجو با علت آن ثبت می\u200cشود و شخص می\u200cتواند ببیند که سوابقش را دیده\u200cاید.",
    "Who has seen my report": "چه کسانی گزارش مرا دیده\u200cاند",
    "Every time a police officer opens your report, finds it in a search or opens a file you sent, it is recorded. Here is that record: when, which unit, which role and the reason they gave.": "هر بار که مأموری گزارش شما را باز کند، در جست\u200cوجو به آن برسد یا فایلی را که فرستاده\u200cاید باز کند، ثبت می\u200cشود. این همان سابقه است: زمان، یگان، نقش و علتی که ذکر کرده است.",
    "Back to the status of my report": "بازگشت به وضعیت گزارش",
    "Who at the police has seen my report": "چه کسانی در پلیس گزارش مرا دیده\u200cاند",
    "Access review": "بازبینی دسترسی\u200cها",
    "Purpose given": "علت ذکرشده",
    "Account": "حساب",
    "Searches": "جست\u200cوجوها",
    "Say why you are looking this person up (at least %(n)d characters).": "بگویید چرا این شخص را جست\u200cوجو می\u200cکنید (دست\u200cکم %(n)d نویسه).",
    "Unlock the selected accounts": "باز کردن قفل حساب‌های انتخاب‌شده",
    "This account is locked after too many failed sign-ins. Ask your unit's administrator to unlock it.": (
        "این حساب پس از چند ورود ناموفق قفل شده است. از مدیر سامانه یگان خود بخواهید قفل آن را باز کند."
    ),
    "Code from your authenticator app": "کد برنامه احراز هویت",
    "locked out at": "زمان قفل شدن",
    "You were signed out; sign in again to go on.": "از سامانه خارج شدید؛ برای ادامه دوباره وارد شوید.",
    "Account locked": "حساب قفل شده است",
    "Changing it signs you out everywhere else.": "با تغییر گذرواژه، از همه دستگاه‌های دیگر خارج می‌شوید.",
    "At least 8 and at most 64 characters; any characters; not a common or leaked password.": (
        "دست‌کم ۸ و حداکثر ۶۴ نویسه؛ هر نویسه‌ای مجاز است؛ گذرواژه رایج یا لورفته پذیرفته نمی‌شود."
    ),
    "Your other sessions have been signed out.": "نشست‌های دیگر شما بسته شد.",
    "Continue": "ادامه",
    "Staff accounts need an authenticator app (such as FreeOTP or Google Authenticator). Scan this code with it, then type the six digits it shows.": (
        "حساب‌های کارکنان به برنامه احراز هویت (مانند FreeOTP یا Google Authenticator) نیاز دارند. "
        "این کد را با آن اسکن کنید و شش رقمی را که نشان می‌دهد وارد کنید."
    ),
    "QR code for your authenticator app": "کد QR برای برنامه احراز هویت",
    "Cannot scan? Type this key into the app:": "اسکن نمی‌شود؟ این کلید را در برنامه وارد کنید:",
    "Type the six digits your authenticator app shows now.": "شش رقمی را که برنامه احراز هویت اکنون نشان می‌دهد وارد کنید.",
    "Cancel and sign out": "انصراف و خروج",
    "This code is not right, or it was used already.": "این کد درست نیست یا پیش‌تر به کار رفته است.",
    "Temporarily unavailable": "موقتاً در دسترس نیست",
    "The access could not be recorded, so it was not carried out. Try again later.": (
        "ثبت این دسترسی در دفتر ممیزی ممکن نشد، پس انجام نشد. کمی بعد دوباره تلاش کنید."
    ),
    "Audit": "ممیزی",
    "Cases": "پرونده‌ها",
    "Core": "هسته",
    "Intake": "پذیرش گزارش",
    "Organisation": "سازمان",
    "Demo data": "داده‌های نمایشی",
    "at": "زمان",
    "action": "اقدام",
    "record type": "نوع رکورد",
    "record id": "شناسه رکورد",
    "purpose": "هدف",
    "outcome": "نتیجه",
    "audit event": "رویداد ممیزی",
    "audit events": "رویدادهای ممیزی",
    "Received": "دریافت شد",
    "Triaged": "بررسی اولیه شد",
    "Assigned": "ارجاع به مأمور",
    "In progress": "در حال رسیدگی",
    "Resolved": "رسیدگی شد",
    "Closed": "مختومه",
    "Referred": "ارجاع به مرجع دیگر",
    "Rejected": "رد شد",
    "Reopened": "بازگشایی شد",
    "The judiciary": "مرجع قضایی",
    "Another police unit": "یگان انتظامی دیگر",
    "Another agency": "دستگاه دیگر",
    "report": "گزارش",
    "station": "کلانتری",
    "category": "نوع گزارش",
    "priority": "اولویت",
    "status": "وضعیت",
    "assignee": "مأمور رسیدگی",
    "claimed by": "در دست",
    "referred to": "ارجاع به",
    "responsible body": "مرجع مسئول",
    "how to reach them": "راه تماس",
    "reason for rejection": "دلیل رد",
    "first response due": "مهلت پاسخ اول",
    "resolution due": "مهلت رسیدگی",
    "case": "پرونده",
    "cases": "پرونده‌ها",
    "Case opened": "پرونده تشکیل شد",
    "Status changed": "تغییر وضعیت",
    "Note": "یادداشت",
    "Claimed": "در دست گرفته شد",
    "Released": "آزاد شد",
    "Citizen follow-up": "پیگیری شهروند",
    "kind": "نوع",
    "reason": "دلیل",
    "shown to the citizen": "نمایش به شهروند",
    "case event": "رویداد پرونده",
    "case events": "رویدادهای پرونده",
    # case services and selectors
    "No such case.": "چنین پرونده‌ای نیست.",
    "Type something to search for.": "چیزی برای جست‌وجو بنویسید.",
    "Type at least two letters of the name.": "دست‌کم دو حرف از نام را بنویسید.",
    "This case was changed by someone else while you were looking at it. Reload the page to "
    "see the change, then try again.": "این پرونده در همین فاصله به دست همکار دیگری تغییر کرد. "
    "صفحه را دوباره بارگذاری کنید تا تغییر را ببینید و سپس دوباره تلاش کنید.",
    "Your role may not do this on this case.": "نقش شما اجازه این کار را در این پرونده نمی‌دهد.",
    "%(name)s is working on this case; ask them or the commander.": "%(name)s این پرونده را در دست دارد؛ با ایشان یا رئیس کلانتری هماهنگ کنید.",
    "Give a reason.": "دلیل را بنویسید.",
    "The text is too long (at most %(n)d characters).": "متن بیش از حد بلند است (حداکثر %(n)d نویسه).",
    "Unknown action.": "اقدام ناشناخته است.",
    "A case that is “%(status)s” cannot be moved this way.": "پرونده‌ای که «%(status)s» است این‌گونه جابه‌جا نمی‌شود.",
    "Choose who will work the case.": "مأمور رسیدگی را انتخاب کنید.",
    "That officer was not found.": "این مأمور پیدا نشد.",
    "That officer does not serve at this case's station.": "این مأمور در کلانتری این پرونده خدمت نمی‌کند.",
    "Say where the case is referred.": "مرجع ارجاع را مشخص کنید.",
    "Choose the unit the case goes to.": "یگان مقصد را انتخاب کنید.",
    "Name the body that is now responsible.": "نام مرجعی را که اکنون مسئول است بنویسید.",
    "%(name)s is already working on this case.": "%(name)s هم‌اکنون این پرونده را در دست دارد.",
    # desk templates
    "Tracking code": "کد رهگیری",
    "Kind": "نوع",
    "Status": "وضعیت",
    "Priority": "اولویت",
    "SLA": "مهلت خدمت",
    "Assignee": "مأمور رسیدگی",
    "Station": "کلانتری",
    "Last activity": "آخرین اقدام",
    "Unread follow-ups from the citizen": "پیگیری‌های خوانده‌نشده شهروند",
    "claimed": "در دست",
    "breached": "مهلت گذشته",
    "at risk": "نزدیک مهلت",
    "on track": "در مهلت",
    "No cases match.": "پرونده‌ای یافت نشد.",
    "Walk-in report": "ثبت گزارش حضوری",
    "Take down a citizen's report at the desk. It gets a tracking code like any other; give "
    "the citizen the printed receipt.": "گزارش شهروند مراجعه‌کننده را در پیشخوان ثبت کنید. مانند هر "
    "گزارش دیگری کد رهگیری می‌گیرد؛ رسید چاپی را به شهروند بدهید.",
    "Register the report": "ثبت گزارش",
    "Case": "پرونده",
    "Reload": "بارگذاری دوباره",
    "Claimed by": "در دست",
    "first response by": "پاسخ اول تا",
    "resolution by": "رسیدگی تا",
    "Routing": "مسیریابی",
    "Referred to": "ارجاع به",
    "Reason for rejection": "دلیل رد",
    "Report": "گزارش",
    "Channel": "مجرای ثبت",
    "When it happened": "زمان وقوع",
    "Filed": "ثبت",
    "Where": "محل",
    "Statement": "اظهارات",
    "Complainant": "شاکی",
    "Anonymous tip: no personal data was asked.": "خبر بی‌نام: هیچ داده شخصی پرسیده نشد.",
    "Name": "نام",
    "National ID": "کد ملی",
    "Mobile": "تلفن همراه",
    "Files": "پیوست‌ها",
    "Messages from the citizen": "پیام‌های شهروند",
    "Actions": "اقدام‌ها",
    "Claim this case": "در دست گرفتن پرونده",
    "Release the claim": "آزاد کردن پرونده",
    "Triage": "بررسی اولیه",
    "Assign": "ارجاع به مأمور",
    "Start work": "شروع رسیدگی",
    "Resolve": "اعلام نتیجه",
    "Send back for more work": "بازگرداندن برای رسیدگی بیشتر",
    "Close": "مختومه کردن",
    "Refer": "ارجاع به مرجع دیگر",
    "Reject": "رد",
    "Reopen": "بازگشایی",
    "Officer": "مأمور",
    "— choose —": "— انتخاب کنید —",
    "Unit code (for another police unit)": "کد یگان (برای یگان انتظامی دیگر)",
    "Responsible body": "مرجع مسئول",
    "How to reach them": "راه تماس",
    "Reason (shown to the citizen)": "دلیل (به شهروند نشان داده می‌شود)",
    "Outcome (shown to the citizen)": "نتیجه (به شهروند نشان داده می‌شود)",
    "Note for the citizen": "توضیح برای شهروند",
    "Reason or note": "دلیل یا توضیح",
    "Confirm": "تأیید",
    "You can read this case but not act on it.": "شما این پرونده را می‌بینید ولی اقدامی بر آن ندارید.",
    "Add a note": "افزودن یادداشت",
    "Show this note to the citizen": "این یادداشت به شهروند نشان داده شود",
    "Add note": "ثبت یادداشت",
    "Timeline": "روند پرونده",
    "citizen / system": "شهروند / سامانه",
    "public": "عمومی",
    "Station desk": "میز کلانتری",
    "Search": "جست‌وجو",
    "Code, national ID, mobile or name": "کد رهگیری، کد ملی، همراه یا نام",
    "Open": "باز",
    "SLA breached": "مهلت گذشته",
    "Unread follow-ups": "پیگیری‌های خوانده‌نشده",
    "Assigned to me": "ارجاع به من",
    "Filters": "پالایه‌ها",
    "all": "همه",
    "open": "باز",
    "anyone": "هر کس",
    "me": "من",
    "nobody yet": "هنوز هیچ‌کس",
    "unread follow-ups": "پیگیری خوانده‌نشده",
    "Filter": "اعمال",
    "Pages": "صفحه‌ها",
    "Previous": "قبلی",
    "Next": "بعدی",
    "Page %(n)s of %(total)s (%(count)s cases)": "صفحه %(n)s از %(total)s (%(count)s پرونده)",
    "Search cases": "جست‌وجوی پرونده‌ها",
    "Tracking code, national ID, mobile or part of a name": "کد رهگیری، کد ملی، شماره همراه یا بخشی از نام",
    "Searched as a national ID.": "به‌عنوان کد ملی جست‌وجو شد.",
    "Searched as a mobile number.": "به‌عنوان شماره همراه جست‌وجو شد.",
    "Searched as a tracking code.": "به‌عنوان کد رهگیری جست‌وجو شد.",
    "Searched as a name.": "به‌عنوان نام جست‌وجو شد.",
    "chosen by the citizen": "انتخاب شهروند",
    "nearest station of the county": "نزدیک‌ترین کلانتری شهرستان",
    "nearest station to the location": "نزدیک‌ترین کلانتری به محل",
    "the county's duty station": "کلانتری کشیک شهرستان",
    # API
    "This field is required.": "این خانه را پر کنید.",
    "This value is too long.": "این مقدار بیش از حد بلند است.",
    "This value is not valid here.": "این مقدار در اینجا معتبر نیست.",
    "The request is not valid.": "درخواست معتبر نیست.",
    "Sign in, or send a valid API token.": "وارد شوید یا توکن معتبر API بفرستید.",
    "The request body is not valid JSON.": "بدنه درخواست JSON معتبر نیست.",
    "Not found.": "پیدا نشد.",
    "The Idempotency-Key must be 1 to 255 characters.": "کلید Idempotency-Key باید ۱ تا ۲۵۵ نویسه باشد.",
    "This Idempotency-Key was already used for a different request; use a new key for a new "
    "report.": "این Idempotency-Key پیش‌تر برای درخواست دیگری به کار رفته است؛ برای گزارش تازه کلید تازه بفرستید.",
    # identifiers and dates
    "A national ID has 10 digits.": "کد ملی ۱۰ رقم دارد.",
    "This national ID is not valid.": "این کد ملی معتبر نیست.",
    "This national ID is not valid: its check digit does not match.": "این کد ملی معتبر نیست: رقم کنترل آن درست نیست.",
    "A mobile number looks like 09121234567.": "شماره همراه مانند ۰۹۱۲۱۲۳۴۵۶۷ است.",
    "A postal code has 10 digits.": "کد پستی ۱۰ رقم دارد.",
    "A plate looks like 12 ب 345 - 67 (two digits, a letter, three digits, region).": "پلاک مانند \u2066۱۲ ب ۳۴۵ - ۶۷\u2069 است (دو رقم، یک حرف، سه رقم، کد منطقه).",
    "Write the date as 1403/08/12 or 2024-11-02.": "تاریخ را مانند \u2066۱۴۰۳/۰۸/۱۲\u2069 یا \u2066۲۰۲۴-۱۱-۰۲\u2069 بنویسید.",
    "This date does not exist.": "چنین تاریخی وجود ندارد.",
    "Write the time as 14:30.": "ساعت را مانند ۱۴:۳۰ بنویسید.",
    "This time does not exist.": "چنین ساعتی وجود ندارد.",
    "created at": "زمان ایجاد",
    "updated at": "زمان تغییر",
    "created by": "ایجادکننده",
    "updated by": "تغییردهنده",
    "version": "نسخه",
    "This tracking code is not valid; check it and type it again.": "این کد رهگیری معتبر نیست؛ آن را بررسی کنید و دوباره بنویسید.",
    "The attachment is not valid base64.": "پیوست با base64 معتبر کدگذاری نشده است.",
    # intake
    "%(field)s: a photo is required.": "%(field)s: عکس لازم است.",
    "%(field)s is required for this kind of report.": "برای این نوع گزارش «%(field)s» لازم است.",
    "%(field)s is too long (at most %(n)d characters).": "«%(field)s» بیش از حد بلند است (حداکثر %(n)d نویسه).",
    "This image is damaged or not really an image.": "این تصویر خراب است یا در واقع تصویر نیست.",
    "“%(name)s” is too large; the limit is %(mb)d MB.": "«%(name)s» بیش از حد بزرگ است؛ حداکثر %(mb)d مگابایت.",
    "The file is empty.": "فایل خالی است.",
    "“%(name)s” is not an image (JPEG, PNG, WebP) or a PDF.": "«%(name)s» تصویر (JPEG، PNG، WebP) یا PDF نیست.",
    "A photo is needed here.": "اینجا عکس لازم است.",
    "At most %(n)d files may be attached.": "حداکثر %(n)d فایل می‌توان پیوست کرد.",
    "Theft": "سرقت",
    "Fraud": "کلاهبرداری",
    "Violence and threats": "خشونت و تهدید",
    "Family": "خانواده",
    "Traffic": "رانندگی",
    "Lost documents": "مفقودی مدارک",
    "Missing person": "گمشدن فرد",
    "Online crime": "جرائم اینترنتی",
    "Tips": "خبر و اطلاعات",
    "Police conduct": "رفتار مأموران",
    "Other": "سایر",
    "Urgent": "فوری",
    "High": "بالا",
    "Normal": "عادی",
    "Low": "پایین",
    "code": "کد",
    "group": "گروه",
    "name (Persian)": "نام (فارسی)",
    "name (English)": "نام (انگلیسی)",
    "help (Persian)": "راهنما (فارسی)",
    "help (English)": "راهنما (انگلیسی)",
    "default priority": "اولویت پیش‌فرض",
    "first response target (minutes)": "هدف پاسخ اول (دقیقه)",
    "resolution target (hours)": "هدف رسیدگی (ساعت)",
    "may be anonymous": "بی‌نام ممکن است",
    "extra fields": "خانه‌های اضافه",
    "order": "ترتیب",
    "active": "فعال",
    "categories": "انواع گزارش",
    "Web portal": "درگاه اینترنتی",
    "API": "API",
    "tracking code": "کد رهگیری",
    "channel": "مجرای ثبت",
    "statement": "اظهارات",
    "when it happened": "زمان وقوع",
    "address": "نشانی",
    "anonymous": "بی‌نام",
    "name": "نام",
    "national ID": "کد ملی",
    "mobile": "تلفن همراه",
    "reports": "گزارش‌ها",
    "attachment": "پیوست",
    "attachments": "پیوست‌ها",
    "message": "پیام",
    "follow-up": "پیگیری",
    "follow-ups": "پیگیری‌ها",
    "That station was not found.": "این کلانتری پیدا نشد.",
    "That county was not found.": "این شهرستان پیدا نشد.",
    "Choose a station, or give the county or the location of the incident.": "کلانتری را انتخاب کنید، یا شهرستان یا محل رویداد را بدهید.",
    "The map position is not valid.": "موقعیت روی نقشه معتبر نیست.",
    "Too long: at most %(n)d characters.": "بیش از حد بلند: حداکثر %(n)d نویسه.",
    "Say when it happened.": "زمان رویداد را بنویسید.",
    "The date is in the future.": "این تاریخ در آینده است.",
    "Choose a kind of report from the list.": "نوع گزارش را از فهرست انتخاب کنید.",
    "This kind of report cannot be anonymous.": "این نوع گزارش را نمی‌توان بی‌نام فرستاد.",
    "This receipt link has expired. Use the status page with your code.": "این پیوند رسید منقضی شده است. با کد رهگیری از صفحه پیگیری استفاده کنید.",
    "Too many attempts. Try again in %(m)s minutes.": "تلاش‌ها بیش از حد بود. %(m)s دقیقه دیگر دوباره تلاش کنید.",
    "No report matches this tracking code and mobile number (or PIN). Check both and try again.": "گزارشی با این کد رهگیری و شماره همراه (یا رمز) نیست. هر دو را بررسی کنید و دوباره تلاش کنید.",
    "Write a message or attach a file.": "پیامی بنویسید یا فایلی پیوست کنید.",
    "Please correct what is marked below; nothing you typed was lost.": "لطفاً موارد مشخص‌شده را اصلاح کنید؛ هیچ‌چیز از آنچه نوشته‌اید از دست نرفته است.",
    "What happened": "چه رخ داد",
    "Kind of report": "نوع گزارش",
    "Your statement": "شرح ماجرا",
    "Say what happened, in your own words: what, who, how.": "ماجرا را به زبان خودتان بنویسید: چه، چه کسی، چگونه.",
    "Date": "تاریخ",
    "Time (about)": "ساعت (تقریبی)",
    "Solar Hijri (%(jalali)s) or Gregorian (%(gregorian)s) dates, in Persian or English digits.": "تاریخ شمسی (%(jalali)s) یا میلادی (%(gregorian)s)، با رقم‌های فارسی یا انگلیسی.",
    "Address or place": "نشانی یا محل",
    "County": "شهرستان",
    "Station or outpost": "کلانتری یا پاسگاه",
    "— the nearest one —": "— نزدیک‌ترین —",
    "Latitude": "عرض جغرافیایی",
    "Longitude": "طول جغرافیایی",
    "Use my current location": "موقعیت کنونی من",
    "Optional: with the location we find the nearest station.": "اختیاری: با موقعیت، نزدیک‌ترین کلانتری را پیدا می‌کنیم.",
    "About you": "مشخصات شما",
    "Send anonymously (no personal data; you get a secret PIN to follow it)": "ارسال بی‌نام (بدون داده شخصی؛ برای پیگیری یک رمز محرمانه می‌گیرید)",
    "Full name": "نام و نام خانوادگی",
    "Photos or documents (optional)": "عکس یا مدرک (اختیاری)",
    "JPEG, PNG, WebP or PDF; up to %(max_files)s files of %(max_mb)s MB each. Location data is "
    "removed from photos.": "JPEG، PNG، WebP یا PDF؛ تا %(max_files)s فایل، هر کدام تا %(max_mb)s "
    "مگابایت. داده‌های موقعیت از عکس‌ها پاک می‌شود.",
    "Report to the police, and follow it, day and night": "گزارش به پلیس و پیگیری آن، شبانه‌روزی",
    "File a report about theft, fraud, online crime, lost documents or a missing person, give a "
    "tip, or complain about an officer. You get a tracking code to follow what happens.": "درباره سرقت، کلاهبرداری، جرائم اینترنتی، مفقودی مدارک یا گمشدن فرد گزارش دهید، خبری برسانید یا از "
    "مأموری شکایت کنید. کد رهگیری می‌گیرید تا روند را دنبال کنید.",
    "File a report": "ثبت گزارش",
    "Follow a report": "پیگیری گزارش",
    "What you can report here": "آنچه اینجا می‌توان گزارش داد",
    "Receipt": "رسید",
    "Report received": "گزارش دریافت شد",
    "Keep this receipt. With the tracking code and your mobile number (or PIN) you can follow "
    "the report at any time.": "این رسید را نگه دارید. با کد رهگیری و شماره همراه (یا رمز) هر زمان می‌توانید "
    "گزارش را پیگیری کنید.",
    "Secret PIN": "رمز محرمانه",
    "Write the PIN down now: this page shows it only in this browser, for an hour, and it "
    "cannot be recovered.": (
        "رمز را همین حالا یادداشت کنید: این صفحه آن را فقط در همین مرورگر و تا یک ساعت نشان "
        "می‌دهد و بازیابی نمی‌شود."
    ),
    "Received at": "زمان دریافت",
    "Responsible station": "کلانتری مسئول",
    "Scan to open the status page with the code filled in.": "برای باز کردن صفحه پیگیری با کد آماده، اسکن کنید.",
    "Print the receipt": "چاپ رسید",
    "Follow the report": "پیگیری گزارش",
    "Fields marked * are required. In an emergency call 110 instead.": "پر کردن خانه‌های ستاره‌دار (*) لازم است. در وضعیت اضطراری با ۱۱۰ تماس بگیرید.",
    "Send the report": "ارسال گزارش",
    "Mobile number given with the report (or the PIN of an anonymous tip)": "شماره همراهی که با گزارش دادید (یا رمز خبر بی‌نام)",
    "Show the status": "نمایش وضعیت",
    "Now responsible": "مسئول کنونی",
    "Contact": "تماس",
    "Add information": "افزودن اطلاعات",
    "Your message was received and passed to the case handler.": "پیام شما دریافت شد و به رسیدگی‌کننده پرونده رسید.",
    "Message": "پیام",
    "File (optional)": "فایل (اختیاری)",
    "Send": "ارسال",
    "Close this report on this device": "بستن این گزارش در این دستگاه",
    # org
    "Nation": "کشور",
    "Province": "استان",
    "Police station": "کلانتری",
    "Outpost": "پاسگاه",
    "parent unit": "یگان بالادست",
    "latitude": "عرض جغرافیایی",
    "longitude": "طول جغرافیایی",
    "address (Persian)": "نشانی (فارسی)",
    "address (English)": "نشانی (انگلیسی)",
    "phone": "تلفن",
    "open 24/7": "شبانه‌روزی",
    "org unit": "یگان",
    "org units": "یگان‌ها",
    "Desk officer": "مأمور پیشخوان",
    "Investigator": "کارآگاه",
    "Station commander": "رئیس کلانتری",
    "Inspector": "بازرس",
    "Operations planner": "برنامه‌ریز عملیات",
    "Privacy officer": "مسئول حریم خصوصی",
    "Administrator": "مدیر سامانه",
    "role": "نقش",
    "rank": "درجه",
    "badge number": "شماره کارت",
    "staff account": "حساب کارکنان",
    "staff accounts": "حساب‌های کارکنان",
    "API token": "توکن API",
    "API tokens": "توکن‌های API",
    "Staff sign-in": "ورود کارکنان",
    "The username or password is not right.": "نام کاربری یا گذرواژه درست نیست.",
    "Username": "نام کاربری",
    "Password": "گذرواژه",
    "Sign in": "ورود",
    # base pages
    "Not allowed": "مجاز نیست",
    "Your request was refused. If you were filling in a form, go back, reload the page and send "
    "it again.": "درخواست شما پذیرفته نشد. اگر فرمی را پر می‌کردید، بازگردید، صفحه را دوباره بارگذاری کنید و "
    "دوباره بفرستید.",
    "Not found": "پیدا نشد",
    "This page does not exist, or you may not see it.": "این صفحه وجود ندارد یا اجازه دیدن آن را ندارید.",
    "Home": "خانه",
    "Kalantari": "کلانتری",
    "Police service desk": "میز خدمت پلیس",
    "Skip to content": "رفتن به محتوا",
    "Main": "اصلی",
    "Sign out": "خروج",
    "Emergency: call 110. This service is for reports that are not an emergency.": "اضطراری: با ۱۱۰ تماس بگیرید. این خدمت برای گزارش‌های غیراضطراری است.",
    # --- lead: disclosure, deferrals, purposes ---
    "purpose category": "دسته هدف",
    "Awaiting an inspector's review": "در انتظار بررسی بازرس",
    "Upheld by an inspector": "تأییدشده از سوی بازرس",
    "Lifted": "برداشته شد",
    "from": "از",
    "until": "تا",
    "ended at": "پایان یافته در",
    "renewals": "تمدیدها",
    "review": "بررسی",
    "review note": "یادداشت بررسی",
    "disclosure deferral": "تعویق اطلاع‌رسانی",
    "disclosure deferrals": "تعویق‌های اطلاع‌رسانی",
    "National ID card": "کارت ملی",
    "Birth certificate (shenasnameh)": "شناسنامه",
    "Passport": "گذرنامه",
    "Driving licence": "گواهینامه رانندگی",
    "identity document seen": "مدرک هویتی دیده‌شده",
    "document number": "شماره مدرک",
    "data access request": "درخواست دسترسی به داده‌ها",
    "data access requests": "درخواست‌های دسترسی به داده‌ها",
    "Handling a report made to the police": "رسیدگی به گزارشی که به پلیس داده شده",
    "An investigation": "یک تحقیق",
    "Checking someone's identity": "احراز هویت یک شخص",
    "Looking for a missing person": "جست‌وجوی فرد گمشده",
    "A request from a court or prosecutor": "درخواست دادگاه یا دادسرا",
    "Inspection or oversight": "بازرسی یا نظارت",
    "The person's own request for their data": "درخواست خود شخص برای داده‌هایش",
    "Handed the case back": "پرونده را واگذار کرد",
    "Reviewed who accessed the person's data": "بررسی کرد چه کسانی به داده‌های شخص دسترسی داشته‌اند",
    "Checked the person's identity for a data request": "هویت شخص را برای درخواست داده‌ها احراز کرد",
    "another state": "وضعیتی دیگر",
    "Day": "روز",
    "What they did": "چه کردند",
    "Purpose": "هدف",
    "Times": "دفعات",
    ", ": "، ",
    "No staff member has accessed these records, or none that can be shown yet.": (
        "هیچ کارمندی به این سوابق دسترسی نداشته، یا دسترسی‌ای که اکنون بتوان نشان داد نیست."
    ),
    "Staff member": "کارمند",
    "The case's version is missing from the request; reload the page and try again.": (
        "نسخه پرونده در درخواست نیست؛ صفحه را دوباره بارگذاری کنید و دوباره بکوشید."
    ),
    "Choose why you are looking this person up.": "انتخاب کنید چرا این شخص را جست‌وجو می‌کنید.",
    "Defer disclosure to citizens (open investigation)": (
        "تعویق اطلاع‌رسانی به شهروندان (تحقیق در جریان)"
    ),
    "Details for inspectors (optional; never shown to the person)": (
        "توضیح برای بازرسان (اختیاری؛ هرگز به خود شخص نشان داده نمی‌شود)"
    ),
    "Every search is recorded with its purpose; the person can see the kind of purpose you "
    "chose, after an identity check at a station.": (
        "هر جست‌وجو با هدفش ثبت می‌شود؛ شخص پس از احراز هویت در کلانتری، نوع هدفی را که "
        "برگزیده‌اید می‌بیند."
    ),
    "Every time a police officer opens your report, finds it in a search or opens a file you "
    "sent, it is recorded. Here is that record, one line per reader and day: which unit, which "
    "role, what they did and the kind of purpose they chose. To see searches for you as a "
    "person (not only this report), ask at any station with your identity card.": (
        "هر بار که مأموری گزارش شما را باز می‌کند، در جست‌وجو به آن می‌رسد یا فایلی را که "
        "فرستاده‌اید باز می‌کند، ثبت می‌شود. این همان سابقه است، برای هر خواننده در هر روز یک "
        "سطر: کدام واحد، کدام نقش، چه کرد و چه نوع هدفی برگزید. برای دیدن جست‌وجوهایی که درباره "
        "خود شما (نه فقط این گزارش) شده، با کارت شناسایی به هر کلانتری مراجعه کنید."
    ),
    "Oversight": "نظارت",
    "The end date must be in the future.": "تاریخ پایان باید در آینده باشد.",
    "A deferral lasts at most %(days)d days; renew it when it ends.": (
        "تعویق حداکثر %(days)d روز است؛ هنگام پایان آن را تمدید کنید."
    ),
    "Give the reason in at least %(n)d characters.": "دلیل را دست‌کم در %(n)d نویسه بنویسید.",
    "Only the investigator or the commander may defer disclosure.": (
        "تنها کارآگاه پرونده یا رئیس کلانتری می‌تواند اطلاع‌رسانی را به تعویق بیندازد."
    ),
    "The investigation is not open: there is nothing to defer.": (
        "تحقیق باز نیست: چیزی برای به تعویق انداختن نیست."
    ),
    "No such deferral.": "چنین تعویقی نیست.",
    "Someone changed this deferral meanwhile; reload and try again.": (
        "در این میان کسی این تعویق را تغییر داده؛ صفحه را دوباره بارگذاری کنید و دوباره بکوشید."
    ),
    "This deferral has ended; ask for a new one if it is still needed.": (
        "این تعویق پایان یافته؛ اگر هنوز لازم است، تعویق تازه‌ای بخواهید."
    ),
    "Only an inspector reviews disclosure deferrals.": (
        "تنها بازرس تعویق‌های اطلاع‌رسانی را بررسی می‌کند."
    ),
    "A deferral is reviewed by someone other than who asked for it.": (
        "تعویق را کسی جز درخواست‌کننده آن بررسی می‌کند."
    ),
    "Say why the deferral is lifted.": "بنویسید چرا تعویق برداشته می‌شود.",
    "Only the station desk checks identities for data requests.": (
        "تنها میز خدمت کلانتری هویت را برای درخواست داده‌ها احراز می‌کند."
    ),
    "Choose the identity document you checked.": "مدرک هویتی را که بررسی کردید برگزینید.",
    "This code is not valid, has expired or has already been used.": (
        "این کد معتبر نیست، منقضی شده یا پیش‌تر به کار رفته است."
    ),
    "Disclosure deferrals": "تعویق‌های اطلاع‌رسانی",
    "Back to the case": "بازگشت به پرونده",
    "While a deferral is active, citizens are not shown the accesses to this case (nor the "
    "lookups of the person named), because telling them would harm the investigation. It lasts "
    "at most 90 days, can be renewed, is reviewed by an inspector, and every hidden access "
    "appears once it ends.": (
        "تا تعویق برقرار است، دسترسی‌ها به این پرونده (و جست‌وجوهای شخص نام‌برده) به شهروندان "
        "نشان داده نمی‌شود، چون آگاهی آنان به تحقیق آسیب می‌زند. تعویق حداکثر ۹۰ روز است، "
        "تمدیدپذیر است، بازرس آن را بررسی می‌کند و با پایانش همه دسترسی‌های پنهان نمایان می‌شود."
    ),
    "Until": "تا",
    "State": "وضعیت",
    "Reason": "دلیل",
    "Asked by": "درخواست‌کننده",
    "Ended": "پایان یافته",
    "New end date": "تاریخ پایان تازه",
    "Renew": "تمدید",
    "End now": "پایان همین حالا",
    "Defer disclosure": "تعویق اطلاع‌رسانی",
    "Why telling the citizens now would harm the investigation": (
        "چرا آگاه کردن شهروندان اکنون به تحقیق آسیب می‌زند"
    ),
    "Until (at most 90 days from today)": "تا (حداکثر ۹۰ روز از امروز)",
    "National ID of a person under investigation (optional): their lookups are deferred too": (
        "کد ملی شخص مورد تحقیق (اختیاری): جست‌وجوهای او هم به تعویق می‌افتد"
    ),
    "Disclosure deferrals to review": "تعویق‌های اطلاع‌رسانی برای بررسی",
    "Each deferral keeps accesses to a case from the citizens concerned while an investigation "
    "is open. Uphold it if the reason holds; lift it otherwise, and the accesses appear at "
    "once.": (
        "هر تعویق تا زمانی که تحقیق باز است دسترسی‌ها به یک پرونده را از شهروندان مربوط پنهان "
        "می‌کند. اگر دلیل پابرجاست تأییدش کنید؛ وگرنه بردارید تا دسترسی‌ها بی‌درنگ نمایان شوند."
    ),
    "Review": "بررسی",
    "The case is no longer open: lift this deferral.": "پرونده دیگر باز نیست: این تعویق را بردارید.",
    "Uphold": "تأیید",
    "Lift": "برداشتن",
    "No active deferrals in your units.": "در واحدهای شما تعویق فعالی نیست.",
    "Data access request": "درخواست دسترسی به داده‌ها",
    "Data access request: identity check": "درخواست دسترسی به داده‌ها: احراز هویت",
    "Give this one-time code to the person. It is shown only once and works once, within 14 "
    "days, on the “My data at the police” page.": (
        "این کد یک‌بارمصرف را به شخص بدهید. تنها یک بار نشان داده می‌شود و تنها یک بار، تا ۱۴ "
        "روز، در صفحه «داده‌های من نزد پلیس» کار می‌کند."
    ),
    "The check and your name are recorded in the audit log.": (
        "این احراز هویت و نام شما در دفتر ممیزی ثبت می‌شود."
    ),
    "Print": "چاپ",
    "Another request": "درخواستی دیگر",
    "A person may ask who at the police looked them up. Check their identity document "
    "yourself, in person, before you hand over a code: the code shows every search and review "
    "about them.": (
        "هر کس می‌تواند بپرسد چه کسانی در پلیس او را جست‌وجو کرده‌اند. پیش از دادن کد، مدرک "
        "هویتی او را خودتان و حضوری بررسی کنید: این کد همه جست‌وجوها و بررسی‌های مربوط به او را "
        "نشان می‌دهد."
    ),
    "Identity document seen": "مدرک هویتی دیده‌شده",
    "Document serial (optional)": "سریال مدرک (اختیاری)",
    "I saw the person and the document myself, and they match.": (
        "شخص و مدرک را خودم دیدم و با هم می‌خوانند."
    ),
    "Issue the code": "صدور کد",
    "My data at the police": "داده‌های من نزد پلیس",
    "Every time a police officer looked you up, opened a report filed under your national ID "
    "or reviewed who did, it is recorded. Here is that record, one line per reader and day: "
    "which unit, which role, what they did and the kind of purpose they chose. Accesses tied "
    "to an investigation that is still open may be shown later, when the law allows.": (
        "هر بار که مأموری شما را جست‌وجو کرد، گزارشی را که با کد ملی شما ثبت شده باز کرد یا "
        "بررسی کرد چه کسی چنین کرده، ثبت می‌شود. این همان سابقه است، برای هر خواننده در هر روز "
        "یک سطر: کدام واحد، کدام نقش، چه کرد و چه نوع هدفی برگزید. دسترسی‌های مربوط به تحقیقی "
        "که هنوز باز است ممکن است بعدها، هنگامی که قانون اجازه دهد، نشان داده شوند."
    ),
    "This page stays open on this browser until %(until)s.": (
        "این صفحه تا %(until)s در این مرورگر باز می‌ماند."
    ),
    "Close this page": "بستن این صفحه",
    "To see who at the police looked you up, go to any station with your identity card. After "
    "checking it, the desk gives you a one-time code. Type it here.": (
        "برای دیدن اینکه چه کسانی در پلیس شما را جست‌وجو کرده‌اند، با کارت شناسایی به هر "
        "کلانتری بروید. میز خدمت پس از بررسی آن، یک کد یک‌بارمصرف به شما می‌دهد. آن را اینجا "
        "وارد کنید."
    ),
    "Code from the station": "کد دریافتی از کلانتری",
    "Show my data": "نمایش داده‌های من",
    "Confirm that you saw the person and the document yourself.": (
        "تأیید کنید که شخص و مدرک را خودتان دیده‌اید."
    ),
    "The form was incomplete; reload the page and try again.": (
        "فرم کامل نبود؛ صفحه را دوباره بارگذاری کنید و دوباره بکوشید."
    ),
    "Deferrals": "تعویق‌ها",
    "My data": "داده‌های من",
    "No inspectorate was found above that station; choose another station.": (
        "بازرسی‌ای بالاتر از آن کلانتری یافت نشد؛ کلانتری دیگری برگزینید."
    ),
    "the inspectorate above the station complained about": (
        "بازرسی رده بالاتر از کلانتری‌ای که از آن شکایت شده"
    ),
    # --- crypto ---
    "(unreadable)": "(ناخوانا)",
    "“{char}” is not a digit: type the number with ordinary digits.": "«{char}» رقم نیست: عدد را با رقم‌های معمولی بنویسید.",
    "A name search takes at most %(n)d words.": "جست‌وجوی نام حداکثر %(n)d واژه می‌پذیرد.",
    # --- ux ---
    "Issued an API token": "توکن API صادر کرد",
    "Reviewed the accesses to a person's records": "دسترسی\u200cهای یک شخص را بررسی کرد",
    "Looked at the list of unusual readers": "فهرست خوانندگان غیرعادی را دید",
    "Changed a staff account": "حساب یکی از کارکنان را تغییر داد",
    "Created a staff account": "حسابی برای کارکنان ساخت",
    "Disabled an idle staff account": "حساب بی\u200cاستفاده\u200cای را غیرفعال کرد",
    "Account locked after failed sign-ins": "حساب پس از ورودهای ناموفق قفل شد",
    "Signed in": "وارد شد",
    "Failed sign-in": "ورود ناموفق",
    "Enrolled an authenticator": "برنامه تأیید هویت را ثبت کرد",
    "Unlocked a staff account": "قفل حساب یکی از کارکنان را باز کرد",
    "Released the case": "پرونده را آزاد کرد",
    "Removed the personal data from the report": "داده\u200cهای شخصی را از گزارش حذف کرد",
    "The citizen added a message": "شهروند پیامی افزود",
    "Texted a code to follow the report": "کد پیگیری گزارش پیامک شد",
    "The citizen looked at the report's status": "شهروند وضعیت گزارش را دید",
    "Recorded the report": "گزارش را ثبت کرد",
    "Applied the retention rules": "قواعد نگهداری داده را اجرا کرد",
    "Another recorded action": "اقدام ثبت\u200cشده دیگر",
    "A case that is “%(status)s” cannot be claimed.": "پرونده\u200cای که «%(status)s» است در دست گرفته نمی\u200cشود.",
    "to": "به",
    "routed by the system": "ارجاع خودکار سامانه",
    "%(km)s km from the location": "%(km)s کیلومتر از محل",
    "Write the outcome; the citizen will see it.": "نتیجه را بنویسید؛ شهروند آن را می\u200cبیند.",
    "Write the reason for rejecting; the citizen will see it.": "دلیل رد را بنویسید؛ شهروند آن را می\u200cبیند.",
    "Write the note.": "متن یادداشت را بنویسید.",
    "The date is more than %(years)s years ago; check the year.": "این تاریخ بیش از %(years)s سال پیش است؛ سال را بررسی کنید.",
    "Ended a disclosure deferral": "تعویق اطلاع‌رسانی را پایان داد",
    "Renewed a disclosure deferral": "تعویق اطلاع‌رسانی را تمدید کرد",
    "Reviewed a disclosure deferral": "تعویق اطلاع‌رسانی را بررسی کرد",
    "Deferred disclosure for an open investigation": "اطلاع‌رسانی را برای تحقیقی در جریان به تعویق انداخت",
    "The person opened their data access request": "شخص درخواست دسترسی به داده‌هایش را باز کرد",
    # --- intake ---
    "Too many reports or messages have been sent from here or for this person. Please try "
    "again in %(m)s minutes, or visit or call a police station.": "از این نشانی یا برای این شخص "
    "گزارش یا پیام بسیاری فرستاده شده است. لطفاً %(m)s دقیقهٔ دیگر دوباره بفرستید، یا به کلانتری "
    "بروید یا تماس بگیرید.",
    "What you wrote": "آنچه نوشتید",
    "This receipt is no longer available here. Use the status page with your code.": "این رسید "
    "دیگر اینجا در دسترس نیست. با کد رهگیری خود از صفحهٔ پیگیری استفاده کنید.",
    "This image is too large (more than %(n)s million pixels); send a smaller photo.": "این "
    "تصویر بیش از اندازه بزرگ است (بیش از %(n)s میلیون پیکسل)؛ عکس کوچک‌تری بفرستید.",
    "This PDF could not be checked; print it to a new PDF and send that.": "این PDF را نمی‌توان "
    "بررسی کرد؛ آن را در یک PDF تازه چاپ کنید و آن را بفرستید.",
    "This PDF contains scripts, embedded files or actions, which are not accepted; print it to "
    "a new PDF and send that.": "این PDF اسکریپت، فایل پیوست‌شده یا کنش دارد که پذیرفته نمی‌شود؛ "
    "آن را در یک PDF تازه چاپ کنید و آن را بفرستید.",
    "What you reported": "آنچه گزارش کردید",
    "Your messages": "پیام‌های شما",
    # --- auth ---
    "Kalantari administration": "مدیریت کلانتری",
    "Units, staff and settings": "یگان‌ها، کارکنان و تنظیمات",
    "Lock the selected accounts": "قفل کردن حساب‌های انتخاب‌شده",
    "Unlock the selected accounts and forget their failed sign-ins": (
        "باز کردن قفل حساب‌های انتخاب‌شده و پاک کردن ورودهای ناموفق آن‌ها"
    ),
    "Approve the selected new accounts": "تأیید حساب‌های تازه انتخاب‌شده",
    "Not approved (you created them, or they are outside your units): %(names)s": (
        "تأیید نشد (خودتان ساخته‌اید یا بیرون از یگان‌های شماست): %(names)s"
    ),
    "Issue an enrolment code for a new authenticator": "صدور کد ثبت برای برنامه تأیید هویت تازه",
    "Unit and role": "یگان و نقش",
    "Approval and lock": "تأیید و قفل",
    "Code from your authenticator app (only if asked)": (
        "کد برنامه تأیید هویت (فقط اگر خواسته شد)"
    ),
    "Enrolment code from your administrator": "کد ثبت از مدیر سامانه",
    "approved by": "تأییدکننده",
    "approved at": "زمان تأیید",
    "account at an address": "حساب از یک نشانی",
    "username": "نام کاربری",
    "failures": "ناکامی‌ها",
    "last failure at": "زمان آخرین ناکامی",
    "held off until": "در انتظار تا",
    "locked at": "زمان قفل",
    "sign-in throttle": "کندسازی ورود",
    "sign-in throttles": "کندسازی‌های ورود",
    "expires at": "زمان انقضا",
    "used at": "زمان استفاده",
    "enrolment code": "کد ثبت",
    "enrolment codes": "کدهای ثبت",
    "authenticator": "برنامه تأیید هویت",
    "authenticators": "برنامه‌های تأیید هویت",
    "You may not approve this account.": "اجازه تأیید این حساب را ندارید.",
    "You may not manage this account.": "اجازه مدیریت این حساب را ندارید.",
    "Kalantari: sign-in lock on %(username)s": "کلانتری: قفل ورود برای %(username)s",
    "Too many failed sign-ins to the account %(username)s from the address %(ip)s: "
    "sign-in from that address is held off for %(minutes)s minutes. Other addresses are "
    "not affected. If the officer did not cause this, lock the account in the "
    "administration pages and check the audit log.": (
        "ورودهای ناموفق بسیار به حساب %(username)s از نشانی %(ip)s: ورود از این نشانی "
        "%(minutes)s دقیقه متوقف است. نشانی‌های دیگر اثری نمی‌بینند. اگر کار خود مأمور "
        "نبوده، حساب را در صفحه‌های مدیریت قفل کنید و گزارش ممیزی را بررسی کنید."
    ),
    "New accounts waiting for approval": "حساب‌های تازه در انتظار تأیید",
    "A new account reads no case file until a second person approves it: its unit's "
    "commander or another administrator, never the one who created it. Approve only "
    "people you know work here in this role.": (
        "حساب تازه تا وقتی فرد دومی آن را تأیید نکند هیچ پرونده‌ای را نمی‌بیند: فرمانده "
        "یگان آن یا مدیری دیگر، هرگز سازنده حساب. فقط کسانی را تأیید کنید که می‌دانید با "
        "همین نقش این‌جا کار می‌کنند."
    ),
    "Org unit": "یگان",
    "Created by": "سازنده",
    "Approve": "تأیید",
    "No account is waiting.": "هیچ حسابی در انتظار نیست.",
    "This account has no authenticator yet. Type the one-time enrolment code your "
    "administrator gave you; then you will scan a QR code with an authenticator app "
    "(such as FreeOTP or Google Authenticator).": (
        "این حساب هنوز برنامه تأیید هویت ندارد. کد ثبت یک‌بارمصرفی را که مدیر سامانه به "
        "شما داده وارد کنید؛ سپس یک کد QR را با برنامه تأیید هویت (مانند FreeOTP یا "
        "Google Authenticator) اسکن می‌کنید."
    ),
    "Held off after failed attempts? Add your authenticator code": (
        "پس از چند تلاش ناموفق ورودتان پذیرفته نمی‌شود؟ کد برنامه تأیید هویت را هم وارد کنید"
    ),
    "After several failed sign-ins from one place, the right password alone waits a "
    "while. Your own authenticator code lets you in at once.": (
        "پس از چند ورود ناموفق از یک جا، گذرواژه درست به‌تنهایی مدتی منتظر می‌ماند. کد "
        "برنامه تأیید هویت خودتان شما را بی‌درنگ وارد می‌کند."
    ),
    "This enrolment code is not right, has expired or was used already.": (
        "این کد ثبت درست نیست، منقضی شده یا پیش‌تر به کار رفته است."
    ),
    "%(name)s may now work with case files.": "%(name)s اکنون می‌تواند با پرونده‌ها کار کند.",
    "path": "مسیر",
    "Model name": "نام مدل",
    "Breadcrumbs": "مسیر صفحه",
    "Please correct the error below.": "لطفاً خطای زیر را درست کنید.",
    "Select this object for an action - {}": "انتخاب این مورد برای یک کنش - {}",
    "Reset password": "تعیین گذرواژه تازه",
    "Set password": "تعیین گذرواژه",
    "Raw passwords are not stored, so there is no way to see the user’s password.": (
        "گذرواژه‌ها خام نگه داشته نمی‌شوند، پس راهی برای دیدن گذرواژه کاربر نیست."
    ),
    "salt": "نمک",
    "hash": "درهم‌سازی",
    "In case you’ve forgotten, you are:": "اگر فراموش کرده‌اید، شما هستید:",
    "key hash": "درهم‌سازی کلید",
    "last used at": "آخرین استفاده",
    "revoked": "باطل‌شده",
    "Your account waits for a second person's approval (your commander or another "
    "administrator); until then it opens no case file.": (
        "حساب شما در انتظار تأیید فرد دوم است (فرمانده‌تان یا مدیری دیگر)؛ تا آن زمان هیچ "
        "پرونده‌ای را باز نمی‌کند."
    ),
    # --- layers ---
    "Only inspectors and privacy officers review accesses.": (
        "تنها بازرسان و مسئولان حریم خصوصی دسترسی‌ها را بررسی می‌کنند."
    ),
    # --- actions ---
    "Approved a staff account": "حساب کارمندی را تأیید کرد",
    "Issued a one-time code to enrol an authenticator": "کد یک‌بارمصرف ثبت برنامهٔ تأیید هویت را صادر کرد",
    "Used a one-time code to enrol an authenticator": "با کد یک‌بارمصرف برنامهٔ تأیید هویت را ثبت کرد",
    "Gave the code of the second sign-in step": "کد مرحلهٔ دوم ورود را وارد کرد",
    "Assigned the case": "پرونده را به مأمور ارجاع داد",
    "Closed the case": "پرونده را بست",
    "Referred the case": "پرونده را به مرجع دیگری فرستاد",
    "Rejected the report": "گزارش را رد کرد",
    "Reopened the case": "پرونده را دوباره باز کرد",
    "Resolved the case": "به پرونده رسیدگی کرد و نتیجه را ثبت کرد",
    "Sent the case back for more work": "پرونده را برای رسیدگی بیشتر برگرداند",
    "Started work on the case": "رسیدگی به پرونده را آغاز کرد",
    "Triaged the case": "پرونده را بررسی اولیه کرد",
    "You are already working on this case.": "شما هم‌اکنون روی این پرونده کار می‌کنید.",
    "Nobody is working on this case: there is no claim to release.": (
        "کسی روی این پرونده کار نمی‌کند: چیزی برای آزاد کردن نیست."
    ),
    # --- gate ---
    "Your account may not do this.": "حساب شما اجازهٔ این کار را ندارد.",
    # --- people ---
    "Entered your details in the person registry": "مشخصات شما را در دفتر اشخاص ثبت کرد",
    "Corrected your details in the person registry": "مشخصات شما را در دفتر اشخاص اصلاح کرد",
    "Linked you to a report or case": "شما را به گزارش یا پرونده‌ای پیوند داد",
    "Looked you up in the person registry": "شما را در دفتر اشخاص جست‌وجو کرد",
    "Opened your record in the person registry": "سابقه شما را در دفتر اشخاص باز کرد",
    "Joined two records of you into one": "دو سابقه شما را یکی کرد",
    "Separated two records that had been joined": "دو سابقه یکی‌شده را دوباره جدا کرد",
    "Person entered in the registry": "شخص در دفتر اشخاص ثبت شد",
    "Person's identity erased under the retention rules": "هویت شخص طبق قواعد نگهداری داده پاک شد",
    "Erased your details from the person registry under the retention rules": (
        "مشخصات شما را طبق قواعد نگهداری داده از دفتر اشخاص پاک کرد"
    ),
    "Person's identity corrected": "مشخصات شخص اصلاح شد",
    "Person linked to a record with a role": "شخص با یک نقش به سابقه‌ای پیوند خورد",
    "Person registry searched (with purpose)": "دفتر اشخاص جست‌وجو شد (با هدف)",
    "Person record opened": "سابقه شخص باز شد",
    "Duplicate person merged into a survivor": "سابقه تکراری شخص در سابقه اصلی ادغام شد",
    "Person merge undone": "ادغام سابقه شخص لغو شد",
    "People": "اشخاص",
    "Entered by staff": "ثبت‌شده توسط کارکنان",
    "From a report's filing": "از ثبت یک گزارش",
    "From the reports filed before the registry": "از گزارش‌های ثبت‌شده پیش از دفتر اشخاص",
    "given name": "نام",
    "family name": "نام خانوادگی",
    "father's name": "نام پدر",
    "date of birth": "تاریخ تولد",
    "merged into": "ادغام‌شده در",
    "person": "شخص",
    "persons": "اشخاص",
    "Victim": "بزه‌دیده",
    "Witness": "شاهد",
    "Suspect": "مظنون",
    "Detainee": "بازداشتی",
    "person's link": "پیوند شخص",
    "persons' links": "پیوندهای اشخاص",
    "No such person.": "چنین شخصی نیست.",
    "This is neither a valid national ID nor a mobile number.": (
        "این نه کد ملی معتبر است و نه شماره همراه."
    ),
    "Give at least a family name.": "دست‌کم نام خانوادگی را وارد کنید.",
    "A person with this national ID is already registered: search for them.": (
        "شخصی با این کد ملی پیش‌تر ثبت شده است: او را جست‌وجو کنید."
    ),
    "Your role does not enter persons.": "نقش شما ثبت اشخاص نیست.",
    "Your role does not correct persons.": "نقش شما اصلاح مشخصات اشخاص نیست.",
    "This record was merged into another: correct that one.": (
        "این سابقه در سابقه دیگری ادغام شده است: آن را اصلاح کنید."
    ),
    "Someone changed this person since you opened it: reload.": (
        "از وقتی این سابقه را باز کردید کسی آن را تغییر داده است: دوباره بارگذاری کنید."
    ),
    "Choose a role from the list.": "یک نقش از فهرست انتخاب کنید.",
    "Unknown kind of record.": "نوع سابقه ناشناخته است.",
    "This record was merged into another: link that one.": (
        "این سابقه در سابقه دیگری ادغام شده است: آن را پیوند دهید."
    ),
    "You may not link persons to this record.": "شما نمی‌توانید اشخاص را به این سابقه پیوند دهید.",
    "Your role does not search persons.": "نقش شما جست‌وجوی اشخاص نیست.",
    "A person cannot be merged into themselves.": "یک سابقه را نمی‌توان در خودش ادغام کرد.",
    "Your role does not merge persons.": "نقش شما ادغام سوابق اشخاص نیست.",
    "One of these records was merged already.": "یکی از این سوابق پیش‌تر ادغام شده است.",
    "This person is not merged into another.": "این سابقه در سابقه دیگری ادغام نشده است.",
    "Person": "شخص",
    "This record was merged into another; it is kept so that the merge can be undone.": (
        "این سابقه در سابقه دیگری ادغام شده است؛ نگه داشته شده تا بتوان ادغام را لغو کرد."
    ),
    "Open the record it was merged into": "باز کردن سابقه‌ای که در آن ادغام شد",
    "Given name": "نام",
    "Family name": "نام خانوادگی",
    "Father's name": "نام پدر",
    "Date of birth": "تاریخ تولد",
    "Address": "نشانی",
    "Record number": "شماره سابقه",
    "Appears in": "در این سوابق آمده است",
    "Record": "سابقه",
    "Linked": "پیوند",
    "from a merged record": "از سابقه‌ای ادغام‌شده",
    "No linked records.": "سابقه پیوندداری نیست.",
    "Undo the merge": "لغو ادغام",
    "Why (for inspectors)": "چرا (برای بازرسان)",
    "Separate the records again": "جدا کردن دوباره سوابق",
    "Merge a duplicate into this record": "ادغام یک سابقه تکراری در این سابقه",
    "Record number of the duplicate": "شماره سابقه تکراری",
    "The duplicate's links move here; it is kept, marked as merged, and the merge can be undone.": (
        "پیوندهای سابقه تکراری به این‌جا منتقل می‌شود؛ خود آن با نشان «ادغام‌شده» نگه داشته "
        "می‌شود و ادغام را می‌توان لغو کرد."
    ),
    "Merge": "ادغام",
    "Person registry": "دفتر اشخاص",
    "Search the person registry": "جست‌وجو در دفتر اشخاص",
    "National ID, mobile or name": "کد ملی، شماره همراه یا نام",
    "Why are you looking this person up?": "چرا این شخص را جست‌وجو می‌کنید؟",
    "Give the record number of the duplicate, as shown on its page.": (
        "شماره سابقه تکراری را همان‌طور که در صفحه‌اش آمده وارد کنید."
    ),
    "Persons": "اشخاص",
    # --- issue8-dash ---
    "Dashboards": "داشبوردها",
    "Dashboard: %(name)s": "داشبورد: %(name)s",
    "Units above": "یگان‌های بالادست",
    "Units below": "یگان‌های زیرمجموعه",
    "Compare the units below": "مقایسه یگان‌های زیرمجموعه",
    "Show": "نمایش",
    "From %(start)s to %(end)s, both days included.": "از %(start)s تا %(end)s، با هر دو روز.",
    "Indicators": "شاخص‌ها",
    "Indicator": "شاخص",
    "Value": "مقدار",
    "Code": "کد",
    "Age": "سن",
    "Rank": "رتبه",
    "Ranked": "رتبه‌بندی شده",
    "Ranking": "رتبه‌بندی",
    "Units": "یگان‌ها",
    "yes": "بله",
    "no: too few reports": "نه: گزارش‌ها بسیار کم است",
    "Reports received": "گزارش‌های دریافتی",
    "Cases closed": "پرونده‌های مختومه",
    "Cases resolved": "پرونده‌های رسیدگی‌شده",
    "Rejections": "موارد رد",
    "Referrals": "موارد ارجاع",
    "Reopenings": "موارد بازگشایی",
    "Open cases": "پرونده‌های باز",
    "Open cases by age": "پرونده‌های باز بر پایه سن",
    "Open cases by age (now): %(n)s in all": "پرونده‌های باز بر پایه سن (اکنون): روی هم %(n)s",
    "Reports received and closed per day": "گزارش‌های دریافتی و پرونده‌های مختومه در هر روز",
    "Chart of reports received and closed per day; the same numbers are in the table below.": (
        "نمودار گزارش‌های دریافتی و پرونده‌های مختومه در هر روز؛ همین اعداد در جدول زیر آن است."
    ),
    "Chart of open cases by age; the same numbers are in the table below.": (
        "نمودار پرونده‌های باز بر پایه سن؛ همین اعداد در جدول زیر آن است."
    ),
    "Download as CSV": "دریافت به صورت CSV",
    "%(indicator)s per 1,000 reports": "%(indicator)s در هر ۱۰۰۰ گزارش",
    "per 1,000 reports": "در هر ۱۰۰۰ گزارش",
    "First response, median (minutes)": "نخستین پاسخ، میانه (دقیقه)",
    "First response, 90th percentile (minutes)": "نخستین پاسخ، صدک ۹۰ (دقیقه)",
    "Resolution, median (hours)": "رسیدگی، میانه (ساعت)",
    "Resolution, 90th percentile (hours)": "رسیدگی، صدک ۹۰ (ساعت)",
    "First responses within their SLA": "نخستین پاسخ‌ها در مهلت",
    "Resolutions within their SLA": "رسیدگی‌ها در مهلت",
    "SLA compliance (first responses and resolutions in time)": (
        "رعایت مهلت (نخستین پاسخ و رسیدگی به‌موقع)"
    ),
    "First responses late": "نخستین پاسخ‌های دیرکرد",
    "Resolutions late": "رسیدگی‌های دیرکرد",
    "Rejection rate": "نرخ رد",
    "Referral rate": "نرخ ارجاع",
    "Reopen rate": "نرخ بازگشایی",
    "Satisfaction (mean of 1–5)": "رضایت (میانگین ۱ تا ۵)",
    "Ratings given": "نظرهای ثبت‌شده",
    "Complaints about officers": "شکایت از مأموران",
    "Complete case files (of those closed)": "پرونده‌های کامل (از مختومه‌ها)",
    "Choose one of the indicators offered.": "یکی از شاخص‌های پیشنهادشده را برگزینید.",
    "Choose a period of 7, 30, 90 or 365 days.": "دوره‌ای ۷، ۳۰، ۹۰ یا ۳۶۵ روزه برگزینید.",
    "Dashboards are for station commanders and inspectors.": (
        "داشبوردها برای فرماندهان کلانتری و بازرسان است."
    ),
    "No such unit.": "چنین یگانی نیست.",
    "First response due": "مهلت نخستین پاسخ",
    "Resolution due": "مهلت رسیدگی",
    "answered": "پاسخ داده شد",
    "None.": "هیچ.",
    "Compare units": "مقایسه یگان‌ها",
    "Compare the units of %(name)s": "مقایسه یگان‌های %(name)s",
    "Back to the dashboard": "بازگشت به داشبورد",
    "the units directly below": "یگان‌های یک رده پایین‌تر",
    "every station and outpost below": "همه کلانتری‌ها و پاسگاه‌های زیرمجموعه",
    "Compare": "مقایسه",
    (
        "“%(indicator)s” is a count, and a busy city station has more of everything than a "
        "quiet outpost. To compare them fairly each unit's count is divided by the reports it "
        "received and multiplied by 1,000: the figure is “%(indicator)s” per 1,000 reports "
        "received."
    ): (
        "«%(indicator)s» یک شمارش است و کلانتری پرکار شهری از هر چیز بیشتر از یک پاسگاه آرام "
        "دارد. برای مقایسه منصفانه، شمار هر یگان بر گزارش‌های دریافتی‌اش تقسیم و در ۱۰۰۰ ضرب "
        "می‌شود: عدد نشان‌داده‌شده «%(indicator)s» در هر ۱۰۰۰ گزارش دریافتی است."
    ),
    (
        "“%(indicator)s” is already a rate, a time or a mean, so it does not grow with a "
        "unit's size: it is compared as it is."
    ): (
        "«%(indicator)s» خود نرخ، زمان یا میانگین است و با بزرگی یگان بزرگ نمی‌شود: همان‌گونه "
        "که هست مقایسه می‌شود."
    ),
    (
        "A unit with fewer than %(n)s reports in the period is listed but not ranked: on so "
        "small a base one case moves the figure too much."
    ): (
        "یگانی که در این دوره کمتر از %(n)s گزارش دارد فهرست می‌شود اما رتبه نمی‌گیرد: با چنین "
        "پایه کوچکی یک پرونده عدد را بیش از اندازه جابه‌جا می‌کند."
    ),
    "Higher is better.": "بیشتر بهتر است.",
    "Lower is better.": "کمتر بهتر است.",
    "too few reports": "گزارش بسیار کم",
    "nothing to measure": "چیزی برای سنجش نیست",
    "No units below this one.": "یگانی زیر این یگان نیست.",
    (
        "Times run from the report to the first response or to the resolution, without the "
        "time a case waited on the citizen or on a referral; they are read from fixed steps (a "
        "median of 30 minutes: half the cases within 30 minutes). Rates: rejections and "
        "referrals of the reports received, reopenings of the files ended (closed or rejected), "
        "complete files of those closed."
    ): (
        "زمان‌ها از گزارش تا نخستین پاسخ یا تا رسیدگی است، بی زمانی که پرونده در انتظار "
        "شهروند یا ارجاع بوده است؛ از پله‌های ثابت خوانده می‌شوند (میانه ۳۰ دقیقه: نیمی از "
        "پرونده‌ها در ۳۰ دقیقه). نرخ‌ها: رد و ارجاع از گزارش‌های دریافتی، بازگشایی از "
        "پرونده‌های پایان‌یافته (مختومه یا ردشده) و پرونده کامل از مختومه‌ها."
    ),
    "Late and at-risk cases": "پرونده‌های دیرکرد و در خطر",
    "All breaches of this station": "همه دیرکردهای این کلانتری",
    "All cases at risk": "همه پرونده‌های در خطر",
    "Breached cases": "پرونده‌های گذشته از مهلت",
    "Cases at risk": "پرونده‌های در خطر",
    "Breached": "گذشته از مهلت",
    "At risk": "در خطر",
    # --- issue8-sla ---
    "paused": "متوقف",
    "Clock paused": "ساعت متوقف شد",
    "Clock restarted": "ساعت دوباره به کار افتاد",
    "Name a category, a priority or both: the category's own targets apply otherwise.": (
        "یک دسته، یک اولویت یا هر دو را نام ببرید؛ وگرنه اهداف خود دسته اعمال می‌شود."
    ),
    "There is already a rule for this category and priority; change that one.": (
        "برای این دسته و اولویت قاعده‌ای وجود دارد؛ همان را تغییر دهید."
    ),
    "Stopped the case's clock to wait for the citizen": (
        "ساعت پرونده را برای انتظار پاسخ شهروند متوقف کرد"
    ),
    "Asked you for something the case needs": "چیزی را که پرونده لازم دارد از شما خواست",
    "Restarted the case's clock": "ساعت پرونده را دوباره به کار انداخت",
    "Went on working the case": "رسیدگی به پرونده را ادامه داد",
    "A case that is “%(status)s” has no clock to stop.": (
        "پرونده‌ای که «%(status)s» است ساعتی برای توقف ندارد."
    ),
    "This case's clock is already stopped.": "ساعت این پرونده از پیش متوقف است.",
    "This case's clock is not waiting on the citizen.": "ساعت این پرونده در انتظار شهروند نیست.",
    "Say what the citizen should bring or send; they will see it.": (
        "بنویسید شهروند چه چیزی بیاورد یا بفرستد؛ او این را می‌بیند."
    ),
    "%(d)s d %(h)s h": "%(d)s روز و %(h)s ساعت",
    "%(h)s h %(m)s min": "%(h)s ساعت و %(m)s دقیقه",
    "%(m)s min": "%(m)s دقیقه",
    "%(span)s overdue": "%(span)s تأخیر",
    "%(span)s left": "%(span)s مانده",
    "%(span)s left when the clock restarts": "%(span)s مانده، از وقتی ساعت دوباره به کار افتد",
    "The station needs something from you": "کلانتری چیزی از شما لازم دارد",
    "waiting on %(who)s since %(since)s": "در انتظار %(who)s از %(since)s",
    "Restart the clock": "ساعت را دوباره به کار بینداز",
    "Wait for the citizen": "انتظار پاسخ شهروند",
    "The SLA clock stops until the citizen answers (a follow-up restarts it) or you restart it.": (
        "ساعت مهلت خدمت تا پاسخ شهروند متوقف می‌شود (پیام پیگیری او آن را دوباره به کار "
        "می‌اندازد) یا تا وقتی خودتان آن را دوباره به کار بیندازید."
    ),
    "What the citizen should bring or send (shown to the citizen)": (
        "آنچه شهروند باید بیاورد یا بفرستد (به شهروند نشان داده می‌شود)"
    ),
    "The category's field “%(field)s”": "خانه «%(field)s» دسته",
    "The citizen's statement": "شرح شهروند",
    "Where it happened (an address or a point on the map)": "محل رخداد (نشانی یا نقطه‌ای روی نقشه)",
    "A first response within its target": "نخستین پاسخ در مهلت مقرر",
    "The reason it was closed, rejected or referred": "دلیل مختومه شدن، رد یا ارجاع",
    "SLA breaches and near-breaches": "تأخیرها و نزدیک به تأخیرها در مهلت خدمت",
    "Open cases past a due time, or due within a day, most overdue first. Clocks run around the clock; a case waiting on the citizen is not listed while it waits.": (
        "پرونده‌های باز که از مهلتشان گذشته یا تا یک روز دیگر سر می‌رسد، بیشترین تأخیر نخست. "
        "ساعت‌ها شبانه‌روزی کار می‌کنند؛ پرونده‌ای که در انتظار شهروند است تا وقتی منتظر است "
        "فهرست نمی‌شود."
    ),
    "breached or at risk": "گذشته از مهلت یا در خطر",
    "Due": "مهلت",
    "How late": "میزان تأخیر",
    "first response": "نخستین پاسخ",
    "resolution": "رسیدگی",
    "No case is breached or at risk.": "هیچ پرونده‌ای از مهلت نگذشته یا در خطر نیست.",
    "Missing data in case files": "کمبودهای پرونده‌ها",
    "A good file holds the statement, where it happened, the category's required fields, a first response within its target and, once finished, the reason it was closed, rejected or referred. Listed: open files and those finished in the period that lack something.": (
        "پرونده کامل شرح، محل رخداد، خانه‌های لازم دسته، نخستین پاسخ در مهلت و پس از پایان، "
        "دلیل مختومه شدن، رد یا ارجاع را دارد. فهرست: پرونده‌های باز و پرونده‌های پایان‌یافته "
        "در این بازه که چیزی کم دارند."
    ),
    "Period": "بازه",
    "last %(n)s days": "%(n)s روز گذشته",
    "No file was finished in the period.": "در این بازه هیچ پرونده‌ای پایان نیافت.",
    "Completeness: %(pct)s%% (%(complete)s of %(finished)s files finished in the period hold everything)": (
        "کامل بودن: %(pct)s٪ (%(complete)s از %(finished)s پرونده پایان‌یافته در این بازه همه چیز را دارند)"
    ),
    "Only the %(n)s files with the newest activity were examined: choose a station to see all of its files.": (
        "تنها %(n)s پرونده با تازه‌ترین فعالیت بررسی شد: برای دیدن همه پرونده‌های یک کلانتری، "
        "آن را برگزینید."
    ),
    "What is missing": "آنچه کم است",
    "No file lacks anything.": "هیچ پرونده‌ای چیزی کم ندارد.",
    "SLA rule": "قاعده مهلت خدمت",
    "SLA rules": "قواعد مهلت خدمت",
    "the citizen": "شهروند",
    "a referral": "ارجاع",
    "SLA clock paused at": "زمان توقف ساعت مهلت خدمت",
    "waiting on": "در انتظار",
    "SLA clock paused (seconds)": "مدت توقف ساعت مهلت خدمت (ثانیه)",
    # --- issue8-rollups ---
    "under a day": "کمتر از یک روز",
    "1 to 3 days": "۱ تا ۳ روز",
    "3 to 7 days": "۳ تا ۷ روز",
    "7 to 30 days": "۷ تا ۳۰ روز",
    "over 30 days": "بیش از ۳۰ روز",
    "day": "روز",
    "unit": "یگان",
    "unit day": "آمار روزانه یگان",
    "unit days": "آمار روزانه یگان‌ها",
    "area day": "آمار روزانه حوزه",
    "area days": "آمار روزانه حوزه‌ها",
}

PLURALS: dict[str, str] = {
    "renewed %(n)s time": "%(n)s بار تمدید شده",
    "%(shown)s new message": "%(shown)s پیام تازه",
    "%(shown)s case found.": "%(shown)s پرونده یافت شد.",
    # --- intake ---
    "%(shown)s file attached": "%(shown)s فایل پیوست شد",
    # --- auth ---
    "%(n)s new account waits for your approval.": "%(n)s حساب تازه در انتظار تأیید شماست.",
    # --- people ---
    "%(shown)s person found.": "%(shown)s شخص یافت شد.",
}
