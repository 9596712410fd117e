"""The Health Font over HTTP: the converter page, the label designer and the JSON API, for anyone, storing nothing."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from barrierfree.braille.cells import from_unicode
from tests.functional.helpers import assert_problem, field_error, post_form


def test_the_converter_page_converts_without_an_account(client: TestClient) -> None:
    page = client.get("/braille")
    assert page.status_code == 200
    response = post_form(
        client, "/braille", {"text": "每日服用阿胶两次。", "system": "gf2018", "english": "ueb2"}, page="/braille"
    )
    assert response.status_code == 200
    assert "ē" in response.text and "jiāo" in response.text
    assert any(0x2801 <= ord(char) <= 0x28FF for char in response.text)  # the braille is on the page


def test_bad_form_input_names_the_field_and_keeps_the_text(client: TestClient) -> None:
    response = post_form(client, "/braille", {"text": "阿胶", "system": "braille-9"}, page="/braille")
    assert response.status_code == 422
    assert "gf2018" in (field_error(response.text, "system") or "")
    assert "阿胶" in response.text
    empty = post_form(client, "/braille", {"text": "   "}, page="/braille")
    assert empty.status_code == 422 and field_error(empty.text, "text")


def test_api_translate_aligns_words_with_pinyin_and_cells(client: TestClient) -> None:
    response = client.post("/api/v1/braille/translate", json={"text": "人参 Vitamin C", "format": "brf"})
    assert response.status_code == 200, response.text
    body = response.json()
    first = body["words"][0]
    assert first["text"] == "人参" and first["pinyin"] == ["ren2", "shen1"]
    assert from_unicode(first["braille"])
    assert body["format"] == "brf" and body["output"].isascii()
    assert body["system"] == "gf2018"


def test_api_pinyin_reports_characters_without_a_reading(client: TestClient) -> None:
    body = client.post("/api/v1/braille/pinyin", json={"text": "白术😀"}).json()
    assert [c["marked"] for c in body["characters"]] == ["bái", "zhú"]
    assert body["warnings"][0]["position"] == 2


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        ({"text": "阿胶", "system": "nemeth"}, 422),
        ({"text": "阿胶", "english": "grade9"}, 422),
        ({"text": "阿胶", "format": "pdf"}, 422),
        ({"text": "x" * 20_001}, 422),
        ({"text": "阿胶", "cells_per_line": 500}, 422),
        ({"text": "阿胶", "surprise": 1}, 422),
    ],
)
def test_api_refuses_bad_requests_with_a_problem(client: TestClient, payload: dict[str, object], status: int) -> None:
    assert_problem(client.post("/api/v1/braille/translate", json=payload), status)


def test_label_designer_previews_and_downloads(client: TestClient) -> None:
    page = client.get("/braille/label", params={"zh": "阿胶", "en": "Donkey-hide gelatin"})
    assert page.status_code == 200
    assert "<svg" in page.text and "ē" in page.text
    svg = client.get("/braille/label.svg", params={"zh": "阿胶"})
    assert svg.status_code == 200 and svg.headers["content-type"].startswith("image/svg+xml")
    pdf = client.get("/braille/label.pdf", params={"zh": "阿胶", "dots_only": "true"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    api = client.post("/api/v1/braille/label", json={"zh": "人参", "format": "pdf"})
    assert api.status_code == 200 and api.content.startswith(b"%PDF")


def test_label_errors_are_clear(client: TestClient) -> None:
    assert_problem(client.post("/api/v1/braille/label", json={"zh": "人参", "profile": "tiny"}), 422)
    assert client.get("/braille/label.png", params={"zh": "人参"}).status_code == 422
    page = client.get("/braille/label", params={"zh": "人参", "profile": "tiny"})
    assert page.status_code == 422 and field_error(page.text, "profile")
