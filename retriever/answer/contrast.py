"""Is a figure said of another thing than the one asked? ("水电装机达到4.1亿千瓦" asked about 核电装机.)

The things come in sets (ingest/data/lexicon/contrasts.txt): energy sources, equipment, star levels,
administrative levels... When the question names members of a set and the words around a figure name
members of the same set, but none of the question's, the figure is about something else: it is not
offered as an answer (ClauseScorer.candidate_mentions, the row reader in extract.py). Words around a
figure that name no member of a set decide nothing. A count is about another thing, too, when its
words share nothing with the thing a "多少个…" counts (counts_another_thing, a gate in Answerer._answers).
"""

from __future__ import annotations

import re

from ingest.lexicon import contrasts
from ingest.regions import is_ordinary_word
from retriever.answer.matching import canonical
from retriever.answer.question import TITLE_RUN_CHARS, common_runs


def named_members(text: str, members: tuple[tuple[str, ...], ...]) -> set[int]:
    """The members ``text`` names on their own: "海上风电" names 海上风电, not also 风电 inside it."""
    return {i for _, _, i in member_spans(text, members)}


def member_spans(text: str, members: tuple[tuple[str, ...], ...]) -> list[tuple[int, int, int]]:
    """(start, end, member) of each member ``text`` names on its own."""
    spans: list[tuple[int, int, int]] = []
    for i, forms in enumerate(members):
        for form in forms:
            start = text.find(form)
            while start >= 0:
                spans.append((start, start + len(form), i))
                start = text.find(form, start + 1)
    forms = {form for member in members for form in member}
    return [(start, end, i) for start, end, i in spans
            if not any(s <= start and end <= e and (e - s) > (end - start) and j != i for s, e, j in spans)
            # "电机" in "发电机组": the character before makes a word of its own with it
            and not (start > 0 and text[start - 1:end] not in forms and is_ordinary_word(text[start - 1:end]))]


def things_named(text: str) -> dict[str, set[int]]:
    """set -> the members ``text`` names on their own, for every set it names one of."""
    named = {name: named_members(text, found.members) for name, found in contrasts().items()}
    return {name: found for name, found in named.items() if found}


def subject_words(text: str) -> str:
    """``text`` less the words that only say what is done to a figure ("力争下降" -> "力争")."""
    for found in contrasts().values():
        if found.role == "verb":
            for form in sorted((f for member in found.members for f in member), key=len, reverse=True):
                text = text.replace(form, "")
    return text


def asked_things(question: str, title: str) -> dict[str, set[int]]:
    """The things a question asks about, less those it names only in naming the document ("《青海打造
    国家清洁能源产业高地行动方案》…光伏装机" asks about 光伏, not 清洁能源); a thing the title holds too is
    still asked when the question names it on its own ("青海省清洁能源总装机")."""
    runs = [(at, at + len(run)) for run in common_runs(question, title, TITLE_RUN_CHARS)
            for at in (question.find(run),)]
    asked: dict[str, set[int]] = {}
    for name, found in contrasts().items():
        for start, end, i in member_spans(question, found.members):
            if not any(s <= start and end <= e for s, e in runs):
                asked.setdefault(name, set()).add(i)
    return asked


def about_another(asked: dict[str, set[int]], window: str) -> bool:
    """Are the words around a figure (``window``) about another thing than the question asks? They are
    when, in some set, they name only other members ("水电装机" for 核电装机), or a thing of a set the
    question names nothing of ("非化石能源占比达到20%" asked about 二氧化碳排放)."""
    said = things_named(window)
    if not asked or not said:
        return False
    sets = contrasts()
    return any(not asked.get(name, set()) & found and (name in asked or sets[name].role == "thing")
               for name, found in said.items())


def lacks_asked_thing(asked: dict[str, set[int]], context: str) -> bool:
    """Does ``context`` (a clause with its heading and lead-in) name none of the things asked in a set
    of things? A clause that never says 锅炉 does not answer how many 锅炉."""
    sets = contrasts()
    return any(sets[name].role == "thing" and not any(form in context for i in found for form in sets[name].members[i])
               for name, found in asked.items())


# "多少个零碳园区", "多少家绿色工厂": the thing a count counts
COUNTED_RE = re.compile(r"(?:多少|几)(?:个|家|项|座|所|台|辆|条|处|户|栋)([\u4e00-\u9fff]{2,12}?)(?=[？?，,。]|$|要|需|达到|完成|被|获得)")


