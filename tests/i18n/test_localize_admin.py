"""wagtail-localize's admin screens with Wagtail 8.0.1: translate a page, the translation
editor, sync after the English page changed (out of date), the translations report."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail_localize.models import Translation, TranslationSource

from tests.factories import TechniquePageFactory
from tests.support.i18n import spanish, translate_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("translator", "t@example.com", "x")
    client.force_login(user)
    return client


def test_translate_edit_sync_and_report(admin_client, site_tree):
    translate_tree(site_tree)
    technique = TechniquePageFactory(parent=site_tree["techniques"], title="Swedish Massage")
    submit = reverse("wagtail_localize:submit_page_translation", args=[technique.pk])
    assert admin_client.get(submit).status_code == 200
    response = admin_client.post(submit, {"locales": [spanish().pk]})
    assert response.status_code == 302
    spanish_page = technique.get_translation(spanish())
    assert not spanish_page.live  # a draft until an editor publishes it (settings)
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[spanish_page.pk])

    editor = admin_client.get(response["Location"])
    assert editor.status_code == 200
    assert b"data-props" in editor.content and b"Swedish Massage" in editor.content  # the editor

    # The English page changes: the translation is out of date until an editor syncs it.
    technique.title = "Swedish Massage, relaxing"
    technique.save_revision().publish()
    source = TranslationSource.objects.get(object_id=technique.translation_key)
    update = reverse("wagtail_localize:update_translations", args=[source.pk])
    assert admin_client.get(update).status_code == 200
    assert admin_client.post(update, {}).status_code == 302
    source.refresh_from_db()
    assert "relaxing" in str(source.export_po())
    assert Translation.objects.filter(source=source, target_locale=spanish()).exists()

    report = admin_client.get(reverse("wagtail_localize:translations_report"))
    assert report.status_code == 200 and b"Swedish Massage" in report.content
    assert admin_client.get(reverse("wagtaillocales:index")).status_code == 200
