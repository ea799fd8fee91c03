"""What the demo loader writes, counted, so a test can show a refused load wrote nothing."""

from wagtail.models import Page

from articles.models import TopicTag
from services.models import Service, ServiceVariant


def table_counts():
    return {
        "pages": Page.objects.count(),
        "services": Service.objects.count(),
        "variants": ServiceVariant.objects.count(),
        "topics": TopicTag.objects.count(),
    }
