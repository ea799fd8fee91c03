"""Spanish translations for tests, made the way wagtail-localize makes them (Wagtail's
``copy_for_translation``: a draft copy in the Spanish tree, untranslated parents as aliases)."""

from wagtail.models import Locale


def spanish():
    return Locale.objects.get_or_create(language_code="es")[0]


def translate(page, publish=True, **fields):
    """The Spanish translation of ``page`` with ``fields`` changed, published unless told."""
    locale = spanish()
    translation = page.specific.get_translation_or_none(locale)
    if translation is None:
        translation = page.specific.copy_for_translation(locale, copy_parents=True)
    translation = translation.specific
    if translation.alias_of_id:  # an alias wagtail-localize made for a parent: now a page
        translation.alias_of_id = None
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    revision = translation.save_revision()
    if publish:
        revision.publish()
        translation.refresh_from_db()
    return translation


def translate_tree(tree, **home_fields):
    """The home page in Spanish (the root of the Spanish tree)."""
    return translate(tree["home"], title="Moonlight en Naple", **home_fields)
