"""The health-claims check: sentences in a page's text that promise what massage cannot.

One rule, used wherever health text is judged: the medical review step (each finding must be
resolved before approval), the editor's Review tab and Wagtail's content checker (which only
marks the sentences found here). The check reads sentences, not words, so it can tell a claim
("massage cures back spasms") from a sentence that sends the reader to a doctor ("a physician can
diagnose the cause"), a negated one ("massage does not cure") or the site's own disclaimer ("does
not replace a doctor's diagnosis or treatment").

Rules are deliberately cautious: a finding is a question for the reviewer, who may accept it with
a note. The corpus in tests/spa_site/test_health_claims.py holds what each rule must and must not flag.
"""

import hashlib
import html
import re
from dataclasses import dataclass, field

from django.db import models
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

_F = re.IGNORECASE


@dataclass(frozen=True)
class Rule:
    id: str
    label: str
    pattern: re.Pattern
    #: Does a sentence about a doctor (who may diagnose and treat) make this match harmless?
    doctor_may: bool = False
    #: Does a negation just before the match ("does not cure") make it harmless?
    negatable: bool = True


def _rule(id, label, pattern, **kwargs):
    return Rule(id, label, re.compile(pattern, _F), **kwargs)


_CARE = r"(?:doctors?|physicians?|diagnosis|prescriptions?|medications?|surgery)\b"


RULES = [
    _rule("cure", "Promises a cure", r"\b(?:cure[sd]?|cure-alls?|curing|curative)\b"),
    _rule("guarantee", "Promises a result", r"\bguarantee(?:[sd]|ing)?\b"),
    _rule("proven", "Claims proof", r"\b(?:(?:clinically|scientifically) )?(?:proven|proved)\b"),
    _rule("heals", "Claims to heal", r"\bheal(?:s|ed|ing)?\b"),
    _rule(
        "treats",
        "Claims to treat a condition",
        # The verb, not "treatment", "treat yourself" or "a (little) treat".
        r"(?<!\ba )(?<!\ban )(?<!\bthe )(?<!\blittle )\btreat(?:s|ed|ing)?\b"
        r"(?!\s+(?:yourself|yourselves|you to|themselves|myself|ourselves)\b)"
        r"(?!(?:\s+\w+){0,3}\s+with (?:respect|care|kindness|dignity)\b)",
        doctor_may=True,
    ),
    _rule("miracle", "Promises a miracle", r"\bmiracle(?:s)?\b|\bmiraculous(?:ly)?\b"),
    _rule("absolute", "Claims 100%", r"(?<![\d.])100\s?%|\b(?:100|one hundred) per ?cent\b"),
    _rule(
        "effective-treatment",
        "Claims an effective treatment",
        r"\beffective\b(?:[\s-]+[\w-]+){0,2}?\s+"
        r"(?:treatment|cure|remedy|solution|therapy for|way to (?:treat|manage|cure|heal|stop)"
        r"|in (?:treating|relieving|curing|healing|eliminating|stopping))\b",
    ),
    _rule(
        "diagnosis",
        "Promises a diagnosis",
        r"\bdiagnos(?:e|es|ed|is|ing)\b"
        r"|\b(?:identify|identifies|identifying|pinpoint|pinpoints|pinpointing|find|finds|finding"
        r"|determine|determines|determining)\s+(?:the\s+|your\s+)?(?:underlying\s+|root\s+)?causes?\b",
        doctor_may=True,
    ),
    _rule(
        "skips-care",
        "Suggests doing without medical care",
        r"\bno need (?:for|to see|to visit|to consult) (?:a |an |your )?"
        + _CARE
        + r"|\bno "
        + _CARE
        + r" (?:needed|required|necessary)\b"
        + r"|\bwithout (?:the need for |seeing |visiting |a visit to |consulting )?(?:a |an |your )?"
        + _CARE
        + r"|\binstead of (?:seeing |visiting )?(?:a |an |your )?"
        + _CARE,
    ),
]

#: People who may diagnose and treat: a sentence naming one is a referral, not a claim.
DOCTOR = re.compile(
    r"\b(?:doctors?|doctor[’']s|physicians?|physician[’']s|GPs?|general practitioners?"
    r"|health ?care (?:providers?|professionals?|experts?|team)"
    r"|medical (?:professionals?|providers?|experts?|team)"
    r"|specialists?|nurse practitioners?|physical therapists?|physiotherapists?|clinicians?)\b"
    r"|\bdr\.?(?=\s+(?-i:[A-Z]))",
    _F,
)
#: A sentence continuing about the doctor named in the sentence before it.
PRONOUN_START = re.compile(r"^(?:they|he|she|your doctor|this doctor)\b", _F)
#: The site's own disclaimers: general information, not a substitute for care.
DISCLAIMER = re.compile(
    r"\bnot (?:intended (?:to|as|for)|meant (?:to|as)|designed to)\b"
    r"|\b(?:not|no)\b[^.!?]{0,30}\bsubstitute for\b"
    r"|\b(?:not|never|cannot|can[’']t|doesn[’']t|don[’']t) replace\b"
    r"|\bnot (?:a form of )?medical (?:advice|treatment|care)\b",
    _F,
)
#: A negation governing the words right after it; "not only" is not one.
NEGATION = re.compile(
    r"\b(?:not|never|no|cannot|can[’']t|won[’']t|doesn[’']t|don[’']t|isn[’']t|aren[’']t"
    r"|wasn[’']t|nor|neither)\b(?!\s+only\b)(?:\W+\w+){0,3}?\W*$",
    _F,
)
ABBREVIATIONS = {"dr", "mr", "mrs", "ms", "st", "e.g", "i.e", "etc", "vs", "approx"}
SENTENCE_END = re.compile(r"[.!?…]+[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")
BLOCK_TAG = re.compile(r"</?(?:p|li|h[1-6]|blockquote|div|br|ul|ol|tr|td|th)\b[^>]*>", _F)
TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Match:
    rule: str
    label: str
    phrase: str


