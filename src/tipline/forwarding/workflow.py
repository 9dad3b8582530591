"""A referral's status, as a pure transition table.

sent: forwarded, waiting in the agency's inbox (pull API) and announced to its webhook, if any;
delivered: the agency's system took it (webhook answered 2xx, or the agency fetched it);
acknowledged: the agency accepted it; declined: the agency refused it, with a coded reason;
closed: the agency finished with it. Declined and closed are final: re-routing adds a new referral
to another agency rather than reopening one.
"""

from __future__ import annotations

from enum import StrEnum

from tipline.core.errors import InvalidTransition


class ReferralStatus(StrEnum):
    sent = "sent"
    delivered = "delivered"
    acknowledged = "acknowledged"
    declined = "declined"
    closed = "closed"


class DeclineReason(StrEnum):
    """Why an agency refuses a referral."""

    not_competent = "not_competent"  # another authority is competent (wrong state)
    insufficient_information = "insufficient_information"
    not_an_offence = "not_an_offence"  # not an offence under national law
    duplicate = "duplicate"  # the agency already holds this case
    other = "other"


NEW = frozenset({ReferralStatus.sent, ReferralStatus.delivered})  # still in the agency's inbox
FINAL = frozenset({ReferralStatus.declined, ReferralStatus.closed})

_ALLOWED: dict[ReferralStatus, frozenset[ReferralStatus]] = {
    ReferralStatus.sent: frozenset(
        {
            ReferralStatus.delivered,
            ReferralStatus.acknowledged,
            ReferralStatus.declined,
            ReferralStatus.closed,
        }
    ),
    ReferralStatus.delivered: frozenset(
        {ReferralStatus.acknowledged, ReferralStatus.declined, ReferralStatus.closed}
    ),
    ReferralStatus.acknowledged: frozenset({ReferralStatus.declined, ReferralStatus.closed}),
    ReferralStatus.declined: frozenset(),
    ReferralStatus.closed: frozenset(),
}


def transition(current: ReferralStatus, to: ReferralStatus) -> ReferralStatus:
    """The new status, or InvalidTransition (409) naming both."""
    if to not in _ALLOWED[current]:
        raise InvalidTransition(f"a referral that is {current} cannot become {to}", code="referral_state")
    return to
