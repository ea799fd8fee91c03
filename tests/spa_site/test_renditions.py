"""`generate_renditions` creates every rendition live pages show, from the templates' presets."""

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.template import Context, Template, TemplateSyntaxError
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model
from wagtail_factories import ImageFactory

from spa_site.models import SiteSettings
from spa_site.renditions import PERSON_IMAGE_FILTER, SHARE_IMAGE_FILTER, expand
from tests.factories import (
    ConditionArticlePageFactory,
    ProfilePageFactory,
    TechniquePageFactory,
    link_article,
)

Rendition = get_image_model().get_rendition_model()


def generate(*args):
    out = io.StringIO()
    call_command("generate_renditions", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def pages_with_images(site_tree):
    hero, card, photo, inline, technique_card = (ImageFactory() for _ in range(5))
    author = ProfilePageFactory(parent=site_tree["team"], title="Ann Able", photo=photo)
    technique = TechniquePageFactory(
        parent=site_tree["techniques"], title="Trigger point", listing_image=technique_card
    )
    article = ConditionArticlePageFactory(
        parent=site_tree["articles"],
        title="Back spasm",
        slug="back-spasm",
        hero_image=hero,
        listing_image=card,
        author=author,
        body=[
            {
                "type": "image",
                "value": {"image": inline.pk, "alt_text": "A stretch", "decorative": False},
            }
        ],
    )
    link_article(article, techniques=[technique])
    return {
        "article": article,
        "author": author,
        "hero": hero,
        "card": card,
        "photo": photo,
        "inline": inline,
        "technique_card": technique_card,
    }


def specs_of(image):
    return set(Rendition.objects.filter(image=image).values_list("filter_spec", flat=True))


@pytest.mark.django_db
def test_demo_content_has_no_images_so_nothing_is_created(demo_site):
    assert generate() == "Renditions for 0 images: 0 created, 0 already there.\n"
    assert not Rendition.objects.exists()


@pytest.mark.django_db
def test_creates_each_fields_presets_and_a_second_run_creates_nothing(pages_with_images):
    images = pages_with_images
    first = generate()
    assert specs_of(images["hero"]) == {*expand("hero"), SHARE_IMAGE_FILTER}
    assert specs_of(images["card"]) == {*expand("card"), SHARE_IMAGE_FILTER}
    # Profile photo, person box and JSON-LD Person; the profile's share image too (it has
    # no listing image).
    assert specs_of(images["photo"]) == {
        *expand("profile"),
        *expand("avatar"),
        PERSON_IMAGE_FILTER,
        SHARE_IMAGE_FILTER,
    }
    assert specs_of(images["inline"]) == set(expand("content"))
    assert specs_of(images["technique_card"]) == {*expand("card"), SHARE_IMAGE_FILTER}
    total = Rendition.objects.count()
    assert f"{total} created, 0 already there" in first

    assert generate().endswith(f"0 created, {total} already there.\n")
    assert Rendition.objects.count() == total


@pytest.mark.django_db
def test_rendering_pages_after_the_command_creates_no_rendition(client, pages_with_images):
    generate()
    before = Rendition.objects.count()
    article = pages_with_images["article"]
    for url in (
        article.url,
        pages_with_images["author"].url,
        "/conditions/",
        "/techniques/",
        "/team/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    body = client.get(article.url).content.decode()
    assert "format-avif" in body or ".avif" in body  # the hero picture really rendered
    assert Rendition.objects.count() == before


@pytest.mark.django_db
def test_rendering_without_the_command_would_have_created_renditions(client, pages_with_images):
    """The counterpart that proves the previous test can see a missed rendition."""
    assert client.get(pages_with_images["article"].url).status_code == 200
    assert specs_of(pages_with_images["hero"]) == {*expand("hero"), SHARE_IMAGE_FILTER}


@pytest.mark.django_db
def test_site_share_image_and_preset_filter(site_tree):
    image = ImageFactory()
    settings = SiteSettings.for_site(site_tree["home"].get_site())
    settings.share_image = image
    settings.save()
    assert "0 created" in generate("--preset", "card")
    assert not Rendition.objects.exists()
    generate("--preset", "share")
    assert specs_of(image) == {SHARE_IMAGE_FILTER}


@pytest.mark.django_db
def test_unknown_preset_is_refused_readably(site_tree):
    with pytest.raises(CommandError, match=r"Unknown preset hero-xl: choose from hero, "):
        generate("--preset", "hero-xl")


@pytest.mark.django_db
def test_missing_source_file_fails_with_a_message_and_does_the_rest(pages_with_images):
    broken = pages_with_images["hero"]
    broken.file.storage.delete(broken.file.name)
    with pytest.raises(
        CommandError, match=rf"(?s)1 image\(s\) could not be read.*image {broken.pk} "
    ):
        generate()
    assert not Rendition.objects.filter(image=broken).exists()
    assert specs_of(pages_with_images["inline"]) == set(expand("content"))


def test_template_tag_refuses_an_unknown_preset():
    with pytest.raises(TemplateSyntaxError, match="unknown preset 'huge'"):
        Template('{% load spa_tags %}{% preset_picture image "huge" %}').render(Context({}))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "factory", "index", "image_field"),
    [
        ("/techniques/", TechniquePageFactory, "techniques", "listing_image"),
        ("/team/", ProfilePageFactory, "team", "photo"),
    ],
)
def test_listing_prefetch_matches_the_preset_the_template_renders(
    client, site_tree, url, factory, index, image_field
):
    """Each card with its own image: the prefetch must fetch exactly the specs the template
    asks for, or every card costs a query (it did while the specs were written twice)."""

    def queries_with(count):
        for _ in range(count):
            factory(parent=site_tree[index], **{image_field: ImageFactory()})
        client.get(url)  # renditions are generated once
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    assert queries_with(1) == queries_with(8)
