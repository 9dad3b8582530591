"""The linking rules as a table: which shared identifiers merge two mentions, and what stops them."""

from __future__ import annotations

import pytest

from tipline.linking.evidence import judge

E1, E2, P1, GB, FR, S1, S2 = "e1", "e2", "p1", "gb", "fr", "s1", "s2"


@pytest.mark.parametrize(
    ("shared", "mine", "theirs", "merge"),
    [
        ({"email"}, {}, {}, True),
        ({"phone"}, {}, {}, True),
        ({"account"}, {}, {}, True),
        ({"report"}, {}, {}, True),
        ({"device"}, {}, {}, False),  # a family tablet
        ({"ip"}, {}, {}, False),  # a home connection
        ({"handle"}, {}, {}, False),  # "the_gamer12" is many people
        ({"device", "ip"}, {}, {}, True),
        ({"device", "ip"}, {"email": {E1}}, {"email": {E2}}, False),  # two people, one household
        ({"device", "ip"}, {"email": {E1}}, {"phone": {P1}}, True),  # nothing contradicts
        ({"device", "ip"}, {"handle_stem": {S1}}, {"handle_stem": {S2}}, False),  # unlike handles
        ({"handle"}, {"country": {GB}}, {"country": {GB}}, False),  # "xgamerx86" in Germany: not enough
        ({"handle", "file"}, {"country": {GB}}, {"country": {GB}}, True),  # ... with the same file: enough
        ({"handle", "file"}, {"country": {GB}}, {"country": {FR}}, False),  # ... but not in two countries
        ({"handle_words", "file", "ip"}, {}, {}, True),
        # a second mailbox: different emails, but the same handle and mailbox name, in one country
        (
            {"handle", "mailbox_stem"},
            {"email": {E1}, "country": {GB}},
            {"email": {E2}, "country": {GB}},
            True,
        ),
        (
            {"mailbox_stem", "handle_stem"},
            {"country": {GB}},
            {"country": {GB}},
            False,
        ),  # one name, counted once
        ({"handle_stem"}, {"country": {GB}}, {"country": {GB}}, False),
        ({"device"}, {"country": {GB}}, {"country": {GB}}, False),  # a country corroborates handles only
        ({"ip"}, {"country": {GB}}, {"country": {GB}}, False),
        ({"screen", "handle"}, {}, {}, False),  # one handle at one provider is one piece of evidence
        ({"screen", "ip"}, {}, {}, True),
        ({"email", "device"}, {"email": {E1}}, {"email": {E1}}, True),
    ],
)
def test_merge_rules(
    shared: set[str], mine: dict[str, set[str]], theirs: dict[str, set[str]], merge: bool
) -> None:
    assert judge(shared, mine=mine, theirs=theirs).merge is merge


def test_a_verdict_explains_itself() -> None:
    v = judge({"device", "ip"}, mine={"email": {E1}}, theirs={"email": {E2}})
    assert v.kinds == ("device", "ip")
    assert v.strength == pytest.approx(1.2)
    assert v.reasons[-1] == "different email: not merged"
    v = judge({"handle"})
    assert v.reasons == ("handle shared", "strength 0.5 below 1: not merged")
    assert judge({"email", "handle_stem", "handle"}).kinds == ("email", "handle")
