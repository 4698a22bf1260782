"""Numbers, units and dates as they are written in policy files."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.lexicon import comparator_meaning, comparator_words, unit_names, units

# Longest first so that 万吨标准煤 wins over 万吨 and 吨 (ingest/data/lexicon/units.txt).
UNITS = unit_names()
# units that follow a number written in Chinese numerals ("五年", "七个工作日", "五万元")
CHINESE_NUMBER_UNITS = tuple(u for u in UNITS if units()[u].after_chinese_numerals)
CHINESE_DIGITS = "一二三四五六七八九十两"
NUMBER = r"(?<![\d.])\d+(?:\.\d+)?(?:[-~—–至]\d+(?:\.\d+)?)?"
COMPARATOR_AFTER = rf"(?:{'|'.join(map(re.escape, comparator_words('after')))})?"
# a tag pasted between a number and its unit ("<b>12</b>万千瓦") does not part them
TAGS_BETWEEN = r"(?:</?[A-Za-z][^<>\n]{0,40}>)*"
MENTION_RE = re.compile(rf"({NUMBER}){TAGS_BETWEEN} ?(万|亿)? ?({'|'.join(map(re.escape, UNITS))})?({COMPARATOR_AFTER})")
CHINESE_MENTION_RE = re.compile(
    # a number in words starts with a digit ("五千吨", "十五个"): "千家万户" and "百千万" count nothing
    rf"(?<![{CHINESE_DIGITS}百千第统唯同之逐])([{CHINESE_DIGITS}][{CHINESE_DIGITS}百千]{{0,4}})(万|亿)?"
    rf"({'|'.join(CHINESE_NUMBER_UNITS)})({COMPARATOR_AFTER})"
)
# water and air quality classes are written in Roman numerals: "Ⅲ类" (NFKC: "III类")
ROMAN_CLASS_RE = re.compile(r"(?<![A-Za-z])((?:IV|V|I{1,3})(?:-(?:IV|V|I{1,3}))?)\s*(类|级)")
RATIO_RE = re.compile(r"(?<![\d.:])(\d+(?:\.\d+)?)[:：](\d+(?:\.\d+)?)(?![\d.])")
# a day of the year without the year: "每年3月31日前", "6月底前"
MONTH_DAY_RE = re.compile(r"(?<![\d年])(?:每年)?(\d{1,2})\s*月\s*(?:(\d{1,2})\s*日|(底|末|中旬|上旬|下旬))(前|以前|之前)?")
DATE_RE = re.compile(
    r"(?:(?:到|至|截至|截止|于)\s*)?((?:19|20)\d{2})\s*年(?:\s*(\d{1,2})\s*月)?(?:\s*(\d{1,2})\s*日)?(底|末|年底|上半年|下半年)?(前|以前|之前)?"
)
YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})(?=\s*年|[-—–~]|\s*$)")


CHINESE_DIGIT_VALUES = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}
CHINESE_PLACES = {"十": 10, "百": 100, "千": 1000}


def number_value(number: str) -> float | None:
    """A mention's number as a value: "12.5" -> 12.5, "一" -> 1, "十五" -> 15, "五千" -> 5000; None when unread."""
    try:
        return float(number)
    except ValueError:
        pass
    if not number or any(c not in CHINESE_DIGIT_VALUES and c not in CHINESE_PLACES for c in number):
        return None
    total, digit = 0, None
    for char in number:
        if char in CHINESE_PLACES:
            total += (1 if digit is None else digit) * CHINESE_PLACES[char]
            digit = None
        elif digit is not None:
            return None  # "一二" is no number
        else:
            digit = CHINESE_DIGIT_VALUES[char]
    return float(total + (digit or 0))


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    number: str
    unit: str
    comparator: str
    is_date: bool = False


def find_dates(text: str) -> list[Mention]:
    out = []
    for m in DATE_RE.finditer(text):
        out.append(Mention(m.start(), m.end(), m.group(0), m.group(1), "年", m.group(5) or "", True))
    for m in MONTH_DAY_RE.finditer(text):
        if not any(d.start <= m.start() < d.end for d in out):
            out.append(Mention(m.start(), m.end(), m.group(0), m.group(1), "月", m.group(4) or "", True))
    return sorted(out, key=lambda d: d.start)


