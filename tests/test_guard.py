"""The guard's decisions one by one (the whole server is probed in tests/test_probe.py)."""

from __future__ import annotations

import base64

import pytest

from ui.guard import GuardSettings, Refused, _event_values, cross_site_problem, json_depth, named_files, path_inside, text_problem
from ui.login import FailureLog, Logins, login_page, offered_login
from ui.web import page_event_inputs


def headers(**values):
    return {k.replace("_", "-").lower(): v for k, v in values.items()}


SCOPE = {"scheme": "http"}


def test_changes_are_accepted_from_the_page_itself_and_from_programs():
    assert cross_site_problem(SCOPE, headers(host="127.0.0.1:7860", origin="http://127.0.0.1:7860",
                                             sec_fetch_site="same-origin"), ()) is None
    assert cross_site_problem(SCOPE, headers(host="127.0.0.1:7860"), ()) is None  # curl, the openai client
    # behind a proxy that passes the Host on, with TLS: the default ports match
    assert cross_site_problem({"scheme": "https"}, headers(host="policy.example.org",
                                                           origin="https://policy.example.org"), ()) is None


def test_changes_from_another_site_or_port_are_refused():
    assert "cross-site" in cross_site_problem(SCOPE, headers(host="127.0.0.1:7860", sec_fetch_site="cross-site",
                                                             origin="http://evil.example"), ())
    assert "same-site" in cross_site_problem(SCOPE, headers(host="127.0.0.1:7860", sec_fetch_site="same-site",
                                                            origin="http://127.0.0.1:9999"), ())
    # an older browser that sends only Origin
    assert cross_site_problem(SCOPE, headers(host="127.0.0.1:7860", origin="http://localhost:7860"), ())
    assert "opaque" in cross_site_problem(SCOPE, headers(host="127.0.0.1:7860", origin="null"), ())


def test_a_trusted_origin_may_write():
    assert cross_site_problem(SCOPE, headers(host="10.0.0.5:7860", origin="https://portal.example",
                                             sec_fetch_site="cross-site"), ("https://portal.example",)) is None


def test_json_depth_counts_brackets_outside_strings():
    assert json_depth(b'{"a": [1, {"b": [2]}]}') == 4
    assert json_depth(b'{"a": "[[[[[[", "b": "\\"[["}') == 1
    assert json_depth(b"[" * 1000 + b"]" * 1000) == 1000


def test_files_named_in_a_page_request_are_found_at_any_depth():
    data = {"data": [[{"role": "user", "content": [{"type": "file", "file": {"path": "/etc/passwd", "meta": {}}}]}],
                     {"path": "/tmp/x.pdf", "orig_name": "x.pdf"}, {"path": "not a file object"}]}
    assert sorted(named_files(data)) == ["/etc/passwd", "/tmp/x.pdf"]


def test_only_paths_inside_the_upload_folder_pass(tmp_path):
    folder = tmp_path / "uploads"
    (folder / "abc").mkdir(parents=True)
    (folder / "abc" / "a.pdf").write_bytes(b"%PDF-")
    (tmp_path / "secret").write_text("x")
    (folder / "link").symlink_to(tmp_path / "secret")
    root = str(folder.resolve())
    assert path_inside(str(folder / "abc" / "a.pdf"), root)
    assert not path_inside(str(folder / "abc" / ".." / ".." / "secret"), root)
    assert not path_inside(str(folder / "link"), root)  # a link is followed, as Gradio would
    assert not path_inside("relative/path.txt", root)
    assert not path_inside("http://127.0.0.1/x.txt", root)
    assert not path_inside(str(folder) + "\x00.txt", root)


def test_a_page_event_takes_all_its_inputs_or_those_its_api_shows():
    # a chat event as Gradio configures it: the history (id 2) is hidden from the API and filled with None
    config = {"components": [{"id": 1, "skip_api": False}, {"id": 2, "skip_api": True}, {"id": 3, "skip_api": False}],
              "dependencies": [{"id": 7, "inputs": [1, 2, 3], "api_name": "chat"},
                               {"id": 8, "inputs": [2], "api_name": "undo", "api_visibility": "private"}]}
    events = page_event_inputs(config)
    assert events == {7: {3, 2}, "chat": {3, 2}, 8: {1, 0}}
    settings = GuardSettings(max_body_bytes=1, max_upload_bytes=1, upload_folder="/x", page_events=events)
    _event_values(settings, "/gradio_api/call/chat", {"data": ["问题", ""]})
    _event_values(settings, "/gradio_api/call/chat", {"data": ["问题", None, ""]})
    with pytest.raises(Refused, match="2 or 3 input values"):
        _event_values(settings, "/gradio_api/call/chat", {"data": ["问题"]})
    with pytest.raises(Refused, match="no such page event"):
        _event_values(settings, "/gradio_api/call/undo", {"data": []})


def test_a_lone_surrogate_is_not_text():
    assert text_problem({"question": "节能", "list": ["a", {"b": "c"}]}) is None
    assert "surrogate at position 2" in text_problem({"messages": [{"content": "节能\ud800"}]})
    assert "surrogate" in text_problem({"\udc80": 1})


def test_a_login_is_one_user_password_pair():
    def basic(text: str) -> str:
        return "Basic " + base64.b64encode(text.encode()).decode()

    assert offered_login(basic("official:s3cret")) == ("official", "s3cret")
    assert offered_login("Bearer official:s3cret") == ("official", "s3cret")
    assert offered_login("Bearer s3cret") is None
    assert offered_login(basic(":s3cret")) is None
    assert offered_login(basic("s3cret")) is None
    assert offered_login("Basic not-base64!") is None
    logins = Logins([("official", "s3cret"), ("clerk", "hunter2")], session_seconds=60)
    assert logins.check("official", "s3cret") and not logins.check("official", "hunter2")
    assert not logins.check("nobody", "s3cret")
    token = logins.start_session("clerk")
    assert logins.session_user(token) == "clerk" and logins.session_user("forged") is None
    logins.end_session(token)
    assert logins.session_user(token) is None


def test_failed_logins_wait_longer_each_time():
    now = [1000.0]
    log = FailureLog(free=3, clock=lambda: now[0])
    for _ in range(3):
        assert log.wait_seconds("10.0.0.9") == 0
        log.failed("10.0.0.9")
    assert log.wait_seconds("10.0.0.9") == 1.0
    log.failed("10.0.0.9")
    assert log.wait_seconds("10.0.0.9") == 2.0
    assert log.wait_seconds("10.0.0.8") == 0  # another address is not held up
    now[0] += 2.0
    assert log.wait_seconds("10.0.0.9") == 0
    log.succeeded("10.0.0.9")
    log.failed("10.0.0.9")
    assert log.wait_seconds("10.0.0.9") == 0


def test_the_login_page_escapes_its_message():
    page = login_page("<script>x</script>")
    assert "<script>x" not in page and "&lt;script&gt;" in page and 'action="login"' in page
