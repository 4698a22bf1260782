"""What the rules say about one enterprise: the obligations and support that apply, with the checks of
its reported figures. Plain dataclasses for the renderers and the page; ``to_dict`` is the JSON of
``policyqa obligations --json`` (docs/commands.md), written only at the command line and the web edge.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from rules.model import Amount, Source


@dataclass(frozen=True)
class Enterprise:
    name: str | None
    region: str | None
    regions: tuple[str, ...]  # the region and every region above it
    annual_energy_tce: float | None
    tier: str | None  # its key-enterprise list's tier, as printed
    sector: str | None
    emissions_tco2e: float | None = None
    key_emitter: bool | None = None  # None: not said
    applicant: bool | None = None


@dataclass(frozen=True)
class ObligationResult:
    id: str
    action: str
    deadline: str | None  # ISO date, or annual | quarterly | monthly | ongoing; None when the document sets none
    status: str  # applies | needs_info | not_applicable
    reason: str
    strength: str  # mandatory | strive | encouraged
    lead_department: str | None
    overdue: bool
    reviewed: bool
    source: Source
    deadline_text: str | None = None  # a relative time as printed ("分立后15日内"), when there is no date


@dataclass(frozen=True)
class EntitlementResult:
    id: str
    purpose: str
    status: str
    reason: str
    amount: Amount | None  # how the document sets the amount
    amount_wan_yuan: float | None  # the amount worked out from the reported figures, capped
    calculation: str
    window: str | None
    lead_department: str | None
    reviewed: bool
    source: Source


@dataclass(frozen=True)
class Check:
    """A reported figure against what an obligation requires of it."""

    obligation_id: str
    field: str
    reported: float
    required: str
    result: str  # pass | fail

    @property
    def passed(self) -> bool:
        return self.result == "pass"


@dataclass(frozen=True)
class Assessment:
    enterprise: Enterprise
    obligations: tuple[ObligationResult, ...]
    checks: tuple[Check, ...]
    entitlements: tuple[EntitlementResult, ...] | None = None  # None when no rule file grants support
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        enterprise = asdict(self.enterprise)
        enterprise["regions"] = list(self.enterprise.regions)
        return {
            "enterprise": enterprise,
            "obligations": [asdict(o) for o in self.obligations],
            **({"entitlements": [asdict(e) for e in self.entitlements]} if self.entitlements is not None else {}),
            "checks": [asdict(c) for c in self.checks],
            **({"notes": list(self.notes)} if self.notes else {}),
        }
