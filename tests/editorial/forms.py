"""Editor form data for the page types the workflow tests edit through the admin."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield


def _sections(sections):
    return streamfield(
        [
            ("section", {"heading": heading, "body": rich_text(f"<p>{text}</p>")})
            for heading, text in sections
        ]
    )


def article_form(article, sections=(("Causes", "Overuse and stress."),), action=None, **fields):
    data = {
        "title": article.title,
        "slug": article.slug,
        "condition_name": article.condition_name,
        "summary": article.summary,
        "seo_title": article.seo_title,
        "search_description": article.search_description,
        "body": _sections(sections),
        "recommended_techniques": inline_formset([]),
        "related_services": inline_formset([]),
        "tags": "",
        **fields,
    }
    if action:
        data[f"action-{action}"] = "1"
    return nested_form_data(data)


def technique_form(technique, how_it_works="Long strokes and kneading.", action=None, **fields):
    data = {
        "title": technique.title,
        "slug": technique.slug,
        "summary": technique.summary,
        "seo_title": technique.seo_title,
        "search_description": technique.search_description,
        "pressure_level": technique.pressure_level,
        "how_it_works": _rich(how_it_works),
        "what_to_expect": _rich(""),
        "precautions": _rich(""),
        "technique_services": inline_formset([]),
        "tags": "",
        **fields,
    }
    if action:
        data[f"action-{action}"] = "1"
    return nested_form_data(data)


def _rich(text):
    return rich_text(f"<p>{text}</p>" if text else "")


def location_form(location, description="", action=None, **fields):
    data = {
        "title": location.title,
        "slug": location.slug,
        "summary": location.summary,
        "seo_title": location.seo_title,
        "search_description": location.search_description,
        "business_name": location.business_name,
        "country": location.country,
        "region": location.region,
        "description": _rich(description),
        "opening_hours": inline_formset([]),
        "closures": inline_formset([]),
        **fields,
    }
    if action:
        data[f"action-{action}"] = "1"
    return nested_form_data(data)
