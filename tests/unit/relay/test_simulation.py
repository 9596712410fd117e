"""The smart-call simulation reproduces the study's gaps within 1 s and predicts a weekly gain with an interval."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest

from barrierfree.core.i18n import use_language
from barrierfree.relay import simulation
from barrierfree.relay.errors import InvalidRelayInput
from barrierfree.relay.simulation import DeliveryModel, RiderKind


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with use_language("en"):
        yield


@pytest.fixture(scope="module")
def report() -> simulation.SimulationReport:
    return simulation.simulate(weeks=200, seed=7)


def test_the_simulated_gaps_match_the_study_within_one_second(report: simulation.SimulationReport) -> None:
    assert report.calibrated
    without, with_ = RiderKind.WITHOUT_ASSISTANT, RiderKind.WITH_ASSISTANT
    assert abs(report.delivery_gap[without].mean - simulation.CUSTOMER_GAP_WITHOUT_SECONDS) <= 1
    assert abs(report.delivery_gap[with_].mean - simulation.CUSTOMER_GAP_WITH_SECONDS) <= 1
    assert abs(report.pickup_gap[with_].mean - simulation.MERCHANT_GAP_SECONDS) <= 1


def test_the_assistant_brings_more_orders_and_the_interval_is_around_the_mean(
    report: simulation.SimulationReport,
) -> None:
    gain = report.weekly_gain
    assert 0 < gain.low < gain.mean < gain.high
    orders = report.weekly_orders
    assert (
        orders[RiderKind.HEARING].mean
        > orders[RiderKind.WITH_ASSISTANT].mean
        > orders[RiderKind.WITHOUT_ASSISTANT].mean
    )


def test_a_longer_week_gives_a_larger_gain() -> None:
    short = simulation.simulate(DeliveryModel(hours_per_week=30), weeks=60, seed=1)
    long = simulation.simulate(DeliveryModel(hours_per_week=60), weeks=60, seed=1)
    assert long.weekly_gain.mean > short.weekly_gain.mean


def test_the_same_seed_gives_the_same_report() -> None:
    assert simulation.simulate(weeks=10, seed=3) == simulation.simulate(weeks=10, seed=3)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"hours_per_week": 0}, "hours_per_week"),
        ({"pickup_seconds": 0.001}, "pickup_seconds"),
        ({"delivery_seconds": 10**9}, "delivery_seconds"),
        ({"hours_per_week": 200}, "hours_per_week"),
        ({"pickup_seconds": float("nan")}, "pickup_seconds"),
        ({"customer_contact_share": 0}, "customer_contact_share"),
        ({"spread": 2}, "spread"),
    ],
)
def test_impossible_parameters_are_named(change: dict[str, float], field: str) -> None:
    with pytest.raises(InvalidRelayInput) as caught:
        simulation.simulate(dataclasses.replace(DeliveryModel(), **change), weeks=2)
    assert caught.value.field == field


def test_the_number_of_weeks_is_bounded() -> None:
    for weeks in (1, simulation.MAX_WEEKS + 1):
        with pytest.raises(InvalidRelayInput, match="weeks"):
            simulation.simulate(weeks=weeks)


def test_runs_too_large_to_finish_quickly_are_refused_before_they_start() -> None:
    with pytest.raises(InvalidRelayInput, match="simulate fewer weeks"):
        simulation.simulate(DeliveryModel(hours_per_week=168, pickup_seconds=30, delivery_seconds=30), weeks=500)


def test_a_week_too_short_for_any_order_is_refused() -> None:
    with pytest.raises(InvalidRelayInput, match="No order fits"):
        simulation.simulate(DeliveryModel(hours_per_week=1, pickup_seconds=14_000, delivery_seconds=14_000), weeks=2)
