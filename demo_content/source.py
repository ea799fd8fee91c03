"""Reads and validates the demo content files before anything touches the database.

The demo must say only what the spa's own articles say, so every prose fragment in
the data files is checked against the seed texts; invented facts live only in
fields of records flagged ``contains_sample_data``.
"""

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

DEFAULT_SOURCE = Path(__file__).resolve().parent / "content"
DATA_FILES = ("site.yaml", "author_bio.yaml", "techniques.yaml", "articles.yaml")
LIST_SECTION_TYPES = {
    "causes",
    "common_sites",
    "aggravating_factors",
    "first_aid",
    "benefits",
    "prevention",
}


class DemoContentError(Exception):
    """A readable problem with the demo source; nothing has been written when it is raised."""


def normalise(text):
    return " ".join(html.unescape(text).split())


def prose_fragments(value):
    """Plain-text pieces of a string that may contain HTML tags."""
    return [normalise(part) for part in re.split(r"<[^>]+>", value or "") if normalise(part)]


@dataclass
class DemoSource:
    root: Path
    site: dict = field(default_factory=dict)
    authors: list = field(default_factory=list)
    tags: list = field(default_factory=list)
    techniques: list = field(default_factory=list)
    articles: list = field(default_factory=list)
    seeds: dict = field(default_factory=dict)

    @classmethod
    def load(cls, root=DEFAULT_SOURCE):
        root = Path(root)
        if not root.is_dir():
            raise DemoContentError(f"Demo content folder not found: {root}")
        data = {name: cls._read_yaml(root / name) for name in DATA_FILES}
        source = cls(
            root=root,
            site=data["site.yaml"],
            authors=data["author_bio.yaml"].get("authors", []),
            tags=data["techniques.yaml"].get("tags", []),
            techniques=data["techniques.yaml"].get("techniques", []),
            articles=data["articles.yaml"].get("articles", []),
        )
        seed_names = sorted({article["seed"] for article in source.articles})
        source.seeds = {name: cls._read_text(root / "seeds" / name) for name in seed_names}
        source.check_prose()
        return source

    @staticmethod
    def _read_text(path):
        try:
            return path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise DemoContentError(f"Seed or data file not found: {path}") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise DemoContentError(f"Cannot read {path}: {exc}") from None

    @classmethod
    def _read_yaml(cls, path):
        try:
            data = yaml.safe_load(cls._read_text(path))
        except yaml.YAMLError as exc:
            raise DemoContentError(f"{path} is not valid YAML: {exc}") from None
        if not isinstance(data, dict):
            raise DemoContentError(f"{path} must hold a mapping at the top level.")
        return data

    @property
    def all_seed_text(self):
        return normalise(" ".join(self.seeds.values()))

    def check_prose(self):
        """Raise if any prose fragment is not found verbatim in the seeds."""
        problems = []
        everything = self.all_seed_text
        for article in self.articles:
            seed = normalise(self.seeds[article["seed"]])
            for fragment in self._article_prose(article):
                if fragment not in seed:
                    problems.append(f"{article['slug']}: “{fragment[:80]}”")
        for label, fragment in self._other_prose():
            if fragment not in everything:
                problems.append(f"{label}: “{fragment[:80]}”")
        if problems:
            raise DemoContentError(
                "Demo text that is not in the seed articles:\n  " + "\n  ".join(problems)
            )

    def _article_prose(self, article):
        texts = [article.get("title"), article.get("subtitle"), article.get("seo_title")]
        texts += [article.get("search_description"), article.get("summary")]
        for block in article.get("body", []):
            value = block["value"]
            if block["type"] == "book_cta":
                continue  # short interface labels, not claims
            texts += [value.get("heading"), value.get("intro"), value.get("outro")]
            texts += [value.get("body"), value.get("threshold")]
            texts += value.get("red_flags", [])
            for item in value.get("items", []):
                texts += [item.get("title"), item.get("text")]
                texts += [item.get("question"), item.get("answer")]
        return [f for text in texts for f in prose_fragments(text)]

    def _other_prose(self):
        for technique in self.techniques:
            for key in ("summary", "how_it_works", "what_to_expect", "precautions"):
                for fragment in prose_fragments(technique.get(key)):
                    yield technique["slug"], fragment
        for author in self.authors:
            texts = [
                author.get("bio"),
                author.get("job_title"),
                author.get("years_of_practice_text"),
            ]
            for fragment in [
                f for t in texts + author.get("specialties", []) for f in prose_fragments(t)
            ]:
                yield author["slug"], fragment
        yield from (("home", f) for f in prose_fragments(self.site["home"].get("intro")))
        for key, index in self.site["indexes"].items():
            yield from ((f"{key} index", f) for f in prose_fragments(index.get("intro")))
        for location in [self.site["location"], *self.site.get("more_locations", [])]:
            yield from (("location", f) for f in prose_fragments(location.get("description")))
        for service in self.site["services"]:
            yield from ((service["slug"], f) for f in prose_fragments(service.get("description")))
