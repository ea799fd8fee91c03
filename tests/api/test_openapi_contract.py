"""The OpenAPI document is a contract: any change to it shows up in review as a snapshot diff.

Refresh the snapshot after an intended change with:

    UPDATE_API_SNAPSHOT=1 pytest tests/api/test_openapi_contract.py

and commit ``tests/api/openapi.json`` with the change.
"""

import json
import os
from pathlib import Path

import pytest

SNAPSHOT = Path(__file__).with_name("openapi.json")

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(client):
    response = client.get("/api/content/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_openapi_document_matches_the_snapshot(schema):
    rendered = json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    if os.environ.get("UPDATE_API_SNAPSHOT"):
        SNAPSHOT.write_text(rendered, encoding="utf-8")
    assert SNAPSHOT.exists(), "Run with UPDATE_API_SNAPSHOT=1 to create the snapshot."
    assert rendered == SNAPSHOT.read_text(encoding="utf-8"), (
        "The API contract changed. If intended, refresh the snapshot: "
        "UPDATE_API_SNAPSHOT=1 pytest tests/api/test_openapi_contract.py"
    )


def test_every_endpoint_is_documented(schema):
    assert schema["openapi"].startswith("3.1")
    assert set(schema["paths"]) == {
        f"/api/content/{path}"
        for path in [
            "articles/",
            "articles/{slug}/",
            "techniques/",
            "techniques/{slug}/",
            "topics/",
            "topics/{slug}/",
            "profiles/",
            "profiles/{slug}/",
            "locations/",
            "locations/{slug}/",
            "services/",
            "services/{slug}/",
            "questions/",
            "pages/by-path/",
            "redirects/",
            "site/",
            "preview/",
            "booking/services/",
            "booking/availability/",
            "booking/bookings/",
            "booking/bookings/{token}/",
            "booking/bookings/{token}/cancel/",
            "booking/bookings/{token}/reschedule/",
        ]
    }


def test_streamfield_is_a_discriminated_union_of_typed_blocks(schema):
    components = schema["components"]["schemas"]
    body = components["ArticleDetail"]["properties"]["body"]
    union = body["items"]
    assert union["discriminator"]["propertyName"] == "type"
    mapping = union["discriminator"]["mapping"]
    assert {"section", "causes", "see_a_doctor", "faq", "book_cta", "techniques"} <= set(mapping)
    see_a_doctor = components[mapping["see_a_doctor"].rsplit("/", 1)[-1]]
    value = components[see_a_doctor["properties"]["value"]["$ref"].rsplit("/", 1)[-1]]
    assert value["properties"]["red_flags"]["type"] == "array"
    assert {"heading", "threshold", "red_flags", "body"} <= set(value["required"])


def test_path_lookup_and_preview_answer_a_union_of_page_types(schema):
    for path in ("/api/content/pages/by-path/", "/api/content/preview/"):
        ok = schema["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
        mapping = ok["schema"]["discriminator"]["mapping"]
        assert {"condition_article", "technique", "profile", "location", "home"} <= set(mapping)


def test_errors_are_documented_as_problem_details(schema):
    responses = schema["paths"]["/api/content/articles/"]["get"]["responses"]
    assert {"400", "404", "422"} <= set(responses)
    assert "application/problem+json" in responses["422"]["content"]
