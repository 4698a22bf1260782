"""Read an enterprise's self-description from a chat message ("我们是嘉定区年能耗6000吨标准煤的工业企业…")."""

from __future__ import annotations

import re

from ingest.regions import Gazetteer
from rules.engine import load_sectors

SELF_RE = re.compile(r"我们|我公司|我司|本公司|我单位|本单位|我厂|本企业|我企业")
DUTY_RE = re.compile(r"需要做什么|要做什么|有哪些义务|哪些要求|适用哪些|需要履行|要履行|有什么义务|应该做什么|要求是什么")
ENERGY_RE = re.compile(r"(\d+(?:\.\d+)?)\s*(万吨标准煤|万吨标煤|吨标准煤|吨标煤|tce|万tce)", re.IGNORECASE)
NAME_RE = re.compile(r"([\u4e00-\u9fff()（）A-Za-z]{4,40}?(?:有限公司|有限责任公司|集团|厂))")
PUE_RE = re.compile(r"PUE\s*(?:值|为|是)?\s*(\d+(?:\.\d+)?)", re.IGNORECASE)


def profile_from_text(text: str, gazetteer: Gazetteer) -> dict | None:
    """Profile fields named in the message, or None when it is not an enterprise asking about itself."""
    if not (SELF_RE.search(text) and (DUTY_RE.search(text) or ENERGY_RE.search(text))):
        return None
    fields: dict = {}
    regions = gazetteer.find(text)
    if regions:
        fields["region"] = gazetteer.most_specific(regions)
    if energy := ENERGY_RE.search(text):
        fields["energy"] = energy.group(1) + energy.group(2)
    if pue := PUE_RE.search(text):
        fields["pue"] = float(pue.group(1))
    if name := NAME_RE.search(re.sub(r"^.*?(我们是|我公司是|我司是|本公司是)", "", text)):
        fields["name"] = name.group(1)
    for alias, (sector, _) in sorted(load_sectors().items(), key=lambda item: -len(item[0])):
        if alias and alias in text.lower():
            fields["sector"] = sector
            break
    if re.search(r"规上|规模以上", text):
        fields["reports"] = {"above_scale": True}
    return fields
