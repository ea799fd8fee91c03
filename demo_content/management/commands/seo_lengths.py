"""Title and meta description lengths of every live page and topic page, as visitors get them.

Fetches each page through Django's test client (so it measures what the templates really print)
and exits non-zero when a title is over 60 characters or a description outside 50–160.
"""

import html
import re

from django.core.management.base import BaseCommand, CommandError
from django.test import Client
from wagtail.models import Site

from articles.models import ArticleIndexPage, TopicTag
from spa_site import visibility
from spa_site.seo.page_seo import DESCRIPTION_IDEAL_MAX, DESCRIPTION_IDEAL_MIN, TITLE_IDEAL_MAX

TITLE = re.compile(r"<title>(.*?)</title>", re.S)
DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)"')


def page_urls():
    pages = visibility.anonymous().pages().specific().order_by("path")
    urls = [page.url for page in pages if page.url]
    index = ArticleIndexPage.objects.live().first()
    if index is not None:
        urls += [index.topic_url(tag) for tag in TopicTag.objects.order_by("name")]
    return urls


def measure(client, url):
    response = client.get(url)
    text = response.content.decode()
    title = TITLE.search(text)
    description = DESCRIPTION.search(text)
    return (
        response.status_code,
        " ".join(html.unescape(title.group(1)).split()) if title else "",
        html.unescape(description.group(1)) if description else "",
    )


def problems(title, description):
    found = []
    if len(title) > TITLE_IDEAL_MAX:
        found.append(f"title over {TITLE_IDEAL_MAX}")
    if not DESCRIPTION_IDEAL_MIN <= len(description) <= DESCRIPTION_IDEAL_MAX:
        found.append(f"description outside {DESCRIPTION_IDEAL_MIN}–{DESCRIPTION_IDEAL_MAX}")
    return found


class Command(BaseCommand):
    help = (
        "Print the title and meta description length of every live page and topic page; "
        "exit non-zero if a title is over 60 characters or a description outside 50–160."
    )

    def handle(self, *args, **options):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError("No default site: load the demo content first.")
        client = Client(HTTP_HOST=site.hostname)
        self.stdout.write(f"{'title':>5} {'desc':>5}  page")
        bad = []
        for url in page_urls():
            status, title, description = measure(client, url)
            issues = problems(title, description) if status == 200 else [f"HTTP {status}"]
            note = f"  ({'; '.join(issues)})" if issues else ""
            self.stdout.write(f"{len(title):>5} {len(description):>5}  {url}{note}")
            if issues:
                bad.append(url)
        if bad:
            raise CommandError(f"{len(bad)} page(s) outside the length guidance: {', '.join(bad)}")
        self.stdout.write(self.style.SUCCESS("Every title and description is within the guidance."))
