"""The indicator vocabulary and the unit table, both kept as data files in targets/data/."""

from __future__ import annotations

from dataclasses import dataclass
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

    @classmethod
    @lru_cache(maxsize=1)
    def load(cls) -> "Vocabulary":
        pairs = []
        for number, line in _lines("indicators.txt"):
            fields = line.split("\t")
            if len(fields) != 2:
                raise ValueError(f"targets/data/indicators.txt:{number}: expected 'canonical<TAB>synonyms'")
            pairs.extend((syn, fields[0]) for syn in fields[1].split("|") if syn)
        return cls(tuple(sorted(pairs, key=lambda p: -len(p[0]))))

    def classify(self, wording: str) -> str | None:
        for synonym, canonical in self.synonyms:
            if synonym in wording:
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
