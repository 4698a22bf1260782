"""Document metadata read from the first page and the signature of a normalised policy file.

Title, issuer, 文号, date of issue and region, each with the evidence it came from (``meta.evidence``).
A value the text does not show stays empty ("unknown" to the user); nothing is guessed from a date or
文号 the document merely cites. A notice that 印发 an attached plan keeps both titles: ``title`` is
the plan's, ``notice_title`` the notice's.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from ingest.lexicon import document_kind_words
from ingest.document_dates import read_document_dates
from ingest.models import DocumentMeta
from ingest.periods import title_period
from ingest.regions import NATIONAL, Gazetteer, zone_in
from ingest.scope import CERTAINTY_WORDS, UNSURE, read_scope

HEAD_LINES = 25

DOC_NUMBER = r"[\u4e00-\u9fff]{1,12}〔(?:19|20)\d{2}〕\d{1,5}号"
# a 文号 standing on its own line (in brackets, or followed by 签发人): this document's, not a cited one
DOC_NUMBER_LINE_RE = re.compile(rf"^[(（]?\s*({DOC_NUMBER})\s*[)）]?\s*(?:签发人.{{0,8}})?$")
# a web page's "(沪府办发〔2021〕27号)各区人民政府,…:": the number in brackets opens the addressee line
DOC_NUMBER_LEAD_RE = re.compile(rf"^[(（]\s*({DOC_NUMBER})\s*[)）](?=[^\n]{{0,60}}[:：]$)")
ORDER_NUMBER_RE = re.compile(r"^[(（]?(第\d{1,4}号)[)）]?$")  # 部令 第19号
DATE_RE = re.compile(r"((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日")
DATE_LINE_RE = re.compile(r"^[(（]?((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日[)）]?$")
PUBLISHED_RE = re.compile(r"(?:发布|印发|成文)日期[:：]\s*((?:19|20)\d{2})[-年./](\d{1,2})[-月./](\d{1,2})")
ORG_SUFFIXES = ("人民政府办公厅", "人民政府办公室", "厅办公室", "局办公室", "委办公室", "部办公厅", "部办公室", "管理委员会", "联席会议办公室", "领导小组办公室", "人民政府", "委员会",
                "办公厅", "办公室", "领导小组", "管委会", "总局", "分局", "支行", "分行", "政府", "局", "厅", "部", "委",
                "院", "署")
ORG = rf"[\u4e00-\u9fff]{{2,30}}?(?:{'|'.join(ORG_SUFFIXES)})"
ORG_LINE_RE = re.compile(rf"^(?:{ORG}(?:文件)?[、\s]*)+$")
ORG_RE = re.compile(ORG)
STAMP_RE = re.compile(r"^[(（].{2,30}代章[)）]$")
TITLE_END = rf"(?:{'|'.join(map(re.escape, document_kind_words('title')))})"
TITLE_END_RE = re.compile(rf"{TITLE_END}(?:[(（](?:试行|暂行|征求意见稿|修订|送审稿|草案|节选|摘要)[)）])?$")
# the end of a notice's title on a line of its own: "…考核办法" / "的通知"
NOTICE_END_LINE_RE = re.compile(rf"^的{TITLE_END}$")
# a title's bracketed suffix on a line of its own, or with the notice's end ("(2022-2025年)的通知")
TITLE_SUFFIX_LINE_RE = re.compile(r"^[(（](?:试行|暂行|征求意见稿|修订|(?:19|20)\d{2}\s*[-—–―至]\s*(?:19|20)\d{2}年?)[)）]"
                                  rf"(?:的{TITLE_END})?$")
# the plan a notice publishes: 关于印发《X》的通知, 印发X的通知, 关于《X》的公示
PUBLISHED_PLAN_RE = re.compile(
    rf"(?:关于)?(?:印发|转发|下达|公布)?《([^》]{{4,80}}?)[》)）]的{TITLE_END}$|(?:关于)?印发([^《》]{{4,80}}?)的通知$"
)
PLAN_IN_TEXT_RE = re.compile(r"(?:现将|我市印发|我省印发|印发)《([^》]{4,80})》|^《([^》]{4,80})》(?:已经|经)")
ATTACHMENT_RE = re.compile(r"^附件\s*\d*\s*[:：]?$")
ADDRESSEE_RE = re.compile(r"[:：]$")
SENTENCE_RE = re.compile(r"[，,。；;]")
# "全国碳市场", "全国碳排放权交易": a national market or system a local notice works in, not its region
NATIONAL_THING_RE = re.compile(r"全国(?=碳市场|碳排放权|统一|温室气体自愿减排|碳排放交易)")
# a plan whose own head names no region but whose notes hand its tasks to central bodies is national
RESPONSIBILITY_NOTE_RE = re.compile(r"[(（]([^()（）]{4,200}?(?:按职责分工负责|牵头|负责))[)）]")
CENTRAL_BODY_RE = re.compile(r"[\u4e00-\u9fff]{2,8}(?:总局|总署)|人民银行|银保监会|证监会|中央[\u4e00-\u9fff]{2,8}")
CENTRAL_ASSIGNMENTS = 3
CENTRAL_ISSUER_RE = re.compile(r"^(?:国务院|中共中央|全国|国家[\u4e00-\u9fff]{2,}|中华人民共和国[\u4e00-\u9fff]+|[\u4e00-\u9fff]{2,8}部(?:令)?$)")
PROVINCIAL_NUMBER_RE = re.compile(r"^([\u4e00-\u9fff])(?:政|发改|经信|工信|环|财|建|科|能源|府)")


@lru_cache(maxsize=1)
def province_abbreviations() -> dict[str, str]:
    text = resources.files("ingest").joinpath("data/province_abbreviations.txt").read_text(encoding="utf-8-sig")
    table = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 2 or len(fields[0]) != 1:
            raise ValueError(f"ingest/data/province_abbreviations.txt:{number}: expected 'X<TAB>province', got {line!r}")
        table[fields[0]] = fields[1].strip()
    return table


def extract_metadata(doc_id: str, text: str, gazetteer: Gazetteer, source: str = "", sha256: str = "") -> DocumentMeta:
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    head = lines[:HEAD_LINES]
    evidence: dict[str, str] = {}
    number = find_doc_number(head, evidence)
    title, notice_title = find_title(head, evidence, gazetteer)
    issuers = find_issuers(head, lines, title, notice_title, evidence)
    date = find_date(lines, evidence)
    region, parent = find_region(title, notice_title, issuers, number, lines, gazetteer, evidence)
    scope = read_scope(region, parent, evidence["region"], title, notice_title, issuers, lines, gazetteer)
    if scope and scope[0].certainty != UNSURE and (scope[0].region, scope[0].parent) != (region, parent):
        region, parent = scope[0].region, scope[0].parent
        evidence["region"] = scope[0].evidence
    evidence["scope"] = "；".join(f"{e.region}（{CERTAINTY_WORDS[e.certainty]}）：{e.evidence}" for e in scope) or "正文没有写明任何地区"
    start, end = title_period(title or notice_title)
    issued_line = evidence["date"].split("：", 1)[-1] if date else ""
    return DocumentMeta(
        doc_id=doc_id,
        title=title,
        issuer="、".join(issuers),
        doc_number=number,
        date=date,
        region=region,
        parent_region=parent,
        period_start=start,
        period_end=end,
        source=source,
        sha256=sha256,
        notice_title=notice_title,
        evidence=evidence,
        scope=scope,
        dates=tuple(read_document_dates(text, date, issued_line, title)),
    )


def find_doc_number(head: list[str], evidence: dict) -> str:
    for i, line in enumerate(head):
        match = DOC_NUMBER_LINE_RE.match(line) or DOC_NUMBER_LEAD_RE.match(line)
        if match:
            evidence["doc_number"] = f"第{i + 1}行：{line}"
            return match.group(1)
        order = ORDER_NUMBER_RE.match(line)
        if order and i > 0 and head[i - 1].endswith("令"):
            evidence["doc_number"] = f"第{i}–{i + 1}行：{head[i - 1]} {line}"
            return head[i - 1] + order.group(1)
    evidence["doc_number"] = "文件头没有本文件的文号（正文引用的文号不算）"
    return ""


def _is_title_line(line: str) -> bool:
    return not (DOC_NUMBER_LINE_RE.match(line) or ORDER_NUMBER_RE.match(line) or ATTACHMENT_RE.match(line)
                or DATE_LINE_RE.match(line) or ADDRESSEE_RE.search(line) or STAMP_RE.match(line)
                or ORG_LINE_RE.match(line) or len(line) > 90)


def _title_candidates(head: list[str]):
    """(line number, title) for runs of up to three short lines that together end like a title."""
    for i, line in enumerate(head):
        if not _is_title_line(line) or (SENTENCE_RE.search(line) and len(line) > 40):
            continue
        joined = line
        for j in range(i, min(i + 3, len(head))):
            if j > i:
                nxt = head[j]
                if not _is_title_line(nxt) or len(nxt) > 40 or (SENTENCE_RE.search(nxt) and not TITLE_END_RE.search(nxt)):
                    break
                joined += nxt
            if TITLE_END_RE.search(joined):
                after = head[j + 1] if j + 1 < len(head) else ""
                if TITLE_SUFFIX_LINE_RE.match(after) or NOTICE_END_LINE_RE.match(after):
                    joined += after
                yield i, joined
                break


def find_title(head: list[str], evidence: dict, gazetteer: Gazetteer | None = None) -> tuple[str, str]:
    """(title, notice title). The plan a notice publishes is the title; the notice keeps its own."""
    for i, candidate in _title_candidates(head):
        if ADDRESSEE_RE.search(candidate):
            continue
        if candidate.startswith("签发人") and gazetteer is not None:
            # "签发人:杨小菁上海市青浦区人民政府关于…": the signer's name ran into the title
            named = gazetteer.find(candidate)
            candidate = candidate[candidate.find(named[0]):] if named else candidate
        published = PUBLISHED_PLAN_RE.search(candidate)
        if published:
            plan = (published.group(1) or published.group(2)).strip()
            evidence["title"] = f"第{i + 1}行的通知标题所印发的文件：{candidate}"
            return plan, candidate
        evidence["title"] = f"第{i + 1}行：{candidate}"
        return candidate, ""
    for i, line in enumerate(head):
        plan = PLAN_IN_TEXT_RE.search(line)
        if plan:
            evidence["title"] = f"第{i + 1}行正文所称的文件：{line[:60]}"
            return (plan.group(1) or plan.group(2)).strip(), ""
    evidence["title"] = "未找到标题"
    return "", ""


def _orgs(line: str) -> list[str]:
    line = re.sub(r"文件$", "", line.replace("、", "").replace(" ", ""))
    return ORG_RE.findall(line)


def _heading_orgs(head: list[str]) -> list[str]:
    """Bodies printed above the title: the 文件 banner and any co-issuers stacked beside it."""
    block: list[str] = []
    for line in head:
        if ORG_LINE_RE.match(line) and not STAMP_RE.match(line):
            block.append(line)
            continue
        if block and (any(b.endswith("文件") for b in block) or re.match(rf"^(?:{ORG})+?(?:关于|印发)", line)):
            return [o for b in block for o in _orgs(b)]
        block = []
    return []


def find_issuers(head: list[str], lines: list[str], title: str, notice_title: str, evidence: dict) -> list[str]:
    """Issuing bodies: the 文件 banner or the title's own issuer, else the signature above the date."""
    banner = _heading_orgs(head)
    order = next((h[:-1] for h in head if h.endswith("令") and ORG_LINE_RE.match(h[:-1])), None)
    if order:
        banner = banner or [order]
    heading = notice_title or title
    lead = re.match(rf"^((?:{ORG})+?)(?:等[\d一二三四五六七八九十]+部门)?(?:关于|印发|转发)", heading)
    from_title = _orgs(lead.group(1)) if lead else []
    if banner and from_title and from_title[0] not in banner and _is_full_name(from_title[0]):
        banner = banner + from_title  # 安徽省发展改革委… stacked above "安徽省能源局关于…"
    signature = _signature(lines) or _imprint(lines)
    joint = heading[lead.end(1):lead.end()] if lead else ""
    if "等" in joint and from_title and from_title[0] in signature:
        # "河北省发展和改革委员会等四部门印发…": the 落款 names all four
        evidence["issuer"] = f"落款（标题：{from_title[0]}{joint.split('部门')[0]}部门）：{'、'.join(signature)}"
        return list(dict.fromkeys(signature))
    for source, found in (("文件头", banner), ("标题", from_title), ("落款", signature)):
        if found and any(_is_full_name(o) for o in found):
            evidence["issuer"] = f"{source}：{'、'.join(found)}"
            return list(dict.fromkeys(found))
    for source, found in (("标题", from_title), ("文件头", banner), ("落款", signature)):
        if found:
            evidence["issuer"] = f"{source}（简称）：{'、'.join(found)}"
            return list(dict.fromkeys(found))
    evidence["issuer"] = "未找到发文机关"
    return []


