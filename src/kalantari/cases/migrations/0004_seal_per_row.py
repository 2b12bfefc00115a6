"""Bind every sealed value to its row as well as its column (`kv1.` → `kv2.`).

Until now the AES-GCM associated data named the column only, so a ciphertext copied to
another row of the same column opened there. From here it names `app.model.field#<pk>`.
Values the old field stored in the clear because they *looked* sealed (a citizen typed
`kv1.…`) are sealed as the text they are; values that are ours but do not open are left
as they are and read as "unreadable" (logged). Going back re-seals them column-bound.
"""

from django.db import migrations

from kalantari.core.sealing import bind_to_rows, unbind_from_rows

SEALED = [
    (
        "intake",
        "Report",
        ("statement", "address", "complainant_name", "national_id", "mobile", "extra"),
    ),
    ("intake", "Attachment", ("original_name",)),
    ("intake", "FollowUp", ("message",)),
    ("cases", "Case", ("rejection_reason",)),
    ("cases", "CaseEvent", ("reason",)),
]


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0003_encrypt_notes"),
        ("intake", "0007_encrypt_notes"),
    ]

    operations = [
        migrations.RunPython(bind_to_rows(SEALED), unbind_from_rows(SEALED), elidable=False),
    ]