# "数据中心企业有多少家", "钢铁行业重点排放单位有几家": the thing counted named before the count
COUNTED_BEFORE_RE = re.compile(r"((?:(?![的是要为])[\u4e00-\u9fff]){2,10}?)(?:有|共有|共计|共|(?:要|需|将|计划)?[建达增扩发]?[到至成])?(?:多少|几)(?:个|家|项|座|所|台|辆|条|处|户|栋)(?=[？?，,。]|$)")
# words that make a group wider than any one kind in it: "其他行业8家", "各行业"
WIDER_GROUP = r"(?:其他|其它|各类|各|所有|全部)"


def counts_another_thing(question: str, clause: str, figure: str) -> bool:
    """"多少个零碳园区" against "…,创建绿色工厂77家,…": the segment holding the count and the one before
    it ("…的企业,共178家") share no two characters with the thing counted. A count of a list the thing
    is one of ("500余家石化、化工、钢铁…等行业重点排放单位" asked 钢铁's), or of a wider group ("其他行业
    8家" asked 水泥行业's), counts something else too."""
    asked = COUNTED_RE.search(question) or COUNTED_BEFORE_RE.search(question)
    at = clause.find(figure)
    if asked is None or at < 0:
        return False
    own = max(clause.rfind(c, 0, at) for c in ",，;；。、")
    start = max(clause.rfind(c, 0, max(own, 0)) for c in ",，;；。、") + 1 if own > 0 else 0
    ends = [i for i in (clause.find(c, at + len(figure)) for c in ",，;；。") if i >= 0]
    segment = clause[start:min(ends, default=len(clause))]
    thing = asked.group(1)
    among = thing.rpartition("中")[2]  # "报告单位中水泥行业": among the units, the 水泥行业 ones
    thing = among if len(among) >= 4 else thing
    if not any(thing[i:i + 2] in segment for i in range(len(thing) - 1)):
        return True
    lead = re.escape(thing[:2])
    # a joint list ends in 等 ("石化、化工、钢铁…等行业"); "绿色产品26个、绿色设计示范企业3家" counts each on its own
    one_of_a_list = "、" not in question and re.search(rf"(?:、{lead}|{lead}[\u4e00-\u9fff]{{0,2}}、)[^\d，,。；;]*等", segment)
    wider = thing[:2] not in segment and len(thing) >= 4 and re.search(WIDER_GROUP + re.escape(thing[2:4]), segment)
    return bool(one_of_a_list or wider)


# words that ask, join or count rather than qualify: "多少奖励", "的锅炉" and "所有机构" name no kind of thing
NOT_QUALIFYING_RE = re.compile(r"多少|几|哪|什么|谁|何|怎|如何|是否|要求|目标|的|和|及|与|或|年|月|日|期间|全省|全市|全国|各|所有|全部|其他|相关|有关")
# parts of speech (jieba's tags) of a word that can name a kind of thing: nouns, distinguishing words
# (国家级, 在线), abbreviations, set phrases (民用建筑) and the domain dictionary's words ("x"); not a
# verbal noun ("分配|配额" is a quota handed out, not a kind of quota)
NAMING_TAGS = ("n", "b", "j", "l", "x")
PLACE_TAG = "ns"
# a thing asked about starts with a content word, not with a conjunction, preposition, number or particle
NOT_A_HEAD_TAGS = ("c", "p", "m", "u", "q")

Tagged = list[tuple[str, str]]


def _qualifier(word: str, tag: str) -> bool:
    return (len(word) >= 2 and tag.startswith(NAMING_TAGS) and all("\u4e00" <= c <= "\u9fff" for c in word)
            and not NOT_QUALIFYING_RE.search(word))


