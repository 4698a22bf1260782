"""One lexicon for every module: units, comparators, phase words, five-year periods, sectors, the
words that end a document's title and the sets of things a figure may be said of.

The words live in ``ingest/data/lexicon/*.txt`` (UTF-8, a BOM tolerated, one entry a line, ``#``
comments), each file's format written at its top. ingest, retriever, targets and rules all read
them through this module, so two modules never decide one question with two lists. The loader is
strict: a line with the wrong number of fields, an unknown keyword, a bad number or an entry given
twice is an error naming the file and the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

PHASES = ("target", "achieved", "task", "baseline")
PHASE_SCOPES = ("clause", "section", "column", "year")
POSITIONS = ("before", "after")
DOCUMENT_ROLES = ("title", "heading", "plan")
CONTRAST_ROLES = ("thing", "aspect", "verb")


class LexiconError(ValueError):
    pass


def read_table(name: str, columns: int, path: Path | None = None) -> list[tuple[int, list[str]]]:
    """(line number, fields) of a lexicon file; ``columns`` tab-separated fields on every line."""
    if path is None:
        text = resources.files("ingest").joinpath(f"data/lexicon/{name}").read_text(encoding="utf-8-sig")
        source = f"ingest/data/lexicon/{name}"
    else:
        text, source = Path(path).read_text(encoding="utf-8-sig"), str(path)
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) != columns or not all(fields):
            raise LexiconError(f"{source}:{number}: expected {columns} tab-separated fields, got {line!r}")
        rows.append((number, fields))
    return rows


def _unique(source: str, rows, key) -> None:
    seen: dict[str, int] = {}
    for number, fields in rows:
        k = key(fields)
        if k in seen:
            raise LexiconError(f"{source}:{number}: {k!r} is already on line {seen[k]}")
        seen[k] = number


@dataclass(frozen=True)
class Unit:
    name: str
    kind: str  # energy, power, money, count, duration, percent ...
    normalized: str
    factor: float
    after_chinese_numerals: bool


def load_units(path: Path | None = None) -> dict[str, Unit]:
    rows = read_table("units.txt", 5, path)
    source = str(path or "ingest/data/lexicon/units.txt")
    _unique(source, rows, lambda f: f[0])
    units = {}
    for number, (name, kind, normalized, factor, chinese) in rows:
        try:
            value = float(factor)
        except ValueError:
            raise LexiconError(f"{source}:{number}: factor {factor!r} is not a number") from None
        if chinese not in ("y", "n"):
            raise LexiconError(f"{source}:{number}: chinese-numerals must be y or n, got {chinese!r}")
        units[name] = Unit(name, kind, normalized, value, chinese == "y")
    return units


@lru_cache(maxsize=1)
def units() -> dict[str, Unit]:
    return load_units()


def unit_names(kinds: tuple[str, ...] = ()) -> list[str]:
    """Unit names, longest first (so that 万吨标准煤 is read before 万吨 and 吨)."""
    return sorted((u.name for u in units().values() if not kinds or u.kind in kinds), key=len, reverse=True)


@lru_cache(maxsize=None)
def units_of_kind(*kinds: str) -> tuple[str, ...]:
    return tuple(u.name for u in units().values() if u.kind in kinds)


def normal_unit(kind: str) -> str:
    """The one unit a kind is normalised to (money -> 万元, energy -> tce); amounts are kept in it."""
    found = {u.normalized for u in units().values() if u.kind == kind}
    if len(found) != 1:
        raise LexiconError(f"units.txt: the units of kind {kind!r} are normalised to {sorted(found)}, not to one unit")
    return found.pop()


def convert(value: float, unit: str, to: str) -> float:
    """``value`` in ``unit`` as a value in ``to``, two units of one normalised unit (万元 -> 元: x 10000)."""
    source, target = units()[unit], units()[to]
    if source.normalized != target.normalized:
        raise LexiconError(f"units.txt: {unit} and {to} are not the same quantity")
    return value * (source.factor / target.factor)


def load_comparators(path: Path | None = None) -> dict[str, tuple[str, str]]:
    rows = read_table("comparators.txt", 3, path)
    source = str(path or "ingest/data/lexicon/comparators.txt")
    _unique(source, rows, lambda f: f[0])
    out = {}
    for number, (word, position, meaning) in rows:
        if position not in POSITIONS:
            raise LexiconError(f"{source}:{number}: position must be one of {', '.join(POSITIONS)}, got {position!r}")
        out[word] = (position, meaning)
    return out


@lru_cache(maxsize=1)
def comparators() -> dict[str, tuple[str, str]]:
    """word -> (position, meaning), in file order."""
    return load_comparators()


def comparator_words(position: str | None = None) -> tuple[str, ...]:
    return tuple(w for w, (p, _) in comparators().items() if position in (None, p))


def comparator_meaning(word: str) -> str:
    """at-least, at-most, more-than, about or strive; "" for a word that is no comparator."""
    return comparators().get(word, ("", ""))[1]


@lru_cache(maxsize=None)
def words_meaning(meaning: str) -> tuple[str, ...]:
    """The comparators of one meaning: words_meaning("strive") -> ("力争",)."""
    return tuple(w for w, (_, m) in comparators().items() if m == meaning)


@lru_cache(maxsize=1)
def closing_qualifiers() -> tuple[str, ...]:
    """The words after a figure that make it a bound or an estimate (以上, 以下, 以内, 左右). The
    one-character 余 and 多 are left out: they are ordinary characters too (其余, 多项)."""
    return tuple(w for w in comparator_words("after") if len(w) > 1)


def load_phase_words(path: Path | None = None) -> dict[tuple[str, str], tuple[str, ...]]:
    rows = read_table("phases.txt", 3, path)
    source = str(path or "ingest/data/lexicon/phases.txt")
    _unique(source, rows, lambda f: f"{f[0]} {f[1]}")
    out = {}
    for number, (phase, scope, words) in rows:
        if phase not in PHASES or scope not in PHASE_SCOPES:
            raise LexiconError(f"{source}:{number}: expected a phase ({', '.join(PHASES)}) and a scope "
                               f"({', '.join(PHASE_SCOPES)}), got {phase!r} {scope!r}")
        out[(phase, scope)] = tuple(w for w in words.split("|") if w)
    return out


@lru_cache(maxsize=1)
def phase_words() -> dict[tuple[str, str], tuple[str, ...]]:
    return load_phase_words()


@lru_cache(maxsize=None)
def phase_re(phase: str, scope: str) -> re.Pattern:
    """A pattern matching any word of ``phase`` in ``scope`` (a pattern that never matches when none)."""
    words = phase_words().get((phase, scope), ())
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))) or r"(?!x)x")


def load_document_kinds(path: Path | None = None) -> dict[str, tuple[str, ...]]:
    """word -> its roles, from document_kinds.txt ("方案<TAB>title,heading,plan")."""
    rows = read_table("document_kinds.txt", 2, path)
    source = str(path or "ingest/data/lexicon/document_kinds.txt")
    _unique(source, rows, lambda f: f[0])
    out = {}
    for number, (word, roles) in rows:
        named = tuple(r.strip() for r in roles.split(","))
        unknown = [r for r in named if r not in DOCUMENT_ROLES]
        if unknown:
            raise LexiconError(f"{source}:{number}: roles must be among {', '.join(DOCUMENT_ROLES)}, got {', '.join(unknown)}")
        out[word] = named
    return out


@lru_cache(maxsize=None)
def document_kind_words(role: str) -> tuple[str, ...]:
    """The title words of one role, in file order: document_kind_words("plan") -> 方案, 计划, 规划 …"""
    return tuple(word for word, roles in load_document_kinds().items() if role in roles)


def load_periods(path: Path | None = None) -> dict[str, tuple[int, int]]:
    rows = read_table("periods.txt", 3, path)
    source = str(path or "ingest/data/lexicon/periods.txt")
    _unique(source, rows, lambda f: f[0])
    out = {}
    for number, (name, first, last) in rows:
        if not (first.isdigit() and last.isdigit() and int(first) <= int(last)):
            raise LexiconError(f"{source}:{number}: expected two years, first <= last, got {first!r} {last!r}")
        out[name] = (int(first), int(last))
    return out


@lru_cache(maxsize=1)
def five_year_plans() -> dict[str, tuple[int, int]]:
    """十四五 -> (2021, 2025)."""
    return load_periods()


def load_sectors(path: Path | None = None) -> dict[str, tuple[str, str]]:
    """alias -> (sector, parent sector) from sectors.txt ("name|alias|...<TAB>parent or -")."""
    rows = read_table("sectors.txt", 2, path)
    source = str(path or "ingest/data/lexicon/sectors.txt")
    _unique(source, rows, lambda f: f[0].split("|")[0])
    table: dict[str, tuple[str, str]] = {}
    for number, (names, parent) in rows:
        forms = names.split("|")
        for form in forms:
            if form.lower() in table:
                raise LexiconError(f"{source}:{number}: {form!r} names two sectors")
            table[form.lower()] = (forms[0], "" if parent == "-" else parent)
    return table


@lru_cache(maxsize=1)
def sectors() -> dict[str, tuple[str, str]]:
    return load_sectors()


def sector_names() -> tuple[str, ...]:
    """The sectors' own names, in file order (工业, 通信, 数据中心 …)."""
    return tuple(dict.fromkeys(name for name, _ in sectors().values()))


