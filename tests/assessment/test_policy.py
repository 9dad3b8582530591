"""The decision rules: which signals give which priority, and the unfounded and completeness checks."""

from __future__ import annotations

import pytest

from tipline.assessment.policy import Facts, Kinds, Priority, decide, missing, prioritise, unfounded
from tipline.assessment.signals import Signal
from tipline.reports.schemas.decisions import MissingInformation, UnfoundedReason


def k(*kinds: str) -> Kinds:
    return Kinds(kinds)


@pytest.mark.parametrize(
    ("kinds", "expected", "first_reason"),
    [
        (("text.self_harm_or_suicide", "file.known"), Priority.P1, "self_harm"),
        (("text.threats_or_blackmail", "category.solicitation"), Priority.P1, "active_coercion"),
        (("text.threats_or_blackmail", "text.contact_ended"), Priority.P2, "past_coercion"),
        (("text.planned_meeting", "category.solicitation"), Priority.P1, "meeting_planned"),
        (("annotation.live_streaming",), Priority.P1, "live_abuse"),
        (("file.unknown_media", "text.offender_has_access_to_children"), Priority.P1, "ongoing_abuse"),
        (("file.unknown_media", "victim.very_young"), Priority.P1, "ongoing_abuse"),
        (("file.unknown_media", "victim.depicted"), Priority.P1, "new_material_of_depicted_child"),
        # a teenager's own pictures: possibly new material, but no adult with access
        (("file.unknown_media", "victim.depicted", "reported.minor"), Priority.P2, "possibly_new_material"),
        (("file.known", "recipient.minor"), Priority.P2, "sent_to_child"),
        (("file.known", "text.offender_has_access_to_children"), Priority.P2, "access_to_children"),
        (("file.known", "person.prior_reports"), Priority.P2, "repeat_subject"),
        (("file.known", "provider.urgent"), Priority.P2, "provider_urgent"),
        (("category.solicitation",), Priority.P2, "solicitation"),
        (("file.known",), Priority.P3, "known_material"),
        (("file.known", "batch.viral"), Priority.INFO, "viral"),
        (("file.known", "annotation.potential_meme"), Priority.INFO, "viral"),
    ],
)
def test_priority_rules(kinds: tuple[str, ...], expected: Priority, first_reason: str) -> None:
    priority, fired = prioritise(k(*kinds))
    assert priority is expected
    assert fired[0].code == first_reason
    assert fired[0].signals, "a rule names the signals that made it fire"


def test_viral_does_not_bury_a_child_at_risk() -> None:
    priority, fired = prioritise(k("file.known", "batch.viral", "text.planned_meeting"))
    assert priority is Priority.P1
    assert "viral" not in [f.code for f in fired]


def test_reasons_are_strongest_first() -> None:
    _, fired = prioritise(
        k("file.known", "provider.urgent", "text.self_harm_or_suicide", "category.solicitation")
    )
    ranks = [f.priority.rank for f in fired]
    assert ranks == sorted(ranks)
    assert [f.code for f in fired][:1] == ["self_harm"]


def facts(**overrides: object) -> Facts:
    values: dict[str, object] = {
        "files": 1,
        "files_allowlisted": 0,
        "texts_with_content": 1,
        "has_identifiers": True,
        "has_location": True,
        "content_incident": True,
        "retracted": False,
        "duplicate_of_earlier": False,
    }
    values.update(overrides)
    return Facts(**values)  # type: ignore[arg-type]


def test_unfounded_reasons() -> None:
    assert unfounded(k("file.allowlisted"), facts(files=2, files_allowlisted=2)) == [
        UnfoundedReason.all_files_allowlisted
    ]
    # an allowlisted picture does not make a grooming report unfounded
    assert unfounded(k("file.allowlisted", "category.solicitation"), facts(files_allowlisted=1)) == []
    assert unfounded(k(), facts(files=0, texts_with_content=0)) == [UnfoundedReason.no_content]
    assert unfounded(k("file.known"), facts(retracted=True)) == [UnfoundedReason.provider_retracted]
    assert unfounded(k("file.known"), facts(duplicate_of_earlier=True)) == [UnfoundedReason.duplicate]
    assert unfounded(k("file.known"), facts()) == []


def test_missing_information() -> None:
    assert missing(facts()) == []
    assert missing(facts(has_identifiers=False, has_location=False)) == [
        MissingInformation.identifiers,
        MissingInformation.location,
    ]
    assert missing(facts(files=0)) == [MissingInformation.content]
    assert missing(facts(files=0, content_incident=False)) == []


def test_decide_unfounded_is_info_and_asks_nothing() -> None:
    d = decide([Signal("file.allowlisted", "file:f1", "x")], facts(files_allowlisted=1, has_location=False))
    assert d.priority is Priority.INFO
    assert d.unfounded == [UnfoundedReason.all_files_allowlisted]
    assert d.missing == []
