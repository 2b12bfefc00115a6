from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "kalantari.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        import sys

        from kalantari.core import checks  # registers the checks

        checks.refuse_default_secret_key_when_serving(sys.argv)
