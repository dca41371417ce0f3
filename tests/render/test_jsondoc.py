import json

from newsdesk.render import render_json

CONTRACT = {
    "articles": {"id", "source", "title", "outlet", "published", "authors", "agencies", "language", "text",
                 "removed", "origin"},
    "origins": {"id", "articles", "agency"},
    "entities": {"id", "name", "type", "aliases", "mentions"},
    "quotes": {"id", "speaker", "renderings", "independent_sources"},
    "claims": {"id", "text", "articles", "independent_sources", "status"},
    "discrepancies": {"id", "about", "confidence", "variants"},
    "timeline": {"date", "precision", "text", "articles"},
    "events": {"type", "mode", "actor", "target", "date", "text", "articles"},
    "summary": {"text", "articles"},
}


def test_json_follows_the_dossier_contract(dossier):
    data = json.loads(render_json(dossier))
    assert data["schema"] == "newsdesk.dossier/1"
    for key, fields in CONTRACT.items():
        assert data[key], key
        for item in data[key]:
            assert fields <= set(item), (key, fields - set(item))
    assert set(data["quotes"][0]["speaker"]) >= {"name", "entity"}
    assert set(data["quotes"][0]["renderings"][0]) >= {"article", "text", "start", "end", "direct"}
    assert set(data["entities"][0]["mentions"][0]) >= {"article", "start", "end"}
    assert set(data["discrepancies"][0]["variants"][0]) >= {"text", "articles"}


def test_offsets_in_json_index_the_article_text(dossier):
    data = json.loads(render_json(dossier))
    texts = {a["id"]: a["text"] for a in data["articles"]}
    for quote in data["quotes"]:
        for r in quote["renderings"]:
            assert texts[r["article"]][r["start"]:r["end"]] == r["text"]
