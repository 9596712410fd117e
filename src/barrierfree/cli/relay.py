"""``barrierfree relay``: communication cards for riders who communicate by text, and the smart-call simulation."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from barrierfree import speech
from barrierfree.cli._errors import reported
from barrierfree.core.i18n import _, current_language
from barrierfree.core.settings import get_settings
from barrierfree.relay import calls, cards, simulation, smart_calls
from barrierfree.relay._sip import TrunkSettings

app = typer.Typer(
    help="Barrier-free delivery communication: cards, smart calls, the smart-call simulation.", no_args_is_help=True
)
card_app = typer.Typer(help="Communication cards: list them, show one, or write one as speech (WAV).")
app.add_typer(card_app, name="card")


@card_app.command("list")
@reported
def card_list(as_json: bool = typer.Option(False, "--json", help="Print JSON instead of text.")) -> None:
    """Every preset card by scenario, with its id."""
    groups = [
        (scenario, [c for c in cards.preset_cards() if c.scenario == scenario.id]) for scenario in cards.scenarios()
    ]
    if as_json:
        document = [
            {"scenario": scenario.id, "name": scenario.names, "cards": [{"id": c.id, "texts": c.texts} for c in items]}
            for scenario, items in groups
        ]
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
        return
    language = current_language()
    for scenario, items in groups:
        typer.echo(scenario.name(language))
        for card in items:
            typer.echo(f"  {card.id:18} {card.texts.get(language) or card.texts['en']}")


@card_app.command("show")
@reported
def card_show(
    card_id: str = typer.Argument(..., help="The card's id (see 'relay card list')."),
    lang: str = typer.Option("zh-CN", "--lang", help="zh-CN or en."),
    order: str | None = typer.Option(None, "--order", help="Last digits of the order number, for cards that need it."),
    minutes: int | None = typer.Option(None, "--minutes", help="Minutes late, for cards that need it."),
    say: Path | None = typer.Option(None, "--say", help="Also write the card as speech to this WAV file."),
    rate: int = typer.Option(speech.DEFAULT_WORDS_PER_MINUTE, "--rate", help="Words a minute of the speech."),
) -> None:
    """Print a card's text with its values filled in; with --say, write it as speech too."""
    text = cards.fill(cards.preset_card(card_id), cards.check_language(lang), order=order, minutes=minutes)
    typer.echo(text)
    if say is not None:
        speech.check_rate(rate)
        say.write_bytes(speech.synthesize(text, lang, rate))
        typer.echo(_("Speech written to {path}.").format(path=say), err=True)


@app.command("call")
@reported
def call(
    number: str = typer.Argument(..., help="The customer's number, such as +8613812345678."),
    card_id: str = typer.Option("downstairs", "--card", help="The card to speak (see 'relay card list')."),
    lang: str = typer.Option("zh-CN", "--lang", help="zh-CN or en."),
    order: str | None = typer.Option(None, "--order", help="Last digits of the order number, for cards that need it."),
    repeats: int = typer.Option(calls.DEFAULT_REPEATS, "--repeats", help="Times the card is played (1-5)."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Place a smart call through the configured trunk (BARRIERFREE_RELAY_SIP_*): speak a card, read the key."""
    text = cards.fill(cards.preset_card(card_id), cards.check_language(lang), order=order)
    request = calls.CallRequest(number, speech.synthesize(text, lang), repeats=repeats)
    telephony = smart_calls.telephony_for(_trunk())

    def show(status: calls.CallStatus) -> None:
        typer.echo(calls.status_message(status), err=True)

    result = calls.place_call(telephony, request, show)
    if as_json:
        document = {"outcome": result.outcome.value, "reply": result.reply.value if result.reply else None}
        typer.echo(json.dumps(document | {"digits": result.digits, "seconds": round(result.seconds, 2)}))
    else:
        typer.echo(calls.outcome_message(result))
    if result.reply is None:  # no answer, no key: the rider's words must go by text
        raise typer.Exit(1)


def _trunk() -> TrunkSettings | None:
    """The trunk of the settings, or None when smart calls are off."""
    settings = get_settings()
    if not settings.relay_sip_host:
        return None
    return TrunkSettings(
        settings.relay_sip_host, settings.relay_sip_port, settings.relay_sip_user, settings.relay_sip_password
    )


@app.command("simulate")
@reported
def simulate(
    weeks: int = typer.Option(200, "--weeks", help="Simulated weeks of each kind of rider (2-2000)."),
    hours: float = typer.Option(60.0, "--hours-per-week", help="Working hours a week."),
    pickup: float = typer.Option(250.0, "--pickup-seconds", help="Effective seconds per order to pick up."),
    delivery: float = typer.Option(360.0, "--delivery-seconds", help="Effective seconds per order to deliver."),
    seed: int = typer.Option(2024, "--seed", help="Random seed (the same seed gives the same result)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of text."),
) -> None:
    """Simulate riders' weeks with and without the smart call; check the calibration and predict the weekly gain."""
    model = simulation.DeliveryModel(hours_per_week=hours, pickup_seconds=pickup, delivery_seconds=delivery)

    def progress(done: int, total: int) -> None:
        if done % 50 == 0 or done == total:
            print(_("{done} of {total} weeks simulated").format(done=done, total=total), file=sys.stderr)

    report = simulation.simulate(model, weeks=weeks, seed=seed, on_progress=progress)
    if as_json:
        typer.echo(json.dumps(simulation.report_document(report), ensure_ascii=False, indent=2))
        return
    for kind in (simulation.RiderKind.WITHOUT_ASSISTANT, simulation.RiderKind.WITH_ASSISTANT):
        typer.echo(
            _(
                "{kind}: {pickup:.1f} s more to pick up, {delivery:.1f} s more to deliver, {orders:.1f} orders a week"
            ).format(
                kind=kind.value,
                pickup=report.pickup_gap[kind].mean,
                delivery=report.delivery_gap[kind].mean,
                orders=report.weekly_orders[kind].mean,
            )
        )
    gain = report.weekly_gain
    typer.echo(
        _(
            "Extra orders a week with the smart call: {mean:.1f} (95 percent interval {low:.1f} to {high:.1f}); the study: {study}."
        ).format(mean=gain.mean, low=gain.low, high=gain.high, study=simulation.STUDY_WEEKLY_GAIN)
    )
    typer.echo(_("Calibration within 1 s: {ok}.").format(ok=_("yes") if report.calibrated else _("no")))
