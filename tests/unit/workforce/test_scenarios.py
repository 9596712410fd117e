"""Scenario files: every shipped one loads and can be completed; the loader names the file and field of a mistake."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from barrierfree.core.i18n import use_language
from barrierfree.workforce._matching import conveys, markers_in
from barrierfree.workforce.errors import InvalidWorkforceInput
from barrierfree.workforce.rubric import HOUSE_COURTESY, rude_markers
from barrierfree.workforce.scenario import (
    CATEGORIES,
    FORMAT_VERSION,
    Scenario,
    get_scenario,
    load_scenario,
    parse_scenario,
    parse_scenario_text,
    shipped_scenarios,
)
from barrierfree.workforce.simulation import Session

SHIPPED = {scenario.id: scenario for scenario in shipped_scenarios()}
SCENARIO_DIR = Path(__file__).resolve().parents[3] / "src" / "barrierfree" / "workforce" / "scenarios"


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Messages in English (the platform's default language is zh-CN); the Chinese ones are tested on their own."""
    with use_language("en"):
        yield


def _document() -> dict[str, Any]:
    """A valid scenario document to break one field at a time."""
    return json.loads((SCENARIO_DIR / "refund-damaged-goods.json").read_text(encoding="utf-8"))


def _plain(keyword: str) -> str:
    return keyword.rstrip("*")


def test_at_least_six_scenarios_ship_covering_pre_and_after_sale() -> None:
    assert len(SHIPPED) >= 6
    assert {scenario.category for scenario in SHIPPED.values()} == set(CATEGORIES)
    assert {"refund-damaged-goods", "delivery-delay", "size-exchange", "screen-reader-order"} <= SHIPPED.keys()


@pytest.mark.parametrize("scenario_id", sorted(SHIPPED))
def test_every_shipped_file_loads_from_disk_with_its_id_as_name(scenario_id: str) -> None:
    assert load_scenario(SCENARIO_DIR / f"{scenario_id}.json") == SHIPPED[scenario_id]


@pytest.mark.parametrize("scenario_id", sorted(SHIPPED))
def test_every_keyword_on_its_own_conveys_its_fact(scenario_id: str) -> None:
    for fact in SHIPPED[scenario_id].facts:
        for keyword in fact.keywords.zh_cn:
            assert conveys(f"好的，{keyword}。", fact.keywords.all), (fact.id, keyword)
        for keyword in fact.keywords.en:
            assert conveys(f"Sure, {_plain(keyword)} here.", fact.keywords.all), (fact.id, keyword)


@pytest.mark.parametrize("scenario_id", sorted(SHIPPED))
def test_no_customer_line_and_no_courtesy_marker_counts_as_rude(scenario_id: str) -> None:
    scenario = SHIPPED[scenario_id]
    rude = rude_markers(scenario)
    courtesy = HOUSE_COURTESY.all + scenario.courtesy.all
    assert not [word for word in courtesy if markers_in(_plain(word), rude)]
    lines = scenario.lines
    texts = [lines.opening, lines.escalation, lines.closing, *lines.impatience, *lines.acknowledgements]
    texts += [line for follow_ups in lines.follow_ups.values() for line in follow_ups]
    for text in texts:
        assert not markers_in(text.zh_cn + " " + text.en, rude), text


@pytest.mark.parametrize("language", ["zh-CN", "en"])
@pytest.mark.parametrize("scenario_id", sorted(SHIPPED))
def test_every_shipped_scenario_can_be_completed_with_full_marks(scenario_id: str, language: str) -> None:
    """A prompt, courteous reply per fact, the resolving ones last: resolved with every fact conveyed."""
    scenario: Scenario = SHIPPED[scenario_id]
    session = Session.start(scenario, language=language)
    courtesy = "您好，感谢您的耐心等待，" if language == "zh-CN" else "Hello, thank you for your patience, "
    order = sorted(scenario.facts, key=lambda fact: fact.id in scenario.resolution_facts)
    for number, fact in enumerate(order, start=1):
        assert not session.ended
        keyword = _plain(fact.keywords.in_(language)[0])
        exchange = session.answer(f"{courtesy}{keyword}。" if language == "zh-CN" else f"{courtesy}{keyword}.", 20)
        assert fact.id in exchange.feedback.check.new_facts
        assert exchange.customer.ended == (number == len(order))
        session = exchange.session
    result = session.finish()
    assert result.resolved and not result.escalated and not result.missing
    assert result.total == 100


def test_get_scenario_names_the_known_ids_when_the_id_is_unknown() -> None:
    assert get_scenario("size-exchange").id == "size-exchange"
    with pytest.raises(InvalidWorkforceInput, match=r"no scenario “nope”.*refund-damaged-goods") as caught:
        get_scenario("nope")
    assert caught.value.field == "scenario"


