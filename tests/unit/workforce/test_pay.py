"""Piece-rate pay: hand-computed payslips, the contacts CSV and rules JSON named line by line, and pay's properties."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections.abc import Iterator
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from barrierfree.core.i18n import use_language
from barrierfree.workforce import contacts as contacts_module
from barrierfree.workforce import pay
from barrierfree.workforce.contacts import Contact, ContactStatus
from barrierfree.workforce.errors import InvalidWorkforceInput
from barrierfree.workforce.pay_rules import DEFAULT_PAY_RULES, FEN, PayRules

SHANGHAI = dt.timezone(dt.timedelta(hours=8))
NOVEMBER = (dt.date(2026, 11, 1), dt.date(2026, 11, 30))
HEADER = "agent_id,contact_id,finished_at,task_type,difficulty,handle_seconds,quality,rating,status\n"


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Messages in English (the platform's default language is zh-CN)."""
    with use_language("en"):
        yield


def _contact(
    number: int,
    *,
    agent: str = "a1",
    task: str = "after-sale",
    difficulty: int = 2,
    seconds: int = 200,
    quality: int = 90,
    rating: int | None = None,
    status: ContactStatus = ContactStatus.RESOLVED,
    at: dt.datetime | None = None,
) -> Contact:
    """A contact on 2 November 2026, 09:00 Shanghai time plus ``number`` minutes, unless ``at`` says otherwise."""
    finished = at or dt.datetime(2026, 11, 2, 9, 0, tzinfo=SHANGHAI) + dt.timedelta(minutes=number)
    return Contact(agent, f"c{number}", finished, task, difficulty, seconds, quality, rating, status)


def _by_code(slip: pay.Payslip) -> dict[str, pay.PayLine]:
    return {line.code: line for line in slip.lines if line.code not in {"base", "transferred"}}


# Hand-computed payslips


def test_hand_computed_payslip_itemises_every_line() -> None:
    contacts = [
        *(_contact(n, quality=90 if n < 10 else 70, rating=5) for n in range(12)),  # 12 after-sale, difficulty 2
        _contact(20, task="complaint", difficulty=1, seconds=900, status=ContactStatus.TRANSFERRED, at=None),
        _contact(21, task="complaint", status=ContactStatus.ABANDONED, rating=1),
        _contact(
            22, task="consultation", difficulty=3, seconds=100, at=dt.datetime(2026, 11, 3, 23, 30, tzinfo=SHANGHAI)
        ),
    ]
    slip = pay.payslip("a1", *NOVEMBER, contacts, equipment_allowance=True, apprentices=2)
    amounts = [(line.code, line.task_type, line.difficulty, line.quantity, line.amount) for line in slip.lines]
    assert amounts == [
        ("base", "consultation", 3, 1, Decimal("1.60")),  # 1 × 1.00 × 1.6
        ("base", "after-sale", 2, 12, Decimal("23.40")),  # 12 × 1.50 × 1.3
        ("transferred", "complaint", 1, 1, Decimal("1.25")),  # 1 × 2.50 × 1.0 × 50 %
        ("abandoned", None, None, 1, Decimal("0.00")),
        ("speed-bonus", None, None, 11, Decimal("3.30")),  # 10 after-sale + 1 consultation at quality 90, 0.30 each
        ("satisfaction-bonus", None, None, 0, Decimal("0.00")),  # 12 ratings (the abandoned one not counted) < 30
        ("night-allowance", None, None, 1, Decimal("0.50")),
        ("equipment-allowance", None, None, 1, Decimal("100.00")),
        ("mentor-allowance", None, None, 2, Decimal("300.00")),
    ]
    assert slip.total == Decimal("430.05")
    lines = {(line.code, line.task_type): line for line in slip.lines}
    assert lines[("base", "after-sale")].explanation == (
        "Resolved after-sale contacts at difficulty 2: 12 × ¥1.50 × 1.3 = ¥23.40."
    )
    assert lines[("transferred", "complaint")].explanation == (
        "Transferred complaint contacts at difficulty 1 earn 50% of the rate: 1 × ¥2.50 × 1 × 50% = ¥1.25."
    )
    assert "earn nothing" in lines[("abandoned", None)].explanation
    assert "below quality 80, which earn no speed bonus: 2" in lines[("speed-bonus", None)].explanation
    assert "12 rated contacts in the period, at least 30 needed" in lines[("satisfaction-bonus", None)].explanation
    assert lines[("night-allowance", None)].explanation == (
        "Night allowance for contacts finished between 22:00 and 06:00: 1 × ¥0.50 = ¥0.50."
    )


