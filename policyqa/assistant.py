"""One entry point for the chat: questions go to the answerer, enterprise self-descriptions to the
rules module, and requests to compare regions to the targets table."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from ingest.models import Source
from ingest.table_model import row_header
from retriever.answer.answerer import Answer, Answerer, Citation
from rules.assessment import Assessment
from rules.intake import profile_from_text
from rules.render import obligations_text
from rules.task_tracker import task_question
from targets.render import comparison_text

MAX_TASKS_LISTED = 12
COMPARE_RE = re.compile(r"比较|对比|比一比|横向比")  # not 相比: "相比2020年下降多少" is a question
MAX_COMPARISON_CITATIONS = 8


EMPTY_QUESTION = "请输入问题。"


def question_problem(text: str, max_chars: int) -> str | None:
    """Why a question cannot be asked at all (empty, or longer than ``max_chars``), or None."""
    if not text.strip():
        return EMPTY_QUESTION
    if len(text.strip()) > max_chars:
        return f"问题过长（{len(text.strip())}字），请缩短到{max_chars}字以内再问。"
    return None


class Assistant:
    """``obligations`` and ``targets`` are built on first use from ``documents``, so that a plain
    question (the common case, and `policyqa ask`'s cold start) does not pay for them."""

    def __init__(self, answerer: Answerer, documents=None, obligations=None, targets=None,
                 max_question_chars: int = 500, data_dir=None, max_history_messages: int = 20):
        self.answerer = answerer
        self.max_question_chars = max_question_chars
        self.max_history_messages = max_history_messages  # earlier messages a follow-up is resolved against
        self.data_dir = data_dir  # where reviewed and drafted rules are kept (rules.store)
        self._documents = documents
        self._obligations = obligations
        self._with_drafts = None
        self._targets = targets
        self._tasks = None

    @property
    def obligations(self):
        """The rules module with reviewed rules: the package's and the data directory's."""
        if self._obligations is None and self._documents is not None:
            self._obligations = self._rules_service(include_drafts=False)
        return self._obligations

    @property
    def obligations_with_drafts(self):
        """The same plus the unreviewed drafts (the page's 「含未审核」)."""
        if self._with_drafts is None and self._documents is not None:
            self._with_drafts = self._rules_service(include_drafts=True)
        return self._with_drafts or self.obligations

    def _rules_service(self, include_drafts: bool):
        from rules.service import ObligationService

        return ObligationService.for_data_dir(self._documents, self.answerer.gazetteer, self.data_dir, include_drafts)

    @property
    def tasks(self):
        """The task tracker over the same documents (rules.task_tracker), built on first use."""
        if self._tasks is None and self._documents is not None:
            from rules.task_tracker import TaskTracker

            self._tasks = TaskTracker(self._documents)
        return self._tasks

    @property
    def targets(self):
        if self._targets is None and self._documents is not None:
            from targets.service import TargetService

            self._targets = TargetService(self._documents, self.answerer.gazetteer)
        return self._targets

    def ask(self, text: str, regions=None, doc_ids=None, as_of: dt.date | None = None) -> Answer:
        problem = question_problem(text, self.max_question_chars)
        if problem:  # refused before any embedding or search
            return Answer(text, problem, False)
        comparison = self._comparison_request(text) if COMPARE_RE.search(text) else None
        if comparison is not None:
            return self._comparison_answer(text, *comparison)
        wanted = task_question(text) if self._documents is not None else None
        if wanted is not None:
            return self._tasks_answer(text, wanted, regions, doc_ids, as_of or dt.date.today())
        profile = profile_from_text(text, self.answerer.gazetteer)
        if profile is None or self.obligations is None:
            return self.answerer.ask(text, regions=regions, doc_ids=doc_ids)
        try:
            # reviewed rules and, marked 【未审核】, the drafts of every other document
            result = self.obligations_with_drafts.evaluate(**profile, as_of=as_of)
        except ValueError as exc:
            return Answer(text, f"无法判定企业义务：{exc}", False)
        return self._obligations_answer(text, result)

    def _comparison_request(self, text: str) -> tuple[str, list[str]] | None:
        """(indicator, regions) when the message asks to compare regions on a known indicator."""
        if self.targets is None or not COMPARE_RE.search(text):
            return None
        indicator = self.targets.vocabulary.classify(text)
        regions = self.answerer.gazetteer.find(text)
        if not indicator or not regions:
            return None
        return indicator, regions

    def _comparison_answer(self, text: str, indicator: str, regions: list[str]) -> Answer:
        result = self.targets.compare(indicator, regions)
        if not result.rows:
            return Answer(text, f"文件中没有{'、'.join(regions)}的“{indicator}”数据。", False)
        head = "按同一指标、同一单位从文件中逐条摘取（目标与完成值分开列出）：\n"
        citations, seen = [], set()
        for row in result.rows:
            source = row.source
            key = (source.doc_id, source.quote)
            if key in seen or len(citations) >= MAX_COMPARISON_CITATIONS:
                continue
            seen.add(key)
            citations.append(self._cited(source))
        return Answer(text, head + comparison_text(result), True, citations)

    def _tasks_answer(self, text: str, wanted, regions, doc_ids, as_of: dt.date) -> Answer:
        """The tasks a department leads or supports, or that fall due by a date, from the task tracker;
        each deadline as the document prints it (every figure stated is in a cited quote)."""
        from rules.task_tracker import ROLE_LABELS, STATUS_LABELS

        region = (regions or [None])[0] if isinstance(regions, list) else regions
        region = region or next(iter(self.answerer.gazetteer.find(text)), None)
        chosen = [t for t in self.tasks.select(replace(wanted, region=region), as_of)
                  if not doc_ids or t.doc_id in doc_ids]
        who = wanted.department or ""
        role = ROLE_LABELS.get(wanted.role or "", "牵头或配合")
        what = f"{who}{role}的任务" if who else ("已逾期的任务" if wanted.overdue else "按期限到期的任务")
        if not chosen:
            return Answer(text, f"文件中没有找到{what}。", False)
        lines = [f"从文件的任务分工中逐条摘取{what}（按期限排列，期限为文件原文）："]
        for task in chosen[:MAX_TASKS_LISTED]:
            due = task.deadline_text or ("文件未写明，按规划期末" if task.deadline_default else "文件未写明期限")
            lead = "、".join(task.lead_printed) or "未写明"
            lines.append(f"· {task.task}：牵头{lead}；期限{due}（{STATUS_LABELS[task.status(as_of)]}）——《{task.title}》")
        if len(chosen) > MAX_TASKS_LISTED:
            lines.append("另有更多任务，见「任务分工」页或 policyqa tasks。")
        citations = [self._cited(t.source) for t in chosen[:MAX_TASKS_LISTED]]
        return Answer(text, "\n".join(lines), True, citations)

    def _obligations_answer(self, text: str, result: Assessment) -> Answer:
        applies = [r for r in result.obligations if r.status == "applies"]
        needs = [r for r in result.obligations if r.status == "needs_info"]
        drafted = sum(1 for r in applies + needs if not r.reviewed)
        head = (f"根据您描述的企业情况，规则模块逐条判定：适用{len(applies)}项义务，"
                f"另有{len(needs)}项需补充信息后才能判定。"
                + (f"其中{drafted}项是从文件自动起草、尚未经人审核的规则（标【未审核】），请以所引原文为准。" if drafted else ""))
        citations = [self._cited(row.source) for row in applies + needs]
        return Answer(text, head + "\n" + obligations_text(result), True, citations)

    def _cited(self, source: Source) -> Citation:
        """A rule's or a target's source clause as a citation of the chat answer, at its place in the text."""
        meta = self.answerer.index.documents.get(source.doc_id)
        start = max(self.answerer.index.texts.get(source.doc_id, "").find(source.quote), 0)
        end = start + len(source.quote)
        # a table row is cited as printed, the header it sits under beside it
        header = row_header(self.answerer.index.document(source.doc_id), start) if meta and "\t" in source.quote else ""
        return Citation(source.doc_id, meta.title if meta else "", source.doc_number, source.section, source.quote,
                        start, end, bool(meta) and meta.ocr_read(start, end), header)
