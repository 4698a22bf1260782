"""The server's front door: every request to `policyqa serve` passes here before the page or the API.

One place decides, for every route:
- whether it exists: the API's routes, and of Gradio's many routes only those the page and its Python
  client use (run history, monitoring, profiling, vibe editing and the rest answer 404);
- who may call it: with POLICYQA_AUTH, a logged-in user (ui/login.py); repeated failures from one
  address wait longer each time;
- from where: a request that changes something must come from the page's own origin. Browsers say
  where a request comes from (Sec-Fetch-Site, Origin) and a web page cannot forge either, so another
  site, or a page on another localhost port, cannot upload or delete with the user's login;
- how much: a body over its limit is refused from its Content-Length, or as it streams past the
  limit, before anything parses it; a JSON body nested deeper than MAX_JSON_DEPTH is refused;
- which files: a page request may name only files uploaded to the page's own folder. Gradio copies any
  path a request names into its cache and serves it back, and checks the path only in an app it
  launched itself (ui/web.py says how that is switched on too); this check does not depend on that.
Every refusal is a JSON error that names its reason; an error inside a route becomes a JSON 500 (507
for a full disk) and the connection stays usable.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import re
import urllib.parse
from dataclasses import dataclass, field

from ui.login import SESSION_COOKIE, Logins, login_page, offered_login

log = logging.getLogger("policyqa.server")

# Deeper than any request the page or the API sends (a chat history is four levels), shallow enough
# that no parser recurses far on it.
MAX_JSON_DEPTH = 32
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
# The routes that exist: the API's, and the Gradio routes the page (in a browser) and gradio_client use.
API_ROUTES = re.compile(r"^/(v1/.*|docs|docs/oauth2-redirect|openapi\.json|redoc)$")
PAGE_ROUTES = {
    "GET": re.compile(r"^/(|config/?|theme\.css|favicon\.ico|manifest\.json|robots\.txt|(static|assets|svelte)/.+"
                      r"|gradio_api/(info/?|heartbeat/[^/]+|queue/data|upload_progress|file=.+|call/[^/]+/[^/]+"
                      r"|login_check/?|startup-events|app_id/?))$"),
    "POST": re.compile(r"^/gradio_api/(queue/join|run/[^/]+|call/[^/]+|upload|cancel|reset)/?$"),
}
# Routes whose body is files: they get the upload limit, and are not read here.
UPLOAD_ROUTES = re.compile(r"^/(v1/documents|gradio_api/upload)/?$")
# The page's events, by number (queue/join, run/predict) or by name (run/<name>, call/<name>)
EVENT_ROUTE_RE = re.compile(r"^/gradio_api/(?:queue/join|run/(?P<run>[^/]+)|call/(?P<call>[^/]+)(?P<result>/[^/]+)?)/?$")
LOGIN_ROUTES = ("/login", "/logout")


@dataclass(frozen=True)
class GuardSettings:
    max_body_bytes: int  # any request but an upload
    max_upload_bytes: int  # one upload request, all its files
    upload_folder: str  # the only folder a page request may name a file in
    # every page event by its number and by its name, with the counts of input values it may take
    page_events: dict = field(default_factory=dict)
    credentials: tuple[tuple[str, str], ...] = ()
    trusted_origins: tuple[str, ...] = ()  # other origins allowed to write (a front end of your own)
    session_seconds: float = 12 * 3600


def guard_settings(settings, credentials, upload_folder: str, page_events: dict | None = None) -> GuardSettings:
    """The guard's settings from policyqa's (the page's server and the API workers share them)."""
    return GuardSettings(
        max_body_bytes=settings.max_request_kb * 1024, max_upload_bytes=settings.max_batch_mb * 1024 * 1024,
        upload_folder=upload_folder, page_events=page_events or {}, credentials=tuple(credentials or ()),
        trusted_origins=trusted_origins(settings), session_seconds=settings.session_hours * 3600)


def trusted_origins(settings) -> tuple[str, ...]:
    """POLICYQA_TRUSTED_ORIGINS as origins ("https://host:port"), without a trailing slash."""
    return tuple(o.strip().rstrip("/") for o in settings.trusted_origins.split(",") if o.strip())


def allow_trusted_origins(app, settings) -> None:
    """A CORS policy of our own: only the trusted origins may read with the user's cookies (with it,
    Gradio adds none of its own, which lets any localhost origin read)."""
    from starlette.middleware.cors import CORSMiddleware

    app.add_middleware(CORSMiddleware, allow_origins=list(trusted_origins(settings)), allow_credentials=True,
                       allow_methods=["*"], allow_headers=["*"])


class Refused(Exception):
    def __init__(self, status: int, message: str, kind: str = "invalid_request_error", headers: dict | None = None):
        super().__init__(message)
        self.status, self.message, self.kind, self.headers = status, message, kind, headers or {}


class BodyTooLarge(Refused):
    pass


def json_error(status: int, message: str, kind: str, headers: dict | None = None):
    from starlette.responses import JSONResponse

    return JSONResponse({"error": {"message": message, "type": kind}}, status, headers=headers)


def json_depth(body: bytes) -> int:
    """How deeply a JSON text nests arrays and objects, counted without parsing it (strings skipped)."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in body:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            deepest = max(deepest, depth)
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return deepest


def _values(value):
    """Every value inside a parsed JSON value, keys included (without recursion: depth is unchecked here)."""
    stack = [value]
    while stack:
        item = stack.pop()
        yield item
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def named_files(value) -> list[str]:
    """The paths of every Gradio file object (a dict with a ``path`` and file fields) inside ``value``."""
    return [item["path"] for item in _values(value) if isinstance(item, dict) and isinstance(item.get("path"), str)
            and {"meta", "orig_name", "url", "mime_type", "size"} & item.keys()]


def text_problem(value) -> str | None:
    """Why a parsed JSON value holds a string that is not text (a lone surrogate such as "\\ud800",
    which JSON can spell but no encoder writes), or None."""
    for item in _values(value):
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError as exc:
                return f"a string holds a character that is not text (an unpaired surrogate at position {exc.start})"
    return None


def _no_constants(name: str):
    raise NotJson(f"{name} is not a JSON number (no figure can be NaN or infinite)")


def _finite(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise NotJson(f"{text[:20]} is too large for a number (no figure can be infinite)")
    return value


class NotJson(ValueError):
    pass


def _host_port(netloc: str, scheme: str) -> tuple[str, int | None]:
    parsed = urllib.parse.urlsplit(f"{scheme}://{netloc}")
    try:
        port = parsed.port
    except ValueError:
        port = None
    return (parsed.hostname or "").lower(), port or {"http": 80, "https": 443, "ws": 80, "wss": 443}.get(scheme)


def cross_site_problem(scope, headers, trusted: tuple[str, ...]) -> str | None:
    """Why a request that changes something is not from the page's own origin, or None when it is (or
    when it comes from a program, which sends neither header: a program needs the login anyway)."""
    origin = headers.get("origin")
    if origin and origin in trusted:
        return None
    site = headers.get("sec-fetch-site")
    if site and site not in ("same-origin", "none"):
        return f"a {site} request (from {origin or 'another page'})"
    if not origin:
        return None
    if origin == "null":
        return "a request from an opaque origin (a sandboxed frame or a local file)"
    scheme = scope.get("scheme", "http")
    parsed = urllib.parse.urlsplit(origin)
    if _host_port(parsed.netloc, parsed.scheme) != _host_port(headers.get("host", ""), scheme):
        return f"a request from {origin}"
    return None


def disk_full(exc: BaseException | None) -> bool:
    """Whether ``exc``, or what caused it, is a disk (or quota) that filled up."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