def test_document_is_json_with_exact_strings() -> None:
    slip = pay.payslip("a1", *NOVEMBER, [_contact(n) for n in range(3)])
    document = json.loads(json.dumps(pay.payslip_document(slip)))
    assert document["period"] == {"start": "2026-11-01", "end": "2026-11-30", "timezone": "Asia/Shanghai"}
    assert document["currency"] == "CNY"
    assert document["lines"][0] == {
        "code": "base",
        "task_type": "after-sale",
        "difficulty": 2,
        "quantity": 3,
        "unit_amount": "1.50",
        "multiplier": "1.3",
        "amount": "5.85",
        "explanation": "Resolved after-sale contacts at difficulty 2: 3 × ¥1.50 × 1.3 = ¥5.85.",
    }
    assert document["total"] == "6.75"  # 5.85 + 3 × 0.30 speed bonus
    assert sum(Decimal(line["amount"]) for line in document["lines"]) == Decimal(document["total"])


def test_a_line_is_rounded_once_to_the_fen_half_up() -> None:
    rules = dataclasses.replace(DEFAULT_PAY_RULES, rates={"after-sale": Decimal("1.25")}, speed_target_seconds={})
    slip = pay.payslip("a1", *NOVEMBER, [_contact(0)], rules)
    assert slip.lines[0].amount == Decimal("1.63")  # 1.25 × 1.3 = 1.625: half up, not half even (1.62)
    three = pay.payslip("a1", *NOVEMBER, [_contact(n) for n in range(3)], rules)
    assert three.lines[0].amount == Decimal("4.88")  # 3 × 1.625 = 4.875 rounded once, not 3 × 1.63 = 4.89


def test_speed_bonus_stops_at_its_cap_and_says_so() -> None:
    rules = dataclasses.replace(DEFAULT_PAY_RULES, speed_bonus_cap=Decimal("1.00"))
    line = _by_code(pay.payslip("a1", *NOVEMBER, [_contact(n) for n in range(5)], rules))["speed-bonus"]
    assert (line.quantity, line.amount) == (5, Decimal("1.00"))
    assert "5 × ¥0.30 = ¥1.50" in line.explanation and "capped at ¥1.00 per period" in line.explanation


def test_speed_bonus_needs_the_target_time_and_the_quality() -> None:
    contacts = [
        _contact(0, seconds=300, quality=80),  # at the target and the threshold: counts
        _contact(1, seconds=301, quality=100),  # too slow
        _contact(2, seconds=10, quality=79),  # too careless
        _contact(3, seconds=10, quality=100, status=ContactStatus.TRANSFERRED),  # not resolved
    ]
    line = _by_code(pay.payslip("a1", *NOVEMBER, contacts))["speed-bonus"]
    assert (line.quantity, line.amount) == (1, Decimal("0.30"))


def test_no_speed_bonus_line_explains_why() -> None:
    line = _by_code(pay.payslip("a1", *NOVEMBER, [_contact(0, seconds=999)]))["speed-bonus"]
    assert line.amount == Decimal("0.00")
    assert line.explanation.startswith("No speed bonus: no resolved contact was within the target handle time")


