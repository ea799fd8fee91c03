from django import template

from services.pricing import format_price

register = template.Library()


@register.filter
def usd(amount):
    """``{{ variant.price|usd }}`` → ``$95`` (see services.pricing)."""
    if amount in (None, ""):
        return ""
    return format_price(amount)
