"""The dialogue rubric: facts conveyed, resolution, politeness and response time, each 0-100, with feedback per turn.

Every trainee reply is checked in order. A fact counts as conveyed once one of its keywords appears without a
negation just before it. A reply is poor when it is slow (beyond the scenario's seconds, times the trainee's time
multiplier), tells nothing new, or holds a rude marker; a poor reply costs the customer one unit of patience. The
case is resolved as soon as every resolution fact has been conveyed, and escalates when patience is used up or the
customer's turns run out first. The same checks drive the scripted customer, so score and conversation agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from barrierfree.core.i18n import _, current_language, ngettext
from barrierfree.workforce._matching import conveys, markers_in
from barrierfree.workforce.scenario import Keywords, Localized, Scenario
from barrierfree.workforce.transcript import Transcript

FULL_MARKS = 100
FACTS_WEIGHT = 0.40
RESOLUTION_WEIGHT = 0.25
POLITENESS_WEIGHT = 0.20
RESPONSE_TIME_WEIGHT = 0.15
PASS_MARK = 60
POLITENESS_NEUTRAL = 60
"""A reply with neither courtesy nor rudeness."""
COURTESY_POINTS = 20
"""Added per distinct courteous marker in a reply, up to full marks."""
RUDE_PENALTY = 60
"""Taken off per distinct rude marker in a reply."""
RUDE_CEILING = 40
"""The most a conversation's politeness can score once any reply was rude."""
SLOW_ZERO_FACTOR = 2.0
"""A reply this many times over the allowed seconds scores nothing for response time."""
STRIKES_PER_POOR_REPLY = 1
"""Patience lost to one poor reply, whatever made it poor (the sub-scores already count each fault)."""

HOUSE_COURTESY = Keywords(
    zh_cn=("您好", "请问", "请您", "请稍", "谢谢", "感谢", "抱歉", "不好意思", "对不起", "麻烦您", "辛苦", "理解您", "很高兴为您",
           "给您带来不便", "耐心等待"),
    en=("hello", "hi", "good morning", "good afternoon", "please", "thank*", "sorry", "apolog*", "appreciate",
        "happy to help", "glad to help", "i understand", "my pleasure", "inconvenience", "your patience"),
)  # fmt: skip
HOUSE_RUDE = Keywords(
    zh_cn=("滚开", "给我滚", "闭嘴", "烦不烦", "烦死了", "你懂不懂", "笨蛋", "蠢", "有病", "爱买不买", "关我什么事",
           "不关我事", "你自己看", "废话", "少啰嗦", "听不懂吗", "瞎子"),
    en=("stupid", "idiot", "shut up", "whatever", "not my problem", "not my job", "your fault", "calm down", "dumb",
        "ridiculous", "deal with it"),
)  # fmt: skip
COURTESY_EXAMPLE = Localized(zh_cn="感谢您的耐心等待", en="thank you for your patience")


@dataclass(frozen=True)
class ReplyCheck:
    """What one trainee reply did, and where the conversation stood after it."""

    number: int
    new_facts: tuple[str, ...]
    covered: tuple[str, ...]
    missing: tuple[str, ...]
    courtesy: tuple[str, ...]
    rude: tuple[str, ...]
    seconds: float
    allowed_seconds: float
    politeness: int
    response_time: int
    strikes: int
    patience_left: int
    resolved: bool
    escalated: bool

    @property
    def slow(self) -> bool:
        """The reply took longer than allowed."""
        return self.seconds > self.allowed_seconds

    @property
    def unhelpful(self) -> bool:
        """The reply conveyed no fact the customer did not already have."""
        return not self.new_facts

    @property
    def poor(self) -> bool:
        """Slow, unhelpful or rude: the customer loses patience."""
        return self.slow or self.unhelpful or bool(self.rude)

    @property
    def ended(self) -> bool:
        """The conversation is over after this reply."""
        return self.resolved or self.escalated


@dataclass(frozen=True)
class TurnFeedback:
    """Sentences for the trainee about one reply: what was good and what to add."""

    number: int
    good: tuple[str, ...]
    to_add: tuple[str, ...]
    check: ReplyCheck


