"""The health-content rules reach Wagtail's content checker configuration for the right pages.
(tests/e2e/test_seo_editor.py runs them with axe in a browser.)"""

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from articles.models import ConditionArticlePage
from spa_site.health_claims import check_text, page_findings


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", "a@example.com", "pw"))
    return client


def axe_configuration(response):
    soup = BeautifulSoup(response.content, "html.parser")
    script = soup.find("script", id="checker-axe-configuration")
    assert script is not None
    return json.loads(script.string)


def checks(config):
    return {check["id"]: check.get("options") for check in config["spec"]["checks"]}


def test_article_gets_health_rules(admin_client, demo_site):
    response = admin_client.get("/conditions/back-spasm/")
    config = axe_configuration(response)
    run_only = config["options"]["runOnly"]
    for rule in ("health-claim-words", "see-a-doctor-missing", "medical-disclaimer-missing"):
        assert rule in run_only
    assert "empty-heading" in run_only  # Wagtail's own rules stay
    assert checks(config)["check-see-a-doctor"] == {"present": True}
    assert 'src="/static/spa_site/js/content_checks.js"' in response.content.decode()


def test_article_without_doctor_block_fails_the_check(admin_client, demo_site):
    article = ConditionArticlePage.objects.get(slug="back-spasm")
    article.body = [(b.block_type, b.value) for b in article.body if b.block_type != "see_a_doctor"]
    article.save_revision().publish()
    config = axe_configuration(admin_client.get("/conditions/back-spasm/"))
    assert checks(config)["check-see-a-doctor"] == {"present": False}


def test_preview_in_the_editor_uses_the_draft(admin_client, demo_site):
    article = ConditionArticlePage.objects.get(slug="back-spasm")
    article.body = [(b.block_type, b.value) for b in article.body if b.block_type != "see_a_doctor"]
    article.save_revision()
    response = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=(article.pk,)))
    assert checks(axe_configuration(response))["check-see-a-doctor"] == {"present": False}


def test_technique_gets_only_the_claim_words_rule(admin_client, demo_site):
    run_only = axe_configuration(admin_client.get("/techniques/swedish-massage/"))["options"][
        "runOnly"
    ]
    assert "health-claim-words" in run_only
    assert "see-a-doctor-missing" not in run_only


def test_other_pages_keep_wagtails_checker(admin_client, demo_site):
    run_only = axe_configuration(admin_client.get("/locations/long-beach/"))["options"]["runOnly"]
    assert "health-claim-words" not in run_only


def test_checker_marks_the_sentences_the_review_must_resolve(admin_client, demo_site):
    """The checker gets the health-claims findings of the page (one rule with the review),
    never the site's own disclaimer or the sentences sending the reader to a doctor."""
    response = admin_client.get("/conditions/massage-for-muscle-spasms/")
    sentences = checks(axe_configuration(response))["check-health-claim-words"]["sentences"]
    article = ConditionArticlePage.objects.get(slug="massage-for-muscle-spasms")
    assert sentences == [finding.sentence for finding in page_findings(article)]
    assert "Massage therapy is an effective treatment for muscle spasms." in sentences
    soup = BeautifulSoup(response.content, "html.parser")
    disclaimer = soup.select_one("p.disclaimer").get_text(" ", strip=True)
    assert check_text(disclaimer) == []
    doctor = soup.find(string=lambda t: t and "They can help diagnose" in t)
    assert doctor is not None and check_text(str(doctor.parent)) == []
    assert not any("diagnose" in sentence for sentence in sentences)


def test_editor_fields_carry_the_character_counter(admin_client, demo_site):
    article = ConditionArticlePage.objects.get(slug="back-spasm")
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=(article.pk,))).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    title = soup.find("input", attrs={"name": "seo_title"})
    assert title["data-controller"] == "seo-count"
    assert (title["data-seo-count-min-value"], title["data-seo-count-max-value"]) == ("30", "60")
    description = soup.find("textarea", attrs={"name": "search_description"})
    assert description["data-seo-count-max-value"] == "160"
    assert "spa_site/js/seo_counter.js" in html
