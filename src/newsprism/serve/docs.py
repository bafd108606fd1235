"""The API's docs at /docs: Swagger UI served from the installed fastapi-offline package, not a CDN.

The two assets are read from the package once and served from memory at fixed addresses, so no
request path is ever mapped to a file.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, Response

ASSETS = {"swagger-ui-bundle.js": "text/javascript", "swagger-ui.css": "text/css"}


def add_docs(app: FastAPI) -> None:
    """Add /docs (Swagger UI over /openapi.json) and its two assets to the app."""

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="newsprism API",
            swagger_js_url="/docs/swagger-ui-bundle.js",
            swagger_css_url="/docs/swagger-ui.css",
            swagger_favicon_url="data:,",
            swagger_ui_parameters={"validatorUrl": None},  # the default validator badge is fetched from the web
        )

    for name, media_type in ASSETS.items():
        app.add_api_route(f"/docs/{name}", _asset_route(name, media_type), include_in_schema=False)


def _asset_route(name: str, media_type: str) -> Callable[[], Response]:
    def serve_asset() -> Response:
        return Response(_swagger_asset(name), media_type=media_type, headers={"cache-control": "max-age=86400"})

    return serve_asset


@cache
def _swagger_asset(name: str) -> bytes:
    from importlib.resources import files

    return files("fastapi_offline").joinpath("static", name).read_bytes()
