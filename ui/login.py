"""Who is logged in: the users of POLICYQA_AUTH, their sessions, and how long a guesser must wait.

One login serves every route (the page, the HTTP API, its /docs): a person logs in once on the page
and gets a session cookie; a program sends ``user:password`` with every request, as HTTP Basic or as a
Bearer token (what an OpenAI client sends as its api_key). A password alone is never enough: with it a
guess would be tried against every user at once.
"""

from __future__ import annotations

import base64
import html
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field

SESSION_COOKIE = "policyqa_session"
# A guesser gets this many tries for free; after that each try waits twice as long as the one before
# (1 s, 2 s, 4 s … up to MAX_WAIT_S): a person who mistypes a few times never notices, a script gets a
# few dozen guesses an hour instead of 160 a second.
FREE_FAILURES = 5
MAX_WAIT_S = 300.0
# failures older than this are forgotten
FAILURE_MEMORY_S = 3600.0


def offered_login(authorization: str) -> tuple[str, str] | None:
    """(user, password) from an Authorization header (Basic, or Bearer ``user:password``), or None."""
    scheme, _, value = authorization.partition(" ")
    value = value.strip()
    if scheme.lower() == "basic":
        try:
            value = base64.b64decode(value, validate=True).decode("utf-8")
        except (ValueError, UnicodeDecodeError):
            return None
    elif scheme.lower() != "bearer":
        return None
    user, sep, password = value.partition(":")
    return (user, password) if sep and user and password else None


@dataclass
class FailureLog:
    """Failed logins per client address, and how long the address must wait before its next try."""

    free: int = FREE_FAILURES
    clock: Callable[[], float] = time.monotonic
    _failures: dict[str, tuple[int, float]] = field(default_factory=dict)  # address: (count, last failure)

    def wait_seconds(self, address: str) -> float:
        count, last = self._failures.get(address, (0, 0.0))
        if count < self.free:
            return 0.0
        return max(0.0, last + min(MAX_WAIT_S, 2.0 ** (count - self.free)) - self.clock())

    def failed(self, address: str) -> None:
        now = self.clock()
        self._failures = {a: entry for a, entry in self._failures.items() if now - entry[1] < FAILURE_MEMORY_S}
        count, _ = self._failures.get(address, (0, 0.0))
        self._failures[address] = (count + 1, now)

    def succeeded(self, address: str) -> None:
        self._failures.pop(address, None)


class Logins:
    """The users, their sessions and the failure log of one server process."""

    def __init__(self, credentials: list[tuple[str, str]] | tuple, session_seconds: float, free_failures: int = FREE_FAILURES):
        self._passwords = dict(credentials)
        self._session_seconds = session_seconds
        self._sessions: dict[str, tuple[str, float]] = {}  # token: (user, expires at)
        self.failures = FailureLog(free_failures)

    def check(self, user: str, password: str) -> bool:
        known = self._passwords.get(user)
        # compared even for an unknown user, so that the time taken does not say which users exist
        return secrets.compare_digest(password.encode(), (known or secrets.token_hex(8)).encode()) and known is not None

    def start_session(self, user: str) -> str:
        now = time.monotonic()
        self._sessions = {t: s for t, s in self._sessions.items() if s[1] > now}
        token = secrets.token_urlsafe(32)
        self._sessions[token] = (user, now + self._session_seconds)
        return token

    def session_user(self, token: str | None) -> str | None:
        user, expires = self._sessions.get(token or "", ("", 0.0))
        return user if user and expires > time.monotonic() else None

    def end_session(self, token: str | None) -> None:
        self._sessions.pop(token or "", None)


LOGIN_PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>policyqa 政策问答 · 登录</title>
<style>
body {{ font-family: sans-serif; background: #f5f6f8; display: flex; justify-content: center; padding-top: 12vh; }}
form {{ background: white; padding: 2em 2.5em; border-radius: 8px; box-shadow: 0 1px 4px #0002; width: 18em; }}
label {{ display: block; margin: 0.8em 0 0.3em; }}
input {{ width: 100%; padding: 0.5em; box-sizing: border-box; }}
button {{ margin-top: 1.2em; width: 100%; padding: 0.6em; background: #ea580c; color: white; border: 0; border-radius: 4px; }}
.problem {{ color: #b91c1c; }}
</style></head>
<body><form method="post" action="login">
<h2>policyqa 政策问答</h2>
{problem}
<label for="username">用户名</label><input id="username" name="username" autocomplete="username" required autofocus>
<label for="password">密码</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">登录</button>
</form></body></html>
"""


def login_page(problem: str = "") -> str:
    """The login form: nothing of the library (no documents, no routes) before a login."""
    return LOGIN_PAGE.format(problem=f"<p class='problem'>{html.escape(problem)}</p>" if problem else "")