# markup pasted into a document ("<script>alert(1)</script>", "<td width=30>") is text to show, never
# a figure to state
MARKUP_RE = re.compile(r"<(script|style)\b[^<>]*>.*?</\1\s*>|</?[A-Za-z][^<>\n]{0,200}>", re.IGNORECASE | re.DOTALL)
# what a cut leaves of markup in a phrase: a script opened and not closed ("77家<script>alert"), or a
# tag cut in half at the end ("77家<scr")
OPEN_SCRIPT_RE = re.compile(r"<(?:script|style)\b[^<>]*>.*$", re.IGNORECASE | re.DOTALL)
HALF_TAG_RE = re.compile(r"</?[A-Za-z][^<>\n]{0,200}$")
SCRIPT_RE = re.compile(r"<(script|style)\b[^<>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)


def strip_markup(text: str) -> str:
    """``text`` without markup, for a line that states a figure (a quote keeps the markup as printed):
    whole scripts first, then a script the phrase cut open, then the tags left."""
    text = OPEN_SCRIPT_RE.sub("", SCRIPT_RE.sub("", text))
    return HALF_TAG_RE.sub("", MARKUP_RE.sub("", text))


def find_quantities(text: str) -> list[Mention]:
    """Quantities with their unit; years, dates, list numbers, section numbers and anything inside
    markup are left out."""
    dates = find_dates(text)
    taken = [False] * len(text)
    for m in MARKUP_RE.finditer(text):
        for i in range(m.start(), m.end()):
            taken[i] = True
    for d in dates:
        year_end = d.start + d.text.find("年") if "年" in d.text else d.end
        for i in range(d.start, max(year_end, d.start)):
            taken[i] = True
    out = []
    for m in RATIO_RE.finditer(text):
        for i in range(m.start(), m.end()):
            taken[i] = True
        out.append(Mention(m.start(), m.end(), m.group(0), m.group(0), "比", ""))
    for m in MENTION_RE.finditer(text):
        start, end = m.span()
        if any(taken[start:m.end(1)]):
            continue
        number, scale, unit, comparator = m.group(1), m.group(2) or "", m.group(3) or "", m.group(4) or ""
        after = text[end:end + 1]
        if not unit and not scale and after and after in "年月日号":
            continue
        if not unit and not scale and after in (".", "、") and start == 0:
            continue  # "1." heading or list number
        if re.fullmatch(r"(19|20)\d{2}", number) and unit in ("", "年", "日"):
            continue
        if unit in ("日", "月") and after and after in "前底":
            continue  # part of a date
        out.append(Mention(start, end, text[start:end], number, scale + unit, comparator))
    for m in ROMAN_CLASS_RE.finditer(text):
        if not any(taken[m.start():m.end()]):
            out.append(Mention(m.start(), m.end(), m.group(0), m.group(1), m.group(2), ""))
    for m in CHINESE_MENTION_RE.finditer(text):
        if not any(taken[m.start():m.end()]) and not any(o.start <= m.start() < o.end for o in out):
            out.append(Mention(m.start(), m.end(), m.group(0), m.group(1), (m.group(2) or "") + m.group(3), m.group(4) or ""))
    return merge_ranges(text, sorted(out, key=lambda q: q.start))


RANGE_JOIN_RE = re.compile(r"^(?:至|到|~|-|—|–)?$")


def merge_ranges(text: str, mentions: list[Mention]) -> list[Mention]:
    """"一万元以上三万元以下", "10万元至50万元": one figure, a range, not two."""
    out: list[Mention] = []
    for mention in mentions:
        last = out[-1] if out else None
        if last is not None and last.unit == mention.unit and RANGE_JOIN_RE.match(text[last.end:mention.start]) and (
                (comparator_meaning(last.comparator) == "at-least" and comparator_meaning(mention.comparator) == "at-most") or text[last.end:mention.start]):
            out[-1] = Mention(last.start, mention.end, text[last.start:mention.end], last.number, mention.unit,
                              mention.comparator)
            continue
        out.append(mention)
    return out


BOUNDARY_RE = re.compile(r"[,，;；。:：、()（）\t]")
CONJUNCTION_RE = re.compile(r"[和及或与]")


def figure_window(text: str, mention: Mention, mentions: list[Mention]) -> tuple[int, int]:
    """Start of the words before a figure and end of the words after it.

    Both stop at punctuation, at 和/及/或/与 and at the neighbouring figures, so in
    "创建50家绿色工厂,3家绿色供应链和3家绿色园区" each figure keeps only its own noun.
    """
    left = mention.start
    while left > 0 and not BOUNDARY_RE.match(text[left - 1]) and not CONJUNCTION_RE.match(text[left - 1]):
        left -= 1
    for other in mentions:
        if left < other.end <= mention.start:
            left = other.end
    right = mention.end
    # "65蒸吨/小时及以上燃煤锅炉": 及以上 belongs to the figure, and the thing after it is what it is said of
    while right < len(text) and not BOUNDARY_RE.match(text[right]) and not (
            CONJUNCTION_RE.match(text[right]) and not text.startswith(("及以上", "及以下"), right)):
        right += 1
    for other in mentions:
        if mention.end <= other.start < right:
            right = other.start
    return left, right


def years_in(text: str) -> list[int]:
    return [int(y) for y in YEAR_RE.findall(text)]


@dataclass(frozen=True)
class UnitTypo:
    start: int  # where the number begins
    end: int  # where the misspelt unit ends
    number: str
    wrong: str  # "万千万"
    right: str  # "万千瓦"


NUMBER_BEFORE_WORD_RE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(?=[\u4e00-\u9fff%])")


def find_unit_typos(text: str) -> tuple[list[UnitTypo], int]:
    """Units one character off a real one ("30万千万" for 万千瓦), and how many numbers carry a known unit.

    Only units of three or more characters are matched: one wrong character in a two-character unit
    is too weak a sign.
    """
    typos, known_units = [], 0
    for match in NUMBER_BEFORE_WORD_RE.finditer(text):
        pos = match.end()
        rest = text[pos:pos + 5]
        if re.match(r"[年月日号]", rest):
            continue
        bare = re.sub(r"^[万亿]", "", rest)
        if any(rest.startswith(u) or bare.startswith(u) for u in UNITS) or re.match(r"[万亿](余|多|左右)", rest):
            known_units += 1
            continue
        for unit in UNITS:
            if len(unit) < 3:
                continue
            candidate = rest[:len(unit)]
            if (len(candidate) == len(unit) and candidate[:-1] == unit[:-1] and candidate != unit
                    and re.fullmatch(r"[\u4e00-\u9fff]+", candidate)):
                typos.append(UnitTypo(match.start(), pos + len(candidate), match.group(0), candidate, unit))
                break
    return typos, known_units


def correct_unit_typos(text: str) -> str:
    """The text with each misspelt unit corrected and the original shown: "30万千瓦（原文写作“30万千万”）"."""
    typos, _ = find_unit_typos(text)
    for typo in reversed(typos):
        original = text[typo.start:typo.end]
        text = f"{text[:typo.start]}{typo.number}{typo.right}（原文写作“{original}”）{text[typo.end:]}"
    return text
