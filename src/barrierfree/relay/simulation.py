"""A discrete-event model (SimPy) of a rider's delivery week, with and without the communication assistant.

Yuan Zhe's study (in the seed report) measured hearing-impaired riders against hearing riders: 10.2 s more per
order from acceptance to pick-up (talking to the merchant) and 27 s more from pick-up to delivery (reaching the
customer); the one-click smart call cut the second gap to 16.7 s and riders delivered 5.8 more orders a week.

The model: a rider works ``hours_per_week``; each order takes a pick-up leg and a delivery leg (log-normal around
the means, which are the *effective* times per order of a rider carrying several orders at once), and some orders
need a word with the merchant or the customer. A contact takes a hearing rider ``hearing_contact_seconds`` on
average (exponential). The mean contact times of hearing-impaired riders, without and with the assistant, are
calibrated so that the per-order gaps equal the study's (10.2 s and 27 s, or 10.2 s and 16.7 s); the simulation
then checks that the gaps come out within 1 s and predicts the extra orders a week the assistant brings, with a
95 % confidence interval over simulated weeks (common random numbers: every rider type sees the same orders).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np
import simpy

from barrierfree.core.i18n import _
from barrierfree.relay.errors import InvalidRelayInput

MERCHANT_GAP_SECONDS = 10.2
CUSTOMER_GAP_WITHOUT_SECONDS = 27.0
CUSTOMER_GAP_WITH_SECONDS = 16.7
STUDY_WEEKLY_GAIN = 5.8
CALIBRATION_TOLERANCE_SECONDS = 1.0
MAX_WEEKS = 2_000
MIN_LEG_SECONDS = 30.0
MAX_LEG_SECONDS = 4 * 3600.0
MAX_CONTACT_SECONDS = 600.0
MAX_SIMULATED_ORDERS = 75_000
"""Orders simulated per kind of rider in one run (the defaults, 200 weeks, are about 70,800). The API answers while
the caller waits, so a slow, busy machine must still answer inside a client's 10 s timeout: measured 2026-11-30 on
a machine about three times slower than the first, 110,000 orders took 5.4 s quiet and over 10 s under the test
suite's load (120,000 were allowed then); more weeks or shorter legs are refused with the number to use."""
T_95 = 1.96
"""Normal quantile of a two-sided 95 % interval (the number of weeks is large)."""


class RiderKind(StrEnum):
    """The riders the model compares."""

    HEARING = "hearing"
    WITHOUT_ASSISTANT = "without-assistant"
    WITH_ASSISTANT = "with-assistant"


@dataclass(frozen=True)
class DeliveryModel:
    """The model's parameters; the defaults describe a full-time rider (about 350 orders in a 60-hour week)."""

    hours_per_week: float = 60.0
    pickup_seconds: float = 250.0
    delivery_seconds: float = 360.0
    spread: float = 0.35
    merchant_contact_share: float = 0.30
    customer_contact_share: float = 0.35
    hearing_contact_seconds: float = 20.0

    def check(self) -> DeliveryModel:
        """The same model, or a clear error naming the parameter that makes no sense."""
        bounded = {
            "hours_per_week": (self.hours_per_week, 1.0, 7 * 24.0),
            "pickup_seconds": (self.pickup_seconds, MIN_LEG_SECONDS, MAX_LEG_SECONDS),
            "delivery_seconds": (self.delivery_seconds, MIN_LEG_SECONDS, MAX_LEG_SECONDS),
            "hearing_contact_seconds": (self.hearing_contact_seconds, 1.0, MAX_CONTACT_SECONDS),
        }
        for name, (value, low, high) in bounded.items():
            if not (math.isfinite(value) and low <= value <= high):
                raise InvalidRelayInput(
                    _("{name} must be from {low:g} to {high:g}.").format(name=name, low=low, high=high), field=name
                )
        for name, share in (
            ("merchant_contact_share", self.merchant_contact_share),
            ("customer_contact_share", self.customer_contact_share),
        ):
            if not 0 < share <= 1:
                raise InvalidRelayInput(_("{name} must be above 0 and at most 1.").format(name=name), field=name)
        if not 0 <= self.spread <= 1:
            raise InvalidRelayInput(_("spread must be from 0 to 1."), field="spread")
        return self


