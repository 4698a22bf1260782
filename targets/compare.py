"""The same indicator for several regions in one unit, with what makes the figures not comparable."""

from __future__ import annotations

from collections import Counter

from ingest.lexicon import units_of_kind, words_meaning
from ingest.models import Source
from ingest.regions import Gazetteer
from ingest.tables import is_row
from targets.model import ComparedRow, Comparison, TargetRow
from targets.vocabulary import Vocabulary


def _scope(region: str, gazetteer: Gazetteer) -> str:
    """市 (a city), 区县 (a district or county), or 园区 (an area the gazetteer does not know)."""
    if region not in gazetteer.regions:
        return "园区"
    parent = gazetteer.parent(region)
    return "市" if not parent or parent.endswith("省") else "区县"


def compare(rows: list[TargetRow], indicator: str, regions: list[str] | None, gazetteer: Gazetteer) -> Comparison:
    vocabulary = Vocabulary.load()
    known = vocabulary.classify(indicator)
    canonical = known or vocabulary.canonical(indicator)
    # an indicator the vocabulary does not know ("投资", "造林") is found by its words: in a statement's
    # own wording, or in the caption and columns of the table it comes from
    chosen = [r for r in rows if (r.indicator == canonical if known else
                                  r.indicator == canonical or indicator in f"{r.indicator} {r.wording} {r.section}")
              and (not regions or r.region in regions)]
    seen, unique = set(), []
    for r in chosen:  # the same figure stated in a table and in the text is one row
        key = (r.region, r.kind, r.period, r.target_year, r.value_normalized if r.value_normalized is not None else r.value)
        if key not in seen:
            seen.add(key)
            unique.append(r)
    order = {region: i for i, region in enumerate(regions or [])}
    kind_order = {"target": 0, "increment": 1, "task": 2, "achieved": 3, "baseline": 4}
    unique.sort(key=lambda r: (order.get(r.region, len(order)), r.region, kind_order.get(r.kind, 9),
                               -(r.target_year or 0), -(r.value_normalized or r.value)))
    units = Counter(r.unit_normalized for r in unique)
    unit = units.most_common(1)[0][0] if units else ""
    compared = tuple(ComparedRow(
        region=r.region,
        value=r.value_normalized if r.value_normalized is not None else r.value,
        unit=r.unit_normalized,
        period=r.period,
        kind=r.kind,
        comparator=r.comparator,
        target_year=r.target_year,
        original=f"{r.value:g}{r.unit}",
        source=Source(r.doc_id, r.doc_number, r.section, r.quote),
        label=r.wording.replace("｜", " > ") if is_row(r.quote) else "",
    ) for r in unique)
    return Comparison(canonical, unit, compared, tuple(_notes(unique, regions or [], unit, gazetteer, canonical)))


def _notes(rows: list[TargetRow], regions: list[str], unit: str, gazetteer: Gazetteer, indicator: str) -> list[str]:
    notes = []
    for region in regions:
        if not any(r.region == region for r in rows):
            notes.append(f"文件中没有{region}的“{indicator}”数据。")
    targets = [r for r in rows if r.kind == "target"]
    periods = {}
    for r in targets:
        periods.setdefault(r.region, set()).add(r.period)
    if len({p for ps in periods.values() for p in ps}) > 1:
        described = "；".join(f"{region}为{'、'.join(sorted(p or '未写明' for p in ps))}" for region, ps in periods.items())
        notes.append(f"目标期限不同（{described}），数字不能直接相比。")
    kinds: dict[str, set[str]] = {}
    for r in rows:
        kinds.setdefault(r.region, set()).add(r.kind)
    only_achieved = [region for region, ks in kinds.items() if ks and "target" not in ks]
    if only_achieved and targets:
        notes.append(f"{'、'.join(sorted(only_achieved))}只有完成值或上级任务，没有目标值。")
    strive = sorted({r.region for r in rows if r.comparator in words_meaning("strive")})
    if strive:
        notes.append(f"{'、'.join(strive)}的部分数字为“力争”目标，不具约束力，与约束性目标不可等同。")
    scopes = {r.region: _scope(r.region, gazetteer) for r in rows}
    if len(set(scopes.values())) > 1:
        described = "；".join(f"{'、'.join(sorted(r for r, s in scopes.items() if s == scope))}为{scope}级口径"
                             for scope in ("市", "区县", "园区") if scope in scopes.values())
        notes.append(f"口径不同（{described}），总量不可直接相比。")
    other_units = sorted({r.unit_normalized for r in rows if r.unit_normalized != unit})
    if other_units:
        counts = other_units and all(u in units_of_kind("count") for u in other_units + [unit])
        if counts:
            notes.append(f"计数单位不一（{unit}、{'、'.join(other_units)}），均按个数比较。")
        else:
            notes.append(f"部分数字的单位（{'、'.join(other_units)}）无法换算为{unit}。")
    return notes
