"""Which regions a document is about, each with the evidence it was read from and how sure that is.

A document's heading usually says it (title, issuer, 文号); ``ingest.metadata.find_region`` reads
that. Two kinds of real documents need more:

- one government behind several names ("X市Y区 Y经济开发区 Y高新区…办法", 一套班子、几块牌子): every
  name standing together at the head of the title or of an issuer is the same scope, so a
  question naming any of them is about this document;
- a heading that names only a department ("省工业和信息化厅…年度工作计划", no 文号, no cover notice): the
  body says where it applies, in its 全省/全市/本区 and in the places it names most. Read that way the
  region is ``likely`` (it dominates) or ``unsure`` (it barely does), never ``sure``.

A scope entry that is not ``sure`` is shown with its evidence so that a person can correct it.
"""

from __future__ import annotations

import re
from collections import Counter

from ingest.models import ScopeEntry
from ingest.regions import Gazetteer, zone_in

SURE, LIKELY, UNSURE = "sure", "likely", "unsure"
CERTAINTY_WORDS = {SURE: "确定", LIKELY: "较可能", UNSURE: "不确定"}
# the body's own word for "the whole of my region", by the level it names (1 province ... 3 county)
WHOLE_REGION_RE = {
    1: re.compile(r"全省|我省|本省|省内|省委|省政府|全自治区|本自治区"),
    2: re.compile(r"全市|我市|本市|市委|市政府|市域"),
    3: re.compile(r"全区|我区|本区|全县|我县|本县|区委|县委|区政府|县政府"),
}
# a relative issuer ("省工业和信息化厅", "市发展改革委") says the level even when it names no place
RELATIVE_ISSUER_RE = re.compile(r"^(省|市|区|县)")
RELATIVE_LEVEL = {"省": 1, "市": 2, "区": 3, "县": 3}
LEAD_SEPARATORS_RE = re.compile(r"^[\s、,，]+")
MIN_WHOLE_REGION_WORDS = 2  # one 全省 may be a quotation; two are the document's own voice
MIN_PLACE_MENTIONS = 2
DOMINANCE = 2.0  # the best region must be named this many times more than the next to be "likely"


def heading_names(text: str, gazetteer: Gazetteer) -> list[tuple[str, str]]:
    """(name, parent) of the regions and zones standing one after another at the start of ``text``.

    "泰州市姜堰区 姜堰经济开发区 姜堰高新区关于…" -> 姜堰区 (under 泰州市) and the two zones under it: the
    names a shared government signs with. Names later in the text (the topic) are not read.
    """
    names: list[tuple[str, str]] = []
    rest = text
    while rest:
        rest = LEAD_SEPARATORS_RE.sub("", rest)
        division = _leading_division(rest, gazetteer)
        if division is not None:
            name, length = division
            names.append((name, gazetteer.parent(name)))
            rest = rest[length:]
            continue
        zone = zone_in(rest, gazetteer)
        if not (zone and rest.startswith(zone[0])):
            break
        names.append(zone)
        rest = rest[len(zone[0]):]
    return _nest(names, gazetteer)


def _leading_division(text: str, gazetteer: Gazetteer) -> tuple[str, int] | None:
    """The division whose full name (or a zone the gazetteer knows) starts ``text``, and its length."""
    for length in range(min(len(text), 20), 1, -1):
        piece = text[:length]
        if piece in gazetteer.regions and gazetteer.level(piece) > 0:
            return piece, length
    return None


def _nest(names: list[tuple[str, str]], gazetteer: Gazetteer) -> list[tuple[str, str]]:
    """Drop a name that only says where the next division lies (上海市 before 徐汇区): the scope is the
    innermost government and the zones it runs (姜堰区 before 姜堰经济开发区 stays)."""
    kept = []
    for i, (name, parent) in enumerate(names):
        below = names[i + 1:i + 2]
        if below and gazetteer.level(below[0][0]) <= 3 and name in gazetteer.ancestors(below[0][0])[1:]:
            continue
        kept.append((name, parent))
    return list(dict.fromkeys(kept))


