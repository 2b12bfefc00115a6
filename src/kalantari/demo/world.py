"""The demo force: three provinces, their counties and twenty stations and outposts.

Coordinates are real places so routing by location behaves as it would in the field; the
names, phones and people are made up.
"""

from __future__ import annotations

from typing import NamedTuple


class UnitSpec(NamedTuple):
    code: str
    kind: str
    parent: str | None
    name_fa: str
    name_en: str
    lat: str | None = None
    lon: str | None = None
    open_24_7: bool = False


UNITS: tuple[UnitSpec, ...] = (
    UnitSpec("IR", "nation", None, "فرماندهی انتظامی", "National Police Command"),
    UnitSpec("THR", "province", "IR", "استان تهران", "Tehran Province"),
    UnitSpec("ESF", "province", "IR", "استان اصفهان", "Isfahan Province"),
    UnitSpec("KHR", "province", "IR", "استان خراسان رضوی", "Khorasan Razavi Province"),
    UnitSpec("THR-SHM", "county", "THR", "شهرستان شمیرانات", "Shemiranat County"),
    UnitSpec("THR-TEH", "county", "THR", "شهرستان تهران", "Tehran County"),
    UnitSpec("THR-REY", "county", "THR", "شهرستان ری", "Rey County"),
    UnitSpec("ESF-ISF", "county", "ESF", "شهرستان اصفهان", "Isfahan County"),
    UnitSpec("ESF-KSH", "county", "ESF", "شهرستان کاشان", "Kashan County"),
    UnitSpec("KHR-MSH", "county", "KHR", "شهرستان مشهد", "Mashhad County"),
    UnitSpec("KHR-NSH", "county", "KHR", "شهرستان نیشابور", "Neyshabur County"),
    # Shemiranat
    UnitSpec(
        "THR-101",
        "station",
        "THR-SHM",
        "کلانتری ۱۰۱ تجریش",
        "Tajrish Station 101",
        "35.804000",
        "51.426000",
        True,
    ),
    UnitSpec(
        "THR-102",
        "station",
        "THR-SHM",
        "کلانتری ۱۰۲ نیاوران",
        "Niavaran Station 102",
        "35.815000",
        "51.470000",
    ),
    UnitSpec(
        "THR-P11",
        "outpost",
        "THR-SHM",
        "پاسگاه لواسان",
        "Lavasan Outpost",
        "35.823000",
        "51.633000",
    ),
    # Tehran
    UnitSpec(
        "THR-111",
        "station",
        "THR-TEH",
        "کلانتری ۱۱۱ ونک",
        "Vanak Station 111",
        "35.757500",
        "51.410000",
        True,
    ),
    UnitSpec(
        "THR-112",
        "station",
        "THR-TEH",
        "کلانتری ۱۱۲ انقلاب",
        "Enghelab Station 112",
        "35.701000",
        "51.391000",
    ),
    UnitSpec(
        "THR-113",
        "station",
        "THR-TEH",
        "کلانتری ۱۱۳ نارمک",
        "Narmak Station 113",
        "35.744000",
        "51.504000",
        True,
    ),
    UnitSpec(
        "THR-114",
        "station",
        "THR-TEH",
        "کلانتری ۱۱۴ تهرانپارس",
        "Tehranpars Station 114",
        "35.739000",
        "51.540000",
    ),
    # Rey
    UnitSpec(
        "THR-121",
        "station",
        "THR-REY",
        "کلانتری ۱۲۱ شهرری",
        "Shahr-e Rey Station 121",
        "35.595000",
        "51.435000",
        True,
    ),
    UnitSpec(
        "THR-P21",
        "outpost",
        "THR-REY",
        "پاسگاه کهریزک",
        "Kahrizak Outpost",
        "35.513000",
        "51.364000",
    ),
    # Isfahan
    UnitSpec(
        "ESF-101",
        "station",
        "ESF-ISF",
        "کلانتری ۱۰۱ نقش جهان",
        "Naqsh-e Jahan Station 101",
        "32.657500",
        "51.677000",
        True,
    ),
    UnitSpec(
        "ESF-102",
        "station",
        "ESF-ISF",
        "کلانتری ۱۰۲ جلفا",
        "Jolfa Station 102",
        "32.637000",
        "51.656000",
    ),
    UnitSpec(
        "ESF-103",
        "station",
        "ESF-ISF",
        "کلانتری ۱۰۳ سپاهان‌شهر",
        "Sepahan Shahr Station 103",
        "32.594000",
        "51.647000",
    ),
    # Kashan
    UnitSpec(
        "ESF-121",
        "station",
        "ESF-KSH",
        "کلانتری ۱۲۱ کاشان",
        "Kashan Central Station 121",
        "33.985000",
        "51.410000",
        True,
    ),
    UnitSpec(
        "ESF-P21",
        "outpost",
        "ESF-KSH",
        "پاسگاه نیاسر",
        "Niasar Outpost",
        "33.973000",
        "51.149000",
    ),
    # Mashhad
    UnitSpec(
        "KHR-101",
        "station",
        "KHR-MSH",
        "کلانتری ۱۰۱ حرم",
        "Haram Station 101",
        "36.288000",
        "59.616000",
        True,
    ),
    UnitSpec(
        "KHR-102",
        "station",
        "KHR-MSH",
        "کلانتری ۱۰۲ وکیل‌آباد",
        "Vakilabad Station 102",
        "36.330000",
        "59.520000",
    ),
    UnitSpec(
        "KHR-103",
        "station",
        "KHR-MSH",
        "کلانتری ۱۰۳ طبرسی",
        "Tabarsi Station 103",
        "36.310000",
        "59.645000",
    ),
    UnitSpec(
        "KHR-P22",
        "outpost",
        "KHR-MSH",
        "پاسگاه طرقبه",
        "Torqabeh Outpost",
        "36.310000",
        "59.375000",
    ),
    # Neyshabur
    UnitSpec(
        "KHR-121",
        "station",
        "KHR-NSH",
        "کلانتری ۱۲۱ نیشابور",
        "Neyshabur Central Station 121",
        "36.213000",
        "58.796000",
        True,
    ),
    UnitSpec(
        "KHR-P21",
        "outpost",
        "KHR-NSH",
        "پاسگاه قدمگاه",
        "Qadamgah Outpost",
        "36.105000",
        "59.060000",
    ),
)

