"""Disclosure to citizens: deferrals for open investigations and data access requests.

A citizen learns who read their *report* from its status page. Searches and reviews
about them as a *person* are disclosed only after a desk officer checked their identity
in person (`disclosure_request_issue`), against a one-time code the person redeems on the
public "my data" page. An investigator may defer disclosure of accesses tied to an open
investigation, for at most 90 days at a time, under an inspector's review.
"""

from __future__ import annotations

import re
import secrets
import uuid
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kalantari.access import policy
from kalantari.audit.models import (
    DeferralReview,
    DisclosureDeferral,
    DisclosureRequest,
    IdentityDocument,
)
from kalantari.audit.purposes import PurposeCode
from kalantari.audit.services import NO_CONTEXT, RequestContext, audit_record
from kalantari.cases.models import OPEN_STATUSES, Case
from kalantari.core import crypto, identifiers, jalali, throttle
from kalantari.core.errors import (
    Conflict,
    Forbidden,
    NotFound,
    ValidationFailed,
    collect_errors,
)
from kalantari.core.text import clean_text, to_ascii_digits
from kalantari.org.models import User

MIN_REASON = 20
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U
CODE_SYMBOLS = 16  # 80 random bits
REDEEM_LIMIT = 10  # wrong codes per address per window
REDEEM_WINDOW = 3600


# Deferrals ------------------------------------------------------------------------------


def _until(value: str, now: datetime) -> datetime:
    """The end of the day typed (Jalali or Gregorian), within the 90-day limit."""
    day = jalali.parse_date(value, field="until")
    ends = timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))
    if ends <= now:
        raise ValidationFailed(_("The end date must be in the future."), field="until")
    if ends > now + timedelta(days=DisclosureDeferral.MAX_DAYS):
        raise ValidationFailed(
            _("A deferral lasts at most %(days)d days; renew it when it ends.")
            % {"days": DisclosureDeferral.MAX_DAYS},
            field="until",
        )
    return ends


def _reason(value: str) -> str:
    reason = clean_text(value or "")[:2000]
    if len(reason) < MIN_REASON:
        raise ValidationFailed(
            _("Give the reason in at least %(n)d characters.") % {"n": MIN_REASON},
            field="reason",
        )
    return reason


def _case_to_defer(actor: User, case_id: uuid.UUID) -> Case:
    """The case, if the actor may see it (else 404) and defer its disclosure (else 403)."""
    case = Case.objects.select_related("report", "station").filter(pk=case_id).first()
    if case is None or not policy.can_view_case(actor, case):
        raise NotFound(_("No such case."))
    if not policy.can_defer_disclosure(actor, case):
        raise Forbidden(_("Only the investigator or the commander may defer disclosure."))
    return case


def disclosure_deferral_create(
    *,
    actor: User,
    case_id: uuid.UUID,
    reason: str,
    until: str,
    national_id: str = "",
    context: RequestContext = NO_CONTEXT,
) -> DisclosureDeferral:
    """Defer telling citizens about accesses to a case (and, optionally, to a person)."""
    case = _case_to_defer(actor, case_id)
    if case.status not in OPEN_STATUSES:
        raise Conflict(_("The investigation is not open: there is nothing to defer."))
    now = timezone.now()
    errors: list[ValidationFailed] = []
    cleaned_reason, ends, nid = "", now, ""
    try:
        cleaned_reason = _reason(reason)
    except ValidationFailed as exc:
        errors.append(exc)
    try:
        ends = _until(until, now)
    except ValidationFailed as exc:
        errors.append(exc)
    if (national_id or "").strip():
        try:
            nid = identifiers.normalise_national_id(national_id)
        except ValidationFailed as exc:
            errors.append(ValidationFailed(exc.message, field="national_id"))
    collect_errors(errors)
    subjects = [f"case:{case.pk}", f"report:{case.report_id}"]
    if nid:
        subjects.append(f"person:nid:{crypto.blind_index('national_id', nid)}")
    with transaction.atomic(durable=True):
        deferral = DisclosureDeferral.objects.create(
            unit_id=case.station_id,
            case_id=case.pk,
            subjects=subjects,
            reason=cleaned_reason,
            requested_by=actor,
            starts_at=now,
            expires_at=ends,
            created_by=actor,
            updated_by=actor,
        )
        audit_record(
            action="disclosure.deferred",
            actor=actor,
            target=deferral,
            unit_id=case.station_id,
            # Not a read of the case's personal data, so not listed to its citizens either.
            changes={"until": ends.isoformat(), "covers": len(subjects), "case": str(case.pk)},
            context=context,
        )
    return deferral