def body_scope(lines: list[str], issuers: list[str], gazetteer: Gazetteer) -> ScopeEntry | None:
    """The region a body speaks for when its heading names none: the level of its 全省/全市/本区 (or of a
    relative issuer such as 省工业和信息化厅) and, at that level, the region it and the places under
    it are named most."""
    body = "\n".join(lines)
    level_words = {level: len(pattern.findall(body)) for level, pattern in WHOLE_REGION_RE.items()}
    level_hint = next((RELATIVE_LEVEL[m.group(1)] for m in map(RELATIVE_ISSUER_RE.match, issuers) if m), None)
    level = level_hint or max(level_words, key=lambda lv: (level_words[lv], -lv))
    if not level_hint and level_words[level] < MIN_WHOLE_REGION_WORDS:
        return None
    counts = place_counts(body, gazetteer)
    votes: Counter = Counter()
    for name, count in counts.items():
        chain = gazetteer.ancestors(name)
        # the nearest region at or above the level: a municipality's districts sit right under it
        # (天津市's 全市 is the province-level 天津市)
        at_level = next((r for r in chain if 0 < gazetteer.level(r) <= level), None)
        if at_level:
            votes[at_level] += count
    if not votes:
        return None
    ranked = votes.most_common(2)
    best, best_votes = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    if best_votes < MIN_PLACE_MENTIONS:
        return None
    certainty = LIKELY if best_votes >= DOMINANCE * max(runner_up, 1) else UNSURE
    said = f"“{'、'.join(issuers)}”" if level_hint else f"{WHOLE_REGION_RE[level].pattern.split('|')[0]}等{level_words[level]}处"
    evidence = f"文件头未写明地区；正文（{said}）多次提到{best}及其下辖地区（{best_votes}次）"
    return ScopeEntry(best, gazetteer.parent(best), evidence, certainty)


def place_counts(text: str, gazetteer: Gazetteer) -> Counter:
    """How often each known region is named in ``text`` (its full name or a short form)."""
    counts: Counter = Counter()
    for name in gazetteer.find(text):
        forms = sorted({name, *gazetteer.short_forms(name)}, key=len, reverse=True)
        rest = text
        for form in forms:
            counts[name] += rest.count(form)
            rest = rest.replace(form, "\0")  # a full name is not counted again as its short form
    return counts


def read_scope(region: str, parent: str, region_evidence: str, title: str, notice_title: str,
               issuers: list[str], lines: list[str], gazetteer: Gazetteer) -> tuple[ScopeEntry, ...]:
    """Every region the document is about: what its heading names, the other names of the same
    government, and, when the heading names none, what its body speaks for."""
    shared = []
    for source, text in (("标题", notice_title or title), ("发文机关", "".join(issuers[:1]))):
        names = heading_names(text, gazetteer) if text else []
        if len(names) > 1:
            shared = names
            evidence = f"{source}开头并列的地区名称（同一政府的几块牌子，或联合发文）：{'、'.join(n for n, _ in names)}"
            break
    if shared:
        division = next((n for n in shared if gazetteer.level(n[0]) <= 3 and n[0] in gazetteer.regions), None)
        if region not in (n for n, _ in shared) or (division and region != division[0]):
            region, parent = division or shared[0]
        entries = [ScopeEntry(name, up, evidence, SURE) for name, up in shared]
        entries.sort(key=lambda e: e.region != region)
        return tuple(entries)
    if region:
        return (ScopeEntry(region, parent, region_evidence, SURE),)
    found = body_scope(lines, issuers, gazetteer)
    return (found,) if found else ()


# Who speaks in a sentence, by level (0 national, 1 province). A provincial plan's background quotes
# the nation's targets ("我国承诺到2030年…12亿千瓦以上"): such a figure is context, not the province's.
# 全国领先/前列 rank the region itself; 国家级/国家标准 name a grade, not a speaker: neither counts.
HIGHER_VOICE_RE = {
    0: re.compile(r"我国|全国(?!领先|前列|首|率先|第一|一流|示范|先进|性|碳|统一|影响)|国家(?=提出|承诺|宣布|确定|明确|要求|目标|层面|规划)"
                  r"|国务院|党中央|中共中央|中国(?=承诺|提出|宣布)"),
    1: WHOLE_REGION_RE[1],
}
# a higher level's target handed down ("完成国家下达的…") is the region's own task
HANDED_DOWN_RE = re.compile(r"下达|分解|确保完成|完成国家|完成省")


def speaks_for_higher_level(text: str, level: int, own_forms: tuple[str, ...]) -> bool:
    """Does ``text`` state a figure of a level above ``level`` (the document's own), and nothing of its
    own level? ``own_forms`` are the names of the document's region."""
    if level <= 0 or HANDED_DOWN_RE.search(text):
        return False
    higher = any(HIGHER_VOICE_RE[lv].search(text) for lv in HIGHER_VOICE_RE if lv < level)
    own = any(f and f in text for f in own_forms) or any(
        WHOLE_REGION_RE[lv].search(text) for lv in WHOLE_REGION_RE if lv >= level)
    return higher and not own
