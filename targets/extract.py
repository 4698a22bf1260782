"""Every quantitative statement of a parsed document, from its sentences and its table rows."""

from __future__ import annotations

import re

from ingest.chunking import split_sentences
from ingest.lexicon import closing_qualifiers, comparator_words, phase_re, units_of_kind, words_meaning
from ingest.mentions import figure_window, find_quantities, years_in
from ingest.models import Block, Document
from ingest.periods import named_span, plan_span, plans_named, span_label, years_before
from ingest.phase import BASELINE_YEAR_RE, TARGET_YEAR_RE, figure_phase
from ingest.regions import Gazetteer
from ingest.table_model import Table, TableCell, read_tables
from targets.model import TargetRow
from targets.vocabulary import Vocabulary, normalize_unit

# longest first: "不超过" is read before "超过"
COMPARATORS = sorted(comparator_words(), key=len, reverse=True)
# a figure that sets who is covered ("年综合能耗5000吨标准煤及以上的单位") is a threshold, not a target
THRESHOLD_BEFORE_RE = re.compile(r"(年综合能耗|年能耗|年耗标准煤|年耗|PUE值)$")
THRESHOLD_AFTER_RE = re.compile(r"^(及以上|以上)?的?.{0,4}(企业|单位)")
WORDING_NOISE_RE = re.compile(r"(?:19|20)\d{2}年|不低于|不少于|至少|超过|不超过|不高于|力争|均|约")
LEADING_VERBS_RE = re.compile(r"^(?:创建|完成|实现|达到|推进|开展|实施|建成|累计|新增|打造|形成|培育|其中|全区|全市|本区|我区|共)+")
NOT_TARGET_UNITS = (*units_of_kind("duration"), "比")  # a duration or a ratio (1:0.5) is no target
PROSE_CELL_CHARS = 15


def _period(doc: Document, text: str) -> str:
    named = named_span(text)
    if named:
        return named
    m = doc.meta
    return f"{m.period_start}-{m.period_end}" if m.period_start else ""


def _comparator(window: str, sentence: str, mention_comparator: str) -> str:
    if mention_comparator in closing_qualifiers():
        return mention_comparator
    found = [c for c in COMPARATORS if c in window]
    if found:
        return found[0]
    return next((word for word in words_meaning("strive") if word in sentence), "=")


def _number(text: str) -> float | None:
    match = re.match(r"-?\d+(?:\.\d+)?", text)
    return float(match.group()) if match else None