def _is_full_name(org: str) -> bool:
    """A name that says where it is (上海市发展和改革委员会, 国务院), not a relative one (市发展改革委)."""
    return not re.match(r"^(?:省|市|区|县|本市|本区)", org)


# a joint notice of fifteen ministries signs on fifteen lines, one body a line
SIGNATURE_LINES = 20


def _signature(lines: list[str]) -> list[str]:
    """The bodies named on the lines just above the first date line (the 落款), else above a 发布日期 field."""
    dated = [i for i, line in enumerate(lines[:80]) if DATE_LINE_RE.match(line)]
    published = [i for i, line in enumerate(lines[:80]) if PUBLISHED_RE.search(line)]
    found: list[str] = []
    for i in dated[:1] or published[:1]:
        for above in reversed(lines[max(0, i - SIGNATURE_LINES):i]):
            if STAMP_RE.match(above):
                continue
            if not ORG_LINE_RE.match(above):
                break
            found = _orgs(above) + found
    return found


IMPRINT_RE = re.compile(rf"^((?:{ORG})+?)(?:19|20)\d{{2}}年\d{{1,2}}月\d{{1,2}}日印发$")


def _imprint(lines: list[str]) -> list[str]:
    """The body named in the 版记 at the end ("繁昌区人民政府办公室 2022年3月9日印发")."""
    for line in reversed(lines[-15:]):
        match = IMPRINT_RE.match(re.sub(r"\s+", "", line))
        if match:
            return _orgs(match.group(1))
    return []