def _broken(change: str) -> dict[str, Any]:
    document = copy.deepcopy(_document())
    if change == "title-en":
        del document["title"]["en"]
    elif change == "category":
        document["category"] = "in-sale"
    elif change == "duplicate-fact":
        document["facts"].append(copy.deepcopy(document["facts"][0]))
    elif change == "resolution-unknown":
        document["resolution"]["facts"] = ["full-refund", "teleport"]
    elif change == "follow-up-missing":
        del document["lines"]["follow_ups"]["photo"]
    elif change == "follow-up-extra":
        document["lines"]["follow_ups"]["ghost"] = [{"zh-CN": "啊", "en": "ah"}]
    elif change == "language-extra":
        document["goal"]["fr"] = "rembourser"
    elif change == "max-turns-zero":
        document["patience"]["max_turns"] = 0
    elif change == "strikes-bool":
        document["patience"]["strikes"] = True
    elif change == "keywords-empty":
        document["facts"][1]["keywords"]["en"] = []
    elif change == "blank-line":
        document["lines"]["impatience"][2]["zh-CN"] = "   "
    elif change == "format":
        document["format"] = FORMAT_VERSION + 1
    elif change == "id":
        document["id"] = "Refund Damaged"
    elif change == "mood":
        document["persona"]["mood"] = "sleepy"
    elif change == "facts-not-list":
        document["facts"] = {"id": "x"}
    return document


@pytest.mark.parametrize(
    ("change", "field", "fragment"),
    [
        ("title-en", "title.en", "this field is missing"),
        ("category", "category", "expected one of: pre-sale, after-sale"),
        ("duplicate-fact", "facts[4].id", "the fact “full-refund” is listed twice"),
        ("resolution-unknown", "resolution.facts[1]", "“teleport” is not the id of a fact"),
        ("follow-up-missing", "lines.follow_ups.photo", "each fact needs the customer's question"),
        ("follow-up-extra", "lines.follow_ups.ghost", "“ghost” is not the id of a fact"),
        ("language-extra", "goal.fr", "only zh-CN and en are supported"),
        ("max-turns-zero", "patience.max_turns", "a whole number from 1 to 30"),
        ("strikes-bool", "patience.strikes", "a whole number from 1 to 10"),
        ("keywords-empty", "facts[1].keywords.en", "the list is empty"),
        ("blank-line", "lines.impatience[2].zh-CN", "expected a non-empty text"),
        ("format", "format", "expected 1"),
        ("id", "id", "lower-case letters"),
        ("mood", "persona.mood", "expected one of: calm"),
        ("facts-not-list", "facts", "expected a list"),
    ],
)
def test_loader_errors_name_the_file_and_the_field(change: str, field: str, fragment: str) -> None:
    with pytest.raises(InvalidWorkforceInput) as caught:
        parse_scenario(_broken(change), "broken.json")
    assert caught.value.field == field
    assert caught.value.message.startswith(f"Scenario broken.json, field “{field}”: ")
    assert fragment in caught.value.message


def test_invalid_json_names_the_file_and_line() -> None:
    with pytest.raises(InvalidWorkforceInput, match=r"Scenario odd.json is not valid JSON \(line 3\)"):
        parse_scenario_text('{\n  "format": 1,\n  "id": oops\n}', "odd.json")


def test_a_file_whose_id_differs_from_its_name_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other-name.json"
    path.write_text(json.dumps(_document(), ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InvalidWorkforceInput, match=r"other-name\.json, field “id”: the id must equal the file name"):
        load_scenario(path)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(InvalidWorkforceInput, match=r"Scenario absent\.json cannot be read"):
        load_scenario(tmp_path / "absent.json")


def test_chinese_messages_name_the_field_too() -> None:
    with use_language("zh-CN"), pytest.raises(InvalidWorkforceInput) as caught:
        parse_scenario(_broken("category"), "broken.json")
    assert "broken.json" in caught.value.message and "category" in caught.value.message


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 40) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)


@given(document=JSON_VALUES)
def test_any_json_document_is_either_a_scenario_or_an_invalid_input(document: object) -> None:
    try:
        parse_scenario(document, "fuzz.json")
    except InvalidWorkforceInput as error:
        assert error.message.startswith("Scenario fuzz.json, field “")


@given(
    path=st.sampled_from(["title", "persona", "goal", "facts", "lines", "patience", "resolution"]), value=JSON_VALUES
)
def test_replacing_any_top_level_field_with_junk_names_that_field_or_loads(path: str, value: object) -> None:
    document = _document()
    document[path] = value
    try:
        parse_scenario(document, "fuzz.json")
    except InvalidWorkforceInput as error:
        assert error.field is not None
        assert error.field.startswith(path) or error.field.startswith(("resolution", "lines"))


def test_a_file_that_is_not_utf8_is_named() -> None:
    with pytest.raises(InvalidWorkforceInput, match=r"Scenario latin.json is not valid JSON \(not UTF-8\)"):
        parse_scenario_text('{"id": "caf\xe9"}'.encode("latin-1"), "latin.json")
