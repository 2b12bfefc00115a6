"""Recompute every report's name index under the compound-aware scheme.

The index now holds each word, each adjacent pair joined and the parts of known compounds
(core.text.name_tokens), after the wider letter folding (hamza forms, آ, invisible
characters). Names are decrypted with the key ring to recompute it; going back keeps
only the words, as the search before this change expects.
"""

import logging

from django.db import migrations

from kalantari.core import crypto
from kalantari.core.sealing import raw_rows, write_raw
from kalantari.core.text import normalise

logger = logging.getLogger("kalantari.crypto")


def _reindex(words_only: bool):
    def run(apps, schema_editor):
        Report = apps.get_model("intake", "Report")
        connection = schema_editor.connection
        name = Report._meta.get_field("complainant_name")
        index = Report._meta.get_field("name_index")
        for pk, (stored,) in raw_rows(connection, Report, [name]):
            if not stored:
                continue
            context = crypto.row_context("intake.report.complainant_name", pk)
            try:
                key = normalise(crypto.decrypt(stored, context=context))
            except crypto.KeyError_ as exc:
                logger.error("reindex: %s does not open (%s); index left as it is", context, exc)
                continue
            if words_only:
                words = sorted(set(key.split()))
                value = (
                    " " + " ".join(crypto.token_digest("name", w) for w in words) + " "
                    if words
                    else ""
                )
            else:
                value = crypto.token_index("name", key)
            write_raw(connection, Report, pk, {index: value})

    return run


class Migration(migrations.Migration):
    dependencies = [("cases", "0004_seal_per_row")]

    operations = [migrations.RunPython(_reindex(False), _reindex(True), elidable=False)]
