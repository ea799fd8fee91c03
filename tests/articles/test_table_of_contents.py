"""The table of contents lists each of an article's sections once; every heading keeps its anchor."""

from wagtail.rich_text import RichText

from tests.factories import ConditionArticlePageFactory


def list_block(heading):
    return {"heading": heading, "intro": RichText(""), "items": [], "outro": RichText("")}


def test_repeated_headings_and_calls_to_action_are_not_listed(site_tree):
    article = ConditionArticlePageFactory(
        parent=site_tree["articles"],
        body=[
            ("section", {"heading": "", "body": RichText("<p>Intro.</p>")}),
            ("benefits", list_block("Benefits of Massage")),
            ("section", {"heading": "Benefits of massage", "body": RichText("<p>More.</p>")}),
            ("benefits", list_block("The Benefits of Massage!")),
            (
                "see_a_doctor",
                {
                    "heading": "When to see a doctor",
                    "threshold": "If it lasts",
                    "red_flags": [],
                    "body": RichText(""),
                },
            ),
        ],
    )
    toc = [(anchor, heading) for _, anchor, heading in article.table_of_contents]
    assert toc == [
        ("benefits-of-massage", "Benefits of Massage"),
        ("when-to-see-a-doctor", "When to see a doctor"),
    ]
    anchors = [anchor for _, anchor in article.body_with_anchors()]
    assert anchors == [
        "",
        "benefits-of-massage",
        "benefits-of-massage-2",
        "the-benefits-of-massage",
        "when-to-see-a-doctor",
    ]
    assert article.doctor_anchor == "when-to-see-a-doctor"
