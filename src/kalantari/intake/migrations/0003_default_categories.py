"""The default bilingual taxonomy of reports; admins edit it afterwards."""

from django.db import migrations

PLATE = {
    "name": "plate",
    "kind": "plate",
    "label_fa": "پلاک خودرو",
    "label_en": "Number plate",
    "required": True,
}
VEHICLE = {
    "name": "vehicle",
    "kind": "text",
    "label_fa": "نوع، مدل و رنگ خودرو",
    "label_en": "Make, model and colour",
    "required": True,
}
MISSING = [
    {
        "name": "description",
        "kind": "textarea",
        "label_fa": "مشخصات ظاهری (سن، قد، پوشش)",
        "label_en": "Description (age, height, clothes)",
        "required": True,
    },
    {
        "name": "last_seen_place",
        "kind": "text",
        "label_fa": "آخرین محل دیده‌شدن",
        "label_en": "Last seen where",
        "required": True,
    },
    {
        "name": "last_seen_at",
        "kind": "datetime",
        "label_fa": "آخرین زمان دیده‌شدن",
        "label_en": "Last seen when",
        "required": True,
    },
    {"name": "photo", "kind": "photo", "label_fa": "عکس", "label_en": "Photo", "required": True},
]
DOCUMENT = {
    "name": "document_kind",
    "kind": "text",
    "label_fa": "نوع مدرک (کارت ملی، گواهینامه، …)",
    "label_en": "Kind of document (ID card, licence, …)",
    "required": True,
}
ONLINE = {
    "name": "online_where",
    "kind": "text",
    "label_fa": "نشانی سایت، صفحه یا شناسه حساب",
    "label_en": "Website, page or account",
    "required": True,
}
MONEY = {
    "name": "amount",
    "kind": "text",
    "label_fa": "مبلغ (ریال)",
    "label_en": "Amount (rials)",
    "required": False,
}
OFFICER = {
    "name": "officer",
    "kind": "text",
    "label_fa": "نام یا شماره کارت مأمور، اگر می‌دانید",
    "label_en": "Officer's name or badge, if known",
    "required": False,
}

# code, group, fa, en, priority, first response (minutes), resolution (hours), anonymous, extra
CATEGORIES = [
    ("theft_home", "theft", "سرقت منزل", "Burglary (home)", 2, 240, 720, False, []),
    ("theft_vehicle", "theft", "سرقت خودرو", "Vehicle theft", 2, 60, 720, False, [PLATE, VEHICLE]),
    (
        "theft_pickpocket",
        "theft",
        "جیب‌بری و کیف‌قاپی",
        "Pickpocketing and bag snatching",
        3,
        240,
        720,
        False,
        [],
    ),
    ("fraud", "fraud", "کلاهبرداری", "Fraud", 3, 480, 1440, False, [MONEY]),
    ("assault", "violence", "ضرب و جرح", "Assault", 1, 60, 720, False, []),
    (
        "threat_extortion",
        "violence",
        "تهدید یا اخاذی",
        "Threats or extortion",
        1,
        60,
        720,
        False,
        [],
    ),
    (
        "domestic_dispute",
        "family",
        "اختلاف و خشونت خانوادگی",
        "Domestic dispute",
        1,
        60,
        360,
        False,
        [],
    ),
    (
        "traffic_accident",
        "traffic",
        "تصادف رانندگی",
        "Traffic accident",
        2,
        120,
        360,
        False,
        [PLATE],
    ),
    (
        "lost_documents",
        "documents",
        "مفقودی مدارک",
        "Lost documents",
        4,
        1440,
        168,
        False,
        [DOCUMENT],
    ),
    ("missing_person", "missing", "گمشدن فرد", "Missing person", 1, 30, 720, False, MISSING),
    (
        "online_fraud",
        "cyber",
        "کلاهبرداری اینترنتی",
        "Online fraud",
        2,
        480,
        1440,
        False,
        [ONLINE, MONEY],
    ),
    (
        "account_takeover",
        "cyber",
        "سرقت حساب کاربری",
        "Account takeover",
        2,
        480,
        720,
        False,
        [ONLINE],
    ),
    (
        "online_harassment",
        "cyber",
        "مزاحمت یا اخاذی اینترنتی",
        "Online harassment or extortion",
        1,
        240,
        720,
        False,
        [ONLINE],
    ),
    (
        "online_weapons",
        "cyber",
        "فروش اینترنتی سلاح",
        "Online sale of weapons",
        2,
        480,
        1440,
        True,
        [ONLINE],
    ),
    (
        "online_narcotics",
        "cyber",
        "فروش اینترنتی مواد مخدر",
        "Online sale of narcotics",
        2,
        480,
        1440,
        True,
        [ONLINE],
    ),
    ("tip_smuggling", "tips", "خبر قاچاق کالا", "Tip: smuggling", 3, 1440, 2160, True, []),
    ("tip_narcotics", "tips", "خبر مواد مخدر", "Tip: narcotics", 2, 720, 2160, True, []),
    ("tip_weapons", "tips", "خبر سلاح غیرمجاز", "Tip: illegal weapons", 2, 720, 2160, True, []),
    (
        "officer_complaint",
        "conduct",
        "شکایت از مأمور",
        "Complaint about an officer",
        2,
        1440,
        720,
        False,
        [OFFICER],
    ),
    ("other", "other", "سایر موارد", "Other", 3, 1440, 720, False, []),
]


def add_categories(apps, schema_editor):
    Category = apps.get_model("intake", "Category")
    for order, (code, group, fa, en, prio, first, resolve, anon, extra) in enumerate(CATEGORIES):
        Category.objects.update_or_create(
            code=code,
            defaults={
                "group": group,
                "name_fa": fa,
                "name_en": en,
                "default_priority": prio,
                "sla_first_response_minutes": first,
                "sla_resolution_hours": resolve,
                "allows_anonymous": anon,
                "extra_fields": extra,
                "sort_order": (order + 1) * 10,
            },
        )


def remove_categories(apps, schema_editor):
    Category = apps.get_model("intake", "Category")
    Report = apps.get_model("intake", "Report")
    used = set(Report.objects.values_list("category__code", flat=True).distinct())
    Category.objects.filter(code__in=[c[0] for c in CATEGORIES]).exclude(code__in=used).delete()


class Migration(migrations.Migration):
    dependencies = [("intake", "0002_initial")]
    operations = [migrations.RunPython(add_categories, remove_categories)]
