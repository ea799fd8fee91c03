"""How durations and prices read on the site: one place, so every page, card and booking
step says "$95" and "60 or 90 min" the same way."""

from decimal import Decimal

from django.utils.translation import gettext as _


def format_price(amount):
    """``$95`` for whole dollars, ``$95.50`` otherwise."""
    amount = Decimal(amount)
    if amount == amount.to_integral_value():
        return f"${amount:,.0f}"
    return f"${amount:,.2f}"


def durations_label(minutes):
    """``60 min``, ``60 or 90 min``, ``30, 60 or 90 min`` (sorted, without repeats)."""
    values = sorted(set(minutes))
    if not values:
        return ""
    if len(values) == 1:
        return _("%(minutes)s min") % {"minutes": values[0]}
    return _("%(first)s or %(last)s min") % {
        "first": ", ".join(str(v) for v in values[:-1]),
        "last": values[-1],
    }


def price_label(prices):
    """``$110`` when every variant costs the same, else ``from $95``."""
    values = sorted({Decimal(p) for p in prices})
    if not values:
        return ""
    if len(values) == 1:
        return format_price(values[0])
    return _("from %(price)s") % {"price": format_price(values[0])}


def offer_summary(variants):
    """``60 or 90 min · from $95`` for a service's variants (an evaluated, prefetched list)."""
    variants = list(variants)
    parts = [
        durations_label(v.duration_minutes for v in variants),
        price_label(v.price for v in variants),
    ]
    return " · ".join(p for p in parts if p)


def variants_at(variants, location_id):
    """The durations and prices offered at one location: the rows made for that location if
    it has any, else the rows for every location (``location_id`` None: the latter)."""
    variants = list(variants)
    own = [v for v in variants if location_id is not None and v.location_id == location_id]
    return own or [v for v in variants if v.location_id is None]
