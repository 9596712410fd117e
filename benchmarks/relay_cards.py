"""Communication cards as voice: how fast the platform speaks each card, and whether a grammar-mode recogniser hears
every English card exactly after the telephone path.

1. TTS latency (issue 5: p95 <= 60 ms for every zh and en card, in-process). Each preset card, filled in, is
   synthesised ``--repeats`` times by ``speech.synthesize`` (eSpeak NG in-process); the peer is the same engine
   as a process (Debian's ``espeak-ng`` command writing a WAV to stdout), timed on the same card in the same run.
   Prints each card's p95 for both, the worst, and the ratio of medians.
2. Recognition (issue 5: every English card recognised exactly after the telephone path in grammar mode). Each
   English card is spoken by eSpeak NG, put through the telephone path (8 kHz, mu-law, 300-3,400 Hz) and
   recognised by PocketSphinx with a JSGF grammar of all English cards, ``--recognitions`` times (eSpeak NG's audio
   varies a little from call to call), then once in Debian's flite voice when flite is installed; prints the exact
   matches per card. Order tails are spoken digit by digit ("0 4 2 1"), as the card page spells them for speech.

    python benchmarks/relay_cards.py [--repeats 30] [--recognitions 3]
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from barrierfree import speech
from barrierfree.relay import cards

GOAL_P95_MS = 60.0
DIGITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
ORDER_TAIL, MINUTES = "0421", 5


def filled(card: cards.Card, language: str) -> str:
    order = ORDER_TAIL if "order" in card.placeholders() else None
    minutes = MINUTES if "minutes" in card.placeholders() else None
    return cards.fill(card, language, order=order, minutes=minutes).replace(ORDER_TAIL, " ".join(ORDER_TAIL))


def words(text: str) -> str:
    spelled = re.sub(r"\d", lambda digit: f" {DIGITS[int(digit.group())]} ", text.lower())
    return " ".join(re.findall(r"[a-z']+", spelled))


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def timed_ms(action: object) -> float:
    began = time.perf_counter()
    action()  # type: ignore[operator]
    return (time.perf_counter() - began) * 1000


def latency(repeats: int) -> None:
    cli = shutil.which("espeak-ng")
    voices = {"zh-CN": "cmn", "en": "en-us"}
    print(f"TTS latency, {repeats} runs per card (ms): in-process p95 | espeak-ng process p95")
    worst, ours_all, peer_all = 0.0, [], []
    for card in cards.preset_cards():
        for language in ("zh-CN", "en"):
            text = filled(card, language)
            speech.synthesize(text, language)  # warm
            ours = [timed_ms(lambda t=text, lang=language: speech.synthesize(t, lang)) for _ in range(repeats)]
            peer: list[float] = []
            if cli:
                command = [cli, "-v", voices[language], "-s", str(speech.DEFAULT_WORDS_PER_MINUTE), "--stdout", text]
                peer = [
                    # The peer is our own card text given to Debian's espeak-ng: no untrusted input.
                    timed_ms(lambda c=command: subprocess.run(c, capture_output=True, check=True))  # noqa: S603
                    for _ in range(repeats)
                ]
            worst = max(worst, p95(ours))
            ours_all += ours
            peer_all += peer
            peer_text = f"{p95(peer):7.1f}" if peer else "      -"
            print(f"  {card.id:17} {language:5} {p95(ours):7.1f} | {peer_text}")
    verdict = "met" if worst <= GOAL_P95_MS else "NOT met"
    print(f"worst card p95 in-process: {worst:.1f} ms (goal <= {GOAL_P95_MS:.0f} ms: {verdict})")
    if peer_all:
        ratio = statistics.median(ours_all) / statistics.median(peer_all)
        print(
            f"median in-process {statistics.median(ours_all):.1f} ms, process {statistics.median(peer_all):.1f} ms, "
            f"ratio {ratio:.2f}"
        )


def flite_voice(text: str) -> bytes | None:
    """The text read by Debian's flite (8 kHz WAV), or None without flite."""
    flite = shutil.which("flite")
    if not flite:
        return None
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "card.wav"
        subprocess.run([flite, "-t", text, "-o", str(out)], check=True, capture_output=True)  # noqa: S603
        return out.read_bytes()


def voices(text: str, times: int) -> list[bytes]:
    """The card as ``times`` eSpeak NG recordings and one flite recording (when flite is installed)."""
    recordings = [speech.synthesize(text, "en") for _ in range(times)]
    flite = flite_voice(words(text))
    return recordings + ([flite] if flite else [])


def recognition(times: int) -> None:
    english = [(card.id, filled(card, "en")) for card in cards.preset_cards()]
    grammar = "#JSGF V1.0;\ngrammar cards;\npublic <card> = " + " | ".join(words(t) for _, t in english) + ";\n"
    print(f"Grammar-mode recognition after the telephone path, eSpeak NG {times} times per card and flite once")
    exact = total = 0
    for card_id, text in english:
        hits = tries = 0
        for recording in voices(text, times):
            phone = speech.wav_bytes(speech.telephone_path(speech.read_wav(recording)))
            heard = speech.transcribe(phone, grammar=grammar)
            hits += heard.text == words(text)
            tries += 1
            if heard.text != words(text):
                print(f"    heard {heard.text!r}")
        exact, total = exact + hits, total + tries
        print(f"  {card_id:17} {hits}/{tries}")
    print(f"exact: {exact}/{total} ({exact / total:.1%}); goal: every card, every time")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--recognitions", type=int, default=3)
    options = parser.parse_args()
    latency(options.repeats)
    recognition(options.recognitions)


if __name__ == "__main__":
    main()
