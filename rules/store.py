"""Rule files kept under the data directory: drafts waiting for review, and rules a person accepted.

    <data dir>/rules/drafts/<doc_id>.yaml     drafted by `policyqa rules draft --save`, reviewed: false
    <data dir>/rules/reviewed/<doc_id>.yaml   accepted (and maybe edited) by a person, reviewed: true

Both are plain YAML in the schema of rules/data/, so a person may also edit them by hand. They
live beside the index, not in it, so re-ingesting a document never touches what was reviewed.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from rules.draft import draft_yaml
from rules.loader import RuleError, load_all, load_rule_set
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


def review(data_dir: Path, doc_id: str, accept: tuple[str, ...] = (), reject: tuple[str, ...] = ()) -> dict:
    """Move accepted drafted rules to the reviewed file (reviewed: true) and drop rejected ones from
    the draft; what was neither stays a draft. ``accept=("all",)`` accepts every rule not rejected.
    Returns the ids in each group."""
    draft_path = drafts_dir(data_dir) / f"{doc_id}.yaml"
    if not draft_path.is_file():
        raise RuleError(f"no draft for {doc_id}: run `policyqa rules draft {doc_id} --save` first")
    draft = _read(draft_path)
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
    reviewed_path.parent.mkdir(parents=True, exist_ok=True)
    reviewed_path.write_text(draft_yaml(reviewed, reviewed=True), encoding="utf-8")
    draft_path.write_text(draft_yaml(draft), encoding="utf-8")
    return {"accepted": sorted(accept), "rejected": sorted(reject),
            "left": sorted(rule["id"] for kind in KINDS for rule in draft[kind])}


def rules_for(data_dir: Path, include_drafts: bool = False) -> tuple[list[Obligation], list[Entitlement]]:
    """The package's rules, the reviewed rules of the data directory and, when asked, its drafts."""
    obligations, entitlements = load_all()
    folders = [reviewed_dir(data_dir)] + ([drafts_dir(data_dir)] if include_drafts else [])
    for folder in folders:
        if folder.is_dir():
            found, offered = load_all(folder)
            obligations += found
            entitlements += offered
    return obligations, entitlements
