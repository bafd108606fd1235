"""``newsprism serve``: a web UI and a JSON API over a store (FastAPI + Jinja2).

Pages: the stories (newest first; full-text search, filters by outlet, date and number of sources),
a story's HTML report, an article, and a compare page for 2-20 pasted or uploaded articles or URLs.
API under ``/api/`` (OpenAPI docs at ``/docs``): stories, a story's comparison in the JSON report's
contract, articles, and compare.

It binds to 127.0.0.1 unless told otherwise, and serving beyond this machine requires a token that
every request must carry. Request bodies are capped, URL fetches time out, errors are short JSON
messages (never a traceback), SQL stays in ``newsprism.store``, and no request names a file.

Usage::

    app = create_app("newsprism.db")                   # an ASGI app, e.g. for TestClient
    run_server("newsprism.db", host="127.0.0.1", port=8000)
"""

from __future__ import annotations

import os

from newsprism.serve.app import ServeOptions, create_app
from newsprism.serve.guard import check_bind

__all__ = ["ServeOptions", "create_app", "run_server"]


def run_server(db: str | os.PathLike[str] = "newsprism.db", *, host: str = "127.0.0.1", port: int = 8000,
               token: str | None = None) -> None:
    """Serve the app with uvicorn until interrupted.

    Raises:
        NewsprismError: ``host`` is not a loopback address and no token is given.
    """
    import uvicorn

    check_bind(host, token)
    uvicorn.run(create_app(db, token=token), host=host, port=port, log_level="info", timeout_keep_alive=5)
