"""Content checks for health pages in Wagtail's content checker (userbar and editor preview).

Wagtail runs axe-core with the rules of the userbar's ``ContentCheckerItem``; custom rules
are plain axe rule/check specs, and the JavaScript ``evaluate`` functions of their checks are
registered on the userbar element by ``spa_site/js/content_checks.js`` (the item's media).

Health claims are found in Python (``spa_site.health_claims``, the rule the medical review step
enforces); the checker is given the sentences found and only marks the elements showing them,
so the preview and the review never disagree.
"""

from django.forms import Media
from wagtail.admin.userbar import ContentCheckerItem

DISCLAIMER_PATTERN = r"not (?:a substitute for |intended as )?(?:medical|professional) advice"
TEXT_SELECTOR = ", ".join(
    f"main {tag}" for tag in ("p", "li", "h2", "h3", "h4", "td", "summary", "figcaption")
)

HEALTH_RULES = [
    {
        "id": "health-claim-words",
        "impact": "serious",
        "selector": TEXT_SELECTOR,
        "tags": ["health-content"],
        "any": ["check-health-claim-words"],
        "enabled": True,
    },
    {
        "id": "see-a-doctor-missing",
        "impact": "serious",
        "selector": "main h1",
        "tags": ["health-content"],
        "any": ["check-see-a-doctor"],
        "enabled": True,
    },
    {
        "id": "medical-disclaimer-missing",
        "impact": "serious",
        "selector": "main h1",
        "tags": ["health-content"],
        "any": ["check-medical-disclaimer"],
        "enabled": True,
    },
]

HEALTH_MESSAGES = {
    "health-claim-words": {
        "error_name": "Health claim",
        "help_text": "The medical reviewer must resolve this sentence (cure, guarantee, proven, "
        "heals, treats, miracle, 100%, effective treatment, diagnosis): say what massage may "
        "help with",
    },
    "see-a-doctor-missing": {
        "error_name": "No “When to see a doctor” block",
        "help_text": "Add a “When to see a doctor” block with the warning signs",
    },
    "medical-disclaimer-missing": {
        "error_name": "No medical disclaimer",
        "help_text": "Health pages must say they are not medical advice",
    },
}


class HealthContentCheckerItem(ContentCheckerItem):
    """Wagtail's checks plus the health-content rules, for articles (and techniques)."""

    def __init__(
        self,
        in_editor=False,
        needs_doctor_callout=False,
        has_doctor_callout=True,
        claim_sentences=(),
    ):
        super().__init__(in_editor=in_editor)
        self.needs_doctor_callout = needs_doctor_callout
        self.has_doctor_callout = has_doctor_callout
        self.claim_sentences = list(claim_sentences)

    @property
    def media(self):
        return Media(js=["spa_site/js/content_checks.js"])

    def rule_ids(self):
        rules = ["health-claim-words"]
        if self.needs_doctor_callout:
            rules += ["see-a-doctor-missing", "medical-disclaimer-missing"]
        return rules

    def get_axe_run_only(self, request):
        return [*super().get_axe_run_only(request), *self.rule_ids()]

    def get_axe_custom_rules(self, request):
        ids = self.rule_ids()
        return [
            *super().get_axe_custom_rules(request),
            *(r for r in HEALTH_RULES if r["id"] in ids),
        ]

    def get_axe_custom_checks(self, request):
        return [
            *super().get_axe_custom_checks(request),
            {"id": "check-health-claim-words", "options": {"sentences": self.claim_sentences}},
            {"id": "check-see-a-doctor", "options": {"present": self.has_doctor_callout}},
            {"id": "check-medical-disclaimer", "options": {"pattern": DISCLAIMER_PATTERN}},
        ]

    def get_axe_messages(self, request):
        return {**super().get_axe_messages(request), **HEALTH_MESSAGES}


def replace_content_checker(items, **kwargs):
    """Swap Wagtail's checker item in ``items`` for a ``HealthContentCheckerItem``."""
    items[:] = [
        HealthContentCheckerItem(in_editor=item.in_editor, **kwargs)
        if isinstance(item, ContentCheckerItem)
        else item
        for item in items
    ]
