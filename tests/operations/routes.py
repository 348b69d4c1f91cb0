"""Every route of the URL conf, turned into a concrete URL that names real objects.

`all_routes()` walks django.urls.get_resolver() recursively; `route_url()` fills each
route's converters and regex groups with ids of objects that exist in the test database, so
that a visit reaches the view rather than a 404 from the resolver.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern


@dataclass(frozen=True)
class Route:
    pattern: str  # the full pattern, prefixes included; regex parts marked for route_url()
    name: str  # namespace:name, or the readable pattern when the route has no name
    view: str  # dotted path of the view
    callback: Callable = field(compare=False, repr=False)  # to check that a URL reaches it


def all_routes() -> list[Route]:
    routes: list[Route] = []

    def walk(patterns, prefix: str, namespace: str) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                walk(entry.url_patterns, prefix + _text(entry.pattern), inner)
            elif isinstance(entry, URLPattern):
                full = prefix + _text(entry.pattern)
                readable = full.replace("\x00", "").replace("\x01", "")
                name = f"{namespace}{entry.name}" if entry.name else readable
                routes.append(
                    Route(pattern=full, name=name, view=entry.lookup_str, callback=entry.callback)
                )

    walk(get_resolver().url_patterns, "", "")
    return routes


def _text(pattern) -> str:
    if isinstance(pattern, RoutePattern):
        return pattern._route
    if isinstance(pattern, RegexPattern):
        return "\x00" + pattern._regex + "\x01"  # marks a regex part for route_url()
    return str(pattern)


CONVERTER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def route_url(route: Route, ids: dict[str, object]) -> str:
    """A concrete path for `route`. `ids` maps a parameter name, or `<segment>.pk` for a
    regex `pk` group after `segment/`, or `<app_label>.<model>` for the admin, to a value."""
    out = ""
    for part in re.split(r"(\x00.*?\x01)", route.pattern):
        if part.startswith("\x00"):
            out += _fill_regex(part[1:-1], out, ids)
        else:
            filled, last = "", 0
            for match in CONVERTER.finditer(part):
                filled += part[last : match.start()]
                filled += _value(match["name"], out + filled, ids)
                last = match.end()
            out += filled + part[last:]
    return "/" + out


def _value(name: str, prefix: str, ids: dict[str, object]) -> str:
    if name == "object_id":  # the admin: admin/<app_label>/<model>/<path:object_id>/
        app_label, model = prefix.rstrip("/").split("/")[-2:]
        if app_label == "r":  # view on site: admin/r/<content_type_id>/<object_id>/
            return str(ids["shortcut_object_id"])
        return str(ids.get(f"{app_label}.{model}") or _first_pk(app_label, model))
    if name == "pk":
        segment = prefix.rstrip("/").split("/")[-1]
        return str(ids[f"{segment}.pk"])
    return str(ids[name])


def _first_pk(app_label: str, model: str) -> object:
    manager = apps.get_model(app_label, model)._default_manager
    first = manager.order_by("pk").first()
    # An admin list with no rows still has a change URL; 0 names no object.
    return first.pk if first is not None else 0


def _fill_regex(regex: str, prefix: str, ids: dict[str, object]) -> str:
    regex = regex.removeprefix("^").removesuffix("$").removesuffix("\\Z")
    if regex == ".*":  # a catch-all (the API's JSON 404)
        return "no-such-page/"
    out, position, unnamed = "", 0, []
    for start, end, name in _top_level_groups(regex):
        out += regex[position:start]
        if name == "app_label":  # the admin's app index: (?P<app_label>auth|reviews|...)
            labels = re.fullmatch(r"\(\?P<\w+>([\w|]+)\)", regex[start:end])[1].split("|")
            value = "reviews" if "reviews" in labels else labels[0]
        elif name == "url":  # the admin's catch-all
            value = "no-such-page/"
        elif name is not None:
            value = _value(name, prefix + out, ids)
        elif not unnamed:  # simple_history's admin: <object id>/history/<history id>/
            app_label, model = (prefix + out).rstrip("/").split("/")[-2:]
            value = str(ids.get(f"{app_label}.{model}") or _first_pk(app_label, model))
            unnamed.append((app_label, model, value))
        else:
            value = str(_history_id(*unnamed[0]))
        out += value
        position = end
    return out + regex[position:]


def _history_id(app_label: str, model: str, object_id: str) -> object:
    history = apps.get_model(app_label, model).history
    row = history.filter(id=object_id).order_by("history_id").first()
    return row.history_id if row is not None else 0


def _top_level_groups(regex: str):
    depth, start, name = 0, 0, None
    index = 0
    while index < len(regex):
        char = regex[index]
        if char == "\\":
            index += 2
            continue
        if char == "(":
            if depth == 0:
                start = index
                named = re.match(r"\(\?P<(\w+)>", regex[index:])
                name = named[1] if named else None
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                yield start, index + 1, name
        index += 1