def test_satisfaction_bonus_needs_enough_ratings_and_the_mean() -> None:
    rules = dataclasses.replace(DEFAULT_PAY_RULES, satisfaction_min_ratings=4)
    at_threshold = [_contact(n, rating=5 if n % 2 else 4) for n in range(4)]  # mean exactly 4.5
    line = _by_code(pay.payslip("a1", *NOVEMBER, at_threshold, rules))["satisfaction-bonus"]
    assert line.amount == Decimal("200.00")
    assert line.explanation == (
        "Satisfaction bonus: mean rating 4.50 from 4 ratings (at least 4.5 from at least 4 ratings needed): ¥200.00."
    )
    too_few = _by_code(pay.payslip("a1", *NOVEMBER, at_threshold[:3], rules))["satisfaction-bonus"]
    assert too_few.amount == 0 and "3 rated contacts in the period, at least 4 needed" in too_few.explanation
    just_under = [*at_threshold[:3], _contact(9, rating=4), _contact(10, rating=5), _contact(11, rating=4)]
    low = _by_code(pay.payslip("a1", *NOVEMBER, just_under, rules))["satisfaction-bonus"]  # 26 / 6 = 4.333
    assert low.amount == 0 and "mean rating 4.33 from 6 ratings, 4.5 needed" in low.explanation


def test_shown_mean_is_cut_not_rounded_up_to_the_threshold() -> None:
    rules = dataclasses.replace(DEFAULT_PAY_RULES, satisfaction_min_ratings=3, satisfaction_min_mean=Decimal("4.67"))
    line = _by_code(pay.payslip("a1", *NOVEMBER, [_contact(n, rating=(5, 5, 4)[n]) for n in range(3)], rules))
    assert "mean rating 4.66 from 3 ratings, 4.67 needed" in line["satisfaction-bonus"].explanation


def test_abandoned_ratings_do_not_count_towards_satisfaction() -> None:
    rules = dataclasses.replace(DEFAULT_PAY_RULES, satisfaction_min_ratings=2)
    contacts = [_contact(0, rating=5), _contact(1, rating=5, status=ContactStatus.ABANDONED)]
    line = _by_code(pay.payslip("a1", *NOVEMBER, contacts, rules))["satisfaction-bonus"]
    assert line.amount == 0 and "1 rated contacts" in line.explanation


def test_period_is_local_dates_both_ends_included() -> None:
    utc = dt.UTC
    contacts = [
        _contact(0, at=dt.datetime(2026, 10, 31, 16, 30, tzinfo=utc)),  # 1 Nov 00:30 in Shanghai: in
        _contact(1, at=dt.datetime(2026, 10, 31, 15, 59, tzinfo=utc)),  # 31 Oct 23:59 in Shanghai: out
        _contact(2, at=dt.datetime(2026, 11, 30, 15, 59, tzinfo=utc)),  # 30 Nov 23:59 in Shanghai: in
        _contact(3, at=dt.datetime(2026, 11, 30, 16, 0, tzinfo=utc)),  # 1 Dec 00:00 in Shanghai: out
        _contact(4, agent="a2"),  # someone else's
    ]
    slip = pay.payslip("a1", *NOVEMBER, contacts)
    assert slip.lines[0].quantity == 2


