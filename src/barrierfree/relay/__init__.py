"""Barrier-free communication for hearing-impaired delivery riders (issue 5).

Orders and their stages, conspicuous notices to customers and merchants, bilingual communication cards, one-click
smart calls through a SIP trunk with keypad replies, chat with voice transcribed, incidents and fair assessment,
and a discrete-event simulation of the time the assistant saves.
"""

from barrierfree.relay.errors import InvalidRelayInput, RelayError, TrunkUnavailable, UnknownCard

__all__ = ["InvalidRelayInput", "RelayError", "TrunkUnavailable", "UnknownCard"]
