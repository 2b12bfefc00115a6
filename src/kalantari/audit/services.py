"""The one writer of the audit log; called inside the transaction of the action it records."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import DatabaseError, models
from django.utils.translation import gettext_lazy as _

from kalantari.audit import chain
from kalantari.audit.actions import registered
from kalantari.audit.models import AuditEvent
from kalantari.audit.purposes import PurposeCode
from kalantari.core.errors import AuditUnavailable


@dataclass(frozen=True)
class RequestContext:
    """Where an action came from; passed down from views so services stay transport-free."""

    ip: str | None = None
    user_agent: str = ""
    purpose: str = ""
    purpose_code: str = ""

    @classmethod
    def from_request(
        cls, request: Any, *, purpose: str = "", purpose_code: str = ""
    ) -> RequestContext:
        from kalantari.core.throttle import client_ip

        meta = getattr(request, "META", {})
        return cls(
            ip=client_ip(request),
            user_agent=str(meta.get("HTTP_USER_AGENT", ""))[:300],
            purpose=purpose,
            purpose_code=purpose_code,
        )


NO_CONTEXT = RequestContext()
logger = logging.getLogger(__name__)


def audit_record(  # noqa: PLR0913 - the one writer takes each field of a record by name
    *,
    action: str,
    actor: AbstractBaseUser | None,
    target: models.Model | None = None,
    unit_id: Any = None,
    changes: dict[str, Any] | None = None,
    context: RequestContext = NO_CONTEXT,
    outcome: str = "ok",
    subjects: list[str] | None = None,
) -> AuditEvent:
    """Append one audit event to its unit's chain (never update or delete one).

    Fails closed: if the record cannot be written, `AuditUnavailable` aborts the caller's
    transaction, so the access it would have recorded does not happen either. An action
    missing from the registry (`audit.actions`) is refused the same way.
    """
    action = registered(action).value
    if context.purpose_code and context.purpose_code not in PurposeCode.values:
        raise ValueError(f"unknown purpose code {context.purpose_code!r}")
    actor_id = actor.pk if actor is not None and actor.is_authenticated else None
    event = AuditEvent(
        action=action,
        actor_id=actor_id,
        actor_unit_id=getattr(actor, "unit_id", None) if actor_id else None,
        actor_role=getattr(actor, "role", "") if actor_id else "",
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        unit_id=unit_id,
        purpose=context.purpose[:300],
        purpose_code=context.purpose_code,
        outcome=outcome,
        ip=context.ip,
        user_agent=context.user_agent,
        changes=changes or {},
        subjects=sorted(set(subjects or [])),
    )
    try:
        return chain.append(event)
    except DatabaseError as exc:
        logger.exception("audit write failed for %s", action)
        raise AuditUnavailable(
            _("The access could not be recorded, so it was not carried out. Try again later.")
        ) from exc
