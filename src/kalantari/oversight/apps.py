from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    name = "kalantari.oversight"
    label = "oversight"
    verbose_name = _("Oversight")

    def ready(self) -> None:
        # The daily rollups are kept in the case event's own transaction.
        from kalantari.cases.models import CaseEvent
        from kalantari.oversight.rollups import on_case_event

        post_save.connect(on_case_event, sender=CaseEvent, dispatch_uid="oversight_rollups")
