"""Services with duration/price variants, and inactive services never offered."""

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup

from tests.factories import (
    ConditionArticlePageFactory,
    LocationPageFactory,
    ProfilePageFactory,
    ServiceFactory,
    ServiceVariantFactory,
    TechniquePageFactory,
    link_article,
    link_technique,
)


@pytest.fixture
def location_with_services(site_tree):
    location = LocationPageFactory(parent=site_tree["locations"])
    therapist = ProfilePageFactory(parent=site_tree["team"], title="Jo Kim")
    offered = ServiceFactory(location=location, name="Swedish massage", slug="swedish")
    ServiceVariantFactory(service=offered, duration_minutes=60, price=Decimal("95.00"))
    ServiceVariantFactory(service=offered, duration_minutes=90, price=Decimal("135.00"))
    retired = ServiceFactory(
        location=location, name="Hot stone retired", slug="hot-stone", active=False
    )
    ServiceVariantFactory(service=retired, duration_minutes=45, price=Decimal("70.00"))
    for service in (offered, retired):
        service.therapists.add(therapist)
        service.save()
    return {
        **site_tree,
        "location": location,
        "offered": offered,
        "retired": retired,
        "therapist": therapist,
    }


def test_two_variants_show_both_durations_and_prices(client, location_with_services):
    soup = BeautifulSoup(client.get(location_with_services["location"].url).content, "html.parser")
    variants = [
        " ".join(li.get_text().split()) for li in soup.select("#service-swedish .variants li")
    ]
    assert variants == ["60 min · $95", "90 min · $135"]
    location = location_with_services["location"]
    assert soup.select_one("#service-swedish a.button")["href"] == (
        f"/book/?service=swedish&from={location.pk}&location={location.slug}"
    )


def test_inactive_service_is_not_offered_anywhere(client, location_with_services):
    ctx = location_with_services
    technique = TechniquePageFactory(parent=ctx["techniques"])
    link_technique(technique, [ctx["offered"], ctx["retired"]])
    article = ConditionArticlePageFactory(parent=ctx["articles"])
    link_article(article, services=[ctx["offered"], ctx["retired"]])
    for page in (ctx["location"], technique, ctx["therapist"], article):
        html = client.get(page.url).content.decode()
        assert "Swedish massage" in html, page.title
        assert "Hot stone retired" not in html, page.title
        assert "service-hot-stone" not in html, page.title


def test_service_without_variants_is_not_bookable(location_with_services):
    from services.models import Service

    bare = ServiceFactory(location=location_with_services["location"], name="No prices yet")
    assert bare not in Service.objects.bookable()
    assert location_with_services["offered"] in Service.objects.bookable()
