"""The ``policyqa`` command line. Each command parses its options and calls library code.

The JSON printed by ``ask``, ``eval`` and the other commands is a stable contract used by tools
outside this repository: see README.md before changing a field.
"""

from __future__ import annotations

import functools
import json
import shutil
import sys
from pathlib import Path

import click

from policyqa import __version__
from policyqa.settings import Settings


def common_options(func):
    """Options shared by every command that reads or writes the index."""

    @click.option("--data-dir", type=click.Path(path_type=Path), default=None,
                  help="Where the index lives (default: $POLICYQA_DATA_DIR or ./data).")
    @functools.wraps(func)
    def wrapper(*args, data_dir=None, **kwargs):
        return func(*args, settings=Settings.from_env(data_dir=data_dir), **kwargs)

    return wrapper


def xlsx_option(func):
    """--xlsx FILE: the command's table as an Excel sheet too (ui/exports.py)."""
    return click.option("--xlsx", "xlsx_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
                        help="Also write an Excel file.")(func)


def _load(settings: Settings, what: str = "answerer"):
    from policyqa.app import load_answerer, load_assistant
    from retriever.index import IndexMismatch, IndexNotFound

    try:
        return load_assistant(settings) if what == "assistant" else load_answerer(settings)
    except (IndexNotFound, IndexMismatch) as exc:
        raise click.ClickException(str(exc)) from None


def _load_answerer(settings: Settings):
    return _load(settings, "answerer")


def _print_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False))


