"""Numbers, units and dates as they are written in policy files."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Longest first so that 万吨标准煤 wins over 万吨 and 吨.
UNITS = sorted(
    """万吨标准煤 吨标准煤 千克标准煤 万吨标煤 吨标煤 吨标准煤/万元 万千瓦 千瓦 兆瓦 亿千瓦时 万千瓦时 千瓦时
    万平方米 平方米 公顷 亩 万吨 吨 立方米 万元 亿元 元 家次 家 个 项 根 台 辆 座 所 幢 栋 户 人 次 场 批 种 条 块 套 批次
    个百分点 %""".split(),
    key=len, reverse=True,
)
NUMBER = r"(?<![\d.])\d+(?:\.\d+)?(?:[-~—–至]\d+(?:\.\d+)?)?"
COMPARATOR_AFTER = r"(?:以上|以下|以内|左右|余|多)?"
MENTION_RE = re.compile(rf"({NUMBER}) ?(万|亿)? ?({'|'.join(map(re.escape, UNITS))})?({COMPARATOR_AFTER})")
DATE_RE = re.compile(
    r"(?:(?:到|至|截至|截止|于)\s*)?((?:19|20)\d{2})\s*年(?:\s*(\d{1,2})\s*月)?(?:\s*(\d{1,2})\s*日)?(底|末|年底|上半年|下半年)?(前|以前|之前)?"
)
YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})(?=\s*年|[-—–~]|\s*$)")


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
    return out


def find_quantities(text: str) -> list[Mention]:
    """Quantities with their unit; years, dates, list numbers and section numbers are left out."""
    dates = find_dates(text)
    taken = [False] * len(text)
    for d in dates:
        year_end = d.start + d.text.find("年") if "年" in d.text else d.end
        for i in range(d.start, max(year_end, d.start)):
            taken[i] = True
    out = []
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
        if re.fullmatch(r"(19|20)\d{2}", number) and not unit:
            continue
        out.append(Mention(start, end, text[start:end], number, scale + unit, comparator))
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
    while right < len(text) and not BOUNDARY_RE.match(text[right]) and not CONJUNCTION_RE.match(text[right]):
        right += 1
    for other in mentions:
        if mention.end <= other.start < right:
            right = other.start
    return left, right


def years_in(text: str) -> list[int]:
    return [int(y) for y in YEAR_RE.findall(text)]