@dataclass(frozen=True)
class Finding:
    """One sentence with one or more risky phrases, and where it is."""

    sentence: str
    where: str = ""
    matches: tuple = field(default_factory=tuple)

    @property
    def key(self):
        """Stable across requests, so a reviewer's resolution finds its finding again."""
        return hashlib.sha256(f"{self.where}\n{self.sentence}".encode()).hexdigest()[:16]

    @property
    def phrases(self):
        return ", ".join(f"“{m.phrase}”" for m in self.matches)

    @property
    def labels(self):
        return "; ".join(dict.fromkeys(m.label for m in self.matches))

    def as_dict(self):
        return {
            "key": self.key,
            "sentence": self.sentence,
            "where": self.where,
            "phrases": [m.phrase for m in self.matches],
            "labels": [m.label for m in self.matches],
        }


# Text --------------------------------------------------------------------------------------


def paragraphs(text):
    """Plain-text paragraphs of ``text`` (HTML or plain), block by block."""
    pieces = BLOCK_TAG.split(str(text or ""))
    out = []
    for piece in pieces:
        plain = " ".join(html.unescape(TAG.sub("", piece)).split())
        if plain:
            out.append(plain)
    return out


def sentences(paragraph):
    """Split a paragraph into sentences, keeping "Dr. Smith" and "e.g. heat" together."""
    result, start = [], 0
    for end in SENTENCE_END.finditer(paragraph):
        word = paragraph[start : end.start()].rsplit(None, 1)[-1:] or [""]
        if word[0].lower().rstrip(".") in ABBREVIATIONS:
            continue
        result.append(paragraph[start : end.end()].strip())
        start = end.end()
    tail = paragraph[start:].strip()
    if tail:
        result.append(tail)
    return result


def _exempt(rule, sentence, before, previous):
    if rule.doctor_may:
        if DOCTOR.search(sentence):
            return True
        if previous and PRONOUN_START.search(sentence) and DOCTOR.search(previous):
            return True
    return rule.negatable and bool(NEGATION.search(before))


def check_sentence(sentence, previous=""):
    """The risky phrases in one sentence (``previous`` is the sentence before it, if any)."""
    if DISCLAIMER.search(sentence):
        return []
    found = []
    for rule in RULES:
        for match in rule.pattern.finditer(sentence):
            if not _exempt(rule, sentence, sentence[: match.start()], previous):
                found.append((match.start(), Match(rule.id, rule.label, match.group(0))))
    return [match for _, match in sorted(found, key=lambda item: item[0])]


def check_text(text, where=""):
    """Findings in ``text`` (HTML or plain), one per sentence that has risky phrases."""
    findings = {}
    for paragraph in paragraphs(text):
        previous = ""
        for sentence in sentences(paragraph):
            matches = check_sentence(sentence, previous)
            if matches:
                finding = Finding(sentence, where, tuple(matches))
                findings.setdefault(finding.key, finding)
            previous = sentence
    return list(findings.values())


# Pages -------------------------------------------------------------------------------------

#: Wagtail's own text fields that readers see; the page type's own text fields are added.
PAGE_TEXT_FIELDS = ("title", "seo_title", "search_description")
NOT_PROSE = (models.SlugField, models.URLField, models.EmailField)
PROSE_BLOCKS = (blocks.CharBlock, blocks.TextBlock, blocks.RichTextBlock)


def text_fields(model):
    """The model's reader-facing text fields: Wagtail's title and search fields plus every
    text, rich text and StreamField its page type adds (choice fields, slugs, URLs excluded)."""
    page_fields = {f.name for f in Page._meta.concrete_fields}
    chosen = []
    for model_field in model._meta.concrete_fields:
        if model_field.name in page_fields and model_field.name not in PAGE_TEXT_FIELDS:
            continue
        if isinstance(model_field, StreamField | RichTextField) or (
            isinstance(model_field, models.CharField | models.TextField)
            and not isinstance(model_field, NOT_PROSE)
            and not model_field.choices
        ):
            chosen.append(model_field)
    return chosen


def _stream_texts(block, raw, where):
    """(where, text) for the prose in raw StreamField data, walked with its block definitions."""
    if isinstance(block, blocks.StreamBlock):
        for child in raw or []:
            child_block = block.child_blocks.get(child.get("type"))
            if child_block is None:
                continue
            value = child.get("value")
            heading = value.get("heading") if isinstance(value, dict) else None
            label = heading or child_block.label
            yield from _stream_texts(child_block, value, f"{where} › {label}")
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            yield from _stream_texts(child_block, (raw or {}).get(name), where)
    elif isinstance(block, blocks.ListBlock):
        for item in raw or []:
            if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
                item = item["value"]
            yield from _stream_texts(block.child_block, item, where)
    elif isinstance(block, PROSE_BLOCKS) and isinstance(raw, str) and raw:
        yield where, raw


def page_texts(page):
    """(where, text) for every reader-facing text of ``page`` (saved, draft or unsaved)."""
    for model_field in text_fields(type(page)):
        value = model_field.value_from_object(page)
        label = str(model_field.verbose_name).capitalize()
        if isinstance(model_field, StreamField):
            raw = model_field.stream_block.get_prep_value(value)
            yield from _stream_texts(model_field.stream_block, raw, label)
        elif value:
            yield label, value


def page_findings(page):
    """Every finding on ``page``, in reading order, without repeats."""
    findings = {}
    for where, text in page_texts(page):
        for finding in check_text(text, where):
            findings.setdefault(finding.key, finding)
    return list(findings.values())
