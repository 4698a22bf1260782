"""The indicator vocabulary (targets/data/indicators.txt); units come from the one lexicon."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ingest.lexicon import units


def _lines(name: str):
    text = resources.files("targets").joinpath(f"data/{name}").read_text(encoding="utf-8-sig")
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            yield number, line


@dataclass(frozen=True)
class Vocabulary:
    synonyms: tuple[tuple[str, str], ...]  # (synonym, canonical), longest synonym first
    unit_kinds: dict = field(default_factory=dict)  # canonical -> lexicon unit kinds its figures must have

    @classmethod
    @lru_cache(maxsize=1)
    def load(cls) -> "Vocabulary":
        pairs, kinds = [], {}
        known_kinds = {u.kind for u in units().values()}
        for number, line in _lines("indicators.txt"):
            fields = line.split("\t")
            if len(fields) not in (2, 3):
                raise ValueError(f"targets/data/indicators.txt:{number}: expected 'canonical<TAB>synonyms[<TAB>unit kinds]'")
            pairs.extend((syn, fields[0]) for syn in fields[1].split("|") if syn)
            if len(fields) == 3:
                wanted = tuple(k.strip() for k in fields[2].split(","))
                if not set(wanted) <= known_kinds:
                    raise ValueError(f"targets/data/indicators.txt:{number}: unknown unit kind in {fields[2]!r}")
                kinds[fields[0]] = wanted
        return cls(tuple(sorted(pairs, key=lambda p: -len(p[0]))), kinds)

    def classify(self, wording: str, unit: str | None = None) -> str | None:
        """The indicator a figure's wording names; with ``unit``, only one whose figures have that kind
        of unit (光伏 next to 万千瓦 is capacity, next to 元/千瓦时 a subsidy rate)."""
        kind = units()[unit].kind if unit in units() else None
        for synonym, canonical in self.synonyms:
            if synonym in wording:
                wanted = self.unit_kinds.get(canonical)
                if unit is not None and wanted and kind not in wanted:
                    continue
                return canonical
        return None

    def canonical(self, name: str) -> str:
        """A user's indicator name in canonical form ("绿色制造工厂" -> "绿色工厂", "光伏" -> "新增光伏装机")."""
        found = self.classify(name)
        if found:
            return found
        partial = [c for s, c in self.synonyms if name and (name in s or name in c)]
        return partial[-1] if partial else name

    def indicators(self) -> list[str]:
        return sorted({c for _, c in self.synonyms})


def normalize_unit(value: float, unit: str) -> tuple[float | None, str]:
    """(value in the normalised unit, normalised unit); (None, unit) for a unit the lexicon lacks."""
    known = units().get(unit)
    if known is None:
        return None, unit
    return round(value * known.factor, 6), known.normalized
