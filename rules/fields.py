"""Figures an enterprise may report with ``--report FIELD=VALUE``: name, type, meaning."""

from __future__ import annotations

import math

REPORT_FIELDS = {
    "diagnosis_plans": ("number", "可实施节能改造的诊断方案数（项）"),
    "retrofit_share_pct": ("number", "当年完成的节能降碳改造项目占清单比例（%）"),
    "pue": ("number", "数据中心电能利用效率 PUE"),
    "assembly_rate_pct": ("number", "装配式建筑单体装配率（%）"),
    "above_scale": ("yes/no", "是否规模以上企业（规上）"),
    # the bases support is worked out from (entitlements: a share of one, or a rate per unit of it)
    "investment_wan_yuan": ("number", "项目投资额（万元）"),
    "payment_wan_yuan": ("number", "项目实际支付金额（万元）"),
    "cost_wan_yuan": ("number", "项目费用（万元）"),
    "price_wan_yuan": ("number", "购置价格（万元）"),
    "loan_wan_yuan": ("number", "贷款金额（万元）"),
    "interest_wan_yuan": ("number", "贷款利息（万元）"),
    "municipal_subsidy_wan_yuan": ("number", "已获上级（市级）资金支持（万元）"),
    "energy_saved_tce": ("number", "项目年节能量（吨标准煤）"),
    "capacity_kw": ("number", "装机容量（千瓦）"),
    "output_kwh": ("number", "发电量或用电量（千瓦时）"),
    "tonnes": ("number", "按吨计的量（吨，如减排量）"),
    "floor_area_m2": ("number", "建筑面积或受益面积（平方米）"),
    "units": ("number", "台数或个数（台、个）"),
}


class FieldError(ValueError):
    pass


def parse_report(items: list[str]) -> dict:
    """``["diagnosis_plans=1", "above_scale=yes"]`` -> {"diagnosis_plans": 1.0, "above_scale": True}."""
    out: dict = {}
    for item in items:
        if "=" not in item:
            raise FieldError(f"--report {item!r}: write FIELD=VALUE, e.g. diagnosis_plans=2")
        field, value = (part.strip() for part in item.split("=", 1))
        if field not in REPORT_FIELDS:
            raise FieldError(f"--report {field!r}: unknown field; `policyqa obligations --fields` lists them")
        kind = REPORT_FIELDS[field][0]
        if kind == "yes/no":
            if value.lower() not in ("yes", "no", "true", "false", "是", "否", "1", "0"):
                raise FieldError(f"--report {field}={value}: expected yes or no")
            out[field] = value.lower() in ("yes", "true", "是", "1")
            continue
        try:
            number = float(value.rstrip("%"))
        except ValueError:
            raise FieldError(f"--report {field}={value}: expected a number") from None
        if not math.isfinite(number):
            raise FieldError(f"--report {field}={value}: expected a finite number")
        if number < 0:
            raise FieldError(f"--report {field}={value}: cannot be negative")
        out[field] = number
    return out