@dataclass(frozen=True)
class ContactTimes:
    """Mean seconds one contact takes, at the merchant and at the customer, for one kind of rider."""

    merchant: float
    customer: float


def calibrate(model: DeliveryModel) -> dict[RiderKind, ContactTimes]:
    """Contact times that reproduce the study's per-order gaps: gap = share of orders with a contact x extra time."""
    base = model.hearing_contact_seconds
    merchant = base + MERCHANT_GAP_SECONDS / model.merchant_contact_share
    return {
        RiderKind.HEARING: ContactTimes(base, base),
        RiderKind.WITHOUT_ASSISTANT: ContactTimes(
            merchant, base + CUSTOMER_GAP_WITHOUT_SECONDS / model.customer_contact_share
        ),
        RiderKind.WITH_ASSISTANT: ContactTimes(
            merchant, base + CUSTOMER_GAP_WITH_SECONDS / model.customer_contact_share
        ),
    }


@dataclass(frozen=True)
class Interval:
    """A mean with its 95 % confidence interval."""

    mean: float
    low: float
    high: float

    @classmethod
    def of(cls, values: list[float]) -> Interval:
        """The mean of ``values`` and its normal-approximation 95 % interval."""
        mean = statistics.fmean(values)
        half = T_95 * statistics.stdev(values) / math.sqrt(len(values)) if len(values) > 1 else 0.0
        return cls(mean, mean - half, mean + half)


@dataclass(frozen=True)
class SimulationReport:
    """What the model found: the gaps it reproduces, weekly orders per kind, and the assistant's weekly gain."""

    weeks: int
    model: DeliveryModel
    contact_times: dict[RiderKind, ContactTimes]
    pickup_gap: dict[RiderKind, Interval]
    delivery_gap: dict[RiderKind, Interval]
    weekly_orders: dict[RiderKind, Interval]
    weekly_gain: Interval
    calibrated: bool = field(default=False)


@dataclass
class _Week:
    orders: int = 0
    pickup_total: float = 0.0
    delivery_total: float = 0.0


def _leg(rng: np.random.Generator, mean: float, spread: float) -> float:
    """A log-normal duration with the given mean."""
    if spread == 0:
        return mean
    return float(rng.lognormal(math.log(mean) - spread * spread / 2, spread))


def _rider(
    env: simpy.Environment, model: DeliveryModel, contacts: ContactTimes, rng: np.random.Generator, week: _Week
) -> simpy.events.ProcessGenerator:
    """One rider taking orders one after another until the week's working time is over."""
    end = model.hours_per_week * 3600
    while True:
        # Draw every random number of an order in the same order for each kind (common random numbers).
        pickup = _leg(rng, model.pickup_seconds, model.spread)
        delivery = _leg(rng, model.delivery_seconds, model.spread)
        merchant_contact = rng.random() < model.merchant_contact_share
        customer_contact = rng.random() < model.customer_contact_share
        merchant_draw, customer_draw = rng.exponential(1.0), rng.exponential(1.0)
        pickup += merchant_draw * contacts.merchant if merchant_contact else 0.0
        delivery += customer_draw * contacts.customer if customer_contact else 0.0
        if env.now + pickup + delivery > end:
            return
        yield env.timeout(pickup)
        yield env.timeout(delivery)
        week.orders += 1
        week.pickup_total += pickup
        week.delivery_total += delivery


def _simulate_week(model: DeliveryModel, contacts: ContactTimes, seed: int) -> _Week:
    env = simpy.Environment()
    week = _Week()
    env.process(_rider(env, model, contacts, np.random.default_rng(seed), week))
    env.run()
    return week


ProgressCallback = Callable[[int, int], None]


