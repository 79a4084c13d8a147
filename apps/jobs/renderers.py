"""Large documents and exports rendered in the background: a renderer is registered by
name (by the app that owns the document) and run by the ``jobs.render_document`` job."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Rendered:
    filename: str
    content_type: str
    content: bytes


Renderer = Callable[..., Rendered]
_renderers: dict[str, Renderer] = {}


def register(name: str) -> Callable[[Renderer], Renderer]:
    """``@register("provincial.report")`` on ``def render(*, scope, **params) -> Rendered``."""

    def decorate(func: Renderer) -> Renderer:
        _renderers[name] = func
        return func

    return decorate


def get(name: str) -> Renderer:
    try:
        return _renderers[name]
    except KeyError:
        raise LookupError(f"no renderer {name!r}") from None


def render(name: str, *, scope: str, params: dict[str, Any]) -> Rendered:
    return get(name)(scope=scope, **params)


def scope_of(request) -> str:
    """Whose background documents a request sees: its province portal's, or its city's."""
    province = getattr(request, "province", None)
    if province is not None:
        return f"province:{province.code}"
    tenant = getattr(request, "tenant", None)
    return getattr(tenant, "schema_name", "") or "none"
