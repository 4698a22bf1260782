"""Strict loading of rules/data/*.yaml: unknown keys, duplicate keys and bad values name the file."""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path

import yaml

from dataclasses import replace

from rules.model import Amount, Binding, Entitlement, KeyEnterprises, Obligation, Range, Requirement, Source

STRENGTHS = ("mandatory", "strive", "encouraged", "promoted")
RECURRENCES = ("annual", "quarterly", "monthly", "ongoing")
OPS = (">=", ">", "<=", "<", "==")
OBLIGATION_KEYS = {"id", "action", "binds", "strength", "deadline", "recurrence", "deadline_text", "lead_department",
                   "requirements", "source", "reviewed"}
ENTITLEMENT_KEYS = {"id", "purpose", "binds", "amount", "window", "lead_department", "source", "reviewed"}
AMOUNT_KEYS = {"kind", "value", "unit", "basis", "cap_wan_yuan"}
AMOUNT_KINDS = ("fixed", "share", "rate")
BINDING_KEYS = {"regions", "sectors", "energy_tce", "emissions_tco2e", "pue", "listed", "above_scale", "key_emitter",
                "applicant"}
RANGE_KEYS = {"min", "max", "min_inclusive", "max_inclusive"}
REQUIREMENT_KEYS = {"field", "op", "value", "unit", "year"}
SOURCE_KEYS = {"section", "quote"}


class RuleError(ValueError):
    pass


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate keys (PyYAML silently keeps the last one)."""


def _mapping(loader, node, deep=False):
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise RuleError(f"line {key_node.start_mark.line + 1}: duplicate key {key!r}")
        seen.add(key)
    return yaml.SafeLoader.construct_mapping(loader, node, deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
# Dates stay strings so that a malformed one is reported by _date with the obligation's name,
# instead of PyYAML failing while parsing.
_StrictLoader.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _check_keys(where: str, data: dict, allowed: set[str], required: set[str] = frozenset()) -> None:
    if not isinstance(data, dict):
        raise RuleError(f"{where}: expected a mapping, got {type(data).__name__}")
    unknown = set(data) - allowed
    if unknown:
        raise RuleError(f"{where}: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
    missing = set(required) - set(data)
    if missing:
        raise RuleError(f"{where}: missing key(s) {', '.join(sorted(missing))}")


def _range(where: str, data) -> Range | None:
    if data is None:
        return None
    _check_keys(where, data, RANGE_KEYS)
    for key in ("min", "max"):
        if key in data and not isinstance(data[key], (int, float)):
            raise RuleError(f"{where}.{key}: expected a number")
    return Range(
        min=data.get("min"), max=data.get("max"),
        min_inclusive=bool(data.get("min_inclusive", True)), max_inclusive=bool(data.get("max_inclusive", False)),
    )


def _date(where: str, value) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise RuleError(f"{where}: malformed date {value!r} (use YYYY-MM-DD)") from None


def _obligation(where: str, data: dict, doc_id: str, doc_number: str, file: str) -> Obligation:
    _check_keys(where, data, OBLIGATION_KEYS, {"id", "action", "binds", "strength", "source"})
    if data["strength"] not in STRENGTHS:
        raise RuleError(f"{where}.strength: {data['strength']!r} is not one of {', '.join(STRENGTHS)}")
    if data.get("recurrence") is not None and data["recurrence"] not in RECURRENCES:
        raise RuleError(f"{where}.recurrence: {data['recurrence']!r} is not one of {', '.join(RECURRENCES)}")
    requirements = []
    for i, req in enumerate(data.get("requirements") or []):
        _check_keys(f"{where}.requirements[{i}]", req, REQUIREMENT_KEYS, {"field", "op", "value"})
        if req["op"] not in OPS:
            raise RuleError(f"{where}.requirements[{i}].op: {req['op']!r} is not one of {' '.join(OPS)}")
        requirements.append(Requirement(req["field"], req["op"], float(req["value"]), req.get("unit", ""), req.get("year")))
    return Obligation(
        id=str(data["id"]),
        action=str(data["action"]),
        binds=_binding(f"{where}.binds", data["binds"]),
        strength=data["strength"],
        source=_source(f"{where}.source", data["source"], doc_id, doc_number),
        deadline=_date(f"{where}.deadline", data.get("deadline")),
        recurrence=data.get("recurrence"),
        deadline_text=data.get("deadline_text"),
        lead_department=data.get("lead_department"),
        requirements=tuple(requirements),
        file=file,
        reviewed=bool(data.get("reviewed", True)),
    )


def _binding(where: str, binds) -> Binding:
    _check_keys(where, binds, BINDING_KEYS, {"regions"})
    return Binding(
        regions=tuple(binds["regions"] or ()),
        sectors=tuple(binds.get("sectors") or ()),
        energy_tce=_range(f"{where}.energy_tce", binds.get("energy_tce")),
        emissions_tco2e=_range(f"{where}.emissions_tco2e", binds.get("emissions_tco2e")),
        pue=_range(f"{where}.pue", binds.get("pue")),
        listed=bool(binds.get("listed", False)),
        above_scale=bool(binds.get("above_scale", False)),
        key_emitter=bool(binds.get("key_emitter", False)),
        applicant=bool(binds.get("applicant", False)),
    )


def _source(where: str, source, doc_id: str, doc_number: str) -> Source:
    _check_keys(where, source, SOURCE_KEYS, SOURCE_KEYS)
    return Source(doc_id, doc_number, str(source["section"]), str(source["quote"]))


def _key_enterprises(where: str, data) -> KeyEnterprises | None:
    if data is None:
        return None
    _check_keys(where, data, {"energy_tce", "emissions_tco2e", "lists", "quote"}, {"lists"})
    return KeyEnterprises(_range(f"{where}.energy_tce", data.get("energy_tce")), tuple(data["lists"] or ()),
                          str(data.get("quote", "")), _range(f"{where}.emissions_tco2e", data.get("emissions_tco2e")))


def _entitlement(where: str, data: dict, doc_id: str, doc_number: str, file: str) -> Entitlement:
    _check_keys(where, data, ENTITLEMENT_KEYS, {"id", "purpose", "binds", "source"})
    amount = None
    if data.get("amount") is not None:
        raw = data["amount"]
        _check_keys(f"{where}.amount", raw, AMOUNT_KEYS, {"kind", "value", "unit"})
        if raw["kind"] not in AMOUNT_KINDS:
            raise RuleError(f"{where}.amount.kind: {raw['kind']!r} is not one of {', '.join(AMOUNT_KINDS)}")
        for key in ("value", "cap_wan_yuan"):
            if key in raw and (not isinstance(raw[key], (int, float)) or isinstance(raw[key], bool) or raw[key] < 0):
                raise RuleError(f"{where}.amount.{key}: expected a number of 0 or more")
        if raw["kind"] != "fixed" and not raw.get("basis"):
            raise RuleError(f"{where}.amount.basis: a {raw['kind']} needs the reported figure it applies to")
        amount = Amount(raw["kind"], float(raw["value"]), str(raw["unit"]), raw.get("basis"),
                        float(raw["cap_wan_yuan"]) if raw.get("cap_wan_yuan") is not None else None)
    return Entitlement(
        id=str(data["id"]),
        purpose=str(data["purpose"]),
        binds=_binding(f"{where}.binds", data["binds"]),
        source=_source(f"{where}.source", data["source"], doc_id, doc_number),
        amount=amount,
        window=data.get("window"),
        lead_department=data.get("lead_department"),
        file=file,
        reviewed=bool(data.get("reviewed", True)),
    )


def load_rule_file(path: Path) -> list[Obligation]:
    return load_rule_set(path)[0]


def load_rule_set(path: Path) -> tuple[list[Obligation], list[Entitlement]]:
    """A rule file's obligations and entitlements; every problem names the file and the entry."""
    name = Path(path).name
    try:
        data = yaml.load(Path(path).read_text(encoding="utf-8-sig"), Loader=_StrictLoader)
    except RuleError as exc:
        raise RuleError(f"{name}: {exc}") from None
    except yaml.YAMLError as exc:
        raise RuleError(f"{name}: not valid YAML ({exc})") from None
    return rule_set_from_data(data, name)


