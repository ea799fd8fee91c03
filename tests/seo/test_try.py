import json

from tests.seo.conftest import jsonld_graph


def test_print(client, demo_site):
    r = client.get("/conditions/back-spasm/")
    print(r.content.decode()[:3000])
    print(json.dumps(jsonld_graph(r), indent=2))
