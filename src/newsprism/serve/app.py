"""The FastAPI app: pages and a JSON API over a store, and a compare page that needs none.

Each request opens the store in its own thread (a ``Store`` belongs to one thread); SQL stays in
``newsprism.store``. Comparisons are CPU-bound, so one runs at a time and a request waits at most
``ServeOptions.compare_wait_s`` for its turn (503 after that). Errors are ``{"detail": message}``
with a 4xx status under ``/api/``, and an HTML page elsewhere; a bug gives 500 without a traceback.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, TypeVar

from fastapi import FastAPI, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field, model_validator
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsprism import __version__
from newsprism.errors import ModelError, NewsprismError
from newsprism.model import Article, Comparison, Failure, to_dict
from newsprism.report import comparison_to_json
from newsprism.report.html import asset, jinja_environment, render_html, safe_url
from newsprism.serve.docs import add_docs
from newsprism.serve.guard import BodyLimit, SecurityHeaders, TokenGuard
from newsprism.serve.inputs import MAX_ARTICLES, MIN_ARTICLES, SEPARATOR, ArticleInput, read_inputs, split_pasted
from newsprism.store import Store, StoreError, open_store

log = logging.getLogger(__name__)
T = TypeVar("T")

PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'"
"""The pages other than reports run no script and load nothing."""


@dataclass(frozen=True)
class ServeOptions:
    """Limits and choices of the web app.

    Attributes:
        max_body_bytes: The largest request body accepted (413 above it).
        compare_wait_s: How long a request waits for the one comparison slot (503 after that).
        embedder: The sentence embedder comparisons use.
        page_size: Stories per page of the list.
    """

    max_body_bytes: int = 8 * 1024 * 1024
    compare_wait_s: float = 120.0
    embedder: str = "minilm"
    page_size: int = 50


# --- the JSON API's records ----------------------------------------------------------------------


class ArticleIn(BaseModel):
    """One article to compare: its ``text`` (plain text or HTML) or a ``url`` to fetch."""

    text: str | None = Field(None, description="Plain text (a headline line first is recognised) or an HTML page.")
    url: str | None = Field(None, description="An http(s) address to fetch instead (15 s and 10 MB at most).")
    title: str | None = None
    outlet: str | None = None
    published: date | None = Field(None, description="Resolves relative dates such as 'Thursday'.")

    @model_validator(mode="after")
    def _text_or_url(self) -> ArticleIn:
        if (self.text is None) == (self.url is None):
            raise ValueError("give exactly one of 'text' and 'url'")
        return self


class CompareIn(BaseModel):
    articles: list[ArticleIn] = Field(min_length=MIN_ARTICLES, max_length=MAX_ARTICLES)


class StoryOut(BaseModel):
    """A story as listed: ``sources`` counts outlets, ``independent`` counts reporting chains."""

    id: str
    title: str | None
    size: int
    sources: int
    independent: int
    outlets: list[str]
    entities: list[str]
    first_published: date | None
    last_published: date | None
    updated: str
    facts: dict[str, int] | None = None  # facts per status, once the story is compared


class StoriesOut(BaseModel):
    stories: list[StoryOut]
    limit: int
    offset: int


class StoryDetailOut(StoryOut):
    article_ids: list[str] = Field(description="Oldest first.")


class ArticleOut(BaseModel):
    id: str
    text: str
    title: str | None
    outlet: str | None
    url: str | None
    authors: list[str]
    published: date | None
    language: str | None
    source: str | None
    meta: dict[str, Any]


class SearchHitOut(BaseModel):
    article_id: str
    title: str | None
    outlet: str | None
    published: date | None
    story_id: str | None
    snippet: str = Field(description="The matched words in [brackets].")


class SearchOut(BaseModel):
    articles: list[SearchHitOut]


class ErrorOut(BaseModel):
    detail: str


ERRORS: dict[int | str, dict[str, Any]] = {code: {"model": ErrorOut} for code in (400, 404, 413, 503)}


# --- the app -------------------------------------------------------------------------------------


def create_app(db: str | os.PathLike[str] = "newsprism.db", *, token: str | None = None,
               options: ServeOptions | None = None) -> FastAPI:
    """Build the web app over the store at ``db`` (opened per request; it need not exist for /compare).

    Args:
        db: The store's SQLite file.
        token: Require this token on every request (see ``guard.TokenGuard``).
        options: Limits and choices.
    """
    options = options or ServeOptions()
    app = FastAPI(
        title="newsprism",
        version=__version__,
        description="Compare how news sources report the same event. Comparisons follow the JSON report's "
        "contract (docs/comparison.schema.json in the repository).",
        docs_url=None,
        redoc_url=None,
    )
    app.state.db = os.fspath(db)
    app.state.options = options
    app.state.compare_slot = threading.BoundedSemaphore(1)
    app.add_middleware(BodyLimit, max_bytes=options.max_body_bytes)
    app.add_middleware(SecurityHeaders)
    if token:
        app.add_middleware(TokenGuard, token=token)
    app.add_exception_handler(NewsprismError, _newsprism_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)  # FastAPI's and the router's 404/405
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _internal_error)
    _add_pages(app)
    _add_api(app)
    add_docs(app)
    return app


@contextmanager
def _store(request: Request) -> Iterator[Store]:
    with open_store(request.app.state.db, create=False) as store:
        yield store


@contextmanager
def _compare_slot(request: Request) -> Iterator[None]:
    """Hold the one comparison slot; 503 when it stays taken too long."""
    slot: threading.BoundedSemaphore = request.app.state.compare_slot
    if not slot.acquire(timeout=request.app.state.options.compare_wait_s):
        raise HTTPException(503, "Busy comparing other articles; try again in a minute.")
    try:
        yield
    finally:
        slot.release()


def _story_comparison(request: Request, store: Store, story_id: str) -> Comparison:
    """The cached comparison of a story, else a new one (made in the comparison slot)."""
    from newsprism.corpus import story_comparison

    cached = store.comparison(story_id)
    if cached is not None:
        return cached
    with _compare_slot(request):
        return story_comparison(store, story_id, embedder=request.app.state.options.embedder)


def _compare(request: Request, inputs: list[ArticleInput]) -> Comparison:
    """Read and compare sent articles; inputs that could not be read become notes."""
    from newsprism.compare import compare_articles

    articles, failures = read_inputs(inputs)
    if len(articles) < MIN_ARTICLES:
        raise HTTPException(400, _too_few(articles, failures))
    with _compare_slot(request):
        comparison = compare_articles(articles, embedder=request.app.state.options.embedder)
    skipped = tuple(f"skipped {f.source}: {f.message}" for f in failures)
    return dataclasses.replace(comparison, notes=comparison.notes + skipped)


def _too_few(articles: list[Article], failures: list[Failure]) -> str:
    reasons = "; ".join(f"{f.source}: {f.message}" for f in failures)
    return f"Only {len(articles)} of the articles could be read, and a comparison needs {MIN_ARTICLES}. {reasons}"


# --- pages ---------------------------------------------------------------------------------------


def _page(template: str, status: int = 200, **context: Any) -> HTMLResponse:
    html = jinja_environment("newsprism.serve").get_template(template).render(
        css=asset("report.css"), policy=PAGE_POLICY, version=__version__, **context
    )
    return HTMLResponse(html, status_code=status)


def _add_pages(app: FastAPI) -> None:
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def stories_page(
        request: Request,
        q: str = "",
        outlet: str = "",
        since: str = "",  # a form sends its empty fields as "": strings, parsed here
        min_sources: str = "",
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> HTMLResponse:
        size = request.app.state.options.page_size
        day = _form_value(since, date.fromisoformat, "since (a date, YYYY-MM-DD)")
        least = _form_value(min_sources, int, "min_sources (a whole number)")
        with _store(request) as store:
            stories = store.stories(since=day, min_sources=least, outlet=outlet or None,
                                    query=q or None, limit=size + 1, offset=offset)
            hits = store.search(q) if q else []
        form = {"q": q, "outlet": outlet, "since": since.strip(), "min_sources": least or 1}
        return _page("stories.html.j2", stories=stories[:size], hits=hits, form=form, offset=offset, size=size,
                     more=len(stories) > size)

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(request: Request, story_id: str) -> HTMLResponse:
        with _store(request) as store:
            comparison = _story_comparison(request, store, story_id)
        return HTMLResponse(render_html(comparison, home_url="/"))

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: str) -> HTMLResponse:
        with _store(request) as store:
            article = store.article(article_id)
        if article is None:
            raise HTTPException(404, f"No article with id {article_id!r}.")
        return _page("article.html.j2", article=article, url=safe_url(article.url))

    @app.get("/compare", response_class=HTMLResponse, include_in_schema=False)
    def compare_form() -> HTMLResponse:
        return _page("compare.html.j2", separator=SEPARATOR, low=MIN_ARTICLES, high=MAX_ARTICLES)

    @app.post("/compare", response_class=HTMLResponse, include_in_schema=False)
    def compare_page(
        request: Request,
        text: Annotated[str, Form()] = "",
        urls: Annotated[str, Form()] = "",
        files: Annotated[list[UploadFile], File()] = [],  # noqa: B006 - FastAPI reads the default, never mutates it
    ) -> HTMLResponse:
        sent = [(f.filename or f"file {n}", f.file.read()) for n, f in enumerate(files, start=1)]
        comparison = _compare(request, split_pasted(text, urls, sent))
        return HTMLResponse(render_html(comparison, home_url="/"))


def _form_value(value: str, parse: Callable[[str], T], what: str) -> T | None:
    """Parse a form field; empty is None, and a bad value is a 400 naming the field."""
    if not value.strip():
        return None
    try:
        return parse(value.strip())
    except ValueError:
        raise HTTPException(400, f"{value!r} is not a valid {what}.") from None


# --- JSON API ------------------------------------------------------------------------------------


def _add_api(app: FastAPI) -> None:
    @app.get("/api/stories", response_model=StoriesOut, responses=ERRORS, tags=["stories"])
    def list_stories(
        request: Request,
        q: Annotated[str | None, Query(description="Full-text query: words, \"a phrase\", prefix*.")] = None,
        outlet: str | None = None,
        since: Annotated[date | None, Query(description="Only stories with an article on or after this date.")] = None,
        min_sources: Annotated[int | None, Query(ge=1, description="Only stories from at least this many outlets.")] = None,
        limit: Annotated[int, Query(ge=1, le=200)] = 50,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> StoriesOut:
        """List the stories, newest first."""
        with _store(request) as store:
            stories = store.stories(since=since, min_sources=min_sources, outlet=outlet, query=q,
                                    limit=limit, offset=offset)
        return StoriesOut(stories=[StoryOut.model_validate(s, from_attributes=True) for s in stories],
                          limit=limit, offset=offset)

    @app.get("/api/stories/{story_id}", response_model=StoryDetailOut, responses=ERRORS, tags=["stories"])
    def get_story(request: Request, story_id: str) -> StoryDetailOut:
        """One story and its articles' ids."""
        with _store(request) as store:
            summary, story = store.story_summary(story_id), store.story(story_id)
        if summary is None or story is None:
            raise HTTPException(404, f"No story with id {story_id!r}.")
        return StoryDetailOut(**StoryOut.model_validate(summary, from_attributes=True).model_dump(),
                              article_ids=list(story.article_ids))

    @app.get("/api/stories/{story_id}/comparison", responses=ERRORS, tags=["stories"])
    def get_comparison(request: Request, story_id: str) -> JSONResponse:
        """The comparison of a story's articles, as the JSON report (cached until the story grows)."""
        with _store(request) as store:
            comparison = _story_comparison(request, store, story_id)
        return JSONResponse(comparison_to_json(comparison))

    @app.get("/api/articles", response_model=SearchOut, responses=ERRORS, tags=["articles"])
    def search_articles(
        request: Request,
        q: Annotated[str, Query(min_length=1, description="Full-text query over titles and text.")],
        limit: Annotated[int, Query(ge=1, le=200)] = 20,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> SearchOut:
        """Find articles by words in their title or text, best match first."""
        with _store(request) as store:
            hits = store.search(q, limit=limit, offset=offset)
        return SearchOut(articles=[SearchHitOut.model_validate(h, from_attributes=True) for h in hits])

    @app.get("/api/articles/{article_id}", response_model=ArticleOut, responses=ERRORS, tags=["articles"])
    def get_article(request: Request, article_id: str) -> ArticleOut:
        """One stored article, with its text."""
        with _store(request) as store:
            article = store.article(article_id)
        if article is None:
            raise HTTPException(404, f"No article with id {article_id!r}.")
        return ArticleOut.model_validate(to_dict(article))

    @app.post("/api/compare", responses=ERRORS, tags=["compare"])
    def compare(request: Request, body: CompareIn) -> JSONResponse:
        """Compare 2 to 20 articles sent as text, HTML or URLs; returns the JSON report."""
        inputs = [
            ArticleInput(text=a.text, url=a.url, name=a.url or f"article {n}", title=a.title, outlet=a.outlet,
                         published=a.published)
            for n, a in enumerate(body.articles, start=1)
        ]
        return JSONResponse(comparison_to_json(_compare(request, inputs)))


# --- errors --------------------------------------------------------------------------------------


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def _error(request: Request, status: int, message: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": message}, status_code=status)
    return _page("error.html.j2", status=status, status_code=status, message=message)


async def _newsprism_error(request: Request, exc: Exception) -> Response:
    from newsprism.corpus import UnknownStory

    status = 404 if isinstance(exc, UnknownStory) else 503 if isinstance(exc, (StoreError, ModelError)) else 400
    return _error(request, status, str(exc))


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    response = _error(request, exc.status_code, str(exc.detail))
    response.headers.update(exc.headers or {})
    return response


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
    return _error(request, 422, f"Invalid request: {problems}")


async def _internal_error(request: Request, exc: Exception) -> Response:
    log.exception("error serving %s", request.url.path)
    return _error(request, 500, "Internal error; the server's log has the details.")
