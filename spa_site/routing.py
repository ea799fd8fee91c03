"""Routing a URL to its page in two queries, as Wagtail's own walk would.

Wagtail walks a path one level at a time: for each level a query for the child with that
slug and one for its specific form (five queries for ``/conditions/back-spasm/``). Every
page knows its ``url_path``, so the whole chain of pages on the path is one query, and the
target's specific form a second one. The result is the walk's: the page must be live; an
ancestor that routes sub-paths itself (a ``RoutablePageMixin`` page such as the articles
index with its topic pages) takes the path when one of its routes matches, exactly as in
the walk, and then the walk itself is used from there. Nothing is cached between requests.

The chain is kept on the page (``ancestors_on_path``) for breadcrumbs, so they cost nothing.
"""

from django.contrib.contenttypes.models import ContentType
from django.urls import Resolver404
from wagtail.models import Page

ANCESTORS_ATTR = "_spa_ancestors_on_path"


def _claims_path(model, page, remaining):
    """Whether ``page`` (a live routable page) would route ``remaining`` to one of its views."""
    get_resolver = getattr(model, "get_resolver", None)
    if get_resolver is None or not page.live:
        return False
    try:
        get_resolver().resolve("/" + "/".join(remaining) + ("/" if remaining else ""))
    except Resolver404:
        return False
    return True


def route(root, request, path_components, walk):
    """Route ``path_components`` below ``root`` (the site's root page); ``walk`` is
    Wagtail's own ``route`` of ``root``, used whenever the fast path cannot decide."""
    if not path_components or getattr(request, "is_preview", False):
        return walk(request, path_components)
    prefixes = [
        root.url_path + "".join(f"{part}/" for part in path_components[: i + 1])
        for i in range(len(path_components))
    ]
    found = {
        page.url_path: page
        for page in Page.objects.filter(url_path__in=prefixes, path__startswith=root.path)
    }
    chain = [found.get(prefix) for prefix in prefixes]
    if None in chain:  # not a page at every level: a routable ancestor or a 404
        return walk(request, path_components)
    parent = root
    for depth, page in enumerate(chain[:-1]):
        model = ContentType.objects.get_for_id(page.content_type_id).model_class()
        if _claims_path(model, page, path_components[depth + 1 :]):
            return walk(request, path_components)
        page._cached_parent_obj = parent
        parent = page
    target = chain[-1]
    model = ContentType.objects.get_for_id(target.content_type_id).model_class()
    if model is None:
        return walk(request, path_components)
    # A page type may load what it always shows with itself (``serve_queryset``).
    queryset = model.serve_queryset() if hasattr(model, "serve_queryset") else model.objects
    specific = queryset.get(pk=target.pk)
    specific._cached_parent_obj = parent
    setattr(specific, ANCESTORS_ATTR, [root, *chain[:-1]])
    return specific.route(request, [])


def ancestors_on_path(page):
    """The pages from the site root down to ``page``'s parent, if routing found them."""
    return getattr(page, ANCESTORS_ATTR, None)