def _locked_deferral(deferral_id: uuid.UUID, version: int) -> DisclosureDeferral:
    deferral = DisclosureDeferral.objects.select_for_update().filter(pk=deferral_id).first()
    if deferral is None:
        raise NotFound(_("No such deferral."))
    if deferral.version != version:
        raise Conflict(_("Someone changed this deferral meanwhile; reload and try again."))
    return deferral


def disclosure_deferral_renew(
    *,
    actor: User,
    deferral_id: uuid.UUID,
    version: int,
    reason: str,
    until: str,
    context: RequestContext = NO_CONTEXT,
) -> DisclosureDeferral:
    """Extend a deferral by up to 90 days more; it goes back to the inspector for review."""
    now = timezone.now()
    with transaction.atomic(durable=True):
        deferral = _locked_deferral(deferral_id, version)
        case = _case_to_defer(actor, deferral.case_id)
        if not deferral.is_active(now):
            raise Conflict(_("This deferral has ended; ask for a new one if it is still needed."))
        if case.status not in OPEN_STATUSES:
            raise Conflict(_("The investigation is not open: there is nothing to defer."))
        errors: list[ValidationFailed] = []
        try:
            deferral.reason = _reason(reason)
        except ValidationFailed as exc:
            errors.append(exc)
        try:
            deferral.expires_at = _until(until, now)
        except ValidationFailed as exc:
            errors.append(exc)
        collect_errors(errors)
        deferral.renewals += 1
        deferral.review = DeferralReview.PENDING
        deferral.reviewed_by, deferral.reviewed_at = None, None
        deferral.version += 1
        deferral.updated_by = actor
        deferral.save()
        audit_record(
            action="disclosure.deferral_renewed",
            actor=actor,
            target=deferral,
            unit_id=deferral.unit_id,
            changes={"until": deferral.expires_at.isoformat(), "renewals": deferral.renewals},
            context=context,
        )
    return deferral


def disclosure_deferral_end(
    *,
    actor: User,
    deferral_id: uuid.UUID,
    version: int,
    context: RequestContext = NO_CONTEXT,
) -> DisclosureDeferral:
    """End a deferral early (the investigation no longer needs it): accesses appear now."""
    with transaction.atomic(durable=True):
        deferral = _locked_deferral(deferral_id, version)
        _case_to_defer(actor, deferral.case_id)  # the access check
        _finish(deferral, actor)
        audit_record(
            action="disclosure.deferral_ended",
            actor=actor,
            target=deferral,
            unit_id=deferral.unit_id,
            context=context,
        )
    return deferral


def _finish(deferral: DisclosureDeferral, actor: User) -> None:
    if deferral.ended_at is None:
        deferral.ended_at = timezone.now()
    deferral.version += 1
    deferral.updated_by = actor
    deferral.save()


def disclosure_deferral_review(
    *,
    actor: User,
    deferral_id: uuid.UUID,
    version: int,
    uphold: bool,
    note: str = "",
    context: RequestContext = NO_CONTEXT,
) -> DisclosureDeferral:
    """An inspector upholds a deferral or lifts it (its accesses then appear at once)."""
    scope = policy.deferral_review_scope(actor)
    if scope is None:
        raise Forbidden(_("Only an inspector reviews disclosure deferrals."))
    with transaction.atomic(durable=True):
        deferral = _locked_deferral(deferral_id, version)
        if not deferral.unit.path.startswith(scope):
            raise NotFound(_("No such deferral."))
        if deferral.requested_by_id == actor.pk:
            raise Forbidden(_("A deferral is reviewed by someone other than who asked for it."))
        cleaned = clean_text(note or "")[:2000]
        if not uphold and len(cleaned) < 5:
            raise ValidationFailed(_("Say why the deferral is lifted."), field="note")
        deferral.review = DeferralReview.UPHELD if uphold else DeferralReview.LIFTED
        deferral.reviewed_by, deferral.reviewed_at = actor, timezone.now()
        deferral.review_note = cleaned
        if not uphold:
            deferral.ended_at = timezone.now()
        deferral.version += 1
        deferral.updated_by = actor
        deferral.save()
        audit_record(
            action="disclosure.deferral_reviewed",
            actor=actor,
            target=deferral,
            unit_id=deferral.unit_id,
            changes={"decision": deferral.review},
            context=context,
        )
    return deferral


# Data access requests -------------------------------------------------------------------


def _code_index(typed: str) -> str:
    return crypto.blind_index("disclosure_code", typed)


def normalise_disclosure_code(typed: str) -> str:
    """A code as typed (any case, digits of any script, dashes or spaces) in stored form."""
    text = to_ascii_digits(typed or "").upper().translate(str.maketrans("ILO", "110"))
    return re.sub(r"[^0-9A-Z]", "", text)[: CODE_SYMBOLS + 4]