def simulate(
    model: DeliveryModel | None = None,
    *,
    weeks: int = 200,
    seed: int = 2024,
    on_progress: ProgressCallback | None = None,
) -> SimulationReport:
    """Simulate ``weeks`` weeks of each kind of rider and compare them with the study."""
    model = (model or DeliveryModel()).check()
    if not 2 <= weeks <= MAX_WEEKS:
        raise InvalidRelayInput(_("Simulate from 2 to {n} weeks.").format(n=MAX_WEEKS), field="weeks")
    expected = weeks * model.hours_per_week * 3600 / (model.pickup_seconds + model.delivery_seconds)
    if expected > MAX_SIMULATED_ORDERS:
        raise InvalidRelayInput(
            _(
                "That is about {orders:,.0f} orders for each kind of rider; simulate fewer weeks (at most {n:,})."
            ).format(orders=expected, n=MAX_SIMULATED_ORDERS),
            field="weeks",
        )
    contacts = calibrate(model)
    results: dict[RiderKind, list[_Week]] = {kind: [] for kind in RiderKind}
    for number in range(weeks):
        for kind in RiderKind:
            results[kind].append(_simulate_week(model, contacts[kind], seed + number))
        if on_progress is not None:
            on_progress(number + 1, weeks)
    if any(week.orders == 0 for kind in RiderKind for week in results[kind]):
        raise InvalidRelayInput(
            _("No order fits in a week with these times: give more hours or shorter legs."), field="hours_per_week"
        )
    hearing = results[RiderKind.HEARING]

    def per_order(week: _Week, total: str) -> float:
        return float(getattr(week, total)) / week.orders

    pickup_gap, delivery_gap = {}, {}
    for kind in (RiderKind.WITHOUT_ASSISTANT, RiderKind.WITH_ASSISTANT):
        pairs = list(zip(results[kind], hearing, strict=True))
        pickup_gap[kind] = Interval.of([per_order(a, "pickup_total") - per_order(b, "pickup_total") for a, b in pairs])
        delivery_gap[kind] = Interval.of(
            [per_order(a, "delivery_total") - per_order(b, "delivery_total") for a, b in pairs]
        )
    gains = [
        float(a.orders - b.orders)
        for a, b in zip(results[RiderKind.WITH_ASSISTANT], results[RiderKind.WITHOUT_ASSISTANT], strict=True)
    ]
    targets = {
        RiderKind.WITHOUT_ASSISTANT: CUSTOMER_GAP_WITHOUT_SECONDS,
        RiderKind.WITH_ASSISTANT: CUSTOMER_GAP_WITH_SECONDS,
    }
    calibrated = all(
        abs(pickup_gap[kind].mean - MERCHANT_GAP_SECONDS) <= CALIBRATION_TOLERANCE_SECONDS
        and abs(delivery_gap[kind].mean - targets[kind]) <= CALIBRATION_TOLERANCE_SECONDS
        for kind in targets
    )
    return SimulationReport(
        weeks=weeks,
        model=model,
        contact_times=contacts,
        pickup_gap=pickup_gap,
        delivery_gap=delivery_gap,
        weekly_orders={kind: Interval.of([float(w.orders) for w in results[kind]]) for kind in RiderKind},
        weekly_gain=Interval.of(gains),
        calibrated=calibrated,
    )


def report_document(report: SimulationReport) -> dict[str, object]:
    """The report as JSON-ready data."""

    def interval(value: Interval) -> dict[str, float]:
        return {"mean": round(value.mean, 2), "low": round(value.low, 2), "high": round(value.high, 2)}

    return {
        "weeks": report.weeks,
        "model": report.model.__dict__,
        "calibrated_within_seconds": CALIBRATION_TOLERANCE_SECONDS if report.calibrated else None,
        "study": {
            "pickup_gap": MERCHANT_GAP_SECONDS,
            "delivery_gap_without": CUSTOMER_GAP_WITHOUT_SECONDS,
            "delivery_gap_with": CUSTOMER_GAP_WITH_SECONDS,
            "weekly_gain": STUDY_WEEKLY_GAIN,
        },
        "pickup_gap": {kind.value: interval(value) for kind, value in report.pickup_gap.items()},
        "delivery_gap": {kind.value: interval(value) for kind, value in report.delivery_gap.items()},
        "weekly_orders": {kind.value: interval(value) for kind, value in report.weekly_orders.items()},
        "weekly_gain": interval(report.weekly_gain),
    }