def find_date(lines: list[str], evidence: dict) -> str:
    """The date of issue: the first date standing on its own line (the 落款), else a 发布日期 field. A web
    page's 发布日期 is when it was put online; the 落款 of the notice under it, near the top, is the date
    the document itself gives."""
    for i, line in enumerate(lines[:HEAD_LINES]):
        match = PUBLISHED_RE.search(line)
        if match:
            signed = next(((j, m) for j, below in enumerate(lines[i + 1:HEAD_LINES], i + 1)
                           if (m := DATE_LINE_RE.match(below))), None)
            if signed:
                evidence["date"] = f"第{signed[0] + 1}行（落款）：{lines[signed[0]]}"
                return _iso(signed[1])
            evidence["date"] = f"第{i + 1}行：{line[:40]}"
            return _iso(match)
    for i, line in enumerate(lines):
        match = DATE_LINE_RE.match(line)
        if match:
            evidence["date"] = f"第{i + 1}行（落款）：{line}"
            return _iso(match)
    evidence["date"] = "未找到落款日期"
    return ""


def _iso(match: re.Match) -> str:
    year, month, day = (int(g) for g in match.groups()[:3])
    return f"{year:04d}-{month:02d}-{day:02d}"


def find_region(title: str, notice_title: str, issuers: list[str], number: str, lines: list[str],
                gazetteer: Gazetteer, evidence: dict) -> tuple[str, str]:
    """(region, parent): a zone or division named in the title or issuer, the 文号's province, or 全国."""
    heading = notice_title or title
    central = any(CENTRAL_ISSUER_RE.match(o) for o in issuers) or bool(CENTRAL_ISSUER_RE.match(heading or "-"))
    sources = [("标题", title), ("通知标题", notice_title)] + ([] if central else [("发文机关", "".join(issuers))])
    for source, text in sources:
        text = NATIONAL_THING_RE.sub("", text or "")
        zone = zone_in(text, gazetteer) if text else None
        if zone:
            evidence["region"] = f"{source}中的开发区/新区：{zone[0]}"
            return zone
        named = gazetteer.find(text) if text else []
        if named:
            region = gazetteer.most_specific(named)
            hint = next((n for n in named if n != region), "") or _context_parent(region, lines, gazetteer)
            evidence["region"] = f"{source}：{text[:40]}"
            return region, gazetteer.parent(region, hint)
    abbreviation = PROVINCIAL_NUMBER_RE.match(number) if number else None
    if abbreviation and abbreviation.group(1) in province_abbreviations():
        province = province_abbreviations()[abbreviation.group(1)]
        evidence["region"] = f"文号{number}的省级简称“{abbreviation.group(1)}”"
        return province, ""
    if central:
        evidence["region"] = f"中央部门发文：{'、'.join(issuers) or heading}"
        return NATIONAL, ""
    assigned = _central_assignments(lines)
    if len(assigned) >= CENTRAL_ASSIGNMENTS:
        # no head, but its tasks go to ministries: "(国家发展改革委、工业和信息化部…按职责分工负责)"
        evidence["region"] = f"正文的分工由中央部门负责：{assigned[0][:40]}"
        return NATIONAL, ""
    evidence["region"] = "标题和发文机关未写明地区"
    return "", ""


def _central_assignments(lines: list[str]) -> list[str]:
    """The responsibility notes of a body whose units are all central bodies (a ministry's plan)."""
    notes = []
    for line in lines:
        for note in RESPONSIBILITY_NOTE_RE.findall(line):
            units = [u for u in re.split(r"[、,，;；]", re.sub(r"等?(?:按职责分工负责|牵头|负责).*$", "", note)) if u]
            if units and all(CENTRAL_ISSUER_RE.match(u) or CENTRAL_BODY_RE.fullmatch(u) for u in units):
                notes.append(note)
    return notes


def _context_parent(region: str, lines: list[str], gazetteer: Gazetteer) -> str:
    """For a name several divisions share (通州区), the parent the document itself names most."""
    if region not in gazetteer.homonyms:
        return ""
    body = "".join(lines[:60])
    parents = [r.parent for r in gazetteer.homonyms[region]]
    counts = {p: sum(body.count(f) for f in (p, *gazetteer.short_forms(p))) for p in parents}
    best = max(counts, key=counts.get)
    return best if counts[best] else ""
