"""The seams of the rules module: an obligation as declared, a profile, and what the engine says."""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.lexicon import normal_unit, words_meaning
from ingest.models import Source  # noqa: F401 (rule files cite their clause with it)

AMOUNT_UNIT = normal_unit("money")  # every amount of support is kept in 万元
# "promoted": a plan's measure that names a kind of unit ("推动公共机构…改造") without a modal word, a
# time or a threshold of its own: the government pushes it; the text does not oblige the unit
STRENGTH_LABELS = {"mandatory": "必须", "strive": words_meaning("strive")[0], "encouraged": "鼓励", "promoted": "推动"}
RECURRENCE_LABELS = {"annual": "每年", "quarterly": "每季度", "monthly": "每月", "ongoing": "持续"}


@dataclass(frozen=True)
class Range:
    """A numeric bound with explicit inclusiveness ("5000吨标准煤及以上" is min=5000 inclusive)."""

    min: float | None = None
    max: float | None = None
    min_inclusive: bool = True
    max_inclusive: bool = False

    def contains(self, value: float) -> bool:
        if self.min is not None and (value < self.min or (value == self.min and not self.min_inclusive)):
            return False
        if self.max is not None and (value > self.max or (value == self.max and not self.max_inclusive)):
            return False
        return True

    def covers(self, other: "Range") -> bool | None:
        """True when every value of ``other`` is inside, False when none is, None when it depends."""
        lo_in = other.min is not None and self.contains(other.min) or (other.min is None and self.min is None)
        if other.max is None:
            hi_in = self.max is None
        else:
            hi_in = self.contains(other.max) if other.max_inclusive else (
                self.max is None or other.max <= self.max)
        if lo_in and hi_in:
            return True
        disjoint = (self.max is not None and other.min is not None and (other.min > self.max or (
            other.min == self.max and not (self.max_inclusive and other.min_inclusive)))) or (
            self.min is not None and other.max is not None and (other.max < self.min or (
                other.max == self.min and not (self.min_inclusive and other.max_inclusive))))
        return False if disjoint else None

    def describe(self, unit: str = "") -> str:
        parts = []
        if self.min is not None:
            parts.append(f"{'≥' if self.min_inclusive else '>'}{self.min:g}{unit}")
        if self.max is not None:
            parts.append(f"{'≤' if self.max_inclusive else '<'}{self.max:g}{unit}")
        return " 且 ".join(parts) or "不限"


@dataclass(frozen=True)
class Requirement:
    field: str
    op: str  # >=, >, <=, <, ==
    value: float
    unit: str = ""
    year: int | None = None  # a requirement that holds for one year only

    def holds(self, reported: float) -> bool:
        return {
            ">=": reported >= self.value,
            ">": reported > self.value,
            "<=": reported <= self.value,
            "<": reported < self.value,
            "==": reported == self.value,
        }[self.op]

    def describe(self) -> str:
        return f"{self.op}{self.value:g}{self.unit}"


@dataclass(frozen=True)
class Binding:
    """Who an obligation binds; a condition left empty binds everyone."""

    regions: tuple[str, ...]
    sectors: tuple[str, ...] = ()
    energy_tce: Range | None = None
    pue: Range | None = None
    listed: bool = False  # only enterprises on a key-enterprise list
    above_scale: bool = False  # only 规模以上 enterprises
    # a threshold in t CO2e; where a document gives energy and emissions as alternatives
    # ("年排放2万吨二氧化碳(或年综合能源消费量1万吨标准煤)及以上"), meeting either one binds
    emissions_tco2e: Range | None = None
    key_emitter: bool = False  # only units in an emissions-trading scheme (重点排放单位, 控排企业 …)
    applicant: bool = False  # only units that apply for the support the document offers


