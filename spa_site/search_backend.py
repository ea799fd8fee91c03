"""Wagtail's database search backend, with relevance ranking on SQLite in one pass and each
language's stemming on PostgreSQL.

The stock SQLite backend orders by relevance with a correlated subquery that runs the
full-text match again for every matching row, so a query matching most of 10,000 articles
took over a minute. Here a page of results ranks the matches once (``bm25`` over the FTS
table, best first), keeps those the page's queryset allows and loads just that page.
Counting, full iteration, score annotation and PostgreSQL are left to the stock backend.

On PostgreSQL the stock backend indexes and queries every object with one text search
configuration. Here a page is indexed with its locale's configuration (``LANGUAGE_CONFIGS``
in the backend's settings, Spanish pages with ``spanish``) and a search uses the active
language's, so "relajar" finds "relajación" on a Spanish page. Objects without a locale (the
spa's shared records) and languages without an entry keep the backend's ``SEARCH_CONFIG``.
"""

import copy
import functools
from collections import defaultdict

from django.db import connection
from django.db.models import Case, When
from django.utils import translation
from modelsearch.backends import database

LANGUAGE_CONFIGS = {"es": "spanish"}


@functools.cache
def _ranked_compiler_class():
    # Imported here: modelsearch's SQLite module needs its FTS model, registered on SQLite only.
    from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteFTSIndexEntry,
        SQLiteSearchQueryCompiler,
    )
    from modelsearch.query import MatchAll, Not
    from modelsearch.utils import get_descendants_content_types_pks

    class RankedSQLiteSearchQueryCompiler(SQLiteSearchQueryCompiler):
        def search(self, config, start, stop, score_field=None):
            query = normalize(self.query)
            if (
                stop is None
                or score_field is not None
                or not self.order_by_relevance
                or isinstance(query, MatchAll | Not)
            ):
                return super().search(config, start, stop, score_field)
            matches = (
                SQLiteFTSIndexEntry.objects.filter(
                    MatchExpression(
                        self.fields or self.FTS_TABLE_FIELDS,
                        self.build_search_query(query, config=config),
                    )
                )
                .filter(
                    index_entry__content_type__in=get_descendants_content_types_pks(
                        self.queryset.model
                    )
                )
                .annotate(score=self._build_rank_expression(self.get_search_vectors(), config))
                .order_by("score")
                .values_list("index_entry__object_id", flat=True)
            )
            allowed = set(self.queryset.values_list("pk", flat=True))
            to_pk = self.queryset.model._meta.pk.to_python
            ranked, seen = [], set()
            for object_id in matches:
                pk = to_pk(object_id)
                if pk in allowed and pk not in seen:
                    seen.add(pk)
                    ranked.append(pk)
                    if len(ranked) >= stop:
                        break
            keys = ranked[start:stop]
            if not keys:
                return self.queryset.none()
            return self.queryset.filter(pk__in=keys).order_by(
                Case(*(When(pk=pk, then=i) for i, pk in enumerate(keys)))
            )

    return RankedSQLiteSearchQueryCompiler


def _language(code):
    return (code or "").split("-")[0].lower()


@functools.cache
def _language_classes():
    from modelsearch.backends.database.postgres.postgres import (
        PostgresIndex,
        PostgresSearchQueryCompiler,
    )
    from wagtail.models import Locale

    class LanguageIndex(PostgresIndex):
        """Indexes each object with its locale's configuration, one batch per configuration."""

        def add_items(self, model, objs):
            objs = list(objs)
            locale_ids = {getattr(obj, "locale_id", None) for obj in objs} - {None}
            languages = dict(
                Locale.objects.filter(pk__in=locale_ids).values_list("pk", "language_code")
            )
            batches = defaultdict(list)
            for obj in objs:
                language = _language(languages.get(getattr(obj, "locale_id", None)))
                batches[self.backend.language_configs.get(language, self.backend.config)].append(
                    obj
                )
            for config, batch in batches.items():
                index = copy.copy(self)
                index.backend = copy.copy(self.backend)
                index.backend.config = config
                super(LanguageIndex, index).add_items(model, batch)

    class LanguageSearchQueryCompiler(PostgresSearchQueryCompiler):
        """Queries with the active language's configuration (the request's, or the API's
        ``locale``): the stemming its pages were indexed with."""

        def get_config(self, backend):
            language = _language(translation.get_language())
            return backend.language_configs.get(language, backend.config)

    return LanguageIndex, LanguageSearchQueryCompiler


def SearchBackend(params):  # noqa: N802 (Wagtail looks the backend up by this name)
    backend = database.SearchBackend(params)
    kind = type(backend).__name__
    if connection.vendor == "sqlite" and kind == "SQLiteSearchBackend":
        backend.query_compiler_class = _ranked_compiler_class()
    elif kind == "PostgresSearchBackend":
        backend.language_configs = {**LANGUAGE_CONFIGS, **params.get("LANGUAGE_CONFIGS", {})}
        backend.index_class, backend.query_compiler_class = _language_classes()
    return backend