class TargetExtractor:
    def __init__(self, gazetteer: Gazetteer, vocabulary: Vocabulary | None = None):
        self.gazetteer = gazetteer
        self.vocabulary = vocabulary or Vocabulary.load()

    def extract(self, doc: Document) -> list[TargetRow]:
        rows: list[TargetRow] = []
        for block in doc.blocks:
            if block.kind == "text":
                rows.extend(self._from_text(doc, block))
        return rows + self._from_tables(doc)

    # --- sentences ---------------------------------------------------------------------------
    def _from_text(self, doc: Document, block: Block) -> list[TargetRow]:
        out = []
        for start, end in split_sentences(doc.text[block.start:block.end], block.start):
            out.extend(self._from_sentence(doc, block, doc.text[start:end], start))
        return out

    def _from_sentence(self, doc: Document, block: Block, sentence: str, offset: int, region: str | None = None) -> list[TargetRow]:
        # periods ("四年", "5年") and ratios say how long or how split, they are no indicator's value
        mentions = [m for m in find_quantities(sentence) if m.unit and m.unit not in NOT_TARGET_UNITS]
        rows = []
        for mention in mentions:
            left, right = figure_window(sentence, mention, mentions)
            before, after = sentence[left:mention.start], sentence[mention.end:right]
            energy_scope = "标" in mention.unit and THRESHOLD_AFTER_RE.match(sentence[mention.end - len(mention.comparator):])
            if THRESHOLD_BEFORE_RE.search(before) or energy_scope:
                continue
            canonical = self.vocabulary.classify(before + " " + after, mention.unit)
            wording = LEADING_VERBS_RE.sub("", WORDING_NOISE_RE.sub("", before).strip()) or \
                LEADING_VERBS_RE.sub("", WORDING_NOISE_RE.sub("", after).strip())
            if not canonical and (not wording or len(wording) < 2):
                continue
            value = _number(mention.number)
            if value is None:
                continue
            context = sentence + " " + block.section.label
            kind = self._kind(doc, block.section.label, sentence, before + after)
            target_year = self._target_year(doc, sentence, kind, block.section.label)
            period = _period(doc, context)
            if kind == "achieved" and not doc.meta.is_report and doc.meta.period_start and not plans_named(context):
                # a plan's achievements are those of the years before its own period
                previous = years_before(doc.meta.period_start)
                period, target_year = span_label(previous), previous[1]
            baseline = BASELINE_YEAR_RE.search(sentence)
            unit = mention.unit
            normalized, unit_normalized = normalize_unit(value, unit)
            rows.append(TargetRow(
                indicator=canonical or wording[-16:],
                region=region or doc.meta.region,
                value=value,
                unit=unit,
                value_normalized=normalized,
                unit_normalized=unit_normalized,
                comparator=_comparator(before + after, sentence, mention.comparator),
                kind=kind,
                period=period,
                target_year=target_year,
                baseline_year=int(baseline.group(1)) if baseline else None,
                doc_id=doc.meta.doc_id,
                doc_number=doc.meta.doc_number,
                section=block.section.label,
                quote=sentence.strip(),
                wording=(before + mention.text + after).strip(),
                known_indicator=canonical is not None,
                start=offset,
            ))
        return rows

    def _kind(self, doc: Document, section: str, sentence: str, window: str) -> str:
        plan_years = [y for y in self._plain_years(sentence)
                      if doc.meta.period_start and doc.meta.period_start <= y <= (doc.meta.period_end or y)]
        return figure_phase(window, sentence, section, doc.meta, plan_years)

    @staticmethod
    def _plain_years(text: str) -> list[int]:
        """Years named in the text, baseline years ("比2020年") left out."""
        baselines = {int(y) for y in BASELINE_YEAR_RE.findall(text)}
        return [y for y in years_in(text) if y not in baselines]

    def _target_year(self, doc: Document, text: str, kind: str, section: str = "") -> int | None:
        match = TARGET_YEAR_RE.search(text)
        if match:
            return int(match.group(1) or match.group(2))
        years = self._plain_years(text) or self._plain_years(section.split(" > ")[-1])
        if years:
            return max(years)
        named = plans_named(text)
        if named:
            return plan_span(named[0])[1]
        return doc.meta.period_end

    # --- tables ------------------------------------------------------------------------------
    def _from_tables(self, doc: Document) -> list[TargetRow]:
        """Every figure of the document's tables, read by ingest/table_model.py: a region's row gives
        that region's figures (the caption and column say of what), an indicator's row gives the
        indicator (for the region its column names, or the document's)."""
        rows = []
        for table in read_tables(doc, self.gazetteer):
            for cell in table.cells:
                block = _row_block(doc, cell)
                if cell.number is None:
                    if len(cell.value) > PROSE_CELL_CHARS and block is not None:
                        start = doc.text.find(cell.value, cell.row_start, cell.row_end)
                        rows.extend(self._from_sentence(doc, block, cell.value, max(start, cell.row_start), cell.region))
                    continue
                row = self._cell_target(doc, table, cell, block)
                if row is not None:
                    rows.append(row)
        return rows

    def _cell_target(self, doc: Document, table: Table, cell: TableCell, block: Block | None) -> TargetRow | None:
        comparator = next((word for word in closing_qualifiers() if word in cell.value), "=")
        unit = cell.unit
        if not unit and re.search(r"评分|分值", cell.column):
            unit = "分"
        region_row = cell.region is not None and cell.region in (cell.row, *cell.labels) or cell.total \
            or cell.region is not None and cell.region == self.gazetteer.find(cell.row)[:1] == [cell.region]
        by_year = bool(re.fullmatch(r"(?:19|20)\d{2}\s*年?\S{0,3}", cell.row))
        if by_year or region_row or self.gazetteer.find(cell.row):
            wording = f"{table.caption} {cell.column}"  # the row is a place or a year: the caption says of what
        else:
            wording = cell.row if not re.fullmatch(r"\d+", cell.row) else cell.column
        canonical = self.vocabulary.classify(wording, unit) or self.vocabulary.classify(f"{cell.row} {cell.column}", unit) \
            or self.vocabulary.classify(table.caption, unit)
        if not canonical and not wording.strip():
            return None
        kind = {"other": "target", "increment": "increment"}.get(cell.kind, cell.kind)
        period = cell.period and _plan_label(cell.period) or _period(doc, table.caption + cell.row)
        target_year = cell.year or (int(period.split("-")[1]) if period and "-" in period else None)
        normalized, unit_normalized = normalize_unit(cell.number, unit)
        section = block.section.label if block is not None else ""
        return TargetRow(
            indicator=canonical or re.sub(r"\([^)]*\)$", "", cell.row if not region_row else cell.column).strip()[-16:],
            region=cell.region or doc.meta.region,
            value=cell.number,
            unit=unit,
            value_normalized=normalized,
            unit_normalized=unit_normalized,
            comparator=comparator,
            kind=kind,
            period=period,
            target_year=target_year,
            baseline_year=target_year if kind == "baseline" else None,
            doc_id=doc.meta.doc_id,
            doc_number=doc.meta.doc_number,
            section=section,
            quote=doc.text[cell.row_start:cell.row_end],
            wording=f"{cell.row}｜{cell.column}",
            known_indicator=canonical is not None,
            start=cell.row_start,
        )


def _row_block(doc: Document, cell: TableCell) -> Block | None:
    return next((b for b in doc.blocks if b.start == cell.row_start), None)


def _plan_label(period: str) -> str:
    """A five-year plan's name as its years ("十四五" -> "2021-2025")."""
    try:
        return span_label(plan_span(period))
    except (KeyError, ValueError):
        return period


def extract_targets(documents: list[Document], gazetteer: Gazetteer) -> list[TargetRow]:
    extractor = TargetExtractor(gazetteer)
    rows = [row for doc in documents for row in extractor.extract(doc)]
    return sorted(rows, key=lambda r: (r.doc_id, r.start, r.indicator, r.region, r.value))
