"""One question that asks several things, cut into questions that each ask one.

"光伏装机容量2025年和2030年分别力争达到多少？" asks two years; "单位地区生产总值能耗和规上单位工业增加值
能耗分别下降多少？" two indicators; "…多长时间内完成？通过新建林业项目实现的又是多长时间？" two
questions, the second about the document the first is answered from. Each part is answered on its
own (Answerer.ask) and the answers joined: a pair is never answered by one side.
"""

from __future__ import annotations

import re

YEAR_PAIR_RE = re.compile(r"((?:19|20)\d{2}年(?:底|末)?)(?:和|、|及|与|以及)((?:19|20)\d{2}年(?:底|末)?)")
# "分别", "各自", and a 各 before what is asked of each ("…示范县各要建几个", "各是多少"), not "各市"/"各有关部门"
RESPECTIVE_RE = re.compile(r"分别|各自|各(?=要|需|是|为|达|占|规划|降|增|提高|下降|(?:有)?多少|(?:有)?几)")
ASK_WORD_RE = re.compile(r"多少|几|哪|什么|谁|何时|是否|多久|多长|多大|多高|怎么|怎样|如何")
# where the first item of "A和B分别" starts: after punctuation, a year, or the words that lead in a subject
ITEM_START_RE = re.compile(r"[，,、。；;：:“”\"]|(?:19|20)\d{2}年(?:底|末)?|提出|要求|规定|明确|确定|中的?|的|到|至")
# the words between a subject and what is asked of it: "…比例|超过多少", "…能耗|要下降多少"
TRAILING_VERB_RE = re.compile(r"(?:要|需|应|将|力争)?(?:超过|达到|达|提高到|提升到|降低到|下降|降低|控制在|不低于|不少于|不超过|是|为|有)?$")
MIN_ITEM_CHARS = 4  # "单位地区生产总值能耗": shorter items ("新增和剔除") share words a split would lose


def split_question(text: str, names_a_place=lambda item: False) -> list[str]:
    """The questions ``text`` asks, one each; [text] when it asks one thing. An "A和B分别" whose items
    name places stays whole: a pair of regions is the answerer's to split, each asked of its own."""
    parts = [p for p in re.split(r"(?<=[？?])\s*|；\s*(?=[^；]*(?:多少|几|哪|什么|谁))", text.strip()) if p.strip()]
    if len(parts) > 1 and all(ASK_WORD_RE.search(p) for p in parts):
        return parts
    return _pair(text, names_a_place)


def _pair(text: str, names_a_place) -> list[str]:
    if not RESPECTIVE_RE.search(text):
        return [text]
    years = YEAR_PAIR_RE.search(text)
    if years:
        drop = lambda t: RESPECTIVE_RE.sub("", t, count=1)  # noqa: E731 - "…2025年分别达到多少" asks one
        return [drop(text[:years.start()] + years.group(i) + text[years.end():]) for i in (1, 2)]
    respective = RESPECTIVE_RE.search(text)
    at = respective.start()
    head = text[:at]
    joint = max((m for m in re.finditer(r"和|与|及", head)), key=lambda m: m.start(), default=None)
    if joint is None:
        return [text]
    second = head[joint.end():]
    starts = [m.end() for m in ITEM_START_RE.finditer(head, 0, joint.start())]
    first_start = max(starts, default=0)
    first = head[first_start:joint.start()]
    # "新增和剔除的管控企业", "提出复核申请和作出复核决定的期限": what follows the last 的 is shared
    shared = second[second.rindex("的"):] if "的" in second else ""
    shared = "" if shared == "的" else shared  # "原有的和新纳入的各多少家": nothing named after the 的
    if ITEM_START_RE.search(second[:len(second) - len(shared)].replace("的", "")) or len(second) < MIN_ITEM_CHARS:
        return [text]
    if len(first) < MIN_ITEM_CHARS and not shared or names_a_place(first) or names_a_place(second):
        return [text]
    rest = text[respective.end():]
    return [head[:first_start] + first + shared + rest, head[:first_start] + second + rest]


COUNTED_AFTER_RE = re.compile(r"(?:多少|几)(?:个|家|项|座|所|台|辆|条|处|户|栋)([\u4e00-\u9fff]{2,12})[？?]?$")


def lead_in_of(question: str) -> str:
    """What a question is about, without what it asks: "上海公共机构绿色数据中心试点创建，到2023年要推进几个？"
    -> "上海公共机构绿色数据中心试点创建，"; "…工作领导小组的组长是谁？" -> "…工作领导小组的". A later part
    ("由哪个部门牵头负责？") is asked with it; "X这部部令是哪天公布的" is about X."""
    comma = max(question.rfind("，"), question.rfind(","))
    if comma > 0:
        return question[:comma + 1]
    pointed = re.search(r"这部|这份|这个|这项|该", question)  # "《…办法》这部部令是哪天公布的"
    if pointed and pointed.start() >= MIN_ITEM_CHARS:
        return question[:pointed.start()]
    ask = ASK_WORD_RE.search(question)
    of = question.rfind("的", 0, ask.start()) if ask else -1
    if of > 0:
        return question[:of + 1]
    # "…新创建多少家省级以上绿色工厂？" then "国家级的至少要几家？": what is counted follows the ask
    counted = COUNTED_AFTER_RE.search(question)
    if ask and counted and counted.start() == ask.start():
        return question[:ask.start()] + counted.group(1) + "，"
    # "…新增城市物流配送车辆新能源比例超过多少？" then "这项由哪个部门负责？": the subject before the ask
    subject = TRAILING_VERB_RE.sub("", question[:ask.start()]) if ask else ""
    return subject + "，" if len(subject) >= MIN_ITEM_CHARS else ""
