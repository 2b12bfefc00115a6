"""Each report names the blind-index key its indexes were computed with (keys rotate-index).

Every existing index was computed with the one key key files had until now, whose id is
`crypto.LEGACY_INDEX_KEY_ID`; new rows take the current key's id.
"""

from django.db import migrations, models

import kalantari.core.crypto


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0008_status_code_for_unknown_reports"),
    ]

    operations = [
        migrations.AddField(
            model_name="report",
            name="index_key",
            field=models.CharField(default="0", max_length=16),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="report",
            name="index_key",
            field=models.CharField(
                default=kalantari.core.crypto.current_index_key_id, max_length=16
            ),
        ),
    ]
