"""What visitors see of locations and services, shared by pages, JSON-LD and the API.

A service can be booked when it is active, has a duration/price variant and belongs to a
public location (``spa_site.visibility``); every listing of services anywhere on the site
or in the API starts from ``bookable_services``.
"""

from django.db.models import Prefetch

from spa_site.listing import images_with_renditions

from .models import LocationServicePage, Service


def public_locations(audience):
    return audience.pages(LocationServicePage)


def bookable_services(audience):
    return Service.objects.bookable(audience)


def services_by_ids(ids, audience):
    """The bookable services among ``ids``, in the order of ``ids`` (editor order)."""
    ids = [i for i in ids if i]
    if not ids:
        return []
    found = {service.pk: service for service in bookable_services(audience).filter(pk__in=ids)}
    return [found[i] for i in dict.fromkeys(ids) if i in found]


def people_with_photos(queryset):
    """Profiles ready for person boxes and avatars (photo and its renditions prefetched)."""
    return queryset.prefetch_related(Prefetch("photo", queryset=images_with_renditions()))


def location_services(location, audience):
    if location.pk is None:
        return []
    return list(bookable_services(audience).filter(location=location))


def location_staff(location, audience):
    """Public profiles of the people working at ``location`` (in memory in a preview)."""
    ids = [person.pk for person in location.staff.all()]
    people = audience.filter(location.staff.model.objects.filter(pk__in=ids)).order_by("title")
    return list(people_with_photos(people))


def primary_location(audience, site_settings=None):
    """The location the site presents as its business (footer, DaySpa JSON-LD): the one
    chosen in site settings if visitors may see it, else the first public location; with
    its opening hours, read once per request."""

    def build():
        locations = (
            public_locations(audience)
            .select_related("listing_image")
            .prefetch_related("opening_hours")
            .order_by("path")
        )
        chosen_id = getattr(site_settings, "primary_location_id", None)
        chosen = locations.filter(pk=chosen_id).first() if chosen_id else None
        return chosen or locations.first()

    return audience.remember("primary-location", build)
