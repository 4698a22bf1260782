"""Every quantitative statement of a parsed document, from its sentences and its table rows."""

from __future__ import annotations

import re

from ingest.chunking import split_sentences
from ingest.lexicon import closing_qualifiers, comparator_words, phase_re, units_of_kind, words_meaning
from ingest.mentions import figure_window, find_quantities, years_in
from ingest.models import Block, Document
from ingest.periods import named_span, plan_span, plans_named, span_label, years_before
from ingest.phase import BASELINE_YEAR_RE, TARGET_YEAR_RE, column_phase, figure_phase, header_phases
from ingest.regions import Gazetteer
from ingest.tables import cell_start, read_row
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
            elif block.kind == "row":
                rows.extend(self._from_row(doc, block))
        return rows

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

    def _column_region(self, doc: Document, column: str) -> str:
        """The area a column reports: a known region, an area such as 嘉兴港区, or the document's region."""
        named = self.gazetteer.find(column, aliases=False)
        if named:
            return named[0]
        area = _column_area(column)
        if area and area not in ("全市", "全区", "本市", "本区"):
            return area
        return doc.meta.region

    # --- tables ------------------------------------------------------------------------------
    def _from_row(self, doc: Document, block: Block) -> list[TargetRow]:
        text = doc.text[block.start:block.end]
        row = read_row(text, block.columns, block.section.path[-1])
        if row.label_index is None:
            return []
        label, cells = row.label, row.cells
        caption = block.section.path[-1]
        rows = []
        phases = header_phases(row.columns)
        for i, cell, column in row.value_cells():
            if cell == "-":
                continue
            if len(cell) > PROSE_CELL_CHARS:
                rows.extend(self._from_sentence(doc, block, cell, block.start + cell_start(cells, i)))
                continue
            value = _number(cell)
            if value is None:
                continue
            label_is_time = bool(re.match(r"^((?:19|20)\d{2}年|.{0,4}(?:总计|合计|年均))", label)) and not self.vocabulary.classify(label)
            wording = column if label_is_time else label
            comparator = next((word for word in closing_qualifiers() if word in cell), "=")
            unit = (re.sub(r"^[\d.]+", "", cell).replace(comparator, "") or row.unit or row.column_unit(i))
            if not unit and re.search(r"评分|分值", column):
                unit = "分"
            region = self._column_region(doc, column)
            period = named_span(column) or _period(doc, caption + label)
            column_years = years_in(column) or years_in(label)
            if i in phases:
                kind, period = phases[i]
            elif column_phase(column) == "achieved" or phase_re("achieved", "section").search(caption) and column_phase(column) != "target":
                kind = "achieved"
            else:
                kind = "target"
            if column_years:
                target_year = column_years[0]
            elif period:
                target_year = int(period.split("-")[1])
            else:
                target_year = None
            normalized, unit_normalized = normalize_unit(value, unit)
            canonical = self.vocabulary.classify(wording, unit) or (self.vocabulary.classify(label, unit) if not label_is_time else None)
            rows.append(TargetRow(
                indicator=canonical or re.sub(r"\([^)]*\)$", "", wording).strip(),
                region=region,
                value=value,
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
                section=block.section.label,
                quote=text,
                wording=f"{label}｜{column}",
                known_indicator=canonical is not None,
                start=block.start,
            ))
        return rows


AREA_COLUMN_RE = re.compile(r"^(.{2,12}?(?:区|县|市))(?:累计|(?:19|20)\d{2}年|合计)?$")


def _column_area(column: str) -> str | None:
    match = AREA_COLUMN_RE.match(column)
    return match.group(1) if match else None


def extract_targets(documents: list[Document], gazetteer: Gazetteer) -> list[TargetRow]:
    extractor = TargetExtractor(gazetteer)
    rows = [row for doc in documents for row in extractor.extract(doc)]
    return sorted(rows, key=lambda r: (r.doc_id, r.start, r.indicator, r.region, r.value))
