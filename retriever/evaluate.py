"""Score answers against a question file in the format of shared/eval/dev_qa.jsonl.

Scoring follows that file's README: answer and alternatives are normalised alike (NFKC,
traditional to simplified, whitespace removed); answer accuracy needs every group matched;
citation accuracy needs a quote of 8+ characters found in one of the expected documents;
refusal accuracy counts found=false on unanswerable questions; Recall@5 and MRR use the rank of
the first retrieved chunk from an expected document that contains an expected alternative.
"""

from __future__ import annotations

import json
import re
import statistics
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ingest.normalize import normalize_chars
from ingest.readers import read_text


def normalise_for_scoring(text: str) -> str:
    return re.sub(r"\s+", "", normalize_chars(unicodedata.normalize("NFKC", text)))


def load_questions(path: Path) -> list[dict]:
    questions = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8-sig").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{number}: not valid JSON ({exc.msg})") from None
        missing = {"id", "question", "expect", "docs", "answerable"} - item.keys()
        if missing:
            raise ValueError(f"{path}:{number}: missing field(s) {', '.join(sorted(missing))}")
        questions.append(item)
    return questions


def p50_p95(times: list[float]) -> tuple[float, float]:
    """The median and the 95th percentile (nearest rank below) of ``times``; zeros when there are none."""
    if not times:
        return 0.0, 0.0
    times = sorted(times)
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


@dataclass
class QuestionResult:
    id: str
    question: str
    answerable: bool
    answer: str
    found: bool
    answer_ok: bool | None = None
    first_sentence_ok: bool | None = None
    citation_ok: bool | None = None
    refusal_ok: bool | None = None
    rank: int | None = None
    seconds: float = 0.0  # the time the answer took


@dataclass
class EvalReport:
    results: list[QuestionResult] = field(default_factory=list)

    def latency_ms(self) -> tuple[float, float]:
        """p50 and p95 of the answers' times, in milliseconds."""
        return p50_p95([r.seconds * 1000 for r in self.results])

    def summary(self) -> dict:
        answerable = [r for r in self.results if r.answerable]
        unanswerable = [r for r in self.results if not r.answerable]

        def share(values):
            return round(sum(1 for v in values if v) / len(values), 4) if values else None

        return {
            "questions": len(self.results),
            "answer_accuracy": share([r.answer_ok for r in answerable]),
            "first_sentence_accuracy": share([r.first_sentence_ok for r in answerable]),
            "citation_accuracy": share([r.citation_ok for r in answerable]),
            "refusal_accuracy": share([r.refusal_ok for r in unanswerable]),
            "refusals_correct": f"{sum(1 for r in unanswerable if r.refusal_ok)}/{len(unanswerable)}",
            "recall_at_5": share([r.rank is not None and r.rank <= 5 for r in answerable]),
            "mrr": round(sum(1 / r.rank for r in answerable if r.rank) / len(answerable), 4) if answerable else None,
        }


class DocumentTexts:
    """Normalised source text of corpus files, looked up by file stem in one or more folders."""

    def __init__(self, corpus_dirs: Path | list[Path], index_texts: dict[str, str]):
        dirs = corpus_dirs if isinstance(corpus_dirs, (list, tuple)) else [corpus_dirs]
        self.corpus_dirs = [Path(d) for d in dirs]
        self.index_texts = index_texts
        self._cache: dict[str, str] = {}

    def get(self, stem: str) -> str:
        if stem not in self._cache:
            candidates = [p for d in self.corpus_dirs if d.is_dir() for p in sorted(d.glob(f"{stem}.*"))]
            raw = read_text(candidates[0]) if candidates else self.index_texts.get(stem, "")
            self._cache[stem] = normalise_for_scoring(raw)
        return self._cache[stem]


def evaluate(answerer, questions: list[dict], corpus_dirs: Path | list[Path],
             texts: DocumentTexts | None = None) -> EvalReport:
    """Ask every question and score it; ``texts`` may be shared between runs (reading PDFs is slow)."""
    texts = texts or DocumentTexts(corpus_dirs, answerer.index.texts)
    report = EvalReport()
    for item in questions:
        started = time.perf_counter()
        answer = answerer.ask(item["question"])
        result = QuestionResult(item["id"], item["question"], bool(item["answerable"]), answer.answer, answer.found,
                                seconds=time.perf_counter() - started)
        normalised = normalise_for_scoring(answer.answer)
        first = normalise_for_scoring(answer.answer.split("\n")[0])
        groups = [[normalise_for_scoring(a) for a in group] for group in item["expect"]]
        if item["answerable"]:
            result.answer_ok = answer.found and all(any(a in normalised for a in g) for g in groups)
            result.first_sentence_ok = answer.found and all(any(a in first for a in g) for g in groups)
            result.citation_ok = any(
                len(q := normalise_for_scoring(c.quote)) >= 8 and any(q in texts.get(d) for d in item["docs"])
                for c in answer.citations
            )
            for rank, hit in enumerate(answer.hits, 1):
                chunk_text = normalise_for_scoring(hit.chunk.text)
                if hit.chunk.doc_id in item["docs"] and any(a in chunk_text for g in groups for a in g):
                    result.rank = rank
                    break
        else:
            result.refusal_ok = not answer.found
        report.results.append(result)
    return report
