"""Review claim and health-claims findings of a page, for admin panels."""

from django import template

from spa_site.health_claims import page_findings
from spa_site.review_claims import review_claim

register = template.Library()


@register.simple_tag
def review_claim_for(page):
    return review_claim(page)


@register.simple_tag
def health_findings(page):
    return page_findings(page) if page is not None else []
