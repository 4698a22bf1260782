"""Every task of the indexed documents in one table, filtered by department, region, document and
due date (its Excel and calendar files: ui/exports.py).

Read by the ``policyqa tasks`` command, the page's 任务分工 tab and the chat's task questions, so all
three show the same tasks.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ingest.deadlines import read_deadline
from ingest.departments import NAMED_BODY_RE
from ingest.models import Document
from rules.tasks import Task, extract_tasks

STATUS_LABELS = {"overdue": "已逾期", "due_soon": "即将到期", "open": "未到期", "ongoing": "长期"}
ROLE_LABELS = {"lead": "牵头", "support": "配合"}


# "市经信局在这些文件里牵头哪些任务？", "哪些任务2022年底前到期？", "有哪些任务已经逾期？"
TASKS_ASKED_RE = re.compile(r"哪些(?:重点)?(?:任务|工作任务)|什么任务|哪几项任务|任务有哪些|任务清单")
DUE_ASKED_RE = re.compile(r"到期|截止|逾期|超期|过期|届满")
OVERDUE_ASKED_RE = re.compile(r"逾期|超期|过期|已经到期|已到期")
SUPPORT_ASKED_RE = re.compile(r"配合|协助|参与|协同")


@dataclass(frozen=True)
class TaskFilter:
    department: str | None = None
    region: str | None = None
    doc_id: str | None = None
    due_before: dt.date | None = None
    overdue: bool = False
    role: str | None = None  # "lead" or "support": only tasks the department takes part in that way


def task_question(text: str) -> TaskFilter | None:
    """The tasks a chat message asks for (of a department, by a date, overdue), or None when it is a
    question for the answerer."""
    if not TASKS_ASKED_RE.search(text):
        return None
    department = NAMED_BODY_RE.search(text)
    due = DUE_ASKED_RE.search(text)
    if department is None and due is None:
        return None
    overdue = bool(OVERDUE_ASKED_RE.search(text))
    deadline = read_deadline(text) if due and not overdue else None
    role = "support" if SUPPORT_ASKED_RE.search(text) else ("lead" if "牵头" in text else None)
    return TaskFilter(department=department.group(0) if department else None,
                      due_before=dt.date.fromisoformat(deadline.date) if deadline else None, overdue=overdue,
                      role=role if department else None)


class TaskTracker:
    def __init__(self, documents: list[Document]):
        self.documents = {d.meta.doc_id: d for d in documents}
        self.tasks: list[Task] = [t for d in documents for t in extract_tasks(d)]

    def select(self, wanted: TaskFilter, as_of: dt.date) -> list[Task]:
        """The tasks ``wanted`` asks for, soonest due first (a printed deadline before a default one of the
        same day; undated last)."""
        chosen = []
        for task in self.tasks:
            if wanted.doc_id and task.doc_id != wanted.doc_id:
                continue
            if wanted.region and not self._covers(task.doc_id, wanted.region):
                continue
            if wanted.department and task.names(wanted.department) not in ((wanted.role,) if wanted.role else ("lead", "support")):
                continue
            dated = task.deadline not in (None, "ongoing")
            if wanted.due_before and not (dated and dt.date.fromisoformat(task.deadline) <= wanted.due_before):
                continue
            if wanted.overdue and task.status(as_of) != "overdue":
                continue
            chosen.append(task)
        return sorted(chosen, key=lambda t: (t.deadline in (None, "ongoing"), t.deadline or "", t.deadline_default, t.id))

    def _covers(self, doc_id: str, region: str) -> bool:
        meta = self.documents[doc_id].meta
        return region == meta.region or region in meta.regions

    def departments(self) -> list[str]:
        """Every unit a task names, in its one form, the most often named first."""
        counts: dict[str, int] = {}
        for task in self.tasks:
            for unit in (*task.lead, *task.support):
                counts[unit] = counts.get(unit, 0) + 1
        return sorted(counts, key=lambda u: (-counts[u], u))