class RequestGuard:
    """ASGI middleware around the whole server (the API and the mounted page)."""

    def __init__(self, app, settings: GuardSettings):
        self.app = app
        self.settings = settings
        self.logins = Logins(settings.credentials, settings.session_seconds) if settings.credentials else None
        self.upload_folder = os.path.realpath(settings.upload_folder)

    async def __call__(self, scope, receive, send):
        if scope["type"] == "websocket":  # nothing here speaks websocket
            await send({"type": "websocket.close", "code": 1008})
            return
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        from starlette.requests import Request

        request = Request(scope, receive)
        started = False

        event_run = scope["path"].startswith("/gradio_api/run/")

        async def tracked_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                # Gradio's run route answers an event that raised with 500 whatever raised; what raises
                # there is a value the client sent (a type, a choice not offered): a client error
                if event_run and message["status"] == 500:
                    message = {**message, "status": 400}
            await send(message)

        body = BodyLimit.for_route(scope["path"], self.settings)
        try:
            response, receive = await self._admit(request, scope, body.capped(request, receive))
            if response is not None:
                await response(scope, receive, send)
                return
            await self.app(scope, receive, tracked_send)
            if body.exceeded and not started:
                raise body.refusal()
        except Refused as refusal:
            if not started:
                await json_error(refusal.status, refusal.message, refusal.kind, refusal.headers)(scope, receive, send)
        except Exception as exc:  # a route failed: say so as JSON, keep the connection, log the trace
            if body.exceeded:  # the body was cut at its limit (the route read a disconnect and gave up)
                if not started:
                    await json_error(413, body.refusal().message, "too_large")(scope, receive, send)
                return
            if isinstance(exc, ClientGone):
                return
            log.exception("%s %s failed", scope["method"], scope["path"])
            if started:
                return
            if disk_full(exc):
                await json_error(507, f"the disk is full: {exc.strerror if isinstance(exc, OSError) else exc}; "
                                      "nothing was changed", "storage_full")(scope, receive, send)
            else:
                await json_error(500, f"internal error: {type(exc).__name__}", "server_error")(scope, receive, send)

    async def _admit(self, request, scope, receive):
        """(a response to send instead of the route's, or None; the receive channel the route reads)."""
        method, path = scope["method"], scope["path"]
        if method in UNSAFE_METHODS:
            problem = cross_site_problem(scope, request.headers, self.settings.trusted_origins)
            if problem:
                raise Refused(403, f"refused {problem}: changes are accepted only from this server's own page",
                              "cross_site")
        if path in LOGIN_ROUTES and self.logins is not None:
            return await self._login_route(request, method, path, receive), receive
        if not self._route_exists(method, path):
            raise Refused(404, f"no such route: {method} {path}", "not_found")
        event = EVENT_ROUTE_RE.match(path)
        name = event and (event["run"] or event["call"])
        if name and name != "predict" and name not in self.settings.page_events:
            raise Refused(404, f"no such page event: {name}", "not_found")
        if self.logins is not None and method != "OPTIONS":
            user = self._user(request)
            if user is None:
                return self._login_required(request, method), receive
            scope.setdefault("state", {})["user"] = user
        if method in UNSAFE_METHODS and not UPLOAD_ROUTES.match(path):
            body = await _read_body(receive)
            self._check_body(path, body)
            receive = _replay(body, receive)
        return None, receive

    def _route_exists(self, method: str, path: str) -> bool:
        if API_ROUTES.match(path):
            return True
        if method in ("GET", "HEAD"):
            return bool(PAGE_ROUTES["GET"].match(path))
        return method == "OPTIONS" or bool(PAGE_ROUTES.get(method, re.compile("$^")).match(path))

    # -- login --------------------------------------------------------------------------------------------
    def _address(self, request) -> str:
        return request.client.host if request.client else "unknown"

    def _user(self, request) -> str | None:
        user = self.logins.session_user(request.cookies.get(SESSION_COOKIE))
        if user is not None:
            return user
        header = request.headers.get("authorization")
        if not header:
            return None
        offered = offered_login(header)
        return self._verify(request, *offered) if offered else self._verify(request, "", "")

    def _verify(self, request, user: str, password: str) -> str | None:
        """The user when the pair is right; a failure is logged, and an address that failed too often
        is refused before its pair is even looked at."""
        address = self._address(request)
        wait = self.logins.failures.wait_seconds(address)
        if wait > 0:
            raise Refused(429, f"too many failed logins from {address}: try again in {wait:.0f} s", "rate_limited",
                          {"Retry-After": str(int(wait) + 1)})
        if user and password and self.logins.check(user, password):
            self.logins.failures.succeeded(address)
            return user
        self.logins.failures.failed(address)
        return None

    def _login_required(self, request, method: str):
        from starlette.responses import RedirectResponse

        if method == "GET" and "text/html" in request.headers.get("accept", ""):
            return RedirectResponse(f"{request.scope.get('root_path', '')}/login", 303)
        return json_error(401, "login required: log in on the page, or send user:password as HTTP Basic "
                               "or as a Bearer token", "authentication_error", {"WWW-Authenticate": 'Basic realm="policyqa"'})

    async def _login_route(self, request, method: str, path: str, receive):
        from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse

        wants_page = "text/html" in request.headers.get("accept", "")
        if path == "/logout":
            self.logins.end_session(request.cookies.get(SESSION_COOKIE))
            response = RedirectResponse("login", 303)
            response.delete_cookie(SESSION_COOKIE)
            return response
        if method == "GET":
            return HTMLResponse(login_page())
        if method != "POST":
            raise Refused(405, f"{method} {path} is not allowed", "method_not_allowed")
        body = await _read_body(receive)
        form = urllib.parse.parse_qs(body.decode("utf-8", "replace"))
        user, password = (form.get(name, [""])[0] for name in ("username", "password"))
        try:
            known = self._verify(request, user, password)
        except Refused as refusal:
            if not wants_page:
                raise
            return HTMLResponse(login_page(f"登录失败次数过多，请{refusal.headers['Retry-After']}秒后再试。"), 429,
                                headers=refusal.headers)
        if known is None:
            if wants_page:
                return HTMLResponse(login_page("用户名或密码不对。"), 401)
            raise Refused(401, "wrong user or password", "authentication_error")
        response = RedirectResponse("./", 303) if wants_page else JSONResponse({"success": True})
        response.set_cookie(SESSION_COOKIE, self.logins.start_session(known), httponly=True, samesite="strict",
                            secure=request.url.scheme == "https", max_age=int(self.settings.session_seconds))
        return response

    # -- bodies -------------------------------------------------------------------------------------------
    def _check_body(self, path: str, body: bytes) -> None:
        """A JSON body is JSON as its standard has it (no NaN or Infinity), text (no lone surrogate), not
        nested past MAX_JSON_DEPTH, and, for the page, names no file but its own uploads."""
        if not body.lstrip()[:1] in (b"{", b"["):
            return
        if json_depth(body) > MAX_JSON_DEPTH:
            raise Refused(400, f"JSON body nested deeper than {MAX_JSON_DEPTH} levels")
        try:
            data = json.loads(body, parse_constant=_no_constants, parse_float=_finite)
        except NotJson as exc:
            raise Refused(400, f"bad JSON body: {exc}") from None
        except ValueError:
            return  # the route answers a body it cannot read with its own message
        problem = text_problem(data)
        if problem:
            raise Refused(400, f"bad JSON body: {problem}")
        if not path.startswith("/gradio_api/"):
            return
        _event_values(self.settings, path, data)
        for named in named_files(data):
            if not path_inside(named, self.upload_folder):
                raise Refused(403, f"refused a request naming the file {named!r}: the page accepts only files "
                                   "uploaded to it", "forbidden_file")


