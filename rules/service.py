"""The rules module as one object: rules, key-enterprise lists and region hierarchy, loaded once."""

from __future__ import annotations

import datetime as dt

from ingest.models import Document
from ingest.regions import Gazetteer
from rules.engine import build_profile, evaluate_profile
from rules.enterprises import listed_enterprises
from rules.loader import load_all
from rules.model import Entitlement, Obligation


class ObligationService:
    def __init__(self, documents: list[Document], gazetteer: Gazetteer, obligations: list[Obligation] | None = None,
                 entitlements: list[Entitlement] | None = None):
        self.gazetteer = gazetteer
        if obligations is None:
            obligations, reviewed_entitlements = load_all()
            entitlements = reviewed_entitlements if entitlements is None else entitlements
        self.obligations = obligations
        self.entitlements = entitlements or []
        self.listed = listed_enterprises(documents)
        self.doc_numbers = {d.meta.doc_id: d.meta.doc_number for d in documents}

    @classmethod
    def for_data_dir(cls, documents: list[Document], gazetteer: Gazetteer, data_dir=None,
                     include_drafts: bool = False) -> "ObligationService":
        """The package's rules plus the data directory's reviewed rules (and its drafts when asked)."""
        if data_dir is None:
            return cls(documents, gazetteer)
        from rules.store import rules_for

        obligations, entitlements = rules_for(data_dir, include_drafts, documents)
        return cls(documents, gazetteer, obligations=obligations, entitlements=entitlements)

    def evaluate(self, *, name=None, region=None, energy=None, sector=None, pue=None, reports=None,
                 as_of: dt.date | None = None, emissions=None, key_emitter=None, applicant=None) -> dict:
        profile = build_profile(self.gazetteer, self.listed, name=name, region=region, energy=energy,
                                sector=sector, pue=pue, reports=reports, emissions=emissions,
                                key_emitter=key_emitter, applicant=applicant)
        return evaluate_profile(profile, self.obligations, as_of or dt.date.today(), self.doc_numbers,
                                self.entitlements)

    def enterprise_names(self) -> list[str]:
        return sorted(e.name for e in self.listed)
