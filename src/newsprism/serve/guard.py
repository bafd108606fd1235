"""What stands between a request and the app: the bind check, the token, the body size limit, security headers."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
from urllib.parse import parse_qsl, urlencode

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsprism.errors import NewsprismError

COOKIE = "newsprism_token"
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy", b"frame-ancestors 'none'; base-uri 'none'; form-action 'self'"),
]


def check_bind(host: str, token: str | None) -> None:
    """Refuse to serve beyond this machine without a token.

    Raises:
        NewsprismError: ``host`` is not a loopback address and no token is set.
    """
    if token or is_loopback(host):
        return
    raise NewsprismError(
        f"Serving on {host} lets other machines read the store; pass --token (or set NEWSPRISM_TOKEN) "
        "to require a token on every request, or bind to 127.0.0.1."
    )


def is_loopback(host: str) -> bool:
    """Tell whether ``host`` names this machine only (127.0.0.0/8, ::1, localhost)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class TokenGuard:
    """ASGI middleware: every request must carry the token, else 401 with a JSON message.

    The token is read from ``Authorization: Bearer TOKEN``, the ``newsprism_token`` cookie, or a
    ``?token=`` query parameter. A GET that brings it in the query is answered with the cookie and a
    redirect to the same address without it, so that the token leaves the address bar and the history.
    """

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app = app
        self.token = token.encode("utf-8")
        # the cookie holds a digest, not the token: always cookie-safe, and useless as a bearer token
        self.cookie = hashlib.sha256(b"newsprism-cookie:" + self.token).hexdigest()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        in_query = _same(next((v for k, v in query if k == "token"), None), self.token)
        if in_query and scope["method"] == "GET":
            await _redirect_with_cookie(scope, send, [(k, v) for k, v in query if k != "token"], self.cookie)
        elif in_query or _same(_bearer(headers), self.token) or _same(_cookie(headers), self.cookie.encode("ascii")):
            await self.app(scope, receive, send)
        else:
            await send_json(send, 401, "A token is required: send 'Authorization: Bearer TOKEN' or open the page "
                                         "once with ?token=TOKEN.", [(b"www-authenticate", b"Bearer")])


class BodyLimit:
    """ASGI middleware: a request body over ``max_bytes`` gets 413 with a JSON message.

    A declared Content-Length is checked before anything is read; a body without one (chunked) is
    counted as it arrives, and the app's body parsing meets an HTTPException once it passes the limit.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await send_json(send, 413, self._message())
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_bytes:
                raise HTTPException(413, self._message())
            return message

        await self.app(scope, counted, send)

    def _message(self) -> str:
        return f"The request is larger than the {self.max_bytes:,} bytes this server accepts."


class SecurityHeaders:
    """ASGI middleware: adds headers that keep pages out of frames and stop content sniffing."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers if scope["type"] == "http" else send)


async def send_json(send: Send, status: int, detail: str, headers: list[tuple[bytes, bytes]] = ()) -> None:
    """Send a whole JSON error response ``{"detail": ...}`` from middleware."""
    body = json.dumps({"detail": detail}).encode("utf-8")
    start_headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *headers]
    await send({"type": "http.response.start", "status": status, "headers": start_headers})
    await send({"type": "http.response.body", "body": body})


def _same(given: str | None, expected: bytes) -> bool:
    return given is not None and hmac.compare_digest(given.encode("utf-8"), expected)


async def _redirect_with_cookie(scope: Scope, send: Send, query: list[tuple[str, str]], cookie: str) -> None:
    path = scope.get("raw_path") or scope["path"].encode("utf-8")
    location = b"/" + path.lstrip(b"/")  # one leading slash: "//host" would leave the site
    if query:
        location += b"?" + urlencode(query).encode("ascii")
    headers = [(b"location", location), (b"content-length", b"0"),
               (b"set-cookie", f"{COOKIE}={cookie}; HttpOnly; SameSite=Strict; Path=/".encode("ascii"))]
    await send({"type": "http.response.start", "status": 303, "headers": headers})
    await send({"type": "http.response.body", "body": b""})


def _bearer(headers: Headers) -> str | None:
    scheme, _, value = headers.get("authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def _cookie(headers: Headers) -> str | None:
    for part in headers.get("cookie", "").split(";"):
        name, _, value = part.strip().partition("=")
        if name == COOKIE:
            return value
    return None
