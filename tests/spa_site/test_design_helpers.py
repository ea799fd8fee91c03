"""The small rules behind the design: prices and durations, drawings chosen from the words
an editor wrote, initials for monograms."""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from articles.illustrations import BODY_REGIONS, body_region, body_regions, technique_art
from services.pricing import durations_label, format_price, offer_summary, price_label
from spa_site.templatetags.spa_tags import initials, join_and


@pytest.mark.parametrize(
    "amount,text",
    [("95.00", "$95"), ("95.5", "$95.50"), (Decimal("1200"), "$1,200"), ("0", "$0")],
)
def test_format_price(amount, text):
    assert format_price(amount) == text


def test_durations_and_prices_read_naturally():
    assert durations_label([60]) == "60 min"
    assert durations_label([90, 60, 60]) == "60 or 90 min"
    assert durations_label([30, 90, 60]) == "30, 60 or 90 min"
    assert durations_label([]) == ""
    assert price_label(["110.00", "110"]) == "$110"
    assert price_label(["160", "115"]) == "from $115"
    variants = [
        SimpleNamespace(duration_minutes=m, price=Decimal(p)) for m, p in ((60, "115"), (90, "160"))
    ]
    assert offer_summary(variants) == "60 or 90 min · from $115"
    assert offer_summary([]) == ""


@pytest.mark.parametrize(
    "text,region",
    [
        ("neck", "neck"),
        ("Shoulders", "shoulders"),
        ("Lower back", "back"),
        ("the upper back and spine", "back"),
        ("Legs", "legs"),
        ("calves", "legs"),
        ("Hamstrings", "legs"),
        ("feet", "feet"),
        ("Hands and wrists", "hands"),
        ("stomach", None),
        ("backpack straps", None),
        ("", None),
    ],
)
def test_body_region_from_the_words_an_editor_wrote(text, region):
    assert body_region(text) == region


def test_body_regions_in_body_order_without_repeats():
    assert body_regions(["legs", "neck", "Neck", "lower back", "unknown"]) == [
        "neck",
        "back",
        "legs",
    ]
    assert set(body_regions(list(BODY_REGIONS))) == set(BODY_REGIONS)


def test_every_region_is_drawn_on_the_body_map():
    from pathlib import Path

    svg = (
        Path(__file__).resolve().parents[2]
        / "spa_site/templates/spa_site/illustrations/body_map.svg"
    ).read_text()
    for region in BODY_REGIONS:
        assert f"'{region}' in regions" in svg, region


@pytest.mark.parametrize(
    "title,art",
    [
        ("Swedish Massage", "technique_strokes"),
        ("Deep Tissue Massage", "technique_deep"),
        ("deep-tissue massage", "technique_deep"),
        ("Trigger Point Therapy", "technique_point"),
        ("Myofascial Release", "technique_fascia"),
        ("Hot stone massage", "technique_generic"),
    ],
)
def test_technique_drawings(title, art):
    assert technique_art(title) == art


def test_every_technique_drawing_exists():
    from pathlib import Path

    from articles.illustrations import GENERIC_TECHNIQUE_ART, TECHNIQUE_ART

    folder = Path(__file__).resolve().parents[2] / "spa_site/templates/spa_site/illustrations"
    for art in {a for _, a in TECHNIQUE_ART} | {GENERIC_TECHNIQUE_ART}:
        assert (folder / f"{art}.svg").is_file(), art


@pytest.mark.parametrize(
    "name,letters",
    [
        ("Mara Swick", "MS"),
        ("Sample Medical Reviewer", "SR"),
        ("Cher", "C"),
        ("  ", ""),
        ("Zoë d'Arc", "ZD"),
    ],
)
def test_initials(name, letters):
    assert initials(name) == letters


def test_join_and():
    assert join_and([]) == "" and join_and(["neck"]) == "neck"
    assert join_and(["neck", "back", "legs"]) == "neck, back and legs"