def _event_values(settings: GuardSettings, path: str, data) -> None:
    """A page event's request names an event of the page and brings as many values as it has inputs, or
    as its API shows (Gradio fills the hidden ones, a chat's history, with None); Gradio answers anything
    else with an internal error (a KeyError, a short list)."""
    event = EVENT_ROUTE_RE.match(path)
    if not event or event["result"]:
        return
    if not isinstance(data, dict):
        raise Refused(400, "a page event is a JSON object with its input values in 'data'")
    name = event["run"] or event["call"]
    key = data.get("fn_index") if name in (None, "predict") else name
    inputs = settings.page_events.get(key) if isinstance(key, (int, str)) else None
    if inputs is None:
        raise Refused(404, f"no such page event: {key!r}", "not_found")
    if not isinstance(data.get("data"), list) or len(data["data"]) not in inputs:
        counts = " or ".join(str(n) for n in sorted(inputs))
        raise Refused(400, f"page event {key!r} takes a list of {counts} input values in 'data'")


def path_inside(path: str, folder: str) -> bool:
    """Whether ``path`` (as Gradio would resolve it: relative to the working directory, links followed)
    lies in ``folder``; a URL never does (Gradio would fetch it)."""
    if "://" in path:
        return False
    try:
        real = os.path.realpath(path)
    except (ValueError, OSError):  # a NUL byte, a loop of links
        return False
    return os.path.commonpath([real, folder]) == folder


