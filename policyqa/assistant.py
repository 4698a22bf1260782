"""One entry point for the chat: questions go to the answerer, enterprise self-descriptions to the rules."""

from __future__ import annotations

import datetime as dt

from retriever.answer import Answer, Answerer, Citation
from rules.intake import profile_from_text
from rules.render import obligations_text


class Assistant:
    def __init__(self, answerer: Answerer, obligations=None):
        self.answerer = answerer
        self.obligations = obligations  # rules.service.ObligationService, optional

    def ask(self, text: str, regions=None, doc_ids=None, as_of: dt.date | None = None) -> Answer:
        profile = profile_from_text(text, self.answerer.gazetteer) if self.obligations else None
        if profile is None:
            return self.answerer.ask(text, regions=regions, doc_ids=doc_ids)
        try:
            result = self.obligations.evaluate(**profile, as_of=as_of)
        except ValueError as exc:
            return Answer(text, f"无法判定企业义务：{exc}", False)
        return self._obligations_answer(text, result)

    def _obligations_answer(self, text: str, result: dict) -> Answer:
        applies = [r for r in result["obligations"] if r["status"] == "applies"]
        needs = [r for r in result["obligations"] if r["status"] == "needs_info"]
        head = (f"根据您描述的企业情况，规则模块逐条判定：适用{len(applies)}项义务，"
                f"另有{len(needs)}项需补充信息后才能判定。")
        documents = self.answerer.index.documents
        citations = []
        for row in applies + needs:
            source = row["source"]
            meta = documents.get(source["doc_id"])
            text_of_doc = self.answerer.index.texts.get(source["doc_id"], "")
            start = text_of_doc.find(source["quote"])
            citations.append(Citation(source["doc_id"], meta.title if meta else "", source["doc_number"],
                                      source["section"], source["quote"], max(start, 0),
                                      max(start, 0) + len(source["quote"])))
        return Answer(text, head + "\n" + obligations_text(result), True, citations)
