"""The region gazetteer: which district or city a text names, and the regions above it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

# A place name the gazetteer does not know, e.g. "某某区": used to refuse questions about regions
# outside the corpus rather than answer them with a neighbour's figure.
UNKNOWN_REGION_RE = re.compile(r"([\u4e00-\u9fff]{2,4}?(?:省|市|区|县))")
NOT_REGIONS = ("园区", "城区", "示范区", "工业区", "开发区", "新区", "港区", "社区", "街区", "景区", "辖区",
               "全区", "本区", "我区", "各区", "本市", "全市", "我市", "各市", "城市", "上市", "中心城区")


PLACE_WITHIN_RE = re.compile(r"[\u4e00-\u9fff]{0,3}?(?:工业区|工区|园区|开发区|港区|新城|卫)")


class GazetteerError(ValueError):
    pass


@dataclass(frozen=True)
class Region:
    name: str
    parent: str
    aliases: tuple[str, ...] = ()


class Gazetteer:
    def __init__(self, regions: list[Region]):
        self.regions = {r.name: r for r in regions}
        self._names = sorted(
            ((alias, r.name) for r in regions for alias in (r.name, *r.aliases)),
            key=lambda pair: -len(pair[0]),
        )

    @classmethod
    def load(cls, path: Path | None = None) -> "Gazetteer":
        if path is None:
            text = resources.files("ingest").joinpath("data/regions.txt").read_text(encoding="utf-8-sig")
            source = "ingest/data/regions.txt"
        else:
            text, source = path.read_text(encoding="utf-8-sig"), str(path)
        regions = []
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) != 2 or not fields[0].strip():
                raise GazetteerError(f"{source}:{number}: expected 'name<TAB>parent', got {line!r}")
            names = fields[0].strip().split("|")
            regions.append(Region(names[0], fields[1].strip(), tuple(names[1:])))
        return cls(regions)

    def ancestors(self, name: str) -> list[str]:
        """The region and every region above it, nearest first."""
        chain = []
        while name and name in self.regions and name not in chain:
            chain.append(name)
            name = self.regions[name].parent
        return chain

    def parent(self, name: str) -> str:
        region = self.regions.get(name)
        return region.parent if region else ""

    def find(self, text: str, aliases: bool = True) -> list[str]:
        """Known regions named in ``text``, in order of appearance, longest name first at each place."""
        found: list[tuple[int, str]] = []
        taken = [False] * len(text)
        for alias, name in self._names:
            if alias != name and not aliases:
                continue
            for match in re.finditer(re.escape(alias), text):
                s, e = match.span()
                if any(taken[s:e]):
                    continue
                # "金山" inside "金山工业区" names a park, not the district
                if alias != name and (PLACE_WITHIN_RE.match(text, e) or (text[e:e + 1] and text[e:e + 1] in "区市县省")):
                    continue
                for i in range(s, e):
                    taken[i] = True
                found.append((s, name))
        seen: list[str] = []
        for _, name in sorted(found):
            if name not in seen:
                seen.append(name)
        return seen

    def most_specific(self, names: list[str]) -> str:
        """Of several regions, the deepest one (a district rather than its city)."""
        return max(names, key=lambda n: (len(self.ancestors(n)), -names.index(n)), default="")

    def unknown_places(self, text: str) -> list[str]:
        """Place-like names ("XX区", "XX市") the gazetteer does not know."""
        known = set(self.find(text))
        out = []
        for match in UNKNOWN_REGION_RE.finditer(text):
            name = match.group(1)
            if any(name.endswith(n) for n in NOT_REGIONS) or any(k in name for k in known):
                continue
            out.append(name)
        return out
