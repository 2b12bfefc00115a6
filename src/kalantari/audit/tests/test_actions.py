"""The audit action registry: every action is labelled in both languages, `audit_record`
refuses any other, and every call site in the code passes a registered action."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.utils import translation

from kalantari.audit.actions import LABELS, Action, UnregisteredAction, citizen_label
from kalantari.audit.actions import inspector_label as inspector
from kalantari.audit.models import AuditEvent
from kalantari.audit.services import audit_record

SRC = Path(__file__).resolve().parents[2]  # src/kalantari
# Call sites whose action is an expression, each checked by a test of its own.
DYNAMIC = {
    # cases.services.case_transition: cases.workflow.Move.audit, an Action (see below).
    "move.audit",
}


def test_every_action_has_both_labels_in_both_languages() -> None:
    assert set(LABELS) == set(Action)
    for action, labels in LABELS.items():
        for label in (labels.inspector, labels.citizen):
            with translation.override("en"):
                english = str(label)
            with translation.override("fa"):
                persian = str(label)
            assert english and persian, action
            assert persian != english, f"{action}: “{english}” has no Persian"


def test_labels_never_show_the_key() -> None:
    with translation.override("fa"):
        assert inspector("case.viewed") == "پرونده را باز کرد"
        assert citizen_label("report.submitted") != inspector("report.submitted")
        assert inspector("case.unheard_of") == citizen_label("case.unheard_of") != ""
        assert "case." not in inspector("case.unheard_of")


@pytest.mark.django_db
def test_audit_record_refuses_an_unregistered_action() -> None:
    with pytest.raises(UnregisteredAction):
        audit_record(action="case.releaseed", actor=None)
    assert not AuditEvent.objects.filter(action="case.releaseed").exists()


def test_every_move_records_a_registered_action_named_after_it() -> None:
    from kalantari.cases.workflow import MOVES

    for name, move in MOVES.items():
        assert move.audit == Action(f"case.{name}")


def _actions_passed(node: ast.expr) -> list[str]:
    """The registered names an `action=` argument can take, or its source when it is dynamic."""
    if isinstance(node, ast.IfExp):
        return _actions_passed(node.body) + _actions_passed(node.orelse)
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "Action"
    ):
        return [Action[node.attr].value] if node.attr in Action.__members__ else [node.attr]
    return [ast.unparse(node)]


def _audit_calls() -> list[tuple[str, int, str]]:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        parts = set(path.relative_to(SRC).parts)
        if {"tests", "migrations"} & parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name != "audit_record":
                continue
            where = f"{path.relative_to(SRC)}:{node.lineno}"
            args = {k.arg: k.value for k in node.keywords}
            if "action" not in args:
                found.append((where, node.lineno, "<no action= keyword>"))
                continue
            found.extend((where, node.lineno, a) for a in _actions_passed(args["action"]))
    return found


def test_every_call_site_passes_a_registered_action() -> None:
    calls = _audit_calls()
    assert len(calls) > 30  # the scan does find them
    wrong = [
        f"{where}: {action}"
        for where, _line, action in calls
        if action not in Action._value2member_map_ and action not in DYNAMIC
    ]
    assert wrong == []
