"""What each audit action is called on screen (kept for its importers: the registry is
`audit.actions`, which holds every action with its inspector's and citizen's labels).

An action missing from the registry is shown as a generic "another recorded action", never
as its key.
"""

from __future__ import annotations

from django.utils.functional import Promise

from kalantari.audit.actions import LABELS, OTHER
from kalantari.audit.actions import inspector_label as action_label

# The inspector's label of every registered action, by its dotted name.
ACTION_LABELS: dict[str, str | Promise] = {
    action.value: labels.inspector for action, labels in LABELS.items()
}

__all__ = ["ACTION_LABELS", "OTHER", "action_label"]
