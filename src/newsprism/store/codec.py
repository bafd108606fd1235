"""Model records to JSON text (``model.to_dict``) and back, for the store.

``decode`` rebuilds a record from its class's type hints: nested records, tuples, dicts, dates.
``to_dict`` writes an infinite number as null; a null where the type admits no None is read back
as +inf, the only infinity the model holds (the open upper bound of "at least eight"). So
``decode(type(r), encode(r)) == r``.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
import types
import typing
from datetime import date
from typing import Any, TypeVar

from newsprism.model import to_dict

T = TypeVar("T")


def encode(record: Any) -> str:
    """Return the JSON text of a record (or of a list or dict of records)."""
    return json.dumps(to_dict(record), ensure_ascii=False, separators=(",", ":"))


def decode(cls: type[T], text: str) -> T:
    """Rebuild a record of class ``cls`` from the JSON text ``encode`` wrote."""
    return typing.cast(T, _convert(cls, json.loads(text)))


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _convert(tp: Any, value: Any) -> Any:
    if value is None:
        return math.inf if tp is float else None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return _convert(next(a for a in typing.get_args(tp) if a is not type(None)), value)
    if dataclasses.is_dataclass(tp):
        hints = _hints(tp)  # type: ignore[arg-type]
        return tp(**{k: _convert(hints[k], v) for k, v in value.items() if k in hints})
    if tp is date:
        return date.fromisoformat(value)
    if origin is tuple:
        item = typing.get_args(tp)[0]
        return tuple(_convert(item, v) for v in value)
    if origin is dict:
        item = typing.get_args(tp)[1]
        return {k: _convert(item, v) for k, v in value.items()}
    if tp is float:
        return float(value)
    return value
