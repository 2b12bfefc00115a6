"""Domain errors: one shape for pages and the API (problem+json, RFC 9457)."""

from __future__ import annotations

from django.utils.functional import Promise


class DomainError(Exception):
    """A refusal the user can understand; carries a stable code, a message and the field."""

    status = 400
    code = "invalid"

    def __init__(
        self,
        message: str | Promise,
        *,
        code: str | None = None,
        field: str | None = None,
        status: int | None = None,
    ) -> None:
        super().__init__(str(message))
        self.message = message
        if code is not None:
            self.code = code
        if status is not None:
            self.status = status
        self.field = field

    def __str__(self) -> str:
        return str(self.message)


class ValidationFailed(DomainError):
    """Input that breaks a rule; the form or API points at the field."""

    status = 422
    code = "validation_failed"


class InvalidInput(ValidationFailed):
    """Several fields at once are wrong: every message is shown beside its field."""

    def __init__(self, errors: list[ValidationFailed]) -> None:
        first = errors[0]
        super().__init__(first.message, code=first.code, field=first.field)
        self.errors = errors


def collect_errors(errors: list[ValidationFailed]) -> None:
    """Raise the gathered field errors together, if there are any."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise InvalidInput(errors)


class NotFound(DomainError):
    """A record that does not exist or that the user may not see (the two look the same)."""

    status = 404
    code = "not_found"


class Forbidden(DomainError):
    """A visible record on which this action is not the user's to take."""

    status = 403
    code = "forbidden"


class Conflict(DomainError):
    """The record changed since the user read it, or the request clashes with another."""

    status = 409
    code = "conflict"


class TooManyAttempts(DomainError):
    """Repeated guessing is slowed down."""

    status = 429
    code = "too_many_attempts"

    def __init__(self, message: str | Promise, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class AuditUnavailable(DomainError):
    """The audit record of an access could not be written: the access is refused (fail closed)."""

    status = 503
    code = "audit_unavailable"
