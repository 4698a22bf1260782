"""The HTTP API alone, for `policyqa api --workers N`: every /v1 route and the OpenAI-compatible
endpoint, behind the same guard and login as the page's server, without the page.

uvicorn runs the N worker processes on one socket (its own process manager; each worker calls
``create_app``). Every worker answers from the index version the data directory has published and
follows it: a version published by any process (an upload or a deletion through any worker or the
page, a correction, the page's background embedder) is loaded within a second, reusing what did not
change (``LiveAssistant.follow``). Writes from several processes serialise through the index lock.
A worker never embeds in the background: that runs in exactly one place, the page's process
(`policyqa serve`), or `policyqa embed` where no page runs; until then an upload is answered by
keywords, as the page's own uploads are.
"""

from __future__ import annotations

FOLLOW_SECONDS = 0.25  # how often a worker looks for a newly published index version


def create_app():
    """The API app of one worker (uvicorn's factory), configured by the POLICYQA_* environment the
    `policyqa api` command sets for it."""
    from policyqa.library import LiveAssistant
    from policyqa.settings import Settings
    from ui.api import create_api
    from ui.guard import RequestGuard, allow_trusted_origins, guard_settings

    settings = Settings.from_env()
    live = LiveAssistant(settings, embeds_uploads=False)
    live.follow(FOLLOW_SECONDS)
    app = create_api(live)
    allow_trusted_origins(app, settings)
    # no page here: no page event exists, and no page request may name a file anywhere but the uploads
    app.add_middleware(RequestGuard, settings=guard_settings(settings, settings.credentials(), str(settings.uploads_dir)))
    return app


def serve_api(settings, host: str, port: int, workers: int) -> None:
    """Run ``workers`` API processes on host:port until stopped (uvicorn's supervisor restarts a worker
    that dies). The workers read their settings from the environment, so the command's are put there."""
    import os
    import sys

    import uvicorn

    os.environ.update(settings.environment())
    if host not in ("127.0.0.1", "localhost", "::1") and not settings.credentials():
        print(f"warning: serving on {host} without a login; set POLICYQA_AUTH=user:password", file=sys.stderr)
    print(f"policyqa: the API on http://{host}:{port}/v1 with {workers} worker process(es)", file=sys.stderr)
    uvicorn.run("policyqa.api_workers:create_app", factory=True, host=host, port=port, workers=workers,
                log_level="warning", timeout_graceful_shutdown=5)
