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


def named_members(text: str, members: tuple[tuple[str, ...], ...]) -> set[int]:
    """The members ``text`` names on their own: "海上风电" names 海上风电, not also 风电 inside it."""
    spans: list[tuple[int, int, int]] = []  # (start, end, member)
    for i, forms in enumerate(members):
        for form in forms:
            start = text.find(form)
            while start >= 0:
                spans.append((start, start + len(form), i))
                start = text.find(form, start + 1)
    return {i for start, end, i in spans
            if not any(s <= start and end <= e and (e - s) > (end - start) and j != i for s, e, j in spans)}


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
    国家清洁能源产业高地行动方案》…光伏装机" asks about 光伏, not 清洁能源)."""
    in_title = things_named(title)
    asked = {name: found - in_title.get(name, set()) for name, found in things_named(question).items()}
    return {name: found for name, found in asked.items() if found}


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
COUNTED_RE = re.compile(r"多少(?:个|家|项|座|所|台|辆|条|处|户|栋)([\u4e00-\u9fff]{2,8}?)(?=[？?，,。]|$|要|需|达到|完成|被|获得)")


def counts_another_thing(question: str, clause: str, figure: str) -> bool:
    """"多少个零碳园区" against "…,创建绿色工厂77家,…": the segment holding the count and the one before
    it ("…的企业,共178家") share no two characters with the thing counted."""
    asked = COUNTED_RE.search(question)
    at = clause.find(figure)
    if asked is None or at < 0:
        return False
    own = max(clause.rfind(c, 0, at) for c in ",，;；。、")
    start = max(clause.rfind(c, 0, max(own, 0)) for c in ",，;；。、") + 1 if own > 0 else 0
    ends = [i for i in (clause.find(c, at + len(figure)) for c in ",，;；。") if i >= 0]
    segment = clause[start:min(ends, default=len(clause))]
    thing = asked.group(1)
    return not any(thing[i:i + 2] in segment for i in range(len(thing) - 1))
