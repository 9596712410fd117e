"""The route planner and barrier reports: routes as text in both languages, reports applied at once, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from barrierfree import routing
from barrierfree.core.db import Database
from barrierfree.routing import services
from barrierfree.routing.demo import DEMO_POINTS
from tests.functional.helpers import Factory, assert_problem, audit_count, bearer, field_error, login, post_form
from tests.unit.routing.synthetic import POINT, write_map

HUBIN = "{},{}".format(*DEMO_POINTS["hubin"])
RENHE = "{},{}".format(*DEMO_POINTS["renhe_zhonghe"])
BRIDGE = "{},{}".format(*DEMO_POINTS["bridge_east"])


def test_a_wheelchair_route_is_written_out_and_says_what_it_avoided(client: TestClient) -> None:
    client.cookies.set("bf_lang", "en")
    page = client.get("/routing", params={"from": HUBIN, "to": RENHE, "profile": "manual_wheelchair"})
    assert page.status_code == 200
    assert "Start on Pinghai Road" in page.text and "You have arrived." in page.text
    assert "loose gravel" in page.text and "avoids them" in page.text
    assert 'role="img"' in page.text and "Sketch of the route" in page.text  # the drawing, with its text alternative
    assert "the route leaves the shortest way, to avoid loose gravel" in page.text  # on the step where it turns away
    assert 'class="route-map-major_road"' in page.text and ">Yan&#39;an Road</text>" in page.text  # streets around


def test_the_route_comes_in_chinese_with_chinese_street_names(client: TestClient) -> None:
    client.cookies.set("bf_lang", "zh-CN")
    page = client.get("/routing", params={"from": HUBIN, "to": RENHE, "profile": "foot"})
    assert page.status_code == 200 and "从平海路出发" in page.text and "您已到达" in page.text


def test_a_route_too_strict_explains_itself_and_bad_points_are_named(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    client.cookies.set("bf_lang", "en")
    blocked = client.get("/routing", params={"from": HUBIN, "to": RENHE, "unknown": "block", "max_uphill": "2"})
    assert blocked.status_code == 422 and "the slope is not known" in (field_error(blocked.text, "from") or "")
    bad = client.get("/routing", params={"from": "north", "to": RENHE})
    assert bad.status_code == 422 and "latitude,longitude" in (field_error(bad.text, "from") or "")
    far = client.get("/routing", params={"from": "31.0,121.0", "to": RENHE})
    assert far.status_code == 422 and "200 m" in (field_error(far.text, "from") or "")
    unknown = client.get("/routing", params={"from": HUBIN, "to": RENHE, "profile": "bicycle"})
    assert unknown.status_code == 422 and "Unknown profile" in unknown.text
    # On the test map the only ways from B down to E are 12 steps or ramps falling 4 %.
    graph = routing.build_graph(write_map(tmp_path))
    monkeypatch.setattr(services, "configured_graph", lambda settings: graph)
    b, e = ("{},{}".format(*POINT[name]) for name in "BE")
    strict = client.get("/routing", params={"from": b, "to": e, "profile": "manual_wheelchair", "max_downhill": "3"})
    assert strict.status_code == 200 and "No route found" in strict.text
    assert "Every way is blocked by" in strict.text and "gives a route of" in strict.text


def test_a_reported_barrier_reroutes_the_next_query_and_can_be_withdrawn(
    client: TestClient, factory: Factory, database: Database
) -> None:
    client.cookies.set("bf_lang", "en")
    factory.user("lin.wheels")
    login(client, "lin.wheels")
    before = client.get("/routing", params={"from": HUBIN, "to": RENHE, "profile": "manual_wheelchair"})
    filed = post_form(
        client,
        "/routing/reports",
        {"kind": "works", "position": "30.2590,120.1650", "note": "Pavement dug up", "lasts": "24"},
        page="/routing/reports",
    )
    assert filed.status_code == 303
    assert "applies to every route" in client.get(filed.headers["location"]).text
    assert audit_count(database, "routing.report.filed") == 1
    after = client.get("/routing", params={"from": HUBIN, "to": RENHE, "profile": "manual_wheelchair"})
    assert after.text != before.text  # the works on Pinghai Road send the route another way
    report_id = client.get("/api/v1/routing/reports").json()["reports"][0]["id"]
    short = post_form(client, f"/routing/reports/{report_id}/revoke", {"reason": "no"}, page="/routing/reports")
    assert short.status_code == 422 and field_error(short.text, f"reason-{report_id}")
    done = post_form(
        client, f"/routing/reports/{report_id}/revoke", {"reason": "The works are finished"}, page="/routing/reports"
    )
    assert done.status_code == 303 and "withdrawn" in client.get(done.headers["location"]).text
    assert client.get("/api/v1/routing/reports").json()["reports"] == []


def test_reporting_needs_an_account_and_a_known_kind(client: TestClient, factory: Factory) -> None:
    client.cookies.set("bf_lang", "en")
    assert "Log in to report" in client.get("/routing/reports").text
    factory.user("zhao.cane")
    login(client, "zhao.cane")
    odd = post_form(client, "/routing/reports", {"kind": "ufo", "position": BRIDGE}, page="/routing/reports")
    assert odd.status_code == 422 and field_error(odd.text, "kind")
    long_lasting = post_form(
        client, "/routing/reports", {"kind": "works", "position": BRIDGE, "lasts": "9999"}, page="/routing/reports"
    )
    assert long_lasting.status_code == 422 and "90 days" in long_lasting.text


def test_the_api_plans_routes_and_files_reports(api: TestClient, factory: Factory) -> None:
    token = factory.token(factory.user("api.router"))
    lat, lon = DEMO_POINTS["hubin"]
    route = api.get("/api/v1/routing/route", params={"from": HUBIN, "to": RENHE, "profile": "blind", "lang": "en"})
    assert route.status_code == 200 and route.json()["steps"][-1]["text"] == "You have arrived."
    blocked = {"from": HUBIN, "to": RENHE, "profile": "manual_wheelchair", "lang": "en", "unknown": "block"}
    none = api.get("/api/v1/routing/route", params={**blocked, "max_uphill": 1})
    assert "the slope is not known" in assert_problem(none, 422)["detail"]
    assert api.post("/api/v1/routing/reports", json={"kind": "works", "lat": lat, "lon": lon}).status_code == 401
    filed = api.post("/api/v1/routing/reports", json={"kind": "works", "lat": lat, "lon": lon}, headers=bearer(token))
    assert filed.status_code == 201 and filed.json()["kind"] == "works"
    official = api.post(
        "/api/v1/routing/reports",
        json={"kind": "works", "lat": lat, "lon": lon, "source": "official"},
        headers=bearer(token),
    )
    assert_problem(official, 403)
