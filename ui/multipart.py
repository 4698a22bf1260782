"""An upload request's files streamed straight to disk, each held to the per-file limit as it arrives.

The request body is written once, into the folder the library then moves the files from; a file past
its limit stops being written at the limit and is reported, while the other files of the request are
still received (the request as a whole is capped by the server's guard).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header


@dataclass
class ReceivedFile:
    name: str  # as the client named it: shown in results, never used as a path
    path: Path | None = None  # None when refused
    problem: str = ""
    size: int = 0


class UploadFormError(ValueError):
    """The body is not a multipart form this route can read; the message says why."""


def _disposition(value: bytes) -> tuple[str, str | None]:
    kind, params = parse_options_header(value)
    name = params.get(b"name", b"").decode("utf-8", "replace")
    filename = params.get(b"filename")
    return name, None if filename is None else filename.decode("utf-8", "replace")


async def receive_files(request, folder: Path, field: str, max_file_bytes: int, limit_text: str,
                        max_files: int = 100) -> list[ReceivedFile]:
    """The files of form field ``field`` in ``request``, written to ``folder`` as 0, 1, 2 … (no name of
    the client's reaches the disk); a file over ``max_file_bytes`` is refused with ``limit_text``."""
    content_type, params = parse_options_header(request.headers.get("content-type", ""))
    if content_type != b"multipart/form-data" or b"boundary" not in params:
        raise UploadFormError("expected a multipart/form-data body with files in the field 'files'")
    received: list[ReceivedFile] = []
    state = {"header": b"", "headers": {}, "current": None, "handle": None}

    def on_header_field(data, start, end):
        state["header"] += data[start:end]

    def on_header_value(data, start, end):
        key = state["header"].lower()
        state["headers"][key] = state["headers"].get(key, b"") + data[start:end]

    def on_header_end():
        state["header"] = b""

    def on_headers_finished():
        name, filename = _disposition(state["headers"].get(b"content-disposition", b""))
        state["headers"] = {}
        if name != field or filename is None:
            state["current"] = None
            return
        if len(received) >= max_files:
            raise UploadFormError(f"more than {max_files} files in one request")
        item = ReceivedFile(filename or "file", folder / str(len(received)))
        received.append(item)
        state["current"] = item
        state["handle"] = item.path.open("wb")

    def on_part_data(data, start, end):
        item = state["current"]
        if item is None or item.path is None:
            return
        item.size += end - start
        if item.size > max_file_bytes:
            state["handle"].close()
            item.path.unlink(missing_ok=True)
            item.path, item.problem = None, limit_text
            return
        state["handle"].write(data[start:end])

    def on_part_end():
        if state["handle"] is not None:
            state["handle"].close()
            state["handle"] = None
        state["current"] = None

    parser = MultipartParser(params[b"boundary"], {
        "on_header_field": on_header_field, "on_header_value": on_header_value, "on_header_end": on_header_end,
        "on_headers_finished": on_headers_finished, "on_part_data": on_part_data, "on_part_end": on_part_end})
    try:
        async for chunk in request.stream():
            parser.write(chunk)
        parser.finalize()
    except FormParserError as exc:
        raise UploadFormError(f"the multipart body cannot be read ({exc})") from None
    finally:
        if state["handle"] is not None:
            state["handle"].close()
    return received
