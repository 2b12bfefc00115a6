"""Every write of the person registry: enter, correct, link, merge and unmerge persons.

Audit records name the person by reference (`person:<id>` subjects), never by identifier.
"""

from kalantari.people.services.identity import (
    IDENTITY_FIELDS,
    MAX_ADDRESS,
    MAX_NAME,
    PersonDraft,
    person_create,
    person_link,
    person_link_complainant,
    person_update,
    person_validate,
    subject,
)
from kalantari.people.services.merges import person_merge, person_unmerge
from kalantari.people.services.reads import SEARCH_PURPOSES, person_search_audited, person_view
from kalantari.people.services.retention import person_links_retire

__all__ = [
    "IDENTITY_FIELDS",
    "MAX_ADDRESS",
    "MAX_NAME",
    "SEARCH_PURPOSES",
    "PersonDraft",
    "person_create",
    "person_link",
    "person_link_complainant",
    "person_links_retire",
    "person_merge",
    "person_search_audited",
    "person_unmerge",
    "person_update",
    "person_validate",
    "person_view",
    "subject",
]
