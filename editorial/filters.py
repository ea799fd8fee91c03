"""Filters for the admin's page listings and the reviews-due report.

Every filter narrows by ``pk__in`` a subquery on ``Page``, so the same filter works on the
explorer's generic page queryset and on a page-type listing's specific queryset.
"""

import django_filters
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.admin.filters import ContentTypeFilter, WagtailFilterSet
from wagtail.admin.views.pages.listing import GenericPageFilterSet, PageFilterSet
from wagtail.models import Page

from articles.models import ConditionArticlePage, TechniquePage, TopicTag
from author_profiles.models import ProfilePage

from .review import REVIEW_STATES, filter_review_state, reviewed_pages


def _pages(queryset, page_query):
    return queryset.filter(pk__in=page_query.values("pk"))


def _content_types(request):
    types = ContentType.objects.get_for_models(ConditionArticlePage, TechniquePage).values()
    return ContentType.objects.filter(pk__in=[t.pk for t in types])


class AuthorFilter(django_filters.ModelMultipleChoiceFilter):
    def filter(self, qs, value):
        if not value:
            return qs
        return _pages(qs, Page.objects.filter(conditionarticlepage__author__in=value))


class TopicFilter(django_filters.ModelMultipleChoiceFilter):
    def filter(self, qs, value):
        if not value:
            return qs
        tagged = Q(conditionarticlepage__tagged_items__tag__in=value) | Q(
            techniquepage__tagged_items__tag__in=value
        )
        return _pages(qs, Page.objects.filter(tagged))


class ReviewStateFilter(django_filters.ChoiceFilter):
    def filter(self, qs, value):
        if not value:
            return qs
        return _pages(qs, filter_review_state(Page.objects.all(), value))


class ReviewerFilter(django_filters.ModelChoiceFilter):
    """The medical reviewer named on the page (articles) or on its latest review (techniques)."""

    def filter(self, qs, value):
        if not value:
            return qs
        return _pages(qs, reviewed_pages().filter(last_reviewer_id=value.pk))


def _authors(request):
    return ProfilePage.objects.filter(articles_written__isnull=False).distinct().order_by("title")


def _reviewers(request):
    return ProfilePage.objects.order_by("title")


def _topics(request):
    return TopicTag.objects.order_by("name")


def author_filter():
    return AuthorFilter(label="Author", queryset=_authors, widget=forms.CheckboxSelectMultiple)


def topic_filter():
    return TopicFilter(label="Topic", queryset=_topics, widget=forms.CheckboxSelectMultiple)


def review_state_filter():
    return ReviewStateFilter(
        label="Medical review", choices=REVIEW_STATES, empty_label="Any", widget=forms.RadioSelect
    )


class EditorialPageFilterSet(GenericPageFilterSet):
    """The explorer's filters (page type, owner, dates…) plus author, topic and review state."""

    author = author_filter()
    topic = topic_filter()
    review_state = review_state_filter()


class ConditionArticleFilterSet(PageFilterSet):
    author = author_filter()
    topic = topic_filter()
    review_state = review_state_filter()
    medical_reviewer = django_filters.ModelChoiceFilter(
        label="Medical reviewer", queryset=_reviewers, empty_label="Anyone"
    )

    class Meta:
        model = ConditionArticlePage
        fields = []


class TechniqueFilterSet(PageFilterSet):
    topic = topic_filter()
    review_state = review_state_filter()

    class Meta:
        model = TechniquePage
        fields = []


class ReviewsDueFilterSet(WagtailFilterSet):
    content_type = ContentTypeFilter(label="Page type", queryset=_content_types)
    reviewer = ReviewerFilter(label="Last reviewed by", queryset=_reviewers, empty_label="Anyone")
    status = django_filters.ChoiceFilter(
        label="Status",
        empty_label="Any",
        choices=[
            ("never", "Never reviewed"),
            ("stale", "Reviewed too long ago"),
            ("in_review", "In medical review now"),
        ],
        method="filter_status",
        widget=forms.RadioSelect,
    )

    def filter_status(self, queryset, name, value):
        if value == "never":
            return queryset.filter(last_review__isnull=True)
        if value == "stale":
            return queryset.filter(last_review__isnull=False)
        if value == "in_review":
            return queryset.filter(Q(in_review=True) | Q(changes_requested=True))
        return queryset

    class Meta:
        model = Page
        fields = []
