"""Domain blocks for condition articles. Each section block carries its own heading,
so the table of contents is derived from the body and never typed twice."""

from wagtail import blocks

from spa_site.blocks import BaseStreamBlock, LoadedPageChooserBlock, LoadedSnippetChooserBlock

from .illustrations import REGION_LABELS, body_regions

INLINE_FEATURES = ["bold", "italic", "link"]
TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class ExplainedItemValue(blocks.StructValue):
    def rest_of_text(self):
        """The explanation without its leading title, when it starts by repeating it."""
        title, text = self.get("title") or "", self.get("text") or ""
        return text[len(title) :] if title and text.startswith(title) else None


class ExplainedItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=160, help_text="A short name, e.g. “Dehydration”.")
    text = blocks.TextBlock(
        required=False,
        help_text="One or two sentences. If it starts with the name, the name is shown once, in bold.",
    )

    class Meta:
        value_class = ExplainedItemValue


class ListSectionBlock(blocks.StructBlock):
    """A heading, an optional introduction, a list of explained items and optional closing text."""

    heading = blocks.CharBlock(max_length=120)
    intro = blocks.RichTextBlock(required=False, features=TEXT_FEATURES)
    items = blocks.ListBlock(ExplainedItemBlock(), default=[])
    outro = blocks.RichTextBlock(required=False, features=TEXT_FEATURES, label="Closing text")

    class Meta:
        template = "spa_site/blocks/list_section.html"


def _list_preview(heading, *titles):
    return {
        "heading": heading,
        "intro": "",
        "items": [{"title": t, "text": ""} for t in titles],
        "outro": "",
    }


class CausesBlock(ListSectionBlock):
    class Meta:
        icon = "info-circle"
        label = "Causes"
        description = "What brings the condition on, each with a short explanation."
        preview_value = _list_preview("Causes of muscle spasms", "Overuse", "Dehydration", "Stress")


class CommonSitesValue(blocks.StructValue):
    def body_regions(self):
        """Body map regions the listed sites name (e.g. "neck", "back"); see illustrations."""
        return body_regions(item.get("title") or "" for item in self.get("items") or [])

    def body_region_labels(self):
        return [REGION_LABELS[region] for region in self.body_regions()]


class CommonSitesBlock(ListSectionBlock):
    class Meta:
        icon = "site"
        label = "Common sites"
        description = "Where in the body it usually happens."
        template = "spa_site/blocks/common_sites.html"
        value_class = CommonSitesValue
        preview_value = _list_preview("Most common sites", "Neck", "Shoulders", "Back", "Legs")


class AggravatingFactorsBlock(ListSectionBlock):
    class Meta:
        icon = "arrow-up"
        label = "Aggravating factors"
        description = "What makes it worse."
        preview_value = _list_preview("What makes it worse?", "Fatigue", "Poor posture")


class FirstAidBlock(ListSectionBlock):
    class Meta:
        icon = "list-ol"
        label = "First-aid steps"
        description = "Numbered steps a reader can take now."
        template = "spa_site/blocks/first_aid.html"
        preview_value = _list_preview("First aid", "Apply heat", "Stretch gently")


class BenefitsBlock(ListSectionBlock):
    class Meta:
        icon = "tick-inverse"
        label = "Benefits"
        description = "What massage can do for this condition."
        preview_value = _list_preview("Benefits of massage", "Pain relief", "Better circulation")


class PreventionBlock(ListSectionBlock):
    class Meta:
        icon = "circle-check"
        label = "Prevention tips"
        description = "How to keep it from coming back."
        preview_value = _list_preview("How to prevent it", "Stretch", "Stay hydrated")


class TechniqueItemBlock(blocks.StructBlock):
    technique = LoadedPageChooserBlock(page_type="articles.TechniquePage")
    text = blocks.TextBlock(required=False, help_text="Why this technique helps here.")


class TechniqueRecommendationBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    intro = blocks.RichTextBlock(required=False, features=TEXT_FEATURES)
    items = blocks.ListBlock(TechniqueItemBlock())
    outro = blocks.RichTextBlock(required=False, features=TEXT_FEATURES, label="Closing text")

    class Meta:
        icon = "user"
        label = "Technique recommendation"
        description = "Massage techniques that help, each linking to its technique page."
        template = "spa_site/blocks/technique_recommendation.html"

    def get_preview_value(self):
        from .models import TechniquePage

        techniques = TechniquePage.objects.live().order_by("title")[:2]
        return self.to_python(
            {
                "heading": "Massage techniques that help",
                "intro": "<p>These techniques ease tight, cramping muscles.</p>",
                "items": [{"technique": t.pk, "text": t.summary} for t in techniques],
                "outro": "",
            }
        )


class SeeADoctorBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, default="When to see a doctor")
    threshold = blocks.CharBlock(
        max_length=250,
        help_text="The point at which a reader should get medical help, e.g. “lasts more than 72 hours”.",
    )
    red_flags = blocks.ListBlock(
        blocks.CharBlock(max_length=120, label="Warning sign"),
        default=[],
        help_text="Symptoms that mean a reader should not wait, e.g. “numbness”.",
    )
    body = blocks.RichTextBlock(required=False, features=TEXT_FEATURES)

    class Meta:
        icon = "warning"
        label = "When to see a doctor"
        description = "A prominent callout with the warning signs. Every article should have one."
        template = "spa_site/blocks/see_a_doctor.html"
        preview_value = {
            "heading": "When to see a doctor",
            "threshold": "If the spasm is severe and lasts more than 72 hours",
            "red_flags": ["weakness", "numbness", "tingling"],
            "body": "",
        }


class FaqItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=250)
    answer = blocks.RichTextBlock(features=TEXT_FEATURES)


class FaqBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, required=False, default="Frequently asked questions")
    intro = blocks.RichTextBlock(required=False, features=INLINE_FEATURES)
    items = blocks.ListBlock(FaqItemBlock())

    class Meta:
        icon = "help"
        label = "FAQ"
        description = "Questions readers ask, each with a short answer."
        template = "spa_site/blocks/faq.html"
        preview_value = {
            "heading": "Frequently asked questions",
            "intro": "",
            "items": [
                {
                    "question": "How often should I get a massage?",
                    "answer": "<p>It depends on how severe your spasms are.</p>",
                }
            ],
        }


class BookServiceBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, default="Book a massage")
    text = blocks.TextBlock(required=False)
    service = LoadedSnippetChooserBlock("services.Service")
    button_label = blocks.CharBlock(max_length=60, default="Book now")

    class Meta:
        icon = "date"
        label = "Book a service"
        description = "A call to action that starts booking with this service selected."
        template = "spa_site/blocks/book_service.html"

    def get_preview_value(self):
        from services.models import Service

        service = Service.objects.bookable().first()
        return self.to_python(
            {
                "heading": "Book a massage",
                "text": "Relief for tight muscles, with a therapist who listens.",
                "service": service.pk if service else None,
                "button_label": "Book now",
            }
        )


class SourceItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=250)
    publisher = blocks.CharBlock(max_length=160, required=False)
    url = blocks.URLBlock(required=False)


class SourcesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, default="Sources")
    items = blocks.ListBlock(SourceItemBlock())

    class Meta:
        icon = "link"
        label = "Sources"
        description = "Studies and references that back the article."
        template = "spa_site/blocks/sources.html"
        preview_value = {
            "heading": "Sources",
            "items": [{"title": "Massage therapy for pain", "publisher": "A journal", "url": ""}],
        }


class ConditionArticleBodyBlock(BaseStreamBlock):
    causes = CausesBlock()
    common_sites = CommonSitesBlock()
    aggravating_factors = AggravatingFactorsBlock()
    first_aid = FirstAidBlock()
    benefits = BenefitsBlock()
    techniques = TechniqueRecommendationBlock()
    prevention = PreventionBlock()
    see_a_doctor = SeeADoctorBlock()
    faq = FaqBlock()
    book_cta = BookServiceBlock()
    sources = SourcesBlock()
