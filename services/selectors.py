"""What visitors see of locations and services, shared by pages, JSON-LD and the API.

A service can be booked when it is active, has a duration/price variant and belongs to a
public location (``spa_site.visibility``); every listing of services anywhere on the site
or in the API starts from ``bookable_services``.
"""

from dataclasses import dataclass

from django.db.models import Prefetch

from spa_site.listing import images_with_renditions

from .models import LocationPage, Service


def public_locations(audience):
    return audience.pages(LocationPage)


def bookable_services(audience):
    return Service.objects.bookable(audience)


def services_by_ids(ids, audience):
    """The bookable services among ``ids``, in the order of ``ids`` (editor order)."""
    ids = [i for i in ids if i]
    if not ids:
        return []
    found = {service.pk: service for service in bookable_services(audience).filter(pk__in=ids)}
    return [found[i] for i in dict.fromkeys(ids) if i in found]


def as_bookable(service, audience):
    """``service`` as visitors may book it, with its variants and public locations: itself
    when ``bookable()`` read it, else the one of a single read of every bookable service per
    request (a body choosing twenty services costs no query each); None when it cannot be
    booked."""
    if service is None or service.read_as_bookable(audience):
        return service

    def build():
        services = list(bookable_services(audience))
        Service.loaded_as_bookable(services, audience)
        return {s.pk: s for s in services}

    return audience.remember("bookable-services-loaded", build).get(service.pk)


def profile_photos():
    """A profile's photo with its renditions, for ``prefetch_related``."""
    return Prefetch("photo", queryset=images_with_renditions())


def profiles_with_photos(queryset):
    """Profiles ready for person boxes and avatars (photo and its renditions prefetched)."""
    return queryset.prefetch_related(profile_photos())


def location_services(location, audience):
    """The services bookable at ``location``; each one's ``location`` is this one."""
    if location.pk is None:
        return []
    return list(Service.objects.bookable(audience, location=location))


def all_locations(audience):
    """Public locations in tree order with their hours and closures (one memo per request:
    the footer, the index and the JSON-LD share it)."""

    audience = audience.records()  # the spa's places, in every language (visibility)

    def build():
        return list(
            public_locations(audience)
            .select_related("listing_image")
            .prefetch_related("opening_hours", "closures")
            .order_by("path")
        )

    return audience.remember("all-locations", build)


@dataclass
class LocationChoice:
    """What helps a visitor choose a location: where, hours today, what is offered."""

    page: object
    hours_today: list
    closure: object
    services: list

    @property
    def open_today(self):
        return bool(self.hours_today)


def location_choices(audience, today, parent=None):
    """Every public location (under ``parent``, or under its translation in the records'
    language, if given) with today's hours and the services bookable there: three queries
    for hours and services, however many locations."""
    roots = None if parent is None else _index_paths(parent, audience)
    locations = [
        loc for loc in all_locations(audience) if roots is None or loc.path.startswith(roots)
    ]
    offered = {loc.pk: [] for loc in locations}
    for service in bookable_services(audience):
        for loc in service.offered_at:
            if loc.pk in offered:
                offered[loc.pk].append(service)
    choices = []
    for loc in locations:
        ranges, closure = loc.hours_on(today)
        choices.append(LocationChoice(loc, ranges, closure, offered[loc.pk]))
    return choices


def _index_paths(parent, audience):
    """The paths a location index lists from: its own, and for a translated index (the
    locations are shared English records, ``Audience.records()``) its translations' too."""
    if audience.records() is audience:
        return (parent.path,)
    return tuple(
        type(parent)
        .objects.filter(translation_key=parent.translation_key)
        .values_list("path", flat=True)
    )


def location_therapists(location, audience):
    """Public profiles of the people working at ``location`` (in memory in a preview)."""
    ids = [person.pk for person in location.therapists.all()]
    people = audience.filter(location.therapists.model.objects.filter(pk__in=ids)).order_by("title")
    return list(profiles_with_photos(people))


def primary_location(audience, site_settings=None):
    """The location the site presents as its business (footer, DaySpa JSON-LD): the one
    chosen in site settings if visitors may see it, else the first public location; with
    its opening hours, read once per request."""

    def build():
        locations = all_locations(audience)
        chosen_id = getattr(site_settings, "primary_location_id", None)
        chosen = next((loc for loc in locations if loc.pk == chosen_id), None)
        return chosen or (locations[0] if locations else None)

    return audience.remember("primary-location", build)