def sector_ancestors(name: str) -> tuple[str, ...]:
    """The broader sectors a sector is part of, nearest first (水泥 -> 建材, 工业)."""
    parents = {sector: parent for sector, parent in sectors().values()}
    chain: list[str] = []
    parent = parents.get(name, "")
    while parent and parent not in chain and parent != name:
        chain.append(parent)
        parent = parents.get(parent, "")
    return tuple(chain)


def sectors_named(text: str) -> tuple[str, ...]:
    """The sectors ``text`` names by any alias of two or more characters ("工业和通信业" -> 工业, 通信)."""
    return tuple(sorted({name for alias, (name, _) in sectors().items() if len(alias) >= 2 and alias in text}))


def load_departments(path: Path | None = None) -> dict[str, str]:
    """name -> the department's own name, every form mapped (the own name to itself), from
    departments.txt ("发展改革委<TAB>发改委|发展和改革委员会")."""
    rows = read_table("departments.txt", 2, path)
    source = str(path or "ingest/data/lexicon/departments.txt")
    table: dict[str, str] = {}
    for number, (name, others) in rows:
        for form in (name, *others.split("|")):
            if form in table:
                raise LexiconError(f"{source}:{number}: {form!r} names two departments")
            table[form] = name
    return table


@lru_cache(maxsize=1)
def departments() -> dict[str, str]:
    return load_departments()


