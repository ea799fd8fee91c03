"""Search text from visitors, turned into plain search terms that no backend can misread.

Both full-text backends parse what they are given: SQLite's FTS5 ``MATCH`` treats quotes,
brackets, ``*``, ``^``, ``:`` and ``AND``/``OR``/``NOT``/``NEAR`` as syntax (a stray double
quote was a 500), and PostgreSQL refuses NUL and long words in a ``tsquery``. A visitor types
words, so the text is reduced to its words and nothing else reaches the backend: runs of
letters, marks and digits in any script (after NFKC normalisation, so full-width letters
become plain ones), at most ``MAX_TERMS`` of them, each at most ``MAX_TERM_LENGTH``
characters. Everything else separates words. Text without a word gives "" and callers show
no results (HTML) or refuse the parameter (APIs): they never search for "".

Every search caller (site search, the delivery API's ``search`` parameters, the guarded v3
API) goes through ``search_terms``; the visibility of what is found is decided elsewhere.
"""

import unicodedata

MAX_TERMS = 20
MAX_TERM_LENGTH = 100
MAX_INPUT_LENGTH = 4000  # longer text is cut first, so a huge parameter costs no more
NO_WORDS_MESSAGE = "Search needs at least one word (letters or digits)."


def _is_word_char(char):
    return unicodedata.category(char)[0] in "LMN"


def search_terms(text):
    """The words of ``text`` joined by single spaces ("" when there is none)."""
    normalised = unicodedata.normalize("NFKC", (text or "")[:MAX_INPUT_LENGTH])
    words, current = [], []
    for char in normalised:
        if _is_word_char(char):
            current.append(char)
            continue
        if current:
            words.append("".join(current)[:MAX_TERM_LENGTH])
            current = []
            if len(words) == MAX_TERMS:
                break
    if current and len(words) < MAX_TERMS:
        words.append("".join(current)[:MAX_TERM_LENGTH])
    return " ".join(words)
