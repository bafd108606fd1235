"""Playwright in Debian's Chromium (/usr/bin/chromium): Playwright's own browser download does not work here.

Every test here needs the browser: it is skipped, saying why, when /usr/bin/chromium is absent, and fails
instead under CI=true (where .ci/run installs it).
"""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright's launch arguments, pointed at Debian's Chromium (overrides the plugin's fixture)."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium) to run the browser tests"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


LOCAL = ("file:", "http://127.0.0.1:")


@pytest.fixture
def requests_made(page) -> list[str]:
    """Every URL the page asks for; a request off this machine is also refused, so nothing leaves it."""
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(LOCAL) else route.abort())
    return urls


@pytest.fixture
def open_report(page, requests_made, tmp_path):
    """``open_report(comparison)``: write its HTML report under tmp_path, open it in the page, return the path."""
    from newsprism.report import render_report

    def open_(comparison) -> Path:
        path = tmp_path / "report.html"
        path.write_text(render_report(comparison, "html"), encoding="utf-8")
        page.goto(path.as_uri())
        return path

    return open_


@pytest.fixture
def serve_app():
    """``serve_app(app)``: run an ASGI app with uvicorn on a free loopback port; return its base URL."""
    import uvicorn

    running = []

    def start(app) -> str:
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        running.append((server, thread))
        deadline = time.monotonic() + 10
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.02)
        assert server.started, "uvicorn did not start"
        return f"http://127.0.0.1:{sock.getsockname()[1]}"

    yield start
    for server, thread in running:
        server.should_exit = True
        thread.join(10)
