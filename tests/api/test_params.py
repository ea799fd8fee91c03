"""Unknown or malformed parameters answer 400/422 with a message; never 500, never ignored."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "params", "status"),
    [
        ("/articles/", {"colour": "blue"}, 400),
        ("/articles/", {"tags": "back-pain"}, 400),  # a typo of `tag`
        ("/articles/back-spasm/", {"fields": "title"}, 400),
        ("/articles/", {"limit": "0"}, 422),
        ("/articles/", {"limit": "51"}, 422),
        ("/articles/", {"limit": "abc"}, 422),
        ("/articles/", {"offset": "-1"}, 422),
        ("/articles/", {"offset": "9223372036854775808"}, 422),
        ("/articles/", {"offset": "99999999999999999999999999"}, 422),
        ("/articles/", {"ordering": "price"}, 422),
        ("/articles/", {"expand": "owner"}, 422),
        ("/articles/", {"expand": "author.services"}, 422),  # one level deep only
        ("/articles/", {"tag": "not a slug!"}, 422),
        ("/articles/", {"search": ""}, 422),
        ("/techniques/", {"pressure": "crushing"}, 422),
        ("/services/deep-tissue-massage/", {"expand": "author"}, 422),
        ("/pages/by-path/", {}, 422),
        ("/pages/by-path/", {"path": "conditions"}, 422),
        ("/preview/", {}, 422),
    ],
)
def test_bad_parameters(api, demo_site, path, params, status):
    response = api(path, params=params)
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"]


def test_unknown_parameter_is_named(api, demo_site):
    assert "colour" in api("/articles/", params={"colour": "blue"}).json()["detail"]


def test_offset_past_the_end_is_an_empty_page(api, demo_site):
    body = api("/articles/", params={"offset": 10000}).json()
    assert body["count"] == 2 and body["items"] == []