@dataclass(frozen=True)
class Score:
    """The rubric's verdict on a whole conversation; every sub-score and the total are 0-100."""

    facts: int
    resolution: int
    politeness: int
    response_time: int
    total: int
    covered: tuple[str, ...]
    missing: tuple[str, ...]
    resolved: bool
    escalated: bool
    turns: tuple[TurnFeedback, ...]
    summary: tuple[str, ...]

    @property
    def passed(self) -> bool:
        """The total reaches the pass mark."""
        return self.total >= PASS_MARK


def courtesy_markers(scenario: Scenario) -> tuple[str, ...]:
    """The house courtesy markers and the scenario's own."""
    return tuple(dict.fromkeys(HOUSE_COURTESY.all + scenario.courtesy.all))


def rude_markers(scenario: Scenario) -> tuple[str, ...]:
    """The house rude markers and the scenario's own."""
    return tuple(dict.fromkeys(HOUSE_RUDE.all + scenario.rude.all))


def reply_politeness(courtesy: int, rude: int) -> int:
    """Politeness of one reply from its counts of distinct courteous and rude markers."""
    points = POLITENESS_NEUTRAL + COURTESY_POINTS * courtesy - RUDE_PENALTY * rude
    return max(0, min(FULL_MARKS, points))


def reply_response_time(seconds: float, allowed: float) -> int:
    """Response-time score of one reply: full within the allowed seconds, falling to 0 at SLOW_ZERO_FACTOR times."""
    if seconds <= allowed:
        return FULL_MARKS
    over = (seconds - allowed) / (allowed * (SLOW_ZERO_FACTOR - 1))
    return max(0, round(FULL_MARKS * (1 - over)))


def check_replies(scenario: Scenario, transcript: Transcript) -> tuple[ReplyCheck, ...]:
    """Check every trainee reply in order; once the case is resolved or escalated it stays so."""
    courtesy_list = courtesy_markers(scenario)
    rude_list = rude_markers(scenario)
    allowed = scenario.patience.reply_seconds * transcript.accommodations.time_multiplier
    covered: set[str] = set()
    strikes = 0
    resolved = escalated = False
    checks: list[ReplyCheck] = []
    for number, reply in enumerate(transcript.agent_replies, start=1):
        new = tuple(f.id for f in scenario.facts if f.id not in covered and conveys(reply.text, f.keywords.all))
        covered.update(new)
        courtesy = markers_in(reply.text, courtesy_list)
        rude = markers_in(reply.text, rude_list)
        seconds = reply.seconds or 0.0
        if not (resolved or escalated):
            resolved = all(fact_id in covered for fact_id in scenario.resolution_facts)
            if seconds > allowed or not new or rude:
                strikes += STRIKES_PER_POOR_REPLY
            escalated = not resolved and (strikes >= scenario.patience.strikes or number >= scenario.patience.max_turns)
        checks.append(
            ReplyCheck(
                number=number,
                new_facts=new,
                covered=tuple(f.id for f in scenario.facts if f.id in covered),
                missing=tuple(f.id for f in scenario.facts if f.id not in covered),
                courtesy=courtesy,
                rude=rude,
                seconds=seconds,
                allowed_seconds=allowed,
                politeness=reply_politeness(len(courtesy), len(rude)),
                response_time=reply_response_time(seconds, allowed),
                strikes=strikes,
                patience_left=max(0, scenario.patience.strikes - strikes),
                resolved=resolved,
                escalated=escalated,
            )
        )
    return tuple(checks)


def _seconds(value: float) -> str:
    """Seconds as shown to the trainee: whole numbers without a decimal point."""
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def _facts_text(scenario: Scenario, fact_ids: tuple[str, ...], language: str) -> str:
    separator = "；" if language == "zh-CN" else "; "
    return separator.join(scenario.fact(fact_id).text.in_(language) for fact_id in fact_ids)


def _quoted(words: tuple[str, ...]) -> str:
    separator = "、" if current_language() == "zh-CN" else ", "
    return separator.join(f"“{word.rstrip('*')}”" for word in words)