# Stations whose desk is slow to answer: oversight should be able to find them.
SLOW_STATIONS = frozenset({"THR-112", "KHR-102"})

# (Persian, English) given names and family names for made-up complainants and officers.
GIVEN_NAMES = (
    ("علی", "Ali"),
    ("محمد", "Mohammad"),
    ("حسین", "Hossein"),
    ("رضا", "Reza"),
    ("مهدی", "Mahdi"),
    ("امیر", "Amir"),
    ("سعید", "Saeed"),
    ("مجید", "Majid"),
    ("فاطمه", "Fatemeh"),
    ("زهرا", "Zahra"),
    ("مریم", "Maryam"),
    ("سارا", "Sara"),
    ("نرگس", "Narges"),
    ("لیلا", "Leila"),
    ("الهام", "Elham"),
    ("کیانا", "Kiana"),
    ("یاسمن", "Yasaman"),
    ("پریسا", "Parisa"),
    ("کاوه", "Kaveh"),
    ("بهروز", "Behrouz"),
)
FAMILY_NAMES = (
    ("رضایی", "Rezaei"),
    ("محمدی", "Mohammadi"),
    ("حسینی", "Hosseini"),
    ("احمدی", "Ahmadi"),
    ("کریمی", "Karimi"),
    ("موسوی", "Mousavi"),
    ("جعفری", "Jafari"),
    ("صادقی", "Sadeghi"),
    ("قاسمی", "Ghasemi"),
    ("نوری", "Nouri"),
    ("کاظمی", "Kazemi"),
    ("یزدانی", "Yazdani"),
    ("طاهری", "Taheri"),
    ("عباسی", "Abbasi"),
    ("شریفی", "Sharifi"),
    ("اکبری", "Akbari"),
)

