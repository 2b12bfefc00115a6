"""Retention, intake's part: a report's files go only once the anonymisation commits."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from kalantari.intake.files import stored_name
from kalantari.intake.models import Attachment, Report
from kalantari.intake.retention import report_anonymise

pytestmark = pytest.mark.django_db


def _attach(report: Report) -> Attachment:
    attachment = Attachment(
        report=report, original_name="a.pdf", content_type="application/pdf", size=3, sha256="0"
    )
    attachment.file.save(stored_name(attachment.pk), ContentFile(b"abc"), save=False)
    attachment.save()
    return attachment


def test_a_rolled_back_run_keeps_the_files(new_case: Any) -> None:
    attachment = _attach(new_case.report)
    storage, name = attachment.file.storage, attachment.file.name

    def failing_run() -> None:
        with transaction.atomic():
            report_anonymise(report_id=new_case.report_id, now=timezone.now())
            raise RuntimeError("the run failed after the rows were cleared")

    with pytest.raises(RuntimeError):
        failing_run()
    assert storage.exists(name)
    assert Attachment.objects.filter(pk=attachment.pk).exists()


def test_the_files_go_after_the_commit(
    new_case: Any, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    attachment = _attach(new_case.report)
    storage, name = attachment.file.storage, attachment.file.name
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        removed = report_anonymise(report_id=new_case.report_id, now=timezone.now())
    assert removed == 1
    assert storage.exists(name)  # not before the commit
    for callback in callbacks:
        callback()
    assert not storage.exists(name)
    assert not Attachment.objects.filter(report_id=new_case.report_id).exists()
