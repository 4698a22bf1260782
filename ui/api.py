"""The HTTP API, served on the page's port: /v1/... JSON routes over the same assistant, and an
OpenAI-compatible /v1/models and /v1/chat/completions, so that a chat front-end, a bot or LangChain's
ChatOpenAI can talk to policyqa. /openapi.json and /docs describe every route.

Every answer is the same object ``policyqa ask --json`` prints; errors are JSON
{"error": {"message", "type"}} with the right status (400 bad input, 401 login, 403 cross-site, 404
unknown document or route, 413 too large, 429 too many failed logins, 507 disk full), never a traceback.
Logins, origins and body limits are checked for every route by ui/guard.py before a route runs.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import time
import uuid
from typing import Literal

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response, StreamingResponse
from pydantic import BaseModel, Field

from ui import exports
from ui.multipart import UploadFormError, receive_files
from ui.scratch import process_folder, remove_dead_leftovers

MODEL_ID = "policyqa"
RECEIVING = ".receiving-"  # uploads being received, in the data directory's uploads folder
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ApiError(Exception):
    def __init__(self, status: int, message: str, kind: str = "invalid_request_error"):
        super().__init__(message)
        self.status, self.message, self.kind = status, message, kind


# Bodies reach these models after the guard (ui/guard.py) checked them: standard JSON (no NaN or
# Infinity), text without lone surrogates, nested no deeper than it allows.
class AskRequest(BaseModel):
    question: str
    region: str | None = None
    doc_id: str | None = None


class ObligationsRequest(BaseModel):
    name: str | None = None
    region: str | None = None
    energy: str | None = Field(None, description="年综合能耗 with its unit, e.g. 6000吨标准煤")
    sector: str | None = None
    pue: float | None = None
    emissions: str | None = Field(None, description="annual emissions with its unit, e.g. 2.6万吨二氧化碳")
    key_emitter: bool | None = Field(None, description="in an emissions-trading or quota scheme (重点排放单位)")
    applicant: bool | None = Field(None, description="applies for the support a document offers (申报单位)")
    include_drafts: bool = Field(False, description="also apply drafted rules nobody has reviewed (marked 未审核)")
    reports: dict[str, float | bool] = Field(default_factory=dict, description="reported figures, e.g. diagnosis_plans")
    as_of: dt.date | None = None


class ContentPart(BaseModel):
    type: str = "text"
    text: str | None = None


class ChatMessage(BaseModel):
    role: Literal["system", "user", "assistant", "tool", "developer"]
    content: str | list[ContentPart] | None = None


class ChatRequest(BaseModel):
    model: str = MODEL_ID
    messages: list[ChatMessage]
    stream: bool = False


UPLOAD_FORM = {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["files"],
    "properties": {"files": {"type": "array", "items": {"type": "string", "format": "binary"}}}}}}}}


def create_api(live) -> FastAPI:
    """The API over ``live`` (policyqa.library.LiveAssistant). Who may call it is decided before any
    route runs, by the guard the server wraps it in (ui/guard.py)."""
    app = FastAPI(title="policyqa", version="1", description=__doc__.split("\n\n")[0])
    remove_dead_leftovers(live.settings.uploads_dir, RECEIVING)

    @app.exception_handler(ApiError)
    async def api_error(request, exc: ApiError):
        headers = {"WWW-Authenticate": "Basic"} if exc.status == 401 else None
        return JSONResponse({"error": {"message": exc.message, "type": exc.kind}}, exc.status, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request, exc: RequestValidationError):
        # pydantic names the union member it tried in the location ("function-after[...]"): not the caller's field
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'] if '[' not in str(p))}: {e['msg']}" for e in exc.errors())
        return JSONResponse({"error": {"message": f"bad request: {problems}", "type": "invalid_request_error"}}, 400)

    v1 = "/v1"

    @app.post(f"{v1}/ask", summary="Answer one question (the `policyqa ask --json` object)")
    def ask(body: AskRequest) -> dict:
        if not body.question.strip():
            raise ApiError(400, "question is empty")
        assistant = live.current
        if body.doc_id and body.doc_id not in assistant.answerer.index.documents:
            raise ApiError(404, f"unknown document: {body.doc_id}", "not_found")
        answer = assistant.ask(body.question, regions=[body.region] if body.region else None,
                               doc_ids=[body.doc_id] if body.doc_id else None)
        return answer.to_dict()

    @app.get(f"{v1}/documents", summary="The indexed documents with their metadata")
    def documents(format: str = "json"):
        rows = exports.document_rows(live.current.answerer.index)
        if format == "xlsx":
            return _xlsx_response(exports.documents_xlsx(rows), "documents.xlsx")
        return rows

    @app.post(f"{v1}/documents", summary="Upload files (same checks and results as the page)", openapi_extra=UPLOAD_FORM)
    async def upload(request: Request) -> dict:
        from starlette.concurrency import run_in_threadpool

        settings = live.settings
        # received beside the library's own staging (one disk), in a folder a restart can tell is stale
        folder = process_folder(settings.uploads_dir, RECEIVING)
        try:
            try:
                received = await receive_files(request, folder, "files", settings.max_upload_mb * 1024 * 1024,
                                               f"超过{settings.max_upload_mb} MB上限")
            except UploadFormError as exc:
                raise ApiError(400, str(exc)) from None
            if not received:
                raise ApiError(400, "no files in the field 'files'")
            pairs = [(str(item.path), item.name) for item in received if item.path is not None]
            added = iter(await run_in_threadpool(live.add, pairs, owned=True) if pairs else [])
            results = [next(added) if item.path is not None else None for item in received]
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return {"results": [{"name": r.name, "status": r.status, "detail": r.detail} if r is not None
                            else {"name": item.name, "status": "拒绝", "detail": item.problem}
                            for r, item in zip(results, received)]}

    @app.delete(f"{v1}/documents/{{doc_id}}", summary="Remove a document")
    def remove(doc_id: str) -> dict:
        live.refresh()  # a document another process has just added is known here at once
        if doc_id not in live.current.answerer.index.documents:
            raise ApiError(404, f"unknown document: {doc_id}", "not_found")
        return {"doc_id": doc_id, "message": live.remove(doc_id)}

    @app.post(f"{v1}/obligations", summary="An enterprise's obligations and the support it can claim")
    def obligations(body: ObligationsRequest, format: str = "json"):
        service = live.current.obligations_with_drafts if body.include_drafts else live.current.obligations
        try:
            result = service.evaluate(name=body.name, region=body.region, energy=body.energy, sector=body.sector,
                                      pue=body.pue, reports=dict(body.reports), as_of=body.as_of,
                                      emissions=body.emissions, key_emitter=body.key_emitter, applicant=body.applicant)
        except ValueError as exc:
            raise ApiError(400, str(exc)) from None
        if format == "xlsx":
            return _xlsx_response(exports.obligations_xlsx(result), "obligations.xlsx")
        return result.to_dict()

    @app.get(f"{v1}/targets", summary="Every quantitative statement of the documents")
    def targets(region: str | None = None, indicator: str | None = None, format: str = "json"):
        service = live.current.targets
        rows = service.targets(region, indicator)
        if format == "xlsx":
            return _xlsx_response(exports.targets_xlsx(rows), "targets.xlsx")
        return [r.to_dict() for r in rows]

    @app.get(f"{v1}/compare", summary="One indicator across regions in one unit")
    def compare(indicator: str, regions: str | None = None, format: str = "json"):
        wanted = [r.strip() for r in regions.split(",") if r.strip()] if regions else None
        service = live.current.targets
        result = service.compare(indicator, wanted)
        if format == "xlsx":
            return _xlsx_response(exports.comparison_xlsx(result), "comparison.xlsx")
        return result.to_dict()

    @app.get(f"{v1}/audit", summary="Each document checked against itself")
    def audit(format: str = "json"):
        service = live.current.targets
        result = service.audit()
        if format == "xlsx":
            return _xlsx_response(exports.audit_xlsx(result), "audit.xlsx")
        return result.to_dict()

    @app.get(f"{v1}/tasks", summary="Every task the documents assign (the task tracker)")
    def tasks(department: str | None = None, role: str | None = None, region: str | None = None,
              doc_id: str | None = None, due_before: dt.date | None = None, as_of: dt.date | None = None,
              overdue: bool = False, format: str = "json"):
        from rules.task_tracker import TaskFilter

        if role not in (None, "lead", "support"):
            raise ApiError(400, "role must be lead or support")
        tracker = live.current.tasks
        if doc_id and doc_id not in tracker.documents:
            raise ApiError(404, f"unknown document: {doc_id}", "not_found")
        day = as_of or dt.date.today()
        chosen = tracker.select(TaskFilter(department, region, doc_id, due_before, overdue, role), day)
        if format == "xlsx":
            return _xlsx_response(exports.tasks_xlsx(chosen, day), "tasks.xlsx")
        if format == "ics":
            return Response(exports.tasks_ics(chosen), media_type="text/calendar",
                            headers={"Content-Disposition": "attachment; filename=tasks.ics"})
        return {"as_of": day.isoformat(), "tasks": [t.to_dict(day) for t in chosen]}

    @app.get(f"{v1}/models", summary="OpenAI-compatible: the one model")
    def models() -> dict:
        return {"object": "list", "data": [{"id": MODEL_ID, "object": "model", "created": 0, "owned_by": "policyqa"}]}

    @app.post(f"{v1}/chat/completions", summary="OpenAI-compatible chat: the extractive answer with its citations")
    def chat(body: ChatRequest):
        from ui.conversation import conversation_turn, message_text

        said = [message_text([part.model_dump() for part in m.content] if isinstance(m.content, list) else m.content)
                for m in body.messages if m.role == "user"]
        said = [s for s in said if s.strip()]
        if not said:
            raise ApiError(400, "messages hold no user message")
        answer, _ = conversation_turn(live.current, said[-1], said[:-1])
        text = answer.as_text()
        citations = [c.to_dict() for c in answer.citations]
        reply_id, created = f"chatcmpl-{uuid.uuid4().hex}", int(time.time())
        if not body.stream:
            return {"id": reply_id, "object": "chat.completion", "created": created, "model": MODEL_ID,
                    "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
                    "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
                    "found": answer.found, "citations": citations}

        def chunks():
            def event(delta: dict, finish: str | None = None, **extra) -> str:
                data = {"id": reply_id, "object": "chat.completion.chunk", "created": created, "model": MODEL_ID,
                        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}], **extra}
                return f"data: {json.dumps(data, ensure_ascii=False)}\n\n"

            yield event({"role": "assistant", "content": ""})
            for line in text.splitlines(keepends=True):
                yield event({"content": line})
            yield event({}, "stop", found=answer.found, citations=citations)
            yield "data: [DONE]\n\n"

        return StreamingResponse(chunks(), media_type="text/event-stream")

    return app


def _xlsx_response(data: bytes, name: str) -> Response:
    return Response(data, media_type=XLSX_TYPE, headers={"Content-Disposition": f"attachment; filename={name}"})