# What citizens write, per category: (Persian, English).
STATEMENTS: dict[str, tuple[tuple[str, str], ...]] = {
    "theft_home": (
        (
            "شب گذشته در نبود ما قفل در ورودی شکسته و طلا و لپ‌تاپ برده شده است.",
            "While we were away the front lock was broken; jewellery and a laptop are gone.",
        ),
        (
            "از انباری ساختمان دوچرخه و ابزار به سرقت رفته است.",
            "A bicycle and tools were stolen from the building's storeroom.",
        ),
    ),
    "theft_vehicle": (
        (
            "خودرو را جلوی منزل پارک کرده بودم و صبح اثری از آن نبود.",
            "I parked the car outside my home and in the morning it was gone.",
        ),
        (
            "خودرو از پارکینگ عمومی سرقت شده است؛ دوربین پارکینگ ممکن است تصویر داشته باشد.",
            "The car was taken from a public car park; its camera may have footage.",
        ),
    ),
    "theft_pickpocket": (
        ("در مترو گوشی همراهم از جیبم زده شد.", "My phone was pickpocketed on the metro."),
        (
            "موتورسوار کیفم را در پیاده‌رو قاپید و فرار کرد.",
            "A motorcyclist snatched my bag on the pavement and rode off.",
        ),
    ),
    "fraud": (
        (
            "برای خرید لوازم خانگی بیعانه دادم و فروشنده دیگر پاسخ نمی‌دهد.",
            "I paid a deposit for appliances and the seller no longer answers.",
        ),
        (
            "چکی که بابت فروش خودرو گرفتم برگشت خورد و خریدار متواری است.",
            "The cheque I took for my car bounced and the buyer has disappeared.",
        ),
    ),
    "assault": (
        (
            "در دعوای خیابانی بر سر پارک خودرو مورد ضرب قرار گرفتم.",
            "I was beaten in a street fight over a parking space.",
        ),
    ),
    "threat_extortion": (
        (
            "فردی ناشناس تهدید کرده اگر پول ندهم به مغازه‌ام آسیب می‌زند.",
            "An unknown man threatened to damage my shop unless I pay him.",
        ),
    ),
    "domestic_dispute": (
        (
            "همسایه طبقه بالا هر شب درگیری شدید خانوادگی دارد و صدای کمک‌خواهی شنیده می‌شود.",
            "The upstairs neighbours fight violently every night; we hear cries for help.",
        ),
    ),
    "traffic_accident": (
        (
            "خودرویی از پشت به من زد و بدون توقف رفت.",
            "A car hit mine from behind and drove off without stopping.",
        ),
    ),
    "lost_documents": (
        (
            "کیف پولم شامل کارت ملی و گواهینامه گم شده است.",
            "I lost my wallet with my national ID card and driving licence.",
        ),
        ("کارت پایان خدمت در تاکسی جا ماند.", "I left my military service card in a taxi."),
    ),
    "missing_person": (
        (
            "پدر سالمندم که آلزایمر دارد از صبح به خانه برنگشته است.",
            "My elderly father, who has Alzheimer's, has not come home since this morning.",
        ),
    ),
    "online_fraud": (
        (
            "در یک سایت فروش آنلاین پول واریز کردم و کالایی دریافت نکردم.",
            "I paid on an online shop and never received anything.",
        ),
        (
            "با پیامک جعلی ثنا وارد درگاه شدم و حسابم خالی شد.",
            "A fake court text message led me to a payment page and my account was emptied.",
        ),
    ),
    "account_takeover": (
        (
            "حساب پیام‌رسانم هک شده و از طرف من از دوستانم پول خواسته می‌شود.",
            "My messenger account was hacked and is asking my friends for money.",
        ),
    ),
    "online_harassment": (
        (
            "فردی با انتشار عکس‌های خصوصی مرا تهدید و اخاذی می‌کند.",
            "Someone threatens to publish private photos unless I pay.",
        ),
    ),
    "online_weapons": (
        (
            "در یک کانال، سلاح کمری برای فروش آگهی شده است.",
            "A channel is advertising handguns for sale.",
        ),
    ),
    "online_narcotics": (
        (
            "صفحه‌ای در شبکه اجتماعی مواد مخدر با ارسال پستی می‌فروشد.",
            "A social media page sells narcotics by post.",
        ),
    ),
    "tip_smuggling": (
        (
            "در انبار انتهای کوچه شب‌ها کالای قاچاق تخلیه می‌شود.",
            "Smuggled goods are unloaded at night in the warehouse at the end of the alley.",
        ),
    ),
    "tip_narcotics": (
        (
            "در پارک محله عصرها مواد مخدر خرید و فروش می‌شود.",
            "Drugs are sold in the neighbourhood park in the evenings.",
        ),
    ),
    "tip_weapons": (
        (
            "همسایه‌ای سلاح غیرمجاز نگه می‌دارد و شب‌ها تیراندازی هوایی می‌کند.",
            "A neighbour keeps an unlicensed gun and fires it into the air at night.",
        ),
    ),
    "officer_complaint": (
        (
            "مأمور گشت هنگام توقف خودرو با من رفتار توهین‌آمیز داشت.",
            "The patrol officer who stopped my car was insulting.",
        ),
    ),
    "other": (
        (
            "سگ‌های بی‌صاحب در کوچه به عابران حمله می‌کنند.",
            "Stray dogs attack passers-by in our street.",
        ),
    ),
}

