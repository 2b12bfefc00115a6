from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "kalantari.audit"
    label = "audit"
    verbose_name = _("Audit")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from kalantari.audit import guard

        connection_created.connect(guard.register, dispatch_uid="kalantari_audit_guard")
