"""Follow-up questions resolved against the conversation, deterministically.

"那嘉兴市呢？" after "嘉定区到2025年要创建多少家绿色工厂？" becomes "嘉兴市要创建多少家绿色工厂？": the
previous question with its region (or year, or period) swapped for the new one; a year of the old
region's plan is dropped when only the region changes. "出处是哪一段？"
asks for the sources of the previous answer. Nothing is guessed beyond these rewrites.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.regions import Gazetteer
from retriever.answer.question import PERIODS, parse_question

SOURCE_RE = re.compile(r"出处|哪一段|哪段|原文|依据是|依据呢|来源|哪个文件|哪份文件|哪一条")
YEAR_PHRASE_RE = re.compile(r"(?:到|至|在)?(?:19|20)\d{2}\s*年(?:底|末)?(?:前)?")
FILLER_RE = re.compile(r"那么|那|呢|的|情况|怎么样|如何|又|是|还有|再看|看看|换成|[？?。！!，,\s]")


@dataclass(frozen=True)
class Resolution:
    kind: str  # "question" | "source"
    text: str  # the question to answer (for "source": the previous question)
    rewritten: bool = False


def _swap(previous: str, old: list[str], new: list[str]) -> str:
    if not new or not old:
        return previous
    text = previous.replace(old[0], "和".join(new), 1)
    for extra in old[1:]:
        text = text.replace(extra, "")
    return text


# words that point back at the previous answer rather than name a subject
ANAPHORA_RE = re.compile(r"这个|这条|这项|这些|这|该|此|上面|上述|刚才|前面|它|数字|答案|规定|什么|哪里|在|给出|一下|请|告诉|我|能|吗|具体")


def names_own_subject(message: str) -> bool:
    """"每年完成节能诊断88项是哪个文件规定的？" names what it asks about (a figure, its own words): it is
    a question of its own, not "出处呢" about the previous answer."""
    rest = ANAPHORA_RE.sub("", FILLER_RE.sub("", SOURCE_RE.sub("", message)))
    return bool(re.search(r"\d", rest)) or len(rest) >= 4


def resolve_one(message: str, previous: str | None, gazetteer: Gazetteer) -> Resolution:
    message = message.strip()
    if previous and SOURCE_RE.search(message) and not re.search(r"多少|几", message) and not names_own_subject(message):
        return Resolution("source", previous)
    if not previous:
        return Resolution("question", message)
    q = parse_question(message, gazetteer)
    rest = message
    for region in q.regions:
        rest = rest.replace(region, "")
    rest = re.sub(r"(?:19|20)\d{2}\s*年?(?:底|末)?|" + "|".join(PERIODS), "", rest)
    rest = FILLER_RE.sub("", rest)
    if rest or not (q.regions or q.years or q.period):
        return Resolution("question", message)  # a question of its own
    last = parse_question(previous, gazetteer)
    text = _swap(previous, list(last.regions), list(q.regions))
    if q.years:
        for old, new in zip(re.findall(r"(?:19|20)\d{2}", previous), [str(y) for y in q.years]):
            text = text.replace(old, new, 1)
    elif q.regions:
        # a year belongs to the previous region's plan; the new region's documents set their own
        text = YEAR_PHRASE_RE.sub("", text)
    if q.period:
        text = re.sub("|".join(PERIODS), q.period, text) if last.period else f"{q.period}{text}"
    return Resolution("question", text, rewritten=text != previous)


def resolve(message: str, earlier_messages: list[str], gazetteer: Gazetteer) -> Resolution:
    """Resolve ``message`` after the user's ``earlier_messages`` (oldest first)."""
    previous: str | None = None
    for earlier in earlier_messages:
        step = resolve_one(earlier, previous, gazetteer)
        if step.kind == "question":
            previous = step.text
    return resolve_one(message, previous, gazetteer)


def message_text(content) -> str:
    """Message content as text: a string, or a list of {"type": "text", "text": ...} parts (Gradio's chat
    history and OpenAI's messages both write them so)."""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        return str(content.get("text") or "")
    if isinstance(content, (list, tuple)):
        return "".join(message_text(part) for part in content)
    return ""


SOURCE_ANSWER = "上一问（{question}）的出处如下"  # the page and the API each end it their way
NO_SOURCE_ANSWER = "上一个问题没有可引用的出处。"


def conversation_turn(assistant, message: str, earlier_messages: list[str], region: str | None = None,
                      doc_id: str | None = None):
    """One turn of a conversation, as the page and the chat-completions API both hold it: (the
    Answer, the Resolution). A follow-up is rewritten against the earlier messages; "出处是哪一段"
    answers with the previous question's sources. Only the last ``assistant.max_history_messages``
    earlier messages are read, and none longer than a question may be (it was refused when asked)."""
    earlier = [m for m in earlier_messages[max(0, len(earlier_messages) - assistant.max_history_messages):] if len(m) <= assistant.max_question_chars]
    resolution = resolve(message, earlier, assistant.answerer.gazetteer)
    if resolution.kind == "source":
        answer = assistant.ask(resolution.text)
        answer.answer = SOURCE_ANSWER.format(question=resolution.text) if answer.citations else NO_SOURCE_ANSWER
        return answer, resolution
    answer = assistant.ask(resolution.text, regions=[region] if region else None, doc_ids=[doc_id] if doc_id else None)
    return answer, resolution
