# Run in the fresh project's `manage.py shell -c`: the demo's pages and API answer there.
import json

from django.test import Client

client = Client()
failures = []


def expect(path, status, *texts):
    response = client.get(path)
    body = response.content.decode()
    missing = [text for text in texts if text not in body]
    if response.status_code != status or missing:
        failures.append(f"{path}: {response.status_code} (expected {status}), missing {missing}")
    print(f"   {path}: {response.status_code}, {len(body)} bytes")
    return body


expect("/conditions/back-spasm/", 200, "<h1", "Back Spasm", "/static/css/site.css")
expect("/book/", 200, "<form", 'name="service"')
expect("/es/", 200, 'lang="es"')
article = json.loads(expect("/api/content/articles/back-spasm/", 200, '"title"'))
if "Back" not in article.get("title", ""):
    failures.append(f"API article title: {article.get('title')!r}")
listing = json.loads(expect("/api/content/booking/services/", 200, '"items"'))
if not listing.get("items"):
    failures.append("the booking API lists no service")
expect("/api/content/profiles/", 200, '"items"', '"mara-swick"')
# The apps carry no site's name: the API is titled after the project that installed them.
expect("/api/content/openapi.json", 200, '"openapi"', '"mysite content API"')
expect("/sitemap.xml", 200, "/conditions/back-spasm/")
if failures:
    raise SystemExit("plugin check failed:\n  " + "\n  ".join(failures))
print("   the plugin answers in a fresh project")
