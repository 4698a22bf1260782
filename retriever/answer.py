"""Extractive, cited answers: the figure first, then where it comes from; or a plain "not found"."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.regions import Gazetteer
from retriever.extract import ClauseScorer, Extraction, clauses_of_chunk, extract
from retriever.index_store import PolicyIndex
from retriever.matching import BigramWeights
from retriever.question import Question, parse_question
from retriever.search import Hit, HybridSearcher

# Below this share of the question's (weighted) wording found in the best clause, the documents
# are taken not to answer it; between the two, the answer is given with a warning.
REFUSE_BELOW = 0.42
UNSURE_BELOW = 0.6


@dataclass(frozen=True)
class Citation:
    doc_id: str
    title: str
    doc_number: str
    section: str
    quote: str
    start: int = 0
    end: int = 0

    def to_dict(self) -> dict:
        return {k: getattr(self, k) for k in ("doc_id", "title", "doc_number", "section", "quote")}


@dataclass
class Answer:
    question: str
    answer: str
    found: bool
    citations: list[Citation] = field(default_factory=list)
    hits: list[Hit] = field(default_factory=list)  # what retrieval returned, for evaluation
    confidence: float = 0.0

    def to_dict(self) -> dict:
        return {
            "question": self.question,
            "answer": self.answer,
            "found": self.found,
            "citations": [c.to_dict() for c in self.citations],
        }


class Answerer:
    def __init__(self, index: PolicyIndex, searcher: HybridSearcher, gazetteer: Gazetteer, top_k: int = 8):
        self.index = index
        self.searcher = searcher
        self.gazetteer = gazetteer
        self.top_k = top_k
        self.weights = BigramWeights([c.text for c in index.chunks])

    # --- scope ----------------------------------------------------------------------------------
    def coverage_note(self, regions: list[str] | None = None) -> str:
        metas = [m for m in self.index.documents.values() if not regions or m.region in regions]
        parts = []
        for m in sorted(metas, key=lambda m: (m.region, m.date)):
            period = f"{m.period_start}—{m.period_end}年" if m.period_start else m.date[:4]
            parts.append(f"{m.region}（《{m.title}》，{period}）")
        return "；".join(parts) if parts else "（文件库为空）"

    def scope(self, region: str) -> tuple[list[str], bool]:
        """Documents that may answer for ``region`` and whether they are the region's own.

        A district with no document of its own may still be named in its city's document (a
        table of per-district targets), so the city's documents are searched, but only clauses
        that name the district can answer.
        """
        own = [d for d, m in self.index.documents.items() if m.region == region]
        if own:
            return own, True
        ancestors = self.gazetteer.ancestors(region)[1:]
        above = [d for d, m in self.index.documents.items() if m.region in ancestors]
        return above, False

    def years_covered(self, doc_ids: list[str], years: tuple[int, ...]) -> bool:
        for year in years:
            ok = False
            for d in doc_ids:
                m = self.index.documents[d]
                if (m.period_start and m.period_start <= year <= (m.period_end or m.period_start)) or f"{year}年" in self.index.texts[d]:
                    ok = True
            if not ok:
                return False
        return True

    # --- answering ------------------------------------------------------------------------------
    def ask(self, text: str, regions: list[str] | None = None, doc_ids: list[str] | None = None) -> Answer:
        question = parse_question(text, self.gazetteer)
        if not question.text:
            return Answer(text, "请输入问题。", False)
        unknown = [p for p in question.unknown_places if p not in self.gazetteer.regions]
        if unknown and not question.regions:
            return Answer(text, f"文件库中没有关于{unknown[0]}的文件，无法回答。现有文件覆盖：{self.coverage_note()}。", False)
        asked = list(question.regions) or list(regions or [])
        if len(asked) > 1:
            return self._ask_each(question, asked, doc_ids)
        return self._ask_one(question, asked[0] if asked else None, doc_ids)

    def _ask_each(self, question: Question, regions: list[str], doc_ids) -> Answer:
        parts = []
        for region in regions:
            others = [r for r in regions if r != region]
            text = question.text
            for other in others:
                text = text.replace(other, "")
            text = re.sub(r"^[和与及、]+|[和与及、]{2,}", "", text)
            sub = parse_question(text if region in text else region + text, self.gazetteer)
            parts.append(self._ask_one(sub, region, doc_ids))
        found = [p for p in parts if p.found]
        sentences = []
        for region, part in zip(regions, parts):
            sentences.append(part.answer.split("\n")[0].rstrip("。") if part.found else f"{region}：文件中没有找到")
        answer = "；".join(sentences) + "。"
        details = "\n".join(p.answer.split("\n", 1)[1] for p in found if "\n" in p.answer)
        return Answer(
            question.text,
            answer + ("\n" + details if details else ""),
            bool(found),
            [c for p in parts for c in p.citations],
            [h for p in parts for h in p.hits],
            min((p.confidence for p in found), default=0.0),
        )

    def _ask_one(self, question: Question, region: str | None, doc_ids: list[str] | None) -> Answer:
        if region is not None:
            scope, own = self.scope(region)
            if doc_ids:
                scope = [d for d in scope if d in doc_ids]
            if not scope:
                return Answer(question.text, f"文件库中没有关于{region}的文件，无法回答。现有文件覆盖：{self.coverage_note()}。", False)
            if question.years and not self.years_covered(scope, question.years):
                years = "、".join(f"{y}年" for y in question.years)
                return Answer(question.text,
                              f"现有文件没有{region}{years}的相关内容。现有{region}的文件：{self.coverage_note([self.index.documents[d].region for d in scope])}。",
                              False)
        else:
            scope, own = (doc_ids or list(self.index.documents)), True
        hits = self.searcher.search(question.text, self.top_k * 2, doc_ids=scope)
        scorer = ClauseScorer(question, self.weights, self.index, self.gazetteer)
        clauses_by_chunk = {hit.chunk.chunk_id: clauses_of_chunk(hit.chunk, hit.rank) for hit in hits}
        if region is not None and not own:
            clauses_by_chunk = {
                cid: [c for c in cs if region in c.text or any(region in col for col in c.columns)]
                for cid, cs in clauses_by_chunk.items()
            }
        hits = self.rerank(hits, clauses_by_chunk, scorer)
        clauses = [c for hit in hits for c in clauses_by_chunk[hit.chunk.chunk_id]]
        best = extract(question, clauses, scorer)
        if best is None or best.coverage < REFUSE_BELOW or (question.ask in ("number", "percent") and not best.figure):
            where = region or "现有文件"
            return Answer(question.text,
                          f"文件中没有找到{where}关于“{question.topic.strip('？? ').lstrip('的')}”的明确规定。现有文件覆盖：{self.coverage_note()}。",
                          False, [], hits, best.coverage if best else 0.0)
        return self._compose(question, region, best, hits)

    @staticmethod
    def rerank(hits: list[Hit], clauses_by_chunk: dict, scorer: ClauseScorer) -> list[Hit]:
        """Order the fused hits by their best clause's score: the lexical check of the fused ranking."""
        def best_clause(hit: Hit) -> float:
            return max((scorer.score(c)[0] for c in clauses_by_chunk[hit.chunk.chunk_id]), default=-1.0)

        scored = sorted(hits, key=lambda h: (-best_clause(h), h.rank))
        return [Hit(h.chunk, h.meta, h.score, rank) for rank, h in enumerate(scored, 1)]

    def _compose(self, question: Question, region: str | None, best: Extraction, hits: list[Hit]) -> Answer:
        meta = best.meta
        who = region or meta.region
        if question.ask == "department":
            first = f"{who}：牵头部门为{best.figure}。"
        elif question.ask == "deadline":
            first = f"{who}：{best.figure}。"
        else:
            first = f"{who}：{best.phrase}。" if best.figure else f"{who}：{best.phrase}"
        first = first.replace("\t", " ")
        source = f"依据《{meta.title}》（{meta.doc_number or '无文号'}）{best.clause.section}。"
        if best.coverage < UNSURE_BELOW:
            source += "（与问题的措辞匹配度不高，请核对原文。）"
        text = self.index.texts[meta.doc_id]
        start = best.quote_start
        if best.clause.kind == "row":
            start = self._with_header_lines(text, start, best.clause.section)
        citations = [self._citation(meta, best.clause.section, text, start, best.quote_end)]
        if best.extra_quote and not (best.quote_start <= best.extra_quote[0] and best.extra_quote[1] <= best.quote_end):
            citations.append(self._citation(meta, best.clause.section, text, *best.extra_quote))
        return Answer(question.text, first + "\n" + source, True, citations, hits, best.coverage)

    def _with_header_lines(self, text: str, start: int, section: str, min_chars: int = 16) -> int:
        """Widen a short row quote upwards, line by line, so that it says what its numbers are."""
        while len(re.sub(r"\s", "", text[start:text.find("\n", start) if "\n" in text[start:] else None])) < min_chars:
            previous = text.rfind("\n", 0, max(start - 1, 0))
            if start == 0 or "\t" not in text[previous + 1:start - 1]:
                break
            start = previous + 1
        return start

    @staticmethod
    def _citation(meta, section: str, text: str, start: int, end: int) -> Citation:
        quote = text[start:end].strip()
        return Citation(meta.doc_id, meta.title, meta.doc_number, section, quote, start, end)