def test_payroll_pays_every_agent_with_contacts_or_allowances_in_id_order() -> None:
    contacts = [_contact(0, agent="b7"), _contact(1, agent="a1"), _contact(2, agent="a1")]
    slips = pay.payroll(pay.PayPeriod(*NOVEMBER), contacts, equipment_agents={"c3"}, apprentices={"m9": 1, "z0": 0})
    assert [slip.agent_id for slip in slips] == ["a1", "b7", "c3", "m9"]
    assert [slip.total for slip in slips] == [Decimal("4.50"), Decimal("2.25"), Decimal("100.00"), Decimal("150.00")]


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: pay.payslip("a1", NOVEMBER[1], NOVEMBER[0], []), "period"),
        (lambda: pay.payslip("a1", *NOVEMBER, [_contact(0, task="refund")]), "contacts"),
        (lambda: pay.payslip("a1", *NOVEMBER, [_contact(0, difficulty=7)]), "contacts"),
        (lambda: pay.payslip("a1", *NOVEMBER, [_contact(0, quality=101)]), "contacts"),
        (lambda: pay.payslip("a1", *NOVEMBER, [_contact(0, seconds=-1)]), "contacts"),
        (lambda: pay.payslip("a1", *NOVEMBER, [_contact(0, rating=0)]), "contacts"),
        (lambda: pay.payslip("a1", *NOVEMBER, [_contact(0, at=dt.datetime(2026, 11, 2, 9))]), "contacts"),
        (lambda: pay.payroll(pay.PayPeriod(*NOVEMBER), [_contact(0, at=dt.datetime(2026, 11, 2, 9))]), "contacts"),
        (lambda: pay.payslip("a1", *NOVEMBER, [], apprentices=-1), "apprentices"),
        (lambda: pay.payslip("a1", *NOVEMBER, [], dataclasses.replace(DEFAULT_PAY_RULES, timezone="Mars")), "timezone"),
    ],
)
def test_bad_payslip_input_is_refused_with_its_field(call: object, field: str) -> None:
    with pytest.raises(InvalidWorkforceInput) as raised:
        call()  # type: ignore[operator]
    assert raised.value.field == field


# The contacts CSV


def test_contacts_parse_with_optional_header_comments_and_blank_lines() -> None:
    text = (
        "# exported 2026-12-01\n"
        + HEADER
        + "a1,c1,2026-11-02T09:15:00+08:00,after-sale,2,200,90,5,resolved\n\n"
        + "a1,c2,2026-11-02T09:20:00+08:00,complaint,1,0,0,,ABANDONED\n"
    )
    first, second = pay.parse_contacts(text)
    assert first == Contact(
        "a1",
        "c1",
        dt.datetime(2026, 11, 2, 9, 15, tzinfo=SHANGHAI),
        "after-sale",
        2,
        200,
        90,
        5,
        ContactStatus.RESOLVED,
    )
    assert (second.rating, second.status) == (None, ContactStatus.ABANDONED)
    assert pay.parse_contacts("a1,c1,2026-11-02T09:15:00+08:00,after-sale,2,200,90,5,resolved") == [first]


GOOD_ROW = "a1,c1,2026-11-02T09:15:00+08:00,after-sale,2,200,90,5,resolved"


@pytest.mark.parametrize(
    ("row", "fragment"),
    [
        ("a1,c1,2026-11-02T09:15:00+08:00,after-sale,2,200,90,5", "Line 2: expected 9 fields"),
        ("a1,c1,2026-11-02T09:15:00+08:00,refund,2,200,90,5,resolved", "Line 2: unknown task type “refund”"),
        (
            "a1,c1,2026-11-02T09:15:00+08:00,after-sale,4,200,90,5,resolved",
            "Line 2: the difficulty “4” must be one of 1, 2, 3",
        ),
        ("a1,c1,2026-11-02T09:15:00+08:00,after-sale,hard,200,90,5,resolved", "the difficulty “hard”"),
        ("a1,c1,2026-11-02T09:15:00+08:00,after-sale,2,-5,90,5,resolved", "Line 2: the handle time “-5” must be"),
        ("a1,c1,2026-11-02T09:15:00+08:00,after-sale,2,99999,90,5,resolved", "the handle time “99999”"),
        ("a1,c1,2026-11-02T09:15:00+08:00,after-sale,2,1.5,90,5,resolved", "the handle time “1.5”"),
        ("a1,c1,2026-11-02T09:15:00+08:00,after-sale,2,200,101,5,resolved", "Line 2: the quality score “101”"),
        ("a1,c1,2026-11-02T09:15:00+08:00,after-sale,2,200,90,6,resolved", "Line 2: the rating “6” must be empty"),
        ("a1,c1,2026-11-02T09:15:00+08:00,after-sale,2,200,90,5,done", "Line 2: the status “done” must be one of"),
        ("a1,c1,2026-11-02T09:15:00,after-sale,2,200,90,5,resolved", "with its offset"),
        ("a1,c1,yesterday,after-sale,2,200,90,5,resolved", "Line 2: “yesterday” is not a date and time"),
        (",c1,2026-11-02T09:15:00+08:00,after-sale,2,200,90,5,resolved", "Line 2: the agent_id “”"),
        ("a1,c 1,2026-11-02T09:15:00+08:00,after-sale,2,200,90,5,resolved", "Line 2: the contact_id “c 1”"),
        (GOOD_ROW, "Line 2: the contact c1 is listed twice (first on line 1)"),
        ('a1,"c1,2026', "Line 2: not a CSV row"),
        ('a1,"c1"x,2026', "Line 2: not a CSV row"),
    ],
)
def test_bad_contact_line_is_named_with_its_reason(row: str, fragment: str) -> None:
    text = (
        GOOD_ROW.replace("c1", "c0") + "\n" + row + "\n" if "listed twice" not in fragment else f"{GOOD_ROW}\n{row}\n"
    )
    with pytest.raises(InvalidWorkforceInput, match=re.escape(fragment)) as raised:
        pay.parse_contacts(text)
    assert raised.value.field == "contacts"


