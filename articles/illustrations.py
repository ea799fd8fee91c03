"""The drawings that stand in for photos, chosen from what the content says.

Nothing here invents a fact: a technique gets a line drawing of the movement its name
describes, and the body map of a "common sites" block highlights only the body parts the
editor listed. An editor's uploaded picture always wins (see the templates).
"""

import re

from django.utils.translation import gettext_lazy as _

#: Technique drawings (spa_site/templates/spa_site/illustrations/technique_<name>.svg), by words in the title.
TECHNIQUE_ART = [
    ("swedish", "technique_strokes"),
    ("relaxation", "technique_strokes"),
    ("deep tissue", "technique_deep"),
    ("trigger point", "technique_point"),
    ("myofascial", "technique_fascia"),
    ("fascia", "technique_fascia"),
]
GENERIC_TECHNIQUE_ART = "technique_generic"

#: Body map regions (ids in spa_site/templates/spa_site/illustrations/body_map.svg) and the words that name them,
#: in English and Spanish (a translated page lists its sites in Spanish).
BODY_REGIONS = {
    "neck": ["neck", "cervical", "cuello"],
    "shoulders": ["shoulder", "trapezius", "hombro", "trapecio"],
    "back": ["back", "spine", "lumbar", "espalda", "columna"],
    "arms": ["arm", "forearm", "bicep", "tricep", "elbow", "brazo", "antebrazo", "codo"],
    "hands": ["hand", "finger", "wrist", "mano", "muñeca"],
    "hips": ["hip", "glute", "buttock", "cadera", "glúteo", "nalga"],
    "legs": [
        *["leg", "thigh", "calf", "calves", "hamstring", "quad", "knee"],
        *["pierna", "muslo", "pantorrilla", "gemelo", "isquiotibial", "cuádriceps", "rodilla"],
    ],
    "feet": ["foot", "feet", "toe", "ankle", "arch", "pie", "tobillo"],
}

#: What the body map's caption calls each region, in the reader's language.
REGION_LABELS = {
    "neck": _("neck"),
    "shoulders": _("shoulders"),
    "back": _("back"),
    "arms": _("arms"),
    "hands": _("hands"),
    "hips": _("hips"),
    "legs": _("legs"),
    "feet": _("feet"),
}


def technique_art(title):
    """The drawing for a technique titled ``title``."""
    text = " ".join(title.lower().replace("-", " ").split())
    return next((art for words, art in TECHNIQUE_ART if words in text), GENERIC_TECHNIQUE_ART)


def _words(text):
    return re.findall(r"[^\W\d_]+", text.lower())


def body_region(text):
    """The body map region a listed site names (``"Lower back"`` → ``"back"``), or None."""
    words = _words(text)
    for region, names in BODY_REGIONS.items():
        for word in words:
            if any(word == name or word == name + "s" or word == name + "es" for name in names):
                return region
    return None


def body_regions(texts):
    """The regions named by ``texts``, in body order (head to feet), without repeats."""
    found = {body_region(text) for text in texts}
    return [region for region in BODY_REGIONS if region in found]
