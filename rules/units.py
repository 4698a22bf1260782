"""Annual energy use and emissions as people write them, turned into tonnes of standard coal equivalent
(tce) and tonnes of CO2 equivalent (tCO2e)."""

from __future__ import annotations

import math
import re

from ingest.lexicon import units

# unit -> tonnes of standard coal per unit (the lexicon's energy units); a bare "吨" in a field that
# asks for annual energy means tonnes of standard coal, as people write it
ENERGY_UNITS = {u.name: u.factor for u in units().values() if u.kind == "energy"} | {"吨": 1.0}
ENERGY_RE = re.compile(
    r"^\s*(-?\d+(?:\.\d+)?)\s*(" + "|".join(sorted(map(re.escape, ENERGY_UNITS), key=len, reverse=True)) + r")?\s*$",
    re.IGNORECASE,
)


class UnitError(ValueError):
    pass


def parse_energy(text: str | float | int) -> float:
    """"6000吨标准煤", "0.5万吨标准煤", "6000 tce", "6000" (tce assumed) -> tonnes of standard coal."""
    if isinstance(text, (int, float)):
        value, factor = float(text), 1.0
    else:
        match = ENERGY_RE.match(str(text).replace(",", "").replace("，", ""))
        if not match:
            raise UnitError(f"cannot read annual energy {text!r}: write e.g. 6000吨标准煤, 0.6万吨标准煤 or 6000 tce")
        value = float(match.group(1))
        unit = (match.group(2) or "吨标准煤").lower()
        factor = next(f for u, f in ENERGY_UNITS.items() if u.lower() == unit)
    if not math.isfinite(value) or value < 0:
        raise UnitError(f"annual energy must be a finite number and cannot be negative: {text!r}")
    return round(value * factor, 6)


EMISSIONS_RE = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(万)?\s*(?:吨|t)?\s*(?:二氧化碳(?:当量)?|co2e?|co₂e?)?\s*$",
                          re.IGNORECASE)


def parse_emissions(text: str | float | int) -> float:
    """"26000吨二氧化碳", "2.6万吨二氧化碳当量", "26000 tCO2e", "26000" (tCO2e assumed) -> tonnes of CO2e."""
    if isinstance(text, (int, float)):
        value = float(text)
    else:
        match = EMISSIONS_RE.match(str(text).replace(",", "").replace("，", ""))
        if not match:
            raise UnitError(f"cannot read annual emissions {text!r}: write e.g. 26000吨二氧化碳, 2.6万吨二氧化碳当量 "
                            "or 26000 tCO2e")
        value = float(match.group(1)) * (10000 if match.group(2) else 1)
    if not math.isfinite(value) or value < 0:
        raise UnitError(f"annual emissions must be a finite number and cannot be negative: {text!r}")
    return round(value, 6)
