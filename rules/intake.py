"""Read an enterprise's self-description from a chat message ("我们是嘉定区年能耗6000吨标准煤的工业企业…")."""

from __future__ import annotations

import re

from ingest.regions import Gazetteer
from rules.engine import load_sectors

SELF_RE = re.compile(r"我们|我公司|我司|本公司|我单位|本单位|我厂|本企业|我企业")
DUTY_RE = re.compile(r"什么时候到期|哪些期限|需要做什么|要做什么|有哪些义务|哪些要求|适用哪些|需要履行|要履行|有什么义务|应该做什么|要求是什么")
ENERGY_RE = re.compile(r"(\d+(?:\.\d+)?)\s*(万吨标准煤|万吨标煤|吨标准煤|吨标煤|tce|万tce)", re.IGNORECASE)
# a firm's name: "的" never stands in one ("湖南省的水泥厂" describes a firm, it does not name it)
NAME_RE = re.compile(r"((?:(?!的)[\u4e00-\u9fff()（）A-Za-z]){4,40}?(?:有限公司|有限责任公司|集团|厂))")
PUE_RE = re.compile(r"PUE\s*(?:值|为|是)?\s*(\d+(?:\.\d+)?)", re.IGNORECASE)
EMISSIONS_RE = re.compile(r"(\d+(?:\.\d+)?)\s*(万)?\s*吨\s*(?:二氧化碳|CO2|碳排放)", re.IGNORECASE)
KEY_EMITTER_RE = re.compile(r"重点排放单位|控排企业|纳管企业|管控单位|纳入(?:全国)?碳(?:排放权)?(?:交易)?市场|纳入(?:碳排放)?配额管理")
APPLICANT_RE = re.compile(r"(?:申报|申请)[^，,。；;]{0,8}(?:项目|资金|补贴|补助|奖励|支持)")


def profile_from_text(text: str, gazetteer: Gazetteer) -> dict | None:
    """Profile fields named in the message, or None when it is not an enterprise asking about itself."""
    if not (SELF_RE.search(text) and (DUTY_RE.search(text) or ENERGY_RE.search(text))):
        return None
    fields: dict = {}
    name = NAME_RE.search(re.sub(r"^.*?(我们是|我公司是|我司是|本公司是)", "", text))
    # "上海暖丰保温材料有限公司" names a city in its name, not where the firm says it is
    regions = gazetteer.find(text.replace(name.group(1), "") if name else text)
    if regions:
        fields["region"] = gazetteer.most_specific(regions)
    if energy := ENERGY_RE.search(text):
        fields["energy"] = energy.group(1) + energy.group(2)
    if pue := PUE_RE.search(text):
        fields["pue"] = float(pue.group(1))
    if name:
        fields["name"] = name.group(1)
    if emissions := EMISSIONS_RE.search(text):
        fields["emissions"] = emissions.group(1) + (emissions.group(2) or "") + "吨二氧化碳"
    if KEY_EMITTER_RE.search(text):
        fields["key_emitter"] = True
    if APPLICANT_RE.search(text):
        fields["applicant"] = True
    for alias, (sector, _) in sorted(load_sectors().items(), key=lambda item: -len(item[0])):
        if alias and alias in text.lower():
            fields["sector"] = sector
            break
    if re.search(r"规上|规模以上", text):
        fields["reports"] = {"above_scale": True}
    return fields