def test_contacts_file_size_is_limited(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(contacts_module, "MAX_CONTACT_ROWS", 2)
    rows = "".join(GOOD_ROW.replace("c1", f"c{n}") + "\n" for n in range(3))
    with pytest.raises(InvalidWorkforceInput, match="more than 2 rows"):
        pay.parse_contacts(rows)
    assert len(pay.parse_contacts(rows[: rows.rindex("a1,")])) == 2
    monkeypatch.setattr(contacts_module, "MAX_CONTACTS_CHARS", 10)
    with pytest.raises(InvalidWorkforceInput, match="longer than 10 characters"):
        pay.parse_contacts(GOOD_ROW)


# The rules' JSON


def test_rules_tables_cannot_be_changed_in_place() -> None:
    with pytest.raises(TypeError):
        DEFAULT_PAY_RULES.rates["after-sale"] = Decimal("9.99")  # type: ignore[index]
    assert DEFAULT_PAY_RULES.rates["after-sale"] == Decimal("1.50")


def test_rules_json_keeps_defaults_for_fields_left_out() -> None:
    rules = pay.parse_pay_rules('{"speed_bonus_cap": "50.00", "satisfaction_min_mean": 4.2, "night_start": "21:30"}')
    assert rules == dataclasses.replace(
        DEFAULT_PAY_RULES,
        speed_bonus_cap=Decimal("50.00"),
        satisfaction_min_mean=Decimal("4.2"),
        night_start=dt.time(21, 30),
    )
    own_types = pay.parse_pay_rules('{"rates": {"refund": "2.00", "after-sale": 1}}')
    assert own_types.rates == {"refund": Decimal("2.00"), "after-sale": Decimal(1)}
    assert own_types.speed_target_seconds == {"after-sale": 300}  # the default targets of types still paid


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("{", "rules"),
        ("[1]", "rules"),
        ('{"speed_bonus_kap": "1.00"}', "speed_bonus_kap"),
        ('{"rates": {"after-sale": "1.505"}}', "rates.after-sale"),
        ('{"rates": {"after-sale": "-1"}}', "rates.after-sale"),
        ('{"rates": {"After Sale": "1"}}', "rates"),
        ('{"rates": {}}', "rates"),
        ('{"speed_bonus_cap": "NaN"}', "speed_bonus_cap"),
        ('{"speed_bonus_cap": true}', "speed_bonus_cap"),
        ('{"speed_bonus_cap": "1e9"}', "speed_bonus_cap"),
        ('{"difficulty_multipliers": {"x": "1"}}', "difficulty_multipliers"),
        ('{"difficulty_multipliers": {"2": "0"}}', "difficulty_multipliers.2"),
        ('{"transferred_share": "1.5"}', "transferred_share"),
        ('{"speed_target_seconds": {"refund": 60}}', "speed_target_seconds"),
        ('{"speed_target_seconds": {"after-sale": 0}}', "speed_target_seconds.after-sale"),
        ('{"speed_min_quality": 101}', "speed_min_quality"),
        ('{"speed_min_quality": 80.5}', "speed_min_quality"),
        ('{"satisfaction_min_ratings": 0}', "satisfaction_min_ratings"),
        ('{"satisfaction_min_mean": "5.5"}', "satisfaction_min_mean"),
        ('{"night_end": "25:00"}', "night_end"),
        ('{"timezone": "Asia/Nowhere"}', "timezone"),
    ],
)
def test_bad_rules_field_is_named(text: str, field: str) -> None:
    with pytest.raises(InvalidWorkforceInput) as raised:
        pay.parse_pay_rules(text)
    assert raised.value.field == field
    assert raised.value.message


