"""Rule files kept under the data directory: drafts waiting for review, and rules a person accepted.

    <data dir>/rules/drafts/<doc_id>.yaml     drafted by `policyqa rules draft --save`, reviewed: false
    <data dir>/rules/reviewed/<doc_id>.yaml   accepted (and maybe edited) by a person, reviewed: true

Both are plain YAML in the schema of rules/data/, so a person may also edit them by hand. They
live beside the index, not in it, so re-ingesting a document never touches what was reviewed.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from rules.draft import draft_rules, draft_yaml
from rules.loader import RuleError, load_all, load_rule_set, rule_set_from_data
from rules.model import Entitlement, Obligation

KINDS = ("obligations", "entitlements")


def drafts_dir(data_dir: Path) -> Path:
    return Path(data_dir) / "rules" / "drafts"


def reviewed_dir(data_dir: Path) -> Path:
    return Path(data_dir) / "rules" / "reviewed"


def save_draft(data_dir: Path, draft: dict) -> Path:
    path = drafts_dir(data_dir) / f"{draft['document']['doc_id']}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(draft_yaml(draft), encoding="utf-8")
    return path


def _read(path: Path) -> dict:
    load_rule_set(path)  # refuse a file the engine could not load, naming it
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def read_draft(data_dir: Path, doc_id: str) -> dict:
    draft_path = drafts_dir(data_dir) / f"{doc_id}.yaml"
    if not draft_path.is_file():
        raise RuleError(f"no draft for {doc_id}: run `policyqa rules draft {doc_id} --save` first")
    return _read(draft_path)


def _write_checked(files: dict[Path, str]) -> None:
    """Write the rule files only if the engine can load every one of them, so a bad edit never
    replaces a good file nor leaves the draft and the reviewed file out of step."""
    trials = {}
    try:
        for path, text in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            trials[path] = path.with_name(f".{path.name}.new")
            trials[path].write_text(text, encoding="utf-8")
            load_rule_set(trials[path])
    except RuleError as exc:
        for trial in trials.values():
            trial.unlink(missing_ok=True)
        raise RuleError(str(exc).replace(trials[path].name, path.name)) from None
    for path, trial in trials.items():
        trial.replace(path)


def review(data_dir: Path, doc_id: str, accept: tuple[str, ...] = (), reject: tuple[str, ...] = (),
           edited: dict[str, dict] | None = None) -> dict:
    """Move accepted drafted rules to the reviewed file (reviewed: true) and drop rejected ones from
    the draft; what was neither stays a draft. ``accept=("all",)`` accepts every rule not rejected.
    ``edited`` maps a rule id to the rule as a person corrected it. Returns the ids in each group."""
    draft_path = drafts_dir(data_dir) / f"{doc_id}.yaml"
    draft = read_draft(data_dir, doc_id)
    for kind in KINDS:
        draft[kind] = [(edited or {}).get(rule["id"], rule) for rule in draft.get(kind) or []]
    known = {rule["id"] for kind in KINDS for rule in draft.get(kind) or []}
    if tuple(accept) == ("all",):
        accept = tuple(sorted(known - set(reject)))
    unknown = sorted((set(accept) | set(reject)) - known)
    if unknown:
        raise RuleError(f"{draft_path.name}: no drafted rule {', '.join(unknown)}")
    reviewed_path = reviewed_dir(data_dir) / f"{doc_id}.yaml"
    reviewed = _read(reviewed_path) if reviewed_path.is_file() else {
        "document": draft["document"], "obligations": [], "entitlements": []}
    for kind in KINDS:
        kept = []
        for rule in draft.get(kind) or []:
            if rule["id"] in accept:
                reviewed.setdefault(kind, []).append({**rule, "reviewed": True})
            elif rule["id"] not in reject:
                kept.append(rule)
        draft[kind] = kept
    _write_checked({reviewed_path: draft_yaml(reviewed, reviewed=True), draft_path: draft_yaml(draft)})
    return {"accepted": sorted(accept), "rejected": sorted(reject),
            "left": sorted(rule["id"] for kind in KINDS for rule in draft[kind])}


def rules_for(data_dir: Path, include_drafts: bool = False,
              documents=()) -> tuple[list[Obligation], list[Entitlement]]:
    """The package's rules, the reviewed rules of the data directory and, when asked, its drafts;
    with drafts, every one of ``documents`` that has no rule file at all is drafted in memory too
    (a library of uploaded documents nobody has drafted yet still answers, every rule 未审核)."""
    obligations, entitlements = load_all()
    folders = [reviewed_dir(data_dir)] + ([drafts_dir(data_dir)] if include_drafts else [])
    for folder in folders:
        if folder.is_dir():
            found, offered = load_all(folder)
            obligations += found
            entitlements += offered
    if include_drafts:
        # a document someone has drafted or reviewed (even one whose every rule was rejected) keeps that
        covered = {rule.source.doc_id for rule in [*obligations, *entitlements]} | {
            path.stem for folder in folders if folder.is_dir() for path in folder.glob("*.yaml")}
        for doc in documents:
            if doc.meta.doc_id not in covered:
                found, offered = rule_set_from_data(draft_rules(doc), f"draft of {doc.meta.doc_id}")
                obligations += found
                entitlements += offered
    return obligations, entitlements
