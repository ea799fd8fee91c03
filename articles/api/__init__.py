"""Condition articles, techniques and topics in the delivery API: one router per module
(``articles.py``, ``techniques.py``, ``topics.py``), their response shapes in ``schemas.py``
and the links every card carries (topics, people) in ``links.py``."""

from .articles import articles_router
from .techniques import techniques_router
from .topics import topics_router

__all__ = ["articles_router", "techniques_router", "topics_router"]
