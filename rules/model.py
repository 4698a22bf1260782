"""The seams of the rules module: an obligation as declared, a profile, and what the engine says."""

from __future__ import annotations

from dataclasses import dataclass, field


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


@dataclass(frozen=True)
class Source:
    doc_id: str
    doc_number: str
    section: str
    quote: str


@dataclass(frozen=True)
class Obligation:
    id: str
    action: str
    binds: Binding
    strength: str  # mandatory | strive | encouraged
    source: Source
    deadline: str | None = None  # ISO date
    recurrence: str | None = None  # annual | ongoing
    lead_department: str | None = None
    requirements: tuple[Requirement, ...] = ()
    file: str = ""


@dataclass(frozen=True)
class ListedEnterprise:
    name: str
    region: str
    tier: str  # as printed, e.g. 年综合能耗2000-5000吨标准煤
    tier_range: Range
    doc_id: str
    list_title: str


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
    listed_in: str | None = None  # title of the list the name was found in
    notes: tuple[str, ...] = ()