@dataclass(frozen=True)
class KeyEnterprises:
    """Who a rule file's document counts as a key energy-using enterprise (重点用能企业): the energy
    threshold it sets, as quoted, and the regions whose key-enterprise lists it uses."""

    energy_tce: Range | None
    lists: tuple[str, ...]
    quote: str = ""
    # who is in the document's emissions or quota scheme (its 纳入范围), as alternatives to energy
    emissions_tco2e: Range | None = None


@dataclass(frozen=True)
class Obligation:
    id: str
    action: str
    binds: Binding
    strength: str  # mandatory | strive | encouraged
    source: Source
    deadline: str | None = None  # ISO date
    recurrence: str | None = None  # annual | quarterly | monthly | ongoing
    deadline_text: str | None = None  # a relative time as printed ("分立后15日内", "竣工验收前")
    lead_department: str | None = None
    requirements: tuple[Requirement, ...] = ()
    file: str = ""
    reviewed: bool = True  # False for a drafted rule nobody has checked yet
    key_enterprises: KeyEnterprises | None = None  # from the rule file's document block


@dataclass(frozen=True)
class Amount:
    """How much support is given: a fixed sum, a share of a reported basis, or a rate per unit of it."""

    kind: str  # fixed | share | rate
    value: float  # fixed: 万元; share: percent; rate: 元 per unit of the basis
    unit: str  # 万元 | % | 元/千瓦时 | 元/千瓦 | 元/吨标准煤 | …
    basis: str | None = None  # the --report field a share or a rate applies to
    cap_wan_yuan: float | None = None

    def compute(self, reports: dict) -> tuple[float | None, str]:
        """(amount in 万元, how it was worked out); None with the missing figure when the basis is unknown."""
        if self.kind == "fixed":
            return self.value, f"定额{self.value:g}万元"
        reported = reports.get(self.basis) if self.basis else None
        if reported is None:
            return None, f"需提供 {self.basis}（--report {self.basis}=…）"
        if self.kind == "share":
            amount, how = reported * self.value / 100, f"{reported:g}万元×{self.value:g}%"
        else:
            amount, how = reported * self.value / 10000, f"{reported:g}×{self.value:g}{self.unit}"
        if self.cap_wan_yuan is not None and amount > self.cap_wan_yuan:
            return self.cap_wan_yuan, f"{how}={amount:g}万元，超过上限，按上限{self.cap_wan_yuan:g}万元"
        return round(amount, 4), f"{how}={round(amount, 4):g}万元" + (
            f"（上限{self.cap_wan_yuan:g}万元）" if self.cap_wan_yuan is not None else "")


@dataclass(frozen=True)
class Entitlement:
    """Support an enterprise can claim, e.g. 30% of a retrofit's investment, at most 1000万元."""

    id: str
    purpose: str
    binds: Binding
    source: Source
    amount: Amount | None = None
    window: str | None = None
    lead_department: str | None = None
    file: str = ""
    reviewed: bool = True


@dataclass(frozen=True)
class ListedEnterprise:
    name: str
    region: str
    tier: str  # as printed, e.g. 年综合能耗2000-5000吨标准煤
    tier_range: Range
    doc_id: str
    list_title: str
    sectors: tuple[str, ...] = ()  # the list's scope ("工业和通信业重点用能企业"): its members are in one of these


@dataclass(frozen=True)
class Profile:
    name: str | None
    region: str | None
    regions: tuple[str, ...]  # the region and every region above it
    annual_energy_tce: float | None
    tier: str | None
    tier_range: Range | None
    sector: str | None
    sectors: tuple[str, ...]  # the sector and its parents
    pue: float | None
    reports: dict = field(default_factory=dict)
    emissions_tco2e: float | None = None
    key_emitter: bool | None = None  # None: not said
    applicant: bool | None = None
    listed_in: str | None = None  # title of the list the name was found in
    notes: tuple[str, ...] = ()
    list_sectors: tuple[str, ...] = ()  # sectors the list's scope allows, when no sector was given
    list_region: str | None = None  # the region whose list names the enterprise
