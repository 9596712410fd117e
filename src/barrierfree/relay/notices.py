"""Conspicuous notices for customers and merchants at each stage of an order, and the same as SMS-ready text.

They say only that the rider communicates by text and what to do (chat; for merchants, the station's backup
number), never why. An order whose rider has not turned text-only on gets no notice.
"""

from __future__ import annotations

from dataclasses import dataclass

from barrierfree.core.i18n import N_, _
from barrierfree.relay.models import Order, OrderStage, Sender

SMS_LIMIT = 140
"""Characters of one SMS-ready notice (two Chinese SMS segments of 70)."""

_CUSTOMER = {
    OrderStage.PLACED: N_("When a rider accepts your order, you will be told here how to reach them."),
    OrderStage.ACCEPTED: N_(
        "Your rider communicates by text. Please write to them in the chat: a phone call may not be answered."
    ),
    OrderStage.AT_MERCHANT: N_("Your rider is at the restaurant and communicates by text: please use the chat."),
    OrderStage.PICKED_UP: N_("Your order is picked up. Your rider communicates by text: please use the chat."),
    OrderStage.ON_THE_WAY: N_("Your order is on the way. Your rider communicates by text: please use the chat."),
    OrderStage.ARRIVING: N_(
        "Your rider is nearly there and communicates by text. Watch the chat; they may also call you with a "
        "recorded voice message, and you can answer with your phone's keypad."
    ),
    OrderStage.DELIVERED: N_("Your order is delivered. Thank you for chatting with your rider."),
}
_MERCHANT = N_(
    "The rider of order {order} communicates by text. Please write to them in the chat or show them the order. "
    "If you need to talk to someone, call the station: {phone}."
)
_MERCHANT_NO_PHONE = N_(
    "The rider of order {order} communicates by text. Please write to them in the chat or show them the order."
)
_SMS = N_("[Delivery] Order {order}: your rider communicates by text. Please reply in the app's chat. Thank you!")


@dataclass(frozen=True)
class Notice:
    """A notice to show prominently (a role=alert region on the page) and the SMS-ready text of it."""

    text: str
    sms: str


def order_tail(order: Order) -> str:
    """The last four characters of the order number: what customers and merchants see."""
    return order.reference[-4:]


def notice_for(order: Order, audience: Sender, *, text_only: bool, station_phone: str | None) -> Notice | None:
    """The notice ``audience`` sees at the order's current stage (None when the rider is not text-only)."""
    if not text_only:
        return None
    tail = order_tail(order)
    if audience is Sender.MERCHANT:
        template = _MERCHANT if station_phone else _MERCHANT_NO_PHONE
        text = _(template).format(order=tail, phone=station_phone or "")
    else:
        text = _(_CUSTOMER[order.stage])
    return Notice(text=text, sms=_(_SMS).format(order=tail)[:SMS_LIMIT])