def load_contrasts(path: Path | None = None) -> dict[str, "ContrastSet"]:
    """set -> its role and members (each a tuple of its forms), from contrasts.txt
    ("star<TAB>thing<TAB>一星级 二星级 三星级")."""
    rows = read_table("contrasts.txt", 3, path)
    source = str(path or "ingest/data/lexicon/contrasts.txt")
    _unique(source, rows, lambda f: f[0])
    sets: dict[str, ContrastSet] = {}
    for number, (name, role, members) in rows:
        if role not in CONTRAST_ROLES:
            raise LexiconError(f"{source}:{number}: role {role!r} is not one of {', '.join(CONTRAST_ROLES)}")
        forms = [tuple(member.split("|")) for member in members.split()]
        every = [form for member in forms for form in member]
        if len(set(every)) != len(every):
            raise LexiconError(f"{source}:{number}: a form is listed twice in set {name!r}")
        sets[name] = ContrastSet(role, tuple(forms))
    return sets


@dataclass(frozen=True)
class ContrastSet:
    role: str  # "thing" (a clause must name the one asked), "aspect" or "verb" (they only tell figures apart)
    members: tuple[tuple[str, ...], ...]


@lru_cache(maxsize=1)
def contrasts() -> dict[str, ContrastSet]:
    return load_contrasts()
