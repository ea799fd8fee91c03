"""Descriptions and titles built by default stay within what search results show."""

import pytest

from articles.models import heading_key
from spa_site.seo.page_seo import FALLBACK_DESCRIPTION_MAX, fit_title, shorten

LONG = (
    "Muscle spasms are involuntary contractions that occur in muscles, causing discomfort and "
    "pain. They can range from mild twitching to intense cramping and are usually caused by "
    "over-exertion or injury to the muscle fibers."
)


def test_a_long_fallback_is_cut_at_a_word_within_155_characters():
    cut = shorten(LONG)
    assert len(LONG) == 221 and len(cut) <= FALLBACK_DESCRIPTION_MAX == 155
    assert cut.endswith("…") and LONG.startswith(cut[:-1])
    assert LONG[len(cut) - 1] == " "  # the cut falls between words
    assert not cut[:-1].endswith((" ", ","))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<p>Short &amp; sweet.</p>", "Short & sweet."),
        ("  spread\n over   lines ", "spread over lines"),
        ("x" * 155, "x" * 155),
        ("", ""),
    ],
)
def test_short_fallbacks_are_kept_whole_as_plain_text(text, expected):
    assert shorten(text) == expected


def test_a_fallback_without_spaces_is_still_cut_to_the_limit():
    cut = shorten("ü" * 400)
    assert len(cut) == 155 and cut.endswith("…")


def test_titles_drop_the_middle_part_before_going_over_60():
    templates = ["{title} | Muscle Spasm Relief | {site_name}", "{title} | {site_name}", "{title}"]
    values = {"site_name": "Moonlight at Naple"}
    assert fit_title(templates, title="Back Spasm", **values) == (
        "Back Spasm | Muscle Spasm Relief | Moonlight at Naple"
    )
    assert fit_title(templates, title="Massage For Muscle Spasms", **values) == (
        "Massage For Muscle Spasms | Moonlight at Naple"
    )
    very_long = "Massage for muscle spasms: your guide to soothing tense muscles"
    assert fit_title(templates, title=very_long, **values) == very_long  # the editor's own words


def test_headings_are_the_same_section_whatever_their_case_article_or_punctuation():
    assert heading_key("The Benefits of Massage for Muscle Spasms") == heading_key(
        "benefits of massage for muscle spasms?"
    )
    assert heading_key("Benefits of Massage Therapy") != heading_key("Benefits of Massage")
