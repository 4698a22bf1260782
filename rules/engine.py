"""Which obligations bind an enterprise, and whether its reported figures meet them.

Deterministic: the same profile, rules and date give the same result, in the same order. A
condition that cannot be decided from the profile makes the obligation ``needs_info``, never a
guess; a condition that is decided false makes it ``not_applicable`` whatever else is unknown.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, replace

from ingest.lexicon import sector_ancestors, sector_names
from ingest.regions import Gazetteer
from rules.assessment import Assessment, Check, Enterprise, EntitlementResult, ObligationResult
from rules.enterprises import resolve_name
from rules.fields import REPORT_FIELDS
from rules.model import Entitlement, ListedEnterprise, Obligation, Profile, Range, Source
from rules.units import parse_emissions, parse_energy

STATUS_ORDER = {"applies": 0, "needs_info": 1, "not_applicable": 2}


class ProfileError(ValueError):
    pass


def load_sectors() -> dict[str, tuple[str, str]]:
    """alias -> (sector, parent), from the lexicon (ingest/data/lexicon/sectors.txt)."""
    from ingest.lexicon import sectors

    return sectors()


def build_profile(gazetteer: Gazetteer, listed: list[ListedEnterprise], *, name: str | None = None,
                  region: str | None = None, energy: str | float | None = None, sector: str | None = None,
                  pue: float | None = None, reports: dict | None = None, emissions: str | float | None = None,
                  key_emitter: bool | None = None, applicant: bool | None = None) -> Profile:
    notes = []
    entry = None
    if name:
        entry, candidates = resolve_name(name, listed)
        if entry is None and candidates:
            notes.append(f"名称“{name}”与名单中多家企业相近：{'、'.join(candidates)}；请写全称")
    if region:
        known = gazetteer.find(region, aliases=True)
        if not known:
            raise ProfileError(f"unknown region {region!r}: use a district or city such as 嘉定区, 青浦区, 嘉兴市")
        region = known[0]
    if entry is not None:
        if region and region not in gazetteer.ancestors(entry.region) and entry.region not in gazetteer.ancestors(region):
            notes.append(f"名单中“{entry.name}”属于{entry.region}，与填写的{region}不一致")
        elif region and region in gazetteer.ancestors(entry.region):
            region = entry.region  # "上海市" said of a firm 嘉定区's list names: the district is the more exact
        region = region or entry.region
    annual = parse_energy(energy) if energy not in (None, "") else None
    tco2e = parse_emissions(emissions) if emissions not in (None, "") else None
    sector_name, sectors = None, ()
    if sector:
        table = load_sectors()
        if sector.lower() not in table:
            raise ProfileError(f"unknown sector {sector!r}: use one of {', '.join(sector_names())}")
        sector_name = table[sector.lower()][0]
        sectors = (sector_name, *sector_ancestors(sector_name))
    reports = dict(reports or {})
    if pue is not None:
        if not math.isfinite(pue) or pue < 1:  # nan passes every comparison: refuse it by name
            raise ProfileError(f"PUE {pue} is impossible: PUE is a number of 1.0 or more")
        reports["pue"] = float(pue)
    return Profile(
        name=entry.name if entry else name,
        region=region,
        regions=tuple(gazetteer.ancestors(region)) if region else (),
        annual_energy_tce=annual,
        tier=entry.tier if entry else None,
        tier_range=entry.tier_range if entry else None,
        sector=sector_name,
        sectors=sectors,
        pue=reports.get("pue"),
        reports=reports,
        listed_in=entry.list_title if entry else None,
        notes=tuple(notes),
        list_sectors=entry.sectors if entry is not None and not sector_name else (),
        list_region=entry.region if entry is not None else None,
        emissions_tco2e=tco2e,
        key_emitter=key_emitter,
        applicant=applicant,
    )


@dataclass(frozen=True)
class Decision:
    status: str
    reason: str


def _energy_decision(rng: Range, profile: Profile) -> tuple[bool | None, str]:
    want = rng.describe("吨标准煤")
    if profile.annual_energy_tce is not None:
        ok = rng.contains(profile.annual_energy_tce)
        return ok, f"年综合能耗{profile.annual_energy_tce:g}吨标准煤{'符合' if ok else '不符合'}{want}"
    if profile.tier_range is not None:
        # a band is a range: it decides when the whole band is on one side of the threshold
        covered = rng.covers(profile.tier_range)
        if covered is not None:
            return covered, f"名单档位“{profile.tier}”{'符合' if covered else '不符合'}{want}"
        return None, f"名单档位“{profile.tier}”跨过条件{want}，仅凭档位无法判定，需提供年综合能耗"
    return None, f"需提供年综合能耗（条件：{want}）"


def _emissions_decision(rng: Range, profile: Profile) -> tuple[bool | None, str]:
    want = rng.describe("吨二氧化碳当量")
    if profile.emissions_tco2e is None:
        return None, f"需提供年排放量（条件：{want}）"
    ok = rng.contains(profile.emissions_tco2e)
    return ok, f"年排放{profile.emissions_tco2e:g}吨二氧化碳当量{'符合' if ok else '不符合'}{want}"


def _size_decision(binds, profile: Profile) -> tuple[bool | None, str]:
    """Energy and emissions thresholds; where a document gives both, as alternatives ("年排放2万吨二氧化碳
    (或年综合能源消费量1万吨标准煤)及以上"), meeting either one is enough."""
    decisions = [d for d in (_energy_decision(binds.energy_tce, profile) if binds.energy_tce is not None else None,
                             _emissions_decision(binds.emissions_tco2e, profile)
                             if binds.emissions_tco2e is not None else None) if d is not None]
    met = [why for ok, why in decisions if ok]
    if met:
        return True, met[0]
    if all(ok is False for ok, _ in decisions):
        return False, "；".join(why for _, why in decisions)
    return None, "或".join(why for ok, why in decisions if ok is None)


def decide(rule: Obligation | Entitlement, profile: Profile) -> Decision:
    """Whether a rule's binding (region, sector, thresholds, lists) holds for the profile."""
    binds = rule.binds
    failed: list[str] = []
    unknown: list[str] = []
    passed: list[str] = []
    if not profile.region:
        unknown.append(f"需提供所在区域（适用：{'、'.join(binds.regions)}）")
    elif not set(binds.regions) & set(profile.regions):
        failed.append(f"适用于{'、'.join(binds.regions)}，不适用于{profile.region}")
    else:
        passed.append(f"{profile.region}属{'、'.join(binds.regions)}")
    if binds.sectors:
        if not profile.sector and profile.list_sectors:
            # a 工业和通信业 list says its members are in one of those sectors, not which one
            scope = "、".join(profile.list_sectors)
            if set(profile.list_sectors) <= set(binds.sectors):
                passed.append(f"名单范围（{scope}）属{'、'.join(binds.sectors)}")
            elif not set(profile.list_sectors) & set(binds.sectors):
                failed.append(f"名单范围（{scope}）不属{'、'.join(binds.sectors)}")
            else:
                unknown.append(f"需提供行业（名单范围：{scope}；适用：{'、'.join(binds.sectors)}）")
        elif not profile.sector:
            unknown.append(f"需提供行业（适用：{'、'.join(binds.sectors)}）")
        elif not set(binds.sectors) & set(profile.sectors):
            failed.append(f"适用于{'、'.join(binds.sectors)}，不适用于{profile.sector}")
        else:
            passed.append(f"行业{profile.sector}")
    if binds.energy_tce is not None or binds.emissions_tco2e is not None:
        ok, why = _size_decision(binds, profile)
        (passed if ok else failed if ok is False else unknown).append(why)
    scheme = getattr(rule, "key_enterprises", None)
    for status, wanted, have, label in (
            ("key_emitter", binds.key_emitter, profile.key_emitter, "重点排放单位（纳入碳排放配额管理）"),
            ("applicant", binds.applicant, profile.applicant, "申报本文件支持的单位")):
        if not wanted:
            continue
        if have is None and status == "key_emitter" and scheme is not None and (
                scheme.energy_tce is not None or scheme.emissions_tco2e is not None):
            # the document says who its scheme covers: the profile's energy or emissions decide
            ok, why = _size_decision(scheme, profile)
            (passed if ok else failed if ok is False else unknown).append(f"纳入范围：{why}")
            continue
        if have is None:
            unknown.append(f"需说明是否{label}")
        elif have:
            passed.append(label)
        else:
            failed.append(f"仅适用于{label}")
    if binds.pue is not None:
        if profile.pue is None:
            unknown.append(f"需提供PUE（条件：{binds.pue.describe()}）")
        elif binds.pue.contains(profile.pue):
            passed.append(f"PUE {profile.pue:g}符合{binds.pue.describe()}")
        else:
            failed.append(f"PUE {profile.pue:g}不符合{binds.pue.describe()}")
    if binds.listed:
        _listed_decision(getattr(rule, "key_enterprises", None), profile, passed, failed, unknown)
    if binds.above_scale:
        value = profile.reports.get("above_scale")
        if value is None:
            unknown.append("需说明是否规上企业（--report above_scale=yes）")
        elif value:
            passed.append("规上企业")
        else:
            failed.append("仅适用于规上企业")
    if failed:
        return Decision("not_applicable", "；".join(failed))
    if unknown:
        return Decision("needs_info", "；".join(unknown))
    return Decision("applies", "；".join(passed))


def _cited(source: Source, doc_numbers: dict[str, str]) -> Source:
    """The rule's source with the 文号 its document has now (a correction may have changed it)."""
    return replace(source, doc_number=doc_numbers.get(source.doc_id, source.doc_number))


def entitlement_results(profile: Profile, entitlements: list[Entitlement],
                        doc_numbers: dict[str, str]) -> tuple[EntitlementResult, ...]:
    """Support the profile can claim, with the amount worked out from its reported figures and cap."""
    results = []
    for entitlement in entitlements:
        decision = decide(entitlement, profile)
        amount = entitlement.amount
        computed, how = amount.compute(profile.reports) if amount is not None else (None, "文件未写明金额")
        results.append(EntitlementResult(
            id=entitlement.id,
            purpose=entitlement.purpose,
            status=decision.status,
            reason=decision.reason,
            amount=amount,
            amount_wan_yuan=computed if decision.status != "not_applicable" else None,
            calculation=how,
            window=entitlement.window,
            lead_department=entitlement.lead_department,
            reviewed=entitlement.reviewed,
            source=_cited(entitlement.source, doc_numbers),
        ))
    return tuple(sorted(results, key=lambda r: (STATUS_ORDER[r.status], r.id)))


def _listed_decision(key, profile: Profile, passed: list, failed: list, unknown: list) -> None:
    """A duty of key energy-using enterprises: on a list the rule file uses, or, where its document
    sets an energy threshold for them, above it. No threshold is assumed that a document did not set."""
    lists = key.lists if key is not None else ()
    if profile.listed_in and (not lists or profile.list_region in lists):
        passed.append(f"列入{profile.listed_in}")
        return
    threshold = key.energy_tce if key is not None else None
    if threshold is not None and profile.annual_energy_tce is not None:
        want = threshold.describe("吨标准煤")
        if threshold.contains(profile.annual_energy_tce):
            passed.append(f"年综合能耗{profile.annual_energy_tce:g}吨标准煤符合重点用能企业{want}")
        else:
            failed.append(f"年综合能耗{profile.annual_energy_tce:g}吨标准煤不符合重点用能企业{want}")
        return
    named = "、".join(lists) if lists else "文件所在地区"
    unknown.append(f"需提供企业名称（{named}重点用能企业名单）" + ("或年综合能耗" if threshold is not None else ""))


def evaluate_profile(profile: Profile, obligations: list[Obligation], as_of: dt.date, doc_numbers: dict[str, str],
                     entitlements: list[Entitlement] = ()) -> Assessment:
    """What the rules say about one enterprise (``policyqa obligations``)."""
    results, checks = [], []
    for obligation in obligations:
        decision = decide(obligation, profile)
        overdue = bool(decision.status == "applies" and obligation.deadline and obligation.deadline < as_of.isoformat())
        results.append(ObligationResult(
            id=obligation.id,
            action=obligation.action,
            deadline=obligation.deadline or obligation.recurrence,
            status=decision.status,
            reason=decision.reason,
            strength=obligation.strength,
            lead_department=obligation.lead_department,
            overdue=overdue,
            reviewed=obligation.reviewed,
            source=_cited(obligation.source, doc_numbers),
            deadline_text=obligation.deadline_text,
        ))
        if decision.status == "not_applicable":
            continue
        for requirement in obligation.requirements:
            if requirement.year is not None and requirement.year != as_of.year:
                continue
            reported = profile.reports.get(requirement.field)
            if reported is None:
                continue
            checks.append(Check(obligation.id, requirement.field, reported, requirement.describe(),
                                "pass" if requirement.holds(float(reported)) else "fail"))
    if profile.tier_range is not None and profile.annual_energy_tce is not None:
        ok = profile.tier_range.contains(profile.annual_energy_tce)
        checks.append(Check("key-enterprise-list", "annual_energy_tce", profile.annual_energy_tce,
                            f"{profile.tier}（{profile.listed_in}）", "pass" if ok else "fail"))
    results.sort(key=lambda r: (STATUS_ORDER[r.status], r.deadline or "9999", r.id))
    enterprise = Enterprise(profile.name, profile.region, tuple(profile.regions), profile.annual_energy_tce,
                            profile.tier, profile.sector, profile.emissions_tco2e, profile.key_emitter, profile.applicant)
    return Assessment(
        enterprise=enterprise,
        obligations=tuple(results),
        checks=tuple(checks),
        entitlements=entitlement_results(profile, list(entitlements), doc_numbers) if entitlements else None,
        notes=tuple(profile.notes),
    )


def report_fields() -> dict[str, tuple[str, str]]:
    return dict(REPORT_FIELDS)