def swaps_a_qualifier(asked: Tagged, own: Tagged, context: str, naming: str = "") -> bool:
    """"燃油锅炉" against "燃煤锅炉", "农药减量增效示范县" against "化肥减量增效示范县": the clause names what
    the question asks about (锅炉) only after other words that name a kind of it (燃煤) or after words of
    the question itself ("新建|建筑" beside "绿色|建筑"), and the question's own (燃油) is nowhere near the
    clause. The figure is then
    about a sibling of the thing asked. ``asked`` and ``own`` are the question's and the clause's words
    with their parts of speech (a long word such as 燃油锅炉 is its qualifier and its head); ``context``
    is the clause with its heading, header and lead-in (a header's "锅炉/机组类型" names the kind, not a
    sibling); words that name the document (``naming``: its title and issuers) qualify nothing."""
    question, text = "".join(w for w, _ in asked), "".join(w for w, _ in own)
    said = canonical(context)  # "技改" asked is the context's "技术改造" (matching.py's synonyms)
    for start, end in _qualifier_spans(asked):
        qualifier = question[start:end]
        if (qualifier in context or canonical(qualifier) in said or qualifier in naming
                or _tag_at(asked, end).startswith(NOT_A_HEAD_TAGS)):
            continue
        # the longest run of the question after the qualifier that the clause names, ending in a noun
        # (锅炉, 示范县): "比例|匹配" qualifies no thing
        stops = (stop for stop in range(len(question), end + 1, -1) if question[end:stop] in text)
        stop = next(stops, None)
        if stop is None or not _tag_at(asked, stop - 1).startswith(NAMING_TAGS):
            continue
        head = question[end:stop]
        # the head after a word of the question ("新建|建筑") is the question's own context, not a sibling
        before = [word for word in (_word_before(own, at) for at in _occurrences(text, head))
                  if not (word[0] and word[0] in question)]
        # the place the document names itself by qualifies nothing on the clause's side either
        # ("2023年度河南省绿色制造名单" in 《…河南省绿色制造名单的公示》 asked 省级绿色制造名单)
        if before and all(_qualifier(*word) and not (word[1] == PLACE_TAG and word[0] in naming) for word in before):
            return True
    return False


def _qualifier_spans(words: Tagged) -> list[tuple[int, int]]:
    """Where a qualifying word may stand: each word, and the first part of a long one (燃油|锅炉)."""
    spans, at = [], 0
    for word, tag in words:
        if _qualifier(word, tag):
            spans += [(at, at + cut) for cut in range(2, len(word) - 1) if _qualifier(word[:cut], tag)]
            spans.append((at, at + len(word)))
        at += len(word)
    return spans


def _tag_at(words: Tagged, position: int) -> str:
    """The part of speech of the word at ``position`` (the rest of a split word is that word's)."""
    at = 0
    for word, tag in words:
        if at <= position < at + len(word):
            return tag
        at += len(word)
    return ""


def _word_before(words: Tagged, position: int) -> tuple[str, str]:
    """The word just before ``position``: the first part of a word the position splits (燃煤|锅炉), or
    the previous word."""
    at = 0
    for k, (word, tag) in enumerate(words):
        if at == position:
            return words[k - 1] if k else ("", "")
        if at < position < at + len(word):
            return word[:position - at], tag
        at += len(word)
    return "", ""


def _occurrences(text: str, part: str) -> list[int]:
    found, at = [], text.find(part)
    while at >= 0:
        found.append(at)
        at = text.find(part, at + 1)
    return found


# what a figure question asks of: "全年新建高标准农田的投资额是多少" asks the 投资额 of 全年新建高标准农田
OWNER_RE = re.compile(r"([\u4e00-\u9fff]{2,16})的[\u4e00-\u9fff]{1,8}?(?:是|要|为|需|将|可|达到)?(?:多少|几|多大|多高|多长)")
# words any owner may share with any clause: "电力行业企业" is not named by "…对企业生产的影响"
GENERIC_OWNER_GRAMS = {"企业", "单位", "项目", "行业", "工作", "建设", "全市", "全省", "全区"}
# words that only say when or how much, not whose
TIME_WORDS_RE = re.compile(r"全年|年度|年内|当年|期间|累计|目前|现在|今年|明年")


def owner_missing(question: str, context: str, naming: str = "") -> bool:
    """Does the clause (``context``: with its heading and lead-in) name nothing of what the question
    asks a figure of? "全年新建高标准农田的投资额是多少亿元" is not answered by "工业技改投资突破5000亿元":
    no word of 高标准农田 is there. Words that name the document (``naming``) or a time say nothing."""
    match = OWNER_RE.search(question)
    if match is None:
        return False
    owner = TIME_WORDS_RE.sub("", match.group(1))
    grams = {owner[i:i + 2] for i in range(len(owner) - 1)} - GENERIC_OWNER_GRAMS
    if 2 * sum(g in naming for g in grams) >= len(grams):
        return False  # "工业碳达峰扶持项目的…": the owner is what the document is about
    return not any(g in context for g in grams if g not in naming)