# Properties

TASKS = sorted(DEFAULT_PAY_RULES.rates)
INSTANTS = st.datetimes(min_value=dt.datetime(2026, 11, 1), max_value=dt.datetime(2026, 11, 29, 23, 59)).map(
    lambda moment: moment.replace(tzinfo=SHANGHAI)
)
FEN_AMOUNTS = st.integers(min_value=0, max_value=50_000).map(lambda fen: Decimal(fen) / 100)


@st.composite
def contact_lists(draw: st.DrawFn, max_size: int = 30) -> list[Contact]:
    """Contacts of two agents in November 2026, with unique ids."""
    fields = st.tuples(
        st.sampled_from(["a1", "a2"]),
        INSTANTS,
        st.sampled_from(TASKS),
        st.integers(1, 3),
        st.integers(0, 900),
        st.integers(0, 100),
        st.none() | st.integers(1, 5),
        st.sampled_from(list(ContactStatus)),
    )
    rows = draw(st.lists(fields, max_size=max_size))
    return [
        Contact(agent, f"c{number}", at, task, level, seconds, quality, rating, status)
        for number, (agent, at, task, level, seconds, quality, rating, status) in enumerate(rows)
    ]


RULES = st.builds(
    lambda cap, each, quality, ratings, mean, share, multiplier: dataclasses.replace(
        DEFAULT_PAY_RULES,
        speed_bonus_cap=cap,
        speed_bonus_per_contact=each,
        speed_min_quality=quality,
        satisfaction_min_ratings=ratings,
        satisfaction_min_mean=mean,
        transferred_share=share,
        difficulty_multipliers={1: Decimal(1), 2: multiplier, 3: Decimal("1.75")},
    ),
    FEN_AMOUNTS.map(lambda amount: amount / 50),  # caps up to 10 yuan: often reached
    st.integers(0, 100).map(lambda fen: Decimal(fen) / 100),
    st.integers(0, 100),
    st.integers(1, 5),
    st.sampled_from([Decimal(1), Decimal("3.5"), Decimal("4.5"), Decimal(5)]),
    st.sampled_from([Decimal(0), Decimal("0.5"), Decimal("0.333")]),
    st.sampled_from([Decimal("1.3"), Decimal("1.25"), Decimal("1.333")]),
).map(lambda rules: dataclasses.replace(rules, speed_bonus_cap=rules.speed_bonus_cap.quantize(FEN)))


def _slip(contacts: list[Contact], rules: PayRules) -> pay.Payslip:
    return pay.payslip("a1", *NOVEMBER, contacts, rules, equipment_allowance=True, apprentices=1)


@settings(max_examples=80, deadline=None)
@given(contact_lists(), RULES, st.data())
def test_pay_never_decreases_when_contact_quality_rises(
    contacts: list[Contact], rules: PayRules, data: st.DataObject
) -> None:
    bumps = data.draw(st.lists(st.integers(0, 100), min_size=len(contacts), max_size=len(contacts)))
    raised = [
        dataclasses.replace(contact, quality=min(100, contact.quality + bump))
        for contact, bump in zip(contacts, bumps, strict=True)
    ]
    assert _slip(raised, rules).total >= _slip(contacts, rules).total
    if contacts:  # and one contact alone, to anything up to 100
        index = data.draw(st.integers(0, len(contacts) - 1))
        one = list(contacts)
        one[index] = dataclasses.replace(contacts[index], quality=data.draw(st.integers(contacts[index].quality, 100)))
        assert _slip(one, rules).total >= _slip(contacts, rules).total


