"""The text rules: plain search terms from any input, and no control characters in fields."""

import pytest
from django.core.exceptions import ValidationError

from spa_site import text
from spa_site.search_terms import MAX_TERM_LENGTH, MAX_TERMS, search_terms


@pytest.mark.parametrize(
    ("raw", "terms"),
    [
        ("back spasm", "back spasm"),
        ('"back spasm', "back spasm"),
        ('back" OR "x', "back OR x"),  # words, quoted by the backend: OR is not an operator
        ("NEAR(back spasm)", "NEAR back spasm"),
        ("back* ^spasm title:neck -calf +foot", "back spasm title neck calf foot"),
        ("back\x00spasm", "back spasm"),
        ("<script>alert(1)</script>", "script alert 1 script"),
        ("   \t\n ", ""),
        ('"', ""),
        ("🙂 ™ %s", "TM s"),  # ™ is T and M after NFKC
        ("ＢＡＣＫ　ｐａｉｎ", "BACK pain"),  # full-width letters and space (NFKC)
        ("Rückenschmerzen, 腰痛, боль", "Rückenschmerzen 腰痛 боль"),
        ("e\u0301tude", "étude"),
        ("don't", "don t"),
    ],
)
def test_search_terms_are_plain_words(raw, terms):
    assert search_terms(raw) == terms


def test_search_terms_are_bounded():
    assert len(search_terms("a " * 500).split()) == MAX_TERMS
    assert search_terms("x" * 5000) == "x" * MAX_TERM_LENGTH
    assert search_terms(None) == ""


@pytest.mark.parametrize(
    ("value", "single", "multi"),
    [
        ("Pat Lee", None, None),
        ("Zoë O’Brien-Łukasz 李", None, None),
        ("Pat\nLee", text.LINE_BREAK_MESSAGE, None),
        ("Pat\r\nLee\tx", text.LINE_BREAK_MESSAGE, None),
        ("Pat\u2028Lee", text.LINE_BREAK_MESSAGE, None),
        ("Pat\tLee", "U+0009", None),
        ("Pat\x00", "U+0000", "U+0000"),
        ("\x1b[31m", "U+001B", "U+001B"),
        ("a\x7f", "U+007F", "U+007F"),
        ("a\x9b", "U+009B", "U+009B"),
        ("a\ud800", "U+D800", "U+D800"),  # a lone surrogate, as a JSON escape can carry
    ],
)
def test_control_characters_and_line_breaks(value, single, multi):
    for multiline, expected in ((False, single), (True, multi)):
        message = text.problem(value, multiline=multiline)
        if expected is None:
            assert message is None
        else:
            assert expected in message
    validator = text.single_line if single else text.multi_line
    if single or multi:
        with pytest.raises(ValidationError):
            validator(value)


def test_one_line_collapses_what_an_old_record_holds():
    assert text.one_line("Pat\n\nBcc: x@example.com\x00") == "Pat Bcc: x@example.com"
