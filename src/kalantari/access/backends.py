"""Django's permission API answered by the policy module, so has_perm means one thing."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend

from kalantari.access import policy


class PolicyBackend(ModelBackend):
    """Model permissions as Django has them; object permissions from `access.policy`."""

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        if obj is None:
            return super().has_perm(user_obj, perm, obj)
        # A case file, named by its model label: access sits below cases.
        if getattr(getattr(obj, "_meta", None), "label_lower", "") == "cases.case":
            if perm == "cases.view_case":
                return policy.can_view_case(user_obj, obj)
            if perm == "cases.change_case":
                return bool(policy.case_actions(user_obj, obj) - {"note"})
        return False