@settings(max_examples=60, deadline=None)
@given(contact_lists(), RULES)
def test_speed_bonus_never_exceeds_its_cap(contacts: list[Contact], rules: PayRules) -> None:
    line = _by_code(_slip(contacts, rules))["speed-bonus"]
    assert 0 <= line.amount <= rules.speed_bonus_cap
    assert line.amount == min(line.quantity * rules.speed_bonus_per_contact, rules.speed_bonus_cap)


@settings(max_examples=60, deadline=None)
@given(contact_lists(), contact_lists(max_size=10), RULES)
def test_abandoned_contacts_add_nothing(contacts: list[Contact], extra: list[Contact], rules: PayRules) -> None:
    abandoned = [
        dataclasses.replace(contact, contact_id=f"x{contact.contact_id}", status=ContactStatus.ABANDONED)
        for contact in extra
    ]
    without = _slip(contacts, rules)
    with_abandoned = _slip([*contacts, *abandoned], rules)
    assert with_abandoned.total == without.total
    assert [line for line in with_abandoned.lines if line.code != "abandoned"] == [
        line for line in without.lines if line.code != "abandoned"
    ]
    assert all(line.amount == 0 for line in with_abandoned.lines if line.code == "abandoned")


@settings(max_examples=60, deadline=None)
@given(contact_lists(), RULES)
def test_total_is_the_exact_sum_of_whole_fen_lines(contacts: list[Contact], rules: PayRules) -> None:
    slip = _slip(contacts, rules)
    assert slip.total == sum(line.amount for line in slip.lines)
    for line in slip.lines:
        assert line.amount == line.amount.quantize(FEN), line
        assert f"¥{line.amount:.2f}" in line.explanation or line.amount == 0, line
        if line.code != "speed-bonus":  # the one line that may be capped
            product = line.quantity * line.unit_amount * line.multiplier
            assert abs(line.amount - product) <= FEN / 2, line
    document = pay.payslip_document(slip)
    assert sum(Decimal(line["amount"]) for line in document["lines"]) == Decimal(document["total"]) == slip.total


@settings(max_examples=40, deadline=None)
@given(contact_lists(), RULES)
def test_payroll_is_each_agents_payslip(contacts: list[Contact], rules: PayRules) -> None:
    slips = pay.payroll(pay.PayPeriod(*NOVEMBER), contacts, rules)
    assert [slip.agent_id for slip in slips] == sorted({contact.agent_id for contact in contacts})
    for slip in slips:
        assert slip == pay.payslip(slip.agent_id, *NOVEMBER, contacts, rules)


ZONES = st.sampled_from([dt.UTC, SHANGHAI, dt.timezone(dt.timedelta(hours=-5, minutes=-30))])
IDS = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._:@-]{0,20}", fullmatch=True)


@settings(max_examples=80, deadline=None)
@given(contact_lists(), ZONES, st.lists(IDS, min_size=30, max_size=30, unique=True), IDS)
def test_contacts_csv_round_trips(contacts: list[Contact], zone: dt.tzinfo, ids: list[str], agent: str) -> None:
    moved = [
        dataclasses.replace(
            contact, agent_id=agent, contact_id=ids[n], finished_at=contact.finished_at.astimezone(zone)
        )
        for n, contact in enumerate(contacts)
    ]
    text = pay.contacts_csv(moved)
    parsed = pay.parse_contacts(text)
    assert parsed == moved
    assert [contact.finished_at.isoformat() for contact in parsed] == [c.finished_at.isoformat() for c in moved]
    assert pay.contacts_csv(parsed) == text


@settings(max_examples=60, deadline=None)
@given(RULES)
def test_rules_json_round_trips(rules: PayRules) -> None:
    text = json.dumps(pay.pay_rules_document(rules))
    assert pay.parse_pay_rules(text) == rules
