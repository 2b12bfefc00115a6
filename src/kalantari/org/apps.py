from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "kalantari.org"
    label = "org"
    verbose_name = _("Organisation")

    def ready(self) -> None:
        from axes.signals import user_locked_out

        from kalantari.org.signals import on_locked_out

        # Axes announces the lockout only by this signal; the service it calls is ours.
        user_locked_out.connect(on_locked_out, dispatch_uid="kalantari_locked_out")
