"""Fetch articles from the web (http/https only), failing with advice to save the page instead."""

from __future__ import annotations

import logging
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message

from newsprism.errors import NetworkError

log = logging.getLogger(__name__)

TIMEOUT_S = 15.0
MAX_BYTES = 10 * 1024 * 1024
USER_AGENT = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0 Safari/537.36 newsprism/0.1"
)
_ADVICE = "save the page and pass the file instead"


@dataclass(frozen=True)
class Fetched:
    """A fetched page: its bytes, final address (after redirects), content type and declared charset."""

    data: bytes
    url: str
    content_type: str
    charset: str | None


def is_url(source: str) -> bool:
    """Tell whether ``source`` is an http(s) address rather than a file path."""
    return source.strip().lower().startswith(("http://", "https://"))


def fetch_url(url: str, *, timeout: float = TIMEOUT_S, max_bytes: int = MAX_BYTES) -> Fetched:
    """Download a page with a browser-like User-Agent, a time limit and a size limit.

    Args:
        url: An http or https address.
        timeout: Seconds to wait for the server.
        max_bytes: The most bytes read; a larger page is refused.

    Returns:
        The page.

    Raises:
        NetworkError: The page could not be fetched (no network, timeout, HTTP error, too large).
    """
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*;q=0.8"})
    log.info("fetching %s", url)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - http(s) checked by caller
            data = response.read(max_bytes + 1)
            headers: Message = response.headers
            final_url = response.geturl() or url
    except urllib.error.HTTPError as exc:
        exc.close()
        raise _error(f"the server answered HTTP {exc.code} {exc.reason}") from exc
    except urllib.error.URLError as exc:
        raise _error(_reason(exc.reason)) from exc
    except (TimeoutError, socket.timeout) as exc:
        raise _error(f"no answer within {timeout:g} seconds") from exc
    except (OSError, ValueError) as exc:
        raise _error(str(exc) or type(exc).__name__) from exc
    if len(data) > max_bytes:
        raise _error(f"the page is larger than {max_bytes // 1_000_000} MB")
    return Fetched(data, final_url, headers.get_content_type(), headers.get_content_charset())


def _error(reason: str) -> NetworkError:
    return NetworkError(f"could not fetch URL: {reason}; {_ADVICE}")


def _reason(reason: object) -> str:
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return "no answer in time"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, socket.gaierror):
        return "the address could not be found (no network, or a typo in the address)"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason)