def turn_feedback(scenario: Scenario, check: ReplyCheck, customer_language: str) -> TurnFeedback:
    """What was good about one reply and what to add, in the trainee's language; examples to type in the customer's."""
    language = current_language()
    good: list[str] = []
    to_add: list[str] = []
    if check.new_facts:
        good.append(_("You told the customer: {facts}.").format(facts=_facts_text(scenario, check.new_facts, language)))
    if check.courtesy:
        good.append(_("Courteous wording: {words}.").format(words=_quoted(check.courtesy)))
    if not check.slow:
        good.append(
            _("You replied in {seconds} s, within the {allowed} s allowed.").format(
                seconds=_seconds(check.seconds), allowed=_seconds(check.allowed_seconds)
            )
        )
    if check.resolved:
        good.append(_("The customer's problem is solved."))
    if check.rude:
        to_add.append(_("Leave out this wording: {words}.").format(words=_quoted(check.rude)))
    if not check.courtesy:
        to_add.append(
            _("Add a courteous phrase, such as “{example}”.").format(example=COURTESY_EXAMPLE.in_(customer_language))
        )
    if check.unhelpful and not check.resolved:
        to_add.append(_("This reply told the customer nothing new: answer what they asked."))
    if check.missing:
        to_add.append(
            _("Still to tell the customer: {facts}.").format(facts=_facts_text(scenario, check.missing, language))
        )
    if check.slow:
        to_add.append(
            _("This reply took {seconds} s; aim for {allowed} s or less.").format(
                seconds=_seconds(check.seconds), allowed=_seconds(check.allowed_seconds)
            )
        )
    if check.escalated:
        to_add.append(_("The customer ran out of patience and asked for a supervisor."))
    elif check.poor and not check.ended:
        to_add.append(
            ngettext(
                "The customer is losing patience: after {count} more poor reply they will ask for a supervisor.",
                "The customer is losing patience: after {count} more poor replies they will ask for a supervisor.",
                check.patience_left,
            ).format(count=check.patience_left)
        )
    return TurnFeedback(number=check.number, good=tuple(good), to_add=tuple(to_add), check=check)


def _mean(values: list[int]) -> int:
    return round(sum(values) / len(values)) if values else 0


def score(scenario: Scenario, transcript: Transcript) -> Score:
    """Score a conversation with the rubric; a conversation without replies scores 0."""
    checks = check_replies(scenario, transcript)
    last = checks[-1] if checks else None
    covered = last.covered if last else ()
    missing = last.missing if last else tuple(fact.id for fact in scenario.facts)
    resolved = bool(last and last.resolved)
    escalated = bool(last and last.escalated)
    facts = round(FULL_MARKS * len(covered) / len(scenario.facts))
    resolution = FULL_MARKS if resolved else 0
    politeness = _mean([check.politeness for check in checks])
    if any(check.rude for check in checks):
        politeness = min(politeness, RUDE_CEILING)
    response_time = _mean([check.response_time for check in checks])
    total = round(
        FACTS_WEIGHT * facts
        + RESOLUTION_WEIGHT * resolution
        + POLITENESS_WEIGHT * politeness
        + RESPONSE_TIME_WEIGHT * response_time
    )
    summary = [
        _("Total {total} of 100; the pass mark is {mark}.").format(total=total, mark=PASS_MARK),
        _("Facts {facts}, resolution {resolution}, politeness {politeness}, response time {time}.").format(
            facts=facts, resolution=resolution, politeness=politeness, time=response_time
        ),
    ]
    if escalated:
        summary.append(_("The customer ran out of patience and asked for a supervisor."))
    elif not resolved:
        summary.append(_("The customer's problem is not solved yet."))
    if missing:
        summary.append(
            _("Still to tell the customer: {facts}.").format(facts=_facts_text(scenario, missing, current_language()))
        )
    return Score(
        facts=facts,
        resolution=resolution,
        politeness=politeness,
        response_time=response_time,
        total=total,
        covered=covered,
        missing=missing,
        resolved=resolved,
        escalated=escalated,
        turns=tuple(turn_feedback(scenario, check, transcript.language) for check in checks),
        summary=tuple(summary),
    )
