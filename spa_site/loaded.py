"""Objects a read of this request has loaded, by model and primary key.

An article's relations load its techniques and services (``articles.selectors``), and its
body then chooses the same ones; the body's chooser blocks (``blocks``) take them from here
instead of reading them again. Kept on the request's audience (``visibility``), so for one
request only: outside a request nothing is kept and every block reads its objects itself.
"""

from . import visibility

MEMO = "loaded-objects"


def _objects(model):
    return visibility.current().remember(MEMO, dict).setdefault(model, {})


def keep(objects):
    """Remember ``objects`` (model instances, each under its own exact class)."""
    for obj in objects:
        _objects(type(obj))[obj.pk] = obj


def get(model, ids):
    """{pk: object} of the kept instances of exactly ``model`` among ``ids``."""
    kept = _objects(model)
    return {pk: kept[pk] for pk in ids if pk in kept}
