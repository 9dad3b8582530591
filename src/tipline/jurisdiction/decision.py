"""The shape of a jurisdiction decision: what routing (forwarding) reads. Pure data."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Route = Literal["member_states", "international", "undetermined"]

# ISO 3166 alpha-2 codes of the 27 member states (Greece is "GR" in ISO, "EL" in EU usage: ISO here).
EU_MEMBER_STATES: frozenset[str] = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split()  # noqa: SIM905
)


@dataclass(frozen=True)
class Reason:
    """One piece of evidence for a country: what it is (e.g. ``upload_ip``, ``phone_country``,
    ``estimated_location``), whose it is (``suspect`` or ``victim``), the country, the weight it was
    given and why (e.g. "possible proxy: discounted"). Never the identifier itself."""

    kind: str
    role: str
    country: str
    weight: float
    note: str = ""


@dataclass(frozen=True)
class Jurisdiction:
    """``member_states``: ``states`` lists the competent member states, strongest first (the suspect's,
    then a victim's in another state). ``international``: the evidence points outside the EU.
    ``undetermined``: no state with sufficient certainty (Art. 48(3): Europol analyses it)."""

    route: Route
    states: tuple[str, ...] = ()
    certainty: float = 0.0
    reasons: tuple[Reason, ...] = field(default_factory=tuple)
    countries: tuple[str, ...] = ()  # for ``international``: the non-EU countries indicated