class BodyLimit:
    """The body limit of one request: refused at once from Content-Length, or, for a body that streams
    past it, ended early: the route reads a disconnect, and the guard answers 413 for it."""

    def __init__(self, limit: int, message: str):
        self.limit, self.message, self.exceeded = limit, message, False

    @classmethod
    def for_route(cls, path: str, settings: GuardSettings) -> "BodyLimit":
        if UPLOAD_ROUTES.match(path):
            limit = settings.max_upload_bytes
            return cls(limit, f"request body over the {limit // (1024 * 1024)} MB limit (POLICYQA_MAX_BATCH_MB)")
        limit = settings.max_body_bytes
        return cls(limit, f"request body over the {limit // 1024} KB limit (POLICYQA_MAX_REQUEST_KB)")

    def refusal(self) -> BodyTooLarge:
        return BodyTooLarge(413, self.message, "too_large")

    def capped(self, request, receive):
        declared = request.headers.get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            raise self.refusal()
        seen = 0

        async def capped_receive():
            nonlocal seen
            if self.exceeded:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    self.exceeded = True
                    return {"type": "http.disconnect"}
            return message

        return capped_receive


async def _read_body(receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            raise ClientGone()
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            return b"".join(chunks)


class ClientGone(Exception):
    """The body ended in a disconnect: the client left, or it streamed past the limit."""


def _replay(body: bytes, receive):
    """A receive channel that gives the route ``body`` (already read here), then waits on the client
    as the original does (a streaming response listens on it for the client leaving)."""
    sent = False

    async def replayed():
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replayed