# (Persian, English) streets of each county's own town: a report's address lies where its
# station is (a Mashhad report on a Tehran street would mislead anyone testing routing).
STREETS: dict[str, tuple[tuple[str, str], ...]] = {
    "THR-SHM": (
        ("میدان تجریش", "Tajrish Sq"),
        ("خیابان شهید باهنر", "Shahid Bahonar St"),
        ("خیابان فرمانیه", "Farmanieh St"),
        ("بلوار اندرزگو", "Andarzgoo Blvd"),
        ("خیابان امامزاده قاسم", "Emamzadeh Ghasem St"),
    ),
    "THR-TEH": (
        ("خیابان ولیعصر", "Valiasr St"),
        ("خیابان شریعتی", "Shariati St"),
        ("بلوار کشاورز", "Keshavarz Blvd"),
        ("خیابان انقلاب", "Enghelab St"),
        ("خیابان گلبرگ", "Golbarg St"),
    ),
    "THR-REY": (
        ("خیابان فدائیان اسلام", "Fadaeian-e Eslam St"),
        ("میدان شهرری", "Shahr-e Rey Sq"),
        ("خیابان ابن\u200cبابویه", "Ebn-e Babooyeh St"),
    ),
    "ESF-ISF": (
        ("خیابان چهارباغ", "Chaharbagh St"),
        ("خیابان نظر", "Nazar St"),
        ("خیابان حکیم نظامی", "Hakim Nezami St"),
        ("خیابان سپاه", "Sepah St"),
    ),
    "ESF-KSH": (
        ("خیابان امیرکبیر", "Amir Kabir St"),
        ("خیابان باباافضل", "Baba Afzal St"),
        ("خیابان فین", "Fin St"),
    ),
    "KHR-MSH": (
        ("خیابان امام رضا", "Imam Reza St"),
        ("بلوار وکیل\u200cآباد", "Vakilabad Blvd"),
        ("خیابان طبرسی", "Tabarsi St"),
        ("بلوار سجاد", "Sajjad Blvd"),
    ),
    "KHR-NSH": (
        ("خیابان فردوسی", "Ferdowsi St"),
        ("خیابان عطار", "Attar St"),
        ("بلوار خیام", "Khayyam Blvd"),
    ),
}
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def address(county_code: str, pick: int, number: int, *, english: bool) -> str:
    """A made-up address in the county's own town, written as a local would write it."""
    streets = STREETS[county_code]
    fa, en = streets[pick % len(streets)]
    if english:
        return f"{en}, No. {number}"
    return f"{fa}، پلاک {str(number).translate(PERSIAN_DIGITS)}"
