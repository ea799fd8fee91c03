"""What counts as a change of the reviewed body, and what is only the editor's round trip."""

import pytest
from wagtail.rich_text import RichText

from articles.models import ConditionArticlePage, TechniquePage
from editorial.fingerprints import body_fingerprint

pytestmark = pytest.mark.django_db  # building a page object looks up its content type


def article(*blocks):
    return ConditionArticlePage(title="Back Spasm", condition_name="Back spasm", body=list(blocks))


def causes(*items):
    return ("causes", {"heading": "Causes", "items": list(items)})


def section(html, heading="What is it?"):
    return ("section", {"heading": heading, "body": RichText(html)})


def test_editor_round_trip_is_not_a_change():
    old_list = article(causes({"title": "Stress", "text": "Tension builds."}))
    new_list = ConditionArticlePage(
        title="Back Spasm",
        condition_name="Back spasm",
        body=[
            {
                "type": "causes",
                "id": "b1",
                "value": {
                    "heading": "Causes",
                    "items": [
                        {
                            "type": "item",
                            "id": "i1",
                            "value": {"title": "Stress", "text": "Tension\r\nbuilds."},
                        }
                    ],
                },
            }
        ],
    )
    assert body_fingerprint(old_list) == body_fingerprint(new_list)
    assert body_fingerprint(article(section("<p>Rest &amp; heat.</p>"))) == body_fingerprint(
        article(section('<p data-block-key="x1">Rest &amp;  heat.</p>'))
    )


def test_wording_order_and_links_are_changes():
    base = article(section("<p>Rest and heat.</p>"), causes({"title": "Stress", "text": ""}))
    fingerprints = {
        body_fingerprint(base),
        body_fingerprint(
            article(section("<p>Rest and ice.</p>"), causes({"title": "Stress", "text": ""}))
        ),
        body_fingerprint(
            article(causes({"title": "Stress", "text": ""}), section("<p>Rest and heat.</p>"))
        ),
        body_fingerprint(
            article(
                section('<p>Rest and <a href="https://a.example">heat</a>.</p>'),
                causes({"title": "Stress", "text": ""}),
            )
        ),
        body_fingerprint(
            article(
                section('<p>Rest and <a href="https://b.example">heat</a>.</p>'),
                causes({"title": "Stress", "text": ""}),
            )
        ),
    }
    assert len(fingerprints) == 5


def test_technique_fingerprint_covers_its_rich_text_fields_only():
    technique = TechniquePage(title="Swedish", how_it_works="<p>Long strokes.</p>")
    before = body_fingerprint(technique)
    technique.seo_title = "Swedish massage in Long Beach"
    technique.summary = "A new summary."
    assert body_fingerprint(technique) == before
    technique.precautions = "<p>Not during a fever.</p>"
    assert body_fingerprint(technique) != before