def rule_set_from_data(data, name: str) -> tuple[list[Obligation], list[Entitlement]]:
    """The obligations and entitlements of a rule file already read (or a draft made in memory);
    ``name`` is what problems are reported against."""
    try:
        _check_keys("top level", data, {"document", "obligations", "entitlements"}, {"document", "obligations"})
        _check_keys("document", data["document"], {"doc_id", "doc_number", "title", "key_enterprises"},
                    {"doc_id", "doc_number"})
        doc = data["document"]
        doc_id, doc_number = str(doc["doc_id"]), str(doc["doc_number"] or "")
        key = _key_enterprises("document.key_enterprises", doc.get("key_enterprises"))

        def label(kind: str, i: int, item) -> str:
            return f"{kind}[{i}] ({item.get('id', '?') if isinstance(item, dict) else '?'})"

        obligations = [replace(_obligation(label("obligations", i, item), item, doc_id, doc_number, name),
                               key_enterprises=key)
                       for i, item in enumerate(data["obligations"] or [])]
        entitlements = [_entitlement(label("entitlements", i, item), item, doc_id, doc_number, name)
                        for i, item in enumerate(data.get("entitlements") or [])]
        return obligations, entitlements
    except RuleError as exc:
        raise RuleError(f"{name}: {exc}") from None


def load_rules(directory: Path | None = None) -> list[Obligation]:
    """Every obligation of every rule file, in file then declaration order; ids must be unique."""
    return load_all(directory)[0]


def load_all(directory: Path | None = None) -> tuple[list[Obligation], list[Entitlement]]:
    """Every obligation and entitlement of every rule file in ``directory`` (default: the package's
    reviewed rules), in file then declaration order; ids must be unique."""
    if directory is None:
        files = sorted(
            (p for p in resources.files("rules").joinpath("data").iterdir() if p.name.endswith(".yaml")),
            key=lambda p: p.name,
        )
    else:
        files = sorted(Path(directory).glob("*.yaml"))
    obligations: list[Obligation] = []
    entitlements: list[Entitlement] = []
    seen: dict[str, str] = {}
    for path in files:
        found, offered = load_rule_set(path)
        for rule in [*found, *offered]:
            if rule.id in seen:
                raise RuleError(f"{path.name}: rule id {rule.id!r} already used in {seen[rule.id]}")
            seen[rule.id] = path.name
        obligations.extend(found)
        entitlements.extend(offered)
    return obligations, entitlements
