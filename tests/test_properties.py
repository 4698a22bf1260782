"""Properties that must hold for any input, checked with hypothesis on arbitrary and policy-like text.

The normaliser is idempotent and never fails; parsers of numbers, units and dates never fail and
point inside the text they read; the chunker's and the clauses' offsets always slice the text they claim.
"""

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.chunking import chunk_document
from ingest.mentions import find_dates, find_quantities, find_unit_typos
from ingest.models import Document, DocumentMeta
from ingest.normalize import normalize_text
from ingest.structure import split_sections
from retriever.index.clauses import clauses_of_chunk
from rules.units import UnitError, parse_energy

# the pieces policy documents are made of, so that generated text reaches headings, tables, dates
# and figures instead of staying in plain-letter land
FRAGMENTS = ["一、", "（一）", "(二)", "1.", "2、", "第三条", "到2025年", "2023年9月底前", "3月15日", "5000", "0.5",
             "万吨标准煤", "吨标准煤", "家", "项", "%", "万千瓦", "兆瓦", "≥", "不少于", "\t", "\n", "\n\n", " ", "　",
             "，", "。", "；", "：", "嘉定区", "绿色工厂", "〔2022〕", "号", "表1", "<td>", "</td>", "(cid:12)", "\ufffd",
             "\ue000", "Ａ", "１２", "—", "-", "~", "至", "﹝", "﹞", "\r\n", "\x0c", "\u200b"]
policy_like = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=3)), max_size=60).map("".join)
any_text = st.one_of(st.text(max_size=300), policy_like)
PROPERTY_SETTINGS = settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY_SETTINGS
@given(any_text)
def test_normalising_twice_changes_nothing(raw):
    once = normalize_text(raw)
    assert normalize_text(once) == once


def _inside(text, mentions):
    for m in mentions:
        assert 0 <= m.start <= m.end <= len(text) and text[m.start:m.end] == m.text


@PROPERTY_SETTINGS
@given(any_text)
def test_number_unit_and_date_readers_point_inside_the_text(raw):
    text = normalize_text(raw)
    for found in (find_dates(text), find_quantities(text)):
        _inside(text, found)
    typos, _ = find_unit_typos(text)
    for typo in typos:
        assert 0 <= typo.start <= typo.end <= len(text)


@PROPERTY_SETTINGS
@given(st.one_of(any_text, st.floats(allow_nan=True, allow_infinity=True), st.integers()))
def test_energy_parser_returns_a_finite_amount_or_a_clear_error(value):
    try:
        amount = parse_energy(value)
    except UnitError as exc:
        assert str(exc)
    else:
        assert math.isfinite(amount) and amount >= 0


@PROPERTY_SETTINGS
@given(any_text, st.integers(min_value=20, max_value=400))
def test_chunks_sections_and_clauses_slice_the_text_they_claim(raw, max_chars):
    text = normalize_text(raw)
    sections, blocks = split_sections(text)
    for block in blocks:
        assert 0 <= block.start <= block.end <= len(text)
    doc = Document(DocumentMeta("d", "", "", "", "", "", ""), text, sections, blocks)
    for chunk in chunk_document(doc, max_chars):
        assert 0 <= chunk.start <= chunk.end <= len(text) and text[chunk.start:chunk.end] == chunk.text
        for clause in clauses_of_chunk(chunk):
            assert chunk.start <= clause.start <= clause.end <= chunk.end and text[clause.start:clause.end] == clause.text


@pytest.mark.parametrize("raw", ["", "\n\n", "\ufeff一、目标\r\n到2025年,创建绿色工厂20家。"])
def test_edge_inputs_normalise_to_a_fixed_point(raw):
    once = normalize_text(raw)
    assert normalize_text(once) == once