@click.group()
@click.version_option(__version__, prog_name="policyqa")
def main():
    """Answers questions about Chinese energy-saving and carbon policy files, citing the clause."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--rebuild", is_flag=True, help="Re-chunk and re-embed every document.")
@click.option("--embedding", default=None, help="Embedding backend: 'e5' or 'st:<model dir or package>'.")
@click.option("--no-embed", is_flag=True,
              help="Only make the files searchable by keywords; `policyqa embed` adds the vectors later.")
@common_options
def ingest(paths, rebuild, embedding, no_embed, settings):
    """Add or update policy files (.txt, .pdf, .docx/.doc, saved web pages .html, Excel .xlsx/.xls) in the index; unchanged files are skipped.

    The files are searchable (by keywords) as soon as they are read; their vectors are computed
    after, and published as they come, so questions get better-ranked answers while this runs.
    Interrupted, it keeps what was embedded: `policyqa embed` goes on from there.

    Example: policyqa ingest corpus/ new_plan.pdf
    """
    from policyqa.app import ingest_paths
    from retriever.index import IndexMismatch

    if embedding:
        settings = Settings.from_env(data_dir=settings.data_dir, embedding=embedding)
    paths = list(paths) or [settings.corpus_dir]
    try:
        result = ingest_paths(paths, settings, rebuild=rebuild, embed=False, on_page=_say_ocr_page)
    except (ValueError, IndexMismatch) as exc:
        raise click.ClickException(str(exc)) from None
    report = result.report
    for doc_id in report.added:
        click.echo(f"indexed    {doc_id}")
    for doc_id in report.updated:
        click.echo(f"updated    {doc_id}")
    for doc_id in report.unchanged:
        click.echo(f"unchanged  {doc_id}")
    for name in result.skipped_duplicates:
        click.echo(f"duplicate  {name}")
    for warning in result.warnings:
        click.echo(f"warning    {warning}", err=True)
    for error in result.errors:
        click.echo(f"refused    {error}", err=True)
    click.echo(f"index: {settings.index_dir} ({report.chunks} chunks, searchable by keywords)")
    if report.pending and not no_embed:
        _embed_with_progress(settings)
    elif report.pending:
        click.echo(f"{report.pending} texts wait for their vectors: run `policyqa embed`")
    if result.errors:
        sys.exit(1)


def _say_ocr_page(name: str, page: int, pages: int) -> None:
    click.echo(f"OCR        {name}: scanned page {page} of {pages}", err=True)


def _embed_with_progress(settings: Settings) -> None:
    from tqdm import tqdm

    from retriever.index import PolicyIndex
    from retriever.index.embedder import embed_pending
    from retriever.index.embeddings import load_embeddings

    spec = PolicyIndex.load(settings.index_dir).manifest.get("embedding_spec", settings.embedding)
    bar = tqdm(desc="embedding chunks and clauses", unit="text", file=sys.stderr, disable=None)
    try:
        done = embed_pending(settings.index_dir, load_embeddings(spec), settings.publish_every, progress=bar.update,
                             store_options=settings.store_options())
    finally:
        bar.close()
    click.echo(f"embedded   {done.embedded} texts ({done.from_cache} from earlier runs) in {done.seconds:.0f} s; "
               f"semantic ranking complete")


@main.command()
@common_options
def embed(settings):
    """Compute the vectors the index is still missing (after `ingest --no-embed`, or an interrupted
    ingest) and publish them; work finished before is not redone.

    Example: policyqa embed --data-dir data
    """
    from retriever.index import IndexUnusable, PolicyIndex

    try:
        pending = PolicyIndex.load(settings.index_dir).pending
    except IndexUnusable as exc:
        raise click.ClickException(str(exc)) from None
    if not pending:
        click.echo("nothing to embed: semantic ranking is complete")
        return
    click.echo(f"{pending} texts wait for their vectors")
    _embed_with_progress(settings)


@main.command()
@click.argument("question")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per question.")
@click.option("--region", "regions", multiple=True, help="Only documents of this region (repeatable).")
@click.option("--doc", "doc_ids", multiple=True, help="Only this document id (repeatable).")
@common_options
def ask(question, as_json, regions, doc_ids, settings):
    """Answer a question; '-' reads one question per line from stdin (index loaded once).

    Example: policyqa ask "嘉定区节能诊断方案每年不少于多少项？" --json
    """
    from policyqa.assistant import question_problem

    if question != "-":
        problem = question_problem(question, settings.max_question_chars)
        if problem:  # before the index is loaded: nothing to ask
            _print_answer({"question": question, "answer": problem, "found": False, "citations": []}, as_json)
            sys.exit(2)
    assistant = _load(settings, "assistant")
    questions = stdin_lines() if question == "-" else [question]
    for line in questions:
        line = line.strip()
        if not line:
            continue
        answer = assistant.ask(line, regions=list(regions) or None, doc_ids=list(doc_ids) or None)
        if as_json:
            _print_json(answer.to_dict())
        else:
            click.echo(answer.as_text())
            click.echo()
        sys.stdout.flush()


def stdin_lines():
    """Questions from stdin, one a line, each decoded on its own: a line that is not UTF-8 is read
    with its bad bytes replaced, and said so on stderr, and the lines after it are still asked."""
    for number, raw in enumerate(sys.stdin.buffer, 1):
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            click.echo(f"stdin line {number}: not UTF-8 (byte {exc.start + 1}); read with the bad bytes replaced",
                       err=True)
            yield raw.decode("utf-8", errors="replace")


def _print_answer(answer: dict, as_json: bool) -> None:
    if as_json:
        _print_json(answer)
    else:
        click.echo(answer["answer"])


@main.command(name="eval")
@click.argument("file", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the summary and per-question results as JSON.")
@click.option("--corpus", "corpus_dirs", type=click.Path(path_type=Path), multiple=True,
              help="Folder of the source files to check quotes against (repeatable; default: corpus/ and ../shared/wild/pdf).")
@common_options
def eval_command(file, as_json, corpus_dirs, settings):
    """Score answers against a question file (default: ../shared/eval/dev_qa.jsonl).

    Example: policyqa eval ../shared/eval/dev_qa.jsonl
    """
    from retriever.evaluate import evaluate, load_questions

    file = file or Path("../shared/eval/dev_qa.jsonl")
    try:
        questions = load_questions(file)
    except (OSError, ValueError) as exc:
        raise click.ClickException(str(exc)) from None
    dirs = list(corpus_dirs) or [settings.corpus_dir, Path("../shared/wild/pdf")]
    report = evaluate(_load_answerer(settings), questions, dirs)
    summary = report.summary()
    if as_json:
        _print_json({"summary": summary, "results": [r.__dict__ for r in report.results]})
        return
    for r in report.results:
        mark = "ok " if (r.answer_ok if r.answerable else r.refusal_ok) else "BAD"
        click.echo(f"{mark} {r.id:8} rank={r.rank} {r.question} -> {r.answer.splitlines()[0][:80]}")
    click.echo()
    for key, value in summary.items():
        click.echo(f"{key:24} {value}")
    p50, p95 = report.latency_ms()
    click.echo(f"{'answer time p50 / p95':24} {p50:.0f} / {p95:.0f} ms")


@main.command()
@click.option("--name", default=None, help="Enterprise name; resolved against the key-enterprise lists.")
@click.option("--region", default=None, help="District or city, e.g. 嘉定区.")
@click.option("--energy", default=None, help="Annual energy use with its unit, e.g. 6000吨标准煤, 0.6万吨标准煤, 6000tce.")
@click.option("--sector", default=None, help="工业, 通信, 数据中心, 建筑, 商业, 公共机构, 交通, or a sector documents "
              "list (发电, 石化, 化工, 建材, 水泥, 钢铁, 有色, 造纸, 民航 …).")
@click.option("--emissions", default=None, help="Annual emissions, e.g. 26000吨二氧化碳, 2.6万吨二氧化碳当量, 26000tCO2e.")
@click.option("--key-emitter/--not-key-emitter", "key_emitter", default=None,
              help="Whether it is in an emissions-trading scheme (重点排放单位, 控排企业, 纳管企业).")
@click.option("--applicant/--not-applicant", "applicant", default=None,
              help="Whether it applies for the support a document offers (申报单位).")
@click.option("--pue", type=float, default=None, help="Data-centre PUE.")
@click.option("--report", "reports", multiple=True, metavar="FIELD=VALUE", help="A reported figure (repeatable).")
@click.option("--as-of", "as_of", default=None, metavar="YYYY-MM-DD", help="Date for deadlines and overdue (default today).")
@click.option("--fields", "list_fields", is_flag=True, help="List the report fields and exit.")
@click.option("--include-drafts", is_flag=True, help="Also apply drafted rules nobody has reviewed (marked 未审核).")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@xlsx_option
@common_options
def obligations(name, region, energy, sector, emissions, key_emitter, applicant, pue, reports, as_of, list_fields,
                include_drafts, as_json, xlsx_file, settings):
    """Obligations that apply to an enterprise, with deadline, lead department and source clause.

    Example: policyqa obligations --region 嘉定区 --energy 6000吨标准煤 --sector 工业 --json
    """
    import datetime as dt

    from rules.engine import ProfileError
    from rules.fields import REPORT_FIELDS, FieldError, parse_report
    from rules.loader import RuleError
    from rules.units import UnitError

    if list_fields:
        for field, (kind, meaning) in REPORT_FIELDS.items():
            click.echo(f"{field:22} {kind:8} {meaning}")
        return
    try:
        date = dt.date.fromisoformat(as_of) if as_of else dt.date.today()
    except ValueError:
        raise click.BadParameter(f"{as_of!r} is not a date (YYYY-MM-DD)", param_hint="--as-of") from None
    if not any([name, region, energy, sector, emissions, key_emitter is not None, applicant is not None,
                pue is not None, reports]):
        raise click.UsageError("describe the enterprise: at least one of --name, --region, --energy, --sector, "
                               "--emissions, --key-emitter, --applicant, --pue")
    try:
        parsed = parse_report(list(reports))
        from policyqa.app import load_obligation_service
        from retriever.index import IndexUnusable

        try:
            service = load_obligation_service(settings, include_drafts)
        except (IndexUnusable, RuleError) as exc:
            raise click.ClickException(str(exc)) from None
        result = service.evaluate(name=name, region=region, energy=energy, sector=sector, pue=pue,
                                  reports=parsed, as_of=date, emissions=emissions, key_emitter=key_emitter,
                                  applicant=applicant)
    except (UnitError, FieldError, ProfileError) as exc:
        raise click.UsageError(str(exc)) from None
    if xlsx_file:
        from ui.exports import obligations_xlsx

        xlsx_file.write_bytes(obligations_xlsx(result))
    if as_json:
        _print_json(result.to_dict())
        return
    from rules.render import obligations_text

    click.echo(obligations_text(result))


@main.group()
def rules():
    """Rule files: draft obligations and entitlements from a document, then review them.

    Example: policyqa rules draft w115 --save; policyqa rules review w115 --accept w115-e1
    """


@rules.command("draft")
@click.argument("doc_id")
@click.option("--out", type=click.Path(path_type=Path), default=None, help="Write the YAML to this file.")
@click.option("--save", is_flag=True, help="Keep it as <data dir>/rules/drafts/DOC_ID.yaml for review and --include-drafts.")
@click.option("--json", "as_json", is_flag=True, help="Print the draft as JSON instead of YAML.")
@common_options
def rules_draft(doc_id, out, save, as_json, settings):
    """Propose obligations and entitlements of one indexed document (each reviewed: false).

    Example: policyqa rules draft w115 --save
    """
    from retriever.index import IndexUnusable, PolicyIndex
    from rules.draft import draft_rules, draft_yaml
    from rules.store import save_draft

    try:
        index = PolicyIndex.load(settings.index_dir)
    except IndexUnusable as exc:
        raise click.ClickException(str(exc)) from None
    if doc_id not in index.documents:
        raise click.ClickException(f"not in the index: {doc_id} (`policyqa documents` lists the ids)")
    draft = draft_rules(index.document(doc_id))
    if out:
        out.write_text(draft_yaml(draft), encoding="utf-8")
    if save:
        click.echo(f"saved {save_draft(settings.data_dir, draft)}", err=True)
    if as_json:
        _print_json(draft)
    elif not out:
        click.echo(draft_yaml(draft), nl=False)


@rules.command("review")
@click.argument("doc_id")
@click.option("--accept", multiple=True, help="A drafted rule id to accept (repeatable); 'all' accepts every one.")
@click.option("--reject", multiple=True, help="A drafted rule id to reject (repeatable).")
@common_options
def rules_review(doc_id, accept, reject, settings):
    """Accept or reject drafted rules; accepted ones apply from then on (reviewed: true).

    Edit <data dir>/rules/drafts/DOC_ID.yaml first to correct a field. Example:
    policyqa rules review w115 --accept w115-e1 --reject w115-o3
    """
    from rules.loader import RuleError
    from rules.store import review

    try:
        result = review(settings.data_dir, doc_id, tuple(accept), tuple(reject))
    except RuleError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"accepted {len(result['accepted'])}, rejected {len(result['rejected'])}, "
               f"{len(result['left'])} still to review")


def _target_service(settings: Settings):
    from policyqa.app import load_target_service
    from retriever.index import IndexUnusable

    try:
        return load_target_service(settings)
    except IndexUnusable as exc:
        raise click.ClickException(str(exc)) from None


@main.command()
@click.option("--region", default=None, help="Only this region (or area, e.g. 嘉兴港区).")
@click.option("--indicator", default=None, help="Only this indicator (canonical name or a synonym).")
@click.option("--csv", "csv_file", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Also write a CSV file.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON array of rows.")
@xlsx_option
@common_options
def targets(region, indicator, csv_file, as_json, xlsx_file, settings):
    """Every quantitative statement of the documents: indicator, region, value, unit, kind, period, source.

    Example: policyqa targets --indicator 绿色工厂 --json
    """
    service = _target_service(settings)
    rows = service.targets(region, indicator)
    if csv_file:
        csv_file.write_text(service.to_csv(rows), encoding="utf-8-sig")
    if xlsx_file:
        from ui.exports import targets_xlsx

        xlsx_file.write_bytes(targets_xlsx(rows))
    if as_json:
        _print_json([r.to_dict() for r in rows])
        return
    for r in rows:
        norm = f" = {r.value_normalized:g}{r.unit_normalized}" if r.value_normalized is not None and r.unit_normalized != r.unit else ""
        click.echo(f"{r.indicator}\t{r.region}\t{r.comparator}{r.value:g}{r.unit}{norm}\t{r.kind}\t{r.period}\t"
                   f"{r.target_year or ''}\t{r.doc_number}")


@main.command()
@click.option("--indicator", required=True, help="Indicator to compare, e.g. 绿色工厂, 新增光伏装机.")
@click.option("--regions", default=None, help="Comma-separated regions, e.g. 嘉定区,嘉兴市 (default: all).")
@click.option("--json", "as_json", is_flag=True)
@xlsx_option
@common_options
def compare(indicator, regions, as_json, xlsx_file, settings):
    """The same indicator across regions in one unit, with notes on what is not comparable.

    Example: policyqa compare --indicator 绿色工厂 --regions 嘉定区,嘉兴市 --json
    """
    service = _target_service(settings)
    wanted = [r.strip() for r in regions.split(",") if r.strip()] if regions else None
    result = service.compare(indicator, wanted)
    if xlsx_file:
        from ui.exports import comparison_xlsx

        xlsx_file.write_bytes(comparison_xlsx(result))
    if as_json:
        _print_json(result.to_dict())
        return
    from targets.render import comparison_text

    click.echo(comparison_text(result))


@main.command()
@click.option("--json", "as_json", is_flag=True)
@xlsx_option
@common_options
def audit(as_json, xlsx_file, settings):
    """Check each document against itself: totals, figures stated twice, unit typos, dates.

    Example: policyqa audit --json
    """
    result = _target_service(settings).audit()
    if xlsx_file:
        from ui.exports import audit_xlsx

        xlsx_file.write_bytes(audit_xlsx(result))
    if as_json:
        _print_json(result.to_dict())
        return
    for f in result.findings:
        click.echo(f"FINDING {f.kind:18} {f.doc_id}  {f.detail}：应为 {f.expected}，实为 {f.found}")
        click.echo(f"        “{f.quote[:120]}”")
    click.echo(f"\n{len(result.findings)} findings, {len(result.passed)} checks passed")


def _date_option(value: str | None, option: str):
    import datetime as dt

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date as YYYY-MM-DD", param_hint=option) from None


@main.command()
@click.option("--department", default=None, help="Only tasks this unit leads or supports (any form of its name: 市发改委).")
@click.option("--role", type=click.Choice(["lead", "support"]), default=None, help="With --department: only as lead, or only as support.")
@click.option("--region", default=None, help="Only documents about this region.")
@click.option("--doc", "doc_id", default=None, help="Only this document (DOC_ID as `documents` lists it).")
@click.option("--due-before", default=None, help="Only tasks due on or before YYYY-MM-DD.")
@click.option("--as-of", default=None, help="The day overdue is judged on, YYYY-MM-DD (default: today).")
@click.option("--overdue", is_flag=True, help="Only tasks past their deadline.")
@click.option("--json", "as_json", is_flag=True, help='Print {"tasks": [...]}.')
@click.option("--xlsx", "xlsx_file", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Also write an Excel file.")
@click.option("--ics", "ics_file", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Also write a calendar (one event per dated task).")
@common_options
def tasks(department, role, region, doc_id, due_before, as_of, overdue, as_json, xlsx_file, ics_file, settings):
    """Every task the documents assign: what, lead and supporting units, deadline, status, source.

    Example: policyqa tasks --department 市发改委 --as-of 2023-01-01 --overdue --json
    """
    import datetime as dt

    from policyqa.app import load_task_tracker
    from retriever.index import IndexUnusable
    from rules.task_tracker import STATUS_LABELS, TaskFilter
    from ui.exports import tasks_ics, tasks_xlsx

    day = _date_option(as_of, "--as-of") or dt.date.today()
    wanted = TaskFilter(department, region, doc_id, _date_option(due_before, "--due-before"), overdue, role)
    try:
        tracker = load_task_tracker(settings)
    except IndexUnusable as exc:
        raise click.ClickException(str(exc)) from None
    if doc_id and doc_id not in tracker.documents:
        raise click.ClickException(f"not in the index: {doc_id}")
    chosen = tracker.select(wanted, day)
    if xlsx_file:
        xlsx_file.write_bytes(tasks_xlsx(chosen, day))
    if ics_file:
        ics_file.write_bytes(tasks_ics(chosen))
    if as_json:
        _print_json({"as_of": day.isoformat(), "tasks": [t.to_dict(day) for t in chosen]})
        return
    for t in chosen:
        due = t.deadline or "无期限"
        click.echo(f"{STATUS_LABELS[t.status(day)]}\t{due}{'（默认）' if t.deadline_default else ''}\t{t.task}\t"
                   f"牵头：{'、'.join(t.lead) or '未写明'}\t{t.source.doc_number or t.doc_id}")
    click.echo(f"\n{len(chosen)} tasks")


@main.command()
@click.option("--host", default=None, help="Interface to bind (default 127.0.0.1; 0.0.0.0 must be explicit).")
@click.option("--port", default=None, type=int, help="Port (default 7860).")
@common_options
def serve(host, port, settings):
    """Serve the chat page. Vectors the index still lacks (after `ingest --no-embed`, or an upload)
    are computed in the background; answers say when ranking is by keywords alone.

    Example: policyqa serve --port 7860
    """
    from policyqa.library import LiveAssistant
    from ui.web import serve as serve_page
    from ui.web import use_page_folder

    try:
        credentials = settings.credentials()
    except (OSError, ValueError) as exc:
        raise click.ClickException(f"login settings: {exc}") from None
    from policyqa.api_workers import FOLLOW_SECONDS

    page_folder = use_page_folder()
    live = LiveAssistant(settings, _load(settings, "assistant"))
    live.start_embedder()  # whatever the index still lacks is embedded while the page answers: here, and only here
    live.follow(FOLLOW_SECONDS)  # what API workers (`policyqa api`) publish is answered from here too

    def stopped() -> None:
        live.stop_following()
        live.stop_embedder()
        if page_folder is not None:
            shutil.rmtree(page_folder, ignore_errors=True)

    serve_page(live, host=host or settings.host, port=port or settings.port, credentials=credentials, on_stop=stopped)


@main.command()
@click.option("--host", default=None, help="Interface to bind (default 127.0.0.1; 0.0.0.0 must be explicit).")
@click.option("--port", default=8000, show_default=True, type=int, help="Port of the API.")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64),
              help="API worker processes on the one socket.")
@common_options
def api(host, port, workers, settings):
    """Serve the HTTP API alone (every /v1 route, the OpenAI-compatible endpoint, the same login) with
    several worker processes on one socket, beside `policyqa serve` over the same data directory.

    Every worker answers from the index the data directory has published, and follows it within a
    second when any process publishes another (an upload, a deletion, the page's embedder). Workers
    never embed in the background: the page's process does (or `policyqa embed`).
    Example: policyqa api --workers 2 --port 8000
    """
    from policyqa.api_workers import serve_api

    try:
        settings.credentials()
    except (OSError, ValueError) as exc:
        raise click.ClickException(f"login settings: {exc}") from None
    _load(settings, "answerer")  # a missing or mismatched index is refused here, not in every worker
    serve_api(settings, host or settings.host, port, workers)


@main.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True)
@xlsx_option
@common_options
@click.pass_context
def documents(ctx, as_json, xlsx_file, settings):
    """List the indexed documents with their metadata (and the evidence each value was read from).

    A value that could not be read is empty ("未知" in the text listing), never guessed.
    Example: policyqa documents --json
    """
    ctx.obj = settings
    if ctx.invoked_subcommand:
        return
    from ingest.scope import CERTAINTY_WORDS
    from retriever.index import IndexMismatch, IndexNotFound, PolicyIndex

    try:
        index = PolicyIndex.load(settings.index_dir)
    except (IndexNotFound, IndexMismatch) as exc:
        raise click.ClickException(str(exc)) from None
    from ui.exports import document_rows

    rows = document_rows(index)
    if xlsx_file:
        from ui.exports import documents_xlsx

        xlsx_file.write_bytes(documents_xlsx(rows))
    if as_json:
        _print_json(rows)
        return
    for row in rows:
        shown = {k: row[k] or "未知" for k in ("region", "doc_number", "date", "title")}
        if len(row["scope"]) > 1 or any(e["certainty"] != "sure" for e in row["scope"]):
            # a scope of several names, or one read from the body, is shown whole so that it can be checked
            shown["region"] = "、".join(f"{e['region']}({CERTAINTY_WORDS[e['certainty']]})" for e in row["scope"])
        ocr = f"  OCR识别：第{'、'.join(map(str, row['ocr_pages']))}页" if row["ocr_pages"] else ""
        click.echo(f"{row['doc_id']}  {shown['region']}  {shown['doc_number']}  {shown['date']}  {shown['title']}  "
                   f"({row['chunks']} chunks){ocr}")


@documents.command("correct")
@click.argument("doc_id")
@click.option("--title", default=None, help="The document's title.")
@click.option("--region", default=None, help="The region it governs, e.g. 江苏省, 黄埔区, 北京经济技术开发区.")
@click.option("--doc-number", default=None, help="Its 文号, e.g. 苏政发〔2022〕31号.")
@click.option("--date", default=None, metavar="YYYY-MM-DD", help="Its date of issue.")
@click.option("--data-dir", type=click.Path(path_type=Path), default=None,
              help="Where the index lives (default: $POLICYQA_DATA_DIR or ./data).")
@click.pass_obj
def documents_correct(settings, doc_id, title, region, doc_number, date, data_dir):
    """Correct a document's title, region, 文号 or date; an empty value ("") restores the extracted one.

    Corrections are kept in <data dir>/corrections.json and survive re-ingest and --rebuild.
    Example: policyqa documents correct w117 --region 繁昌区 --date 2022-03-09
    """
    from ingest.corrections import CorrectionError
    from policyqa.app import correct_document
    from retriever.index import IndexMismatch, IndexNotFound

    if data_dir is not None:
        settings = Settings.from_env(data_dir=data_dir)
    if all(v is None for v in (title, region, doc_number, date)):
        raise click.UsageError("give at least one of --title, --region, --doc-number, --date")
    try:
        entry = correct_document(settings, doc_id, title=title, region=region, doc_number=doc_number, date=date)
    except (CorrectionError, KeyError, IndexNotFound, IndexMismatch) as exc:
        raise click.ClickException(str(exc).strip("'\"")) from None
    click.echo(f"corrected  {doc_id}  " + (json.dumps(entry, ensure_ascii=False) if entry else "(extracted values restored)"))


@main.command()
@click.argument("doc_ids", nargs=-1, required=True)
@common_options
def remove(doc_ids, settings):
    """Remove documents from the index.

    Example: policyqa remove 004_d5e1c319a3f67a30
    """
    from retriever.index import IndexUnusable, PolicyIndex, update_index
    from retriever.index.embeddings import load_embeddings

    try:
        index = PolicyIndex.load(settings.index_dir)
    except IndexUnusable as exc:
        raise click.ClickException(str(exc)) from None
    unknown = [d for d in doc_ids if d not in index.documents]
    if unknown:
        raise click.ClickException(f"not in the index: {', '.join(unknown)}")
    spec = index.manifest.get("embedding_spec", settings.embedding)
    report = update_index(settings.index_dir, [], load_embeddings(spec), index.manifest["chunk_chars"],
                          remove=tuple(doc_ids), embedding_spec=spec, embed=False, **settings.store_options())
    for doc_id in report.removed:
        click.echo(f"removed    {doc_id}")
