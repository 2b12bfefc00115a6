"""`kalantari keys rotate-index`: a new blind-index key, indexes rebuilt in batches while
search keeps finding every row, and an interrupted rebuild resumes."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from kalantari.cases.selectors import case_search
from kalantari.core import crypto, keys
from kalantari.intake.models import Report
from kalantari.people import services
from kalantari.people.models import Person
from kalantari.people.tests.conftest import file_report

pytestmark = pytest.mark.django_db
IDS = ("0499370899", "0067749828", "0013542419")


def rotate(*args: str) -> str:
    out = StringIO()
    call_command("keys", "rotate-index", *args, stdout=out)
    return out.getvalue()


def everyone_is_found(user: Any) -> None:
    for nid in IDS:
        _, found = services.person_search_audited(actor=user, query=nid, purpose_code="report")
        assert len(found) == 1, nid
        assert case_search(user=user, query=nid)[1].count() == 1, nid
    _, found = services.person_search_audited(actor=user, query="مریم", purpose_code="report")
    assert len(found) == 3
    assert case_search(user=user, query="مريم احمدي")[1].count() == 3


def test_rotate_index_online_and_resumable(
    desk_officer: Any, tmp_path: Path, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    for nid in IDS:
        file_report(national_id=nid)
    ring = crypto.keyring(refresh=True)
    before = {p.pk: p.national_id_index for p in Person.objects.all()}
    monkeypatch.delenv("KALANTARI_KEYS")
    settings.KALANTARI_KEY_FILE = str(tmp_path / "keys.json")
    crypto.write_keyring(ring, Path(settings.KALANTARI_KEY_FILE))
    try:
        # Interrupted after two rows: the rest is still under the old key.
        out = rotate("--batch", "1", "--max-batches", "2")
        assert "new current index key" in out and "still pending" in out
        new = crypto.keyring(refresh=True).index_current
        assert new != ring.index_current and ring.index_current in crypto.keyring().index_keys
        assert 0 < sum(keys.index_pending().values()) < 6
        everyone_is_found(desk_officer)  # readers match under both keys meanwhile
        file_report(name="رضا تازه", national_id="1234567891")  # written under the new key
        assert Report.objects.filter(index_key=new).exists()

        out = rotate()
        assert "resuming" in out and "0 still pending" in out
        assert set(Person.objects.values_list("index_key", flat=True)) == {new}
        assert set(Report.objects.values_list("index_key", flat=True)) == {new}
        for person in Person.objects.filter(pk__in=before):
            assert person.national_id_index != before[person.pk]
            assert person.national_id_index == crypto.blind_index("national_id", person.national_id)
        everyone_is_found(desk_officer)

        status = StringIO()
        call_command("keys", "status", stdout=status)
        assert f"current index key: {new}" in status.getvalue()
        assert "new current index key" in rotate()  # nothing pending: a new rotation starts
    finally:
        crypto.reset_cache()