def format_disclosure_code(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def disclosure_request_issue(
    *,
    actor: User,
    national_id: str,
    document: str,
    document_number: str = "",
    context: RequestContext = NO_CONTEXT,
) -> tuple[DisclosureRequest, str]:
    """Record an identity check in person and hand the person a one-time disclosure code.

    Returns the request and the code, shown once: only its keyed hash is stored.
    """
    if not policy.can_verify_identity(actor) or actor.unit_id is None:
        raise Forbidden(_("Only the station desk checks identities for data requests."))
    errors: list[ValidationFailed] = []
    nid = ""
    try:
        nid = identifiers.normalise_national_id(national_id)
    except ValidationFailed as exc:
        errors.append(ValidationFailed(exc.message, field="national_id"))
    if document not in IdentityDocument.values:
        errors.append(
            ValidationFailed(_("Choose the identity document you checked."), field="document")
        )
    collect_errors(errors)
    code = "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_SYMBOLS))
    index = crypto.blind_index("national_id", nid)
    with transaction.atomic(durable=True):
        request = DisclosureRequest.objects.create(
            national_id_index=index,
            unit_id=actor.unit_id,
            verified_by=actor,
            document=document,
            document_number=clean_text(document_number or "")[:40],
            code_hash=_code_index(code),
            expires_at=timezone.now() + timedelta(days=DisclosureRequest.VALID_DAYS),
            created_by=actor,
            updated_by=actor,
        )
        audit_record(
            action="disclosure.identity_verified",
            actor=actor,
            target=request,
            unit_id=actor.unit_id,
            changes={"document": document},
            subjects=[f"person:nid:{index}"],
            context=RequestContext(
                ip=context.ip,
                user_agent=context.user_agent,
                purpose_code=PurposeCode.SUBJECT_REQUEST,
            ),
        )
    return request, format_disclosure_code(code)


def disclosure_request_redeem(
    *, code: str, context: RequestContext = NO_CONTEXT
) -> DisclosureRequest:
    """Open a data access request with its one-time code (then the code is spent).

    An unknown, spent or expired code all give the same answer, after the same work.
    """
    # Counted before the code is looked at, in one atomic step: concurrent guesses from one
    # address cannot get more than the limit evaluated. Per address only: a code has 80
    # random bits, and nobody else's guessing can lock the person out of their own code.
    limit = throttle.Limit(
        f"disclosure:ip:{throttle.address_key(context.ip)}",
        limit=REDEEM_LIMIT,
        window_seconds=REDEEM_WINDOW,
        progressive=True,
    )
    wait = throttle.hit([limit])
    if wait:
        throttle.refuse(wait)
    typed = normalise_disclosure_code(code)
    digest = _code_index(typed or "-")
    refused = ValidationFailed(
        _("This code is not valid, has expired or has already been used."), field="code"
    )
    with transaction.atomic(durable=True):
        request = DisclosureRequest.objects.select_for_update().filter(code_hash=digest).first()
        usable = (
            request is not None
            and len(typed) == CODE_SYMBOLS
            and request.redeemed_at is None
            and request.expires_at > timezone.now()
        )
        if usable and request is not None:
            request.redeemed_at = timezone.now()
            request.version += 1
            request.save(update_fields=["redeemed_at", "version", "updated_at"])
            audit_record(
                action="disclosure.redeemed",
                actor=None,
                target=request,
                unit_id=request.unit_id,
                subjects=[f"person:nid:{request.national_id_index}"],
                context=context,
            )
    if usable and request is not None:
        throttle.refund([limit.key])
        return request
    raise refused


def _reviewer_scope(actor: User) -> str:
    scope = policy.access_review_scope(actor)
    if scope is None:
        raise Forbidden(_("Only inspectors and privacy officers review accesses."))
    return scope


def person_accesses_review(
    *, actor: User, national_id_index: str, context: RequestContext = NO_CONTEXT
) -> str:
    """Record an inspector's review of one person's accesses; answer the reviewer's scope."""
    scope = _reviewer_scope(actor)
    with transaction.atomic(durable=True):
        audit_record(
            action="audit.person_accesses_reviewed",
            actor=actor,
            unit_id=actor.unit_id,
            subjects=[f"person:nid:{national_id_index}"],
            context=context,
        )
    return scope


def unusual_readers_review(
    *, actor: User, days: int, threshold: int, context: RequestContext = NO_CONTEXT
) -> str:
    """Record that a reviewer looked at the unusual readers; answer the reviewer's scope."""
    scope = _reviewer_scope(actor)
    with transaction.atomic(durable=True):
        audit_record(
            action="audit.unusual_report_viewed",
            actor=actor,
            unit_id=actor.unit_id,
            changes={"days": days, "threshold": threshold},
            context=context,
        )
    return scope
