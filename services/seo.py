"""Search presence of locations and services: the DaySpa business node, Service + Offer nodes."""

from collections import defaultdict

from spa_site import visibility
from spa_site.seo.page_seo import PageSeo

from . import selectors
from .models import WEEKDAYS, ServiceVariant
from .pricing import variants_at

BOOKING_PATH = "/book/"
DAY_NAMES = {number: f"https://schema.org/{name}" for number, name in WEEKDAYS}


def business_id(graph, location):
    return graph.page_node_id(location, "business")


def opening_hours_specification(location):
    by_period = defaultdict(list)
    for row in sorted(location.opening_hours.all(), key=lambda row: (row.weekday, row.opens)):
        by_period[(row.opens, row.closes)].append(row.weekday)
    return [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": [DAY_NAMES[day] for day in days],
            "opens": opens.strftime("%H:%M"),
            "closes": closes.strftime("%H:%M"),
        }
        for (opens, closes), days in sorted(by_period.items(), key=lambda item: item[1][0])
    ]


def price_range(location):
    """``$95–$160``: the prices offered at ``location`` (``pricing.variants_at``), one query."""
    rows = defaultdict(list)
    for variant in ServiceVariant.objects.filter(
        service__locations=location, service__active=True
    ).only("service_id", "location_id", "price"):
        rows[variant.service_id].append(variant)
    prices = [v.price for variants in rows.values() for v in variants_at(variants, location.pk)]
    if not prices:
        return ""
    low, high = min(prices), max(prices)
    if low == high:
        return f"${low:.0f}"
    return f"${low:.0f}–${high:.0f}"


def organization_ref(graph):
    """The business behind every location (site settings): each DaySpa's parent."""
    site_settings = graph.settings
    return graph.add(
        {
            "@type": "Organization",
            "@id": f"{graph.root_url}/#organization",
            "name": site_settings.business_name,
            "url": f"{graph.root_url}/",
            "sameAs": site_settings.social_profile_urls,
        }
    )


def business_node(graph):
    """The DaySpa the site presents as its business: the primary location (``selectors``)."""
    location = selectors.primary_location(visibility.for_request(graph.request), graph.settings)
    if location is None:
        return None
    return location_node(graph, location)


def location_node(graph, location):
    """One location's own ``DaySpa`` node, with the organization as its parent."""
    site_settings = graph.settings
    image = site_settings.share_image or location.listing_image
    return {
        "@type": "DaySpa",
        "@id": business_id(graph, location),
        "name": location.business_name or site_settings.business_name,
        "description": site_settings.tagline,
        "url": location.get_full_url(graph.request),
        "parentOrganization": organization_ref(graph),
        "telephone": location.phone,
        "email": location.email,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": location.street_address,
            "addressLocality": location.locality,
            "addressRegion": location.region,
            "postalCode": location.postal_code,
            "addressCountry": location.country,
        },
        "geo": {
            "@type": "GeoCoordinates",
            "latitude": float(location.latitude),
            "longitude": float(location.longitude),
        }
        if location.latitude is not None and location.longitude is not None
        else None,
        "openingHoursSpecification": opening_hours_specification(location),
        "priceRange": price_range(location),
        "image": graph.image(image),
        "sameAs": site_settings.social_profile_urls,
        "areaServed": [
            {"@type": "Place", "name": name.strip()}
            for name in location.neighbourhoods_served.split(",")
            if name.strip()
        ],
        "hasMap": f"https://www.openstreetmap.org/?mlat={location.latitude}&mlon={location.longitude}"
        if location.latitude is not None and location.longitude is not None
        else None,
    }


def booking_url(graph, service):
    return graph.absolute(f"{BOOKING_PATH}?service={service.slug}")


def service_node(graph, service, location=None, provider=None):
    """A bookable Service with one Offer per duration at ``location`` (default: the first
    location offering it); provider is that location's DaySpa when given, else the business."""
    location = location or service.location
    return {
        "@type": "Service",
        "@id": graph.page_node_id(location, f"service-{service.slug}"),
        "name": service.name,
        "description": service.description,
        "serviceType": "Massage therapy",
        "url": graph.page_node_id(location, f"service-{service.slug}"),
        "provider": provider or graph.business(),
        "areaServed": {"@type": "City", "name": location.locality} if location.locality else None,
        "offers": [
            {
                "@type": "Offer",
                "name": f"{variant.duration_minutes} minutes",
                "price": f"{variant.price:.2f}",
                "priceCurrency": "USD",
                "url": booking_url(graph, service),
                "availability": "https://schema.org/InStock",
            }
            for variant in service.variants_at(location)
        ],
    }


def service_nodes(graph, services):
    return [service_node(graph, service) for service in services]


class LocationSeo(PageSeo):
    title_template = "Massage in {title} | {site_name}"

    def webpage(self, graph, node):
        here = graph.add(location_node(graph, self.page))
        node["about"] = here
        node["mainEntity"] = here
        return node

    def nodes(self, graph):
        audience = visibility.for_request(self.request)
        here = graph.add(location_node(graph, self.page))
        return [
            service_node(graph, service, self.page, provider=here)
            for service in selectors.location_services(self.page, audience)
        ]

    def fallback_description(self):
        return super().fallback_description() or self.page.description


def service_refs(graph, services):
    """Add the services' nodes and return references to them."""
    return [graph.add(node) for node in service_nodes(graph, services)]
