"""``barrierfree workforce staffing``: a plan as a table or JSON, from a file or standard input, clear errors."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from barrierfree.cli import app
from barrierfree.core.db import Database
from barrierfree.core.i18n import use_language
from barrierfree.core.orgs.models import Organisation, OrgKind
from barrierfree.core.settings import get_settings
from barrierfree.workforce import bidding_solve, recruitment
from barrierfree.workforce.bidding_solve import BiddingUnsolved
from barrierfree.workforce.models import PlanStatus, Programme, ShiftPlan

runner = CliRunner()
HISTORY = "start,volume\n" + "".join(
    f"{(dt.date(2026, 11, 30) - dt.timedelta(weeks=week)).isoformat()}T{time},{volume}\n"
    for week in range(1, 5)
    for time, volume in (("09:00", 60), ("09:30", 100))
)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Messages in English (the platform's default language is zh-CN); the Chinese ones are tested on their own."""
    with use_language("en"):
        yield


def test_staffing_prints_a_table_of_the_busy_intervals(tmp_path: Path) -> None:
    history = tmp_path / "history.csv"
    history.write_text(HISTORY, encoding="utf-8")
    result = runner.invoke(app, ["workforce", "staffing", str(history), "--date", "2026-11-30"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert [line[:5] for line in lines[1:3]] == ["09:00", "09:30"]
    assert "Scheduled agent-hours" in lines[-1]


def test_staffing_reads_standard_input_and_prints_json() -> None:
    result = runner.invoke(
        app, ["workforce", "staffing", "-", "--date", "2026-11-30", "--handle-seconds", "180", "--json"], input=HISTORY
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    busiest = document["intervals"][19]
    assert busiest["start"] == "2026-11-30T09:30" and busiest["agents"] == 14
    assert document["targets"]["handle_seconds"] == 180


def test_bad_history_exits_2_naming_the_line(tmp_path: Path) -> None:
    history = tmp_path / "history.csv"
    history.write_text("start,volume\n2026-11-23T09:00,-5\n", encoding="utf-8")
    result = runner.invoke(app, ["workforce", "staffing", str(history), "--date", "2026-11-30"])
    assert result.exit_code == 2
    assert "Line 2" in result.stderr and "Traceback" not in result.output


def test_missing_file_and_bad_date_exit_2(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["workforce", "staffing", str(tmp_path / "none.csv"), "--date", "2026-11-30"])
    assert missing.exit_code == 2 and "No file" in missing.stderr
    history = tmp_path / "history.csv"
    history.write_text(HISTORY, encoding="utf-8")
    bad_date = runner.invoke(app, ["workforce", "staffing", str(history), "--date", "30/11/2026"])
    assert bad_date.exit_code == 2 and "not a date" in bad_date.stderr


def test_errors_read_in_chinese_for_chinese_readers(tmp_path: Path) -> None:
    history = tmp_path / "history.csv"
    history.write_text("start,volume\n2026-11-23T09:00,-5\n", encoding="utf-8")
    with use_language("zh-CN"):
        result = runner.invoke(app, ["workforce", "staffing", str(history), "--date", "2026-11-30"])
    assert result.exit_code == 2 and "第 2 行" in result.stderr


CONTACTS = """agent_id,contact_id,finished_at,task_type,difficulty,handle_seconds,quality,rating,status
a1,c1,2026-11-02T09:15:00+08:00,after-sale,2,200,90,5,resolved
a1,c2,2026-11-02T23:40:00+08:00,complaint,1,900,95,,transferred
a1,c3,2026-11-03T10:02:00+08:00,complaint,1,15,0,,abandoned
b2,c4,2026-11-04T10:02:00+08:00,consultation,1,60,99,4,resolved
"""


def test_payroll_prints_itemised_payslips_and_json(tmp_path: Path) -> None:
    contacts = tmp_path / "contacts.csv"
    contacts.write_text(CONTACTS, encoding="utf-8")
    period = ["--from", "2026-11-01", "--to", "2026-11-30"]
    result = runner.invoke(app, ["workforce", "payroll", str(contacts), *period, "--equipment", "b2"])
    assert result.exit_code == 0, result.output
    assert "Payslip of a1" in result.stdout and "Payslip of b2" in result.stdout
    assert "abandoned" in result.stdout.lower()
    as_json = runner.invoke(app, ["workforce", "payroll", "-", *period, "--agent", "b2", "--json"], input=CONTACTS)
    assert as_json.exit_code == 0, as_json.output
    slips = json.loads(as_json.stdout)["payslips"]
    assert [slip["agent_id"] for slip in slips] == ["b2"]
    codes = {line["code"] for line in slips[0]["lines"]}
    assert "equipment-allowance" not in codes  # --equipment was not given this time
    total = sum(Decimal(line["amount"]) for line in slips[0]["lines"])
    assert Decimal(slips[0]["total"]) == total


def test_payroll_names_the_bad_line_and_the_bad_option(tmp_path: Path) -> None:
    period = ["--from", "2026-11-01", "--to", "2026-11-30"]
    bad = CONTACTS.replace("after-sale,2,200", "refund,2,200")
    result = runner.invoke(app, ["workforce", "payroll", "-", *period], input=bad)
    assert result.exit_code == 2 and "Line 2" in result.output and "refund" in result.output
    odd = runner.invoke(app, ["workforce", "payroll", "-", *period, "--apprentices", "a1:2"], input=CONTACTS)
    assert odd.exit_code == 2 and "AGENT=COUNT" in odd.output
    missing = runner.invoke(app, ["workforce", "payroll", str(tmp_path / "none.csv"), *period])
    assert missing.exit_code == 2 and "No file" in missing.output
    nobody = runner.invoke(app, ["workforce", "payroll", "-", *period, "--agent", "zz"], input=CONTACTS)
    assert nobody.exit_code == 2 and "zz" in nobody.output


BID_AGENTS = """agent,protected,base,tier,max_day,max_week,availability
a1,yes,1,2,1,5,mon-fri 08:00-18:00
a2,no,0,3,1,5,
"""
BID_SHIFTS = """shift,start,end,seats
mon-day,2026-12-07T08:00+08:00,2026-12-07T16:00+08:00,1
tue-day,2026-12-08T08:00+08:00,2026-12-08T16:00+08:00,1
"""
BID_BIDS = """agent,shift
a1,mon-day
a2,mon-day
a2,tue-day
"""
BID_REQUIREMENT = """start,agents
2026-12-07T08:00+08:00,1
2026-12-08T08:00+08:00,1
"""


def _bid_files(tmp_path: Path, bids: str = BID_BIDS) -> list[str]:
    paths = []
    for name, text in (
        ("agents", BID_AGENTS),
        ("shifts", BID_SHIFTS),
        ("bids", bids),
        ("requirement", BID_REQUIREMENT),
    ):
        path = tmp_path / f"{name}.csv"
        path.write_text(text, encoding="utf-8")
        paths += [f"--{name}", str(path)]
    return paths


def test_bid_allocate_publishes_and_explains_each_bid(tmp_path: Path) -> None:
    out = tmp_path / "schedule.json"
    result = runner.invoke(
        app, ["workforce", "bid-allocate", *_bid_files(tmp_path), "--time-limit", "20", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "Protected minimums met: yes" in result.stdout and "100.00%" in result.stdout
    published = json.loads(out.read_text(encoding="utf-8"))
    assert published["grants"] == {"a1": ["mon-day"], "a2": ["tue-day"]}
    mine = runner.invoke(
        app, ["workforce", "bid-allocate", *_bid_files(tmp_path), "--time-limit", "20", "--agent", "a2", "--json"]
    )
    decisions = {d["shift"]: d for d in json.loads(mine.stdout)["decisions"]}
    assert decisions["mon-day"]["granted"] is False and decisions["mon-day"]["reasons"]
    assert decisions["tue-day"]["granted"] is True


def test_bid_allocate_names_a_bad_line_and_keeps_the_published_schedule(tmp_path: Path) -> None:
    out = tmp_path / "schedule.json"
    out.write_text('{"published": true}', encoding="utf-8")
    bad = runner.invoke(
        app, ["workforce", "bid-allocate", *_bid_files(tmp_path, BID_BIDS + "zz,mon-day\n"), "--out", str(out)]
    )
    assert bad.exit_code == 2 and "line 5" in bad.output.lower() and "zz" in bad.output
    assert json.loads(out.read_text(encoding="utf-8")) == {"published": True}
    nobody = runner.invoke(app, ["workforce", "bid-allocate", *_bid_files(tmp_path), "--agent", "nobody"])
    assert nobody.exit_code == 2 and "nobody" in nobody.output


def test_a_failed_solve_never_overwrites_the_published_schedule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "schedule.json"
    out.write_text('{"published": true}', encoding="utf-8")

    def no_allocation(*_args: object, **_kwargs: object) -> None:
        raise BiddingUnsolved("No allocation was found within the time limit; the published schedule stands.")

    monkeypatch.setattr(bidding_solve, "allocate", no_allocation)
    result = runner.invoke(app, ["workforce", "bid-allocate", *_bid_files(tmp_path), "--out", str(out)])
    assert result.exit_code == 1 and "published schedule stands" in result.output
    assert json.loads(out.read_text(encoding="utf-8")) == {"published": True}


@pytest.fixture
def platform(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, database: Database) -> Iterator[int]:
    """The CLI on this test's database, with one employer; yields the employer's id."""
    monkeypatch.setenv("BARRIERFREE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("BARRIERFREE_DEFAULT_LANGUAGE", "en")
    monkeypatch.setenv("BARRIERFREE_DATABASE_URL", str(database.engine.url.render_as_string(hide_password=False)))
    get_settings.cache_clear()
    with database.session() as session:
        employer = Organisation(name="Cloud Service Co", kind=OrgKind.EMPLOYER)
        session.add(employer)
        session.flush()
        session.add(Programme(organisation_id=employer.id))
        employer_id = employer.id
    yield employer_id
    get_settings.cache_clear()


def test_bid_allocate_publishes_on_the_platform_and_a_failure_keeps_it(
    tmp_path: Path, platform: int, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    command = ["workforce", "bid-allocate", *_bid_files(tmp_path), "--time-limit", "10", "--employer", str(platform)]

    published = runner.invoke(app, [*command, "--title", "Week 50"])

    assert published.exit_code == 0, published.output
    assert "published" in published.stdout

    def no_allocation(*_args: object, **_kwargs: object) -> None:
        raise BiddingUnsolved("no allocation in time")

    monkeypatch.setattr(bidding_solve, "allocate", no_allocation)
    failed = runner.invoke(app, [*command, "--title", "Week 50 again", "--json"])
    assert failed.exit_code == 1 and "nothing was published" in failed.output
    with database.session() as session:
        statuses = [plan.status for plan in session.scalars(select(ShiftPlan).order_by(ShiftPlan.id))]
    assert statuses == [PlanStatus.PUBLISHED, PlanStatus.FAILED]
    untitled = runner.invoke(app, command)
    assert untitled.exit_code == 2 and "title" in untitled.output
    nowhere = runner.invoke(app, [*command[:-1], str(platform + 99), "--title", "x"])
    assert nowhere.exit_code != 0 and "no employer" in nowhere.output


CURTOIS = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "scheduling" / "curtois"
needs_curtois = pytest.mark.skipif(not CURTOIS.is_dir(), reason="../shared/data/scheduling/curtois is absent")


@needs_curtois
def test_nrp_solve_writes_a_roster_that_nrp_check_accepts(tmp_path: Path) -> None:
    roster = tmp_path / "roster.txt"
    instance = str(CURTOIS / "txt" / "Instance1.txt")
    solved = runner.invoke(app, ["workforce", "nrp", "solve", instance, "--time-limit", "10", "--out", str(roster)])
    assert solved.exit_code == 0, solved.output
    assert "Objective 607" in solved.stdout  # the published optimum
    checked = runner.invoke(app, ["workforce", "nrp", "check", instance, str(roster), "--json"])
    assert checked.exit_code == 0, checked.output
    report = json.loads(checked.stdout)
    assert report["feasible"] is True and report["objective"] == 607


@needs_curtois
def test_nrp_check_names_broken_rules_and_bad_lines(tmp_path: Path) -> None:
    instance = str(CURTOIS / "txt" / "Instance1.txt")
    everyone_off = runner.invoke(app, ["workforce", "nrp", "check", instance, "-"], input="")
    lines = [f"{employee}\t" + "\t".join(["D"] * 14) for employee in "ABCDEFGH"]
    overworked = runner.invoke(app, ["workforce", "nrp", "check", instance, "-"], input="\n".join(lines) + "\n")
    assert overworked.exit_code == 1 and "Infeasible" in overworked.stdout
    garbled = runner.invoke(app, ["workforce", "nrp", "check", instance, "-"], input="A\tX\n")
    assert garbled.exit_code == 2 and "1" in garbled.output
    assert everyone_off.exit_code == 2 and "“A”" in everyone_off.output  # an empty roster lacks A's line


def test_the_operator_opens_and_closes_an_employers_programme(platform: int, database: Database) -> None:
    closed = runner.invoke(app, ["workforce", "programme", str(platform), "--close", "--json"])

    assert closed.exit_code == 0, closed.output
    assert json.loads(closed.stdout) == {"organisation_id": platform, "taking_applications": False}
    with database.session() as session:
        assert not recruitment.takes_applications(session, platform)
    opened = runner.invoke(app, ["workforce", "programme", str(platform), "--open"])
    assert opened.exit_code == 0 and "takes applications" in opened.stdout
    unknown = runner.invoke(app, ["workforce", "programme", str(platform + 99), "--open"])
    assert unknown.exit_code != 0 and "no employer" in unknown.output and "Traceback" not in unknown.output
