"""The order chat live: a WebSocket per open page, and voice messages from customers and merchants as text.

The database is the chat's single source of truth: a message sent over the socket is stored before it is
acknowledged, and each socket sends its page every message stored after the last one it sent, checking once a
second (so messages from the forms, the API and the smart-call worker arrive too). Pages work without the socket:
it only saves reloading, and lets the page vibrate and flash on each new message.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from fastapi import APIRouter, Path, Request, WebSocket, WebSocketDisconnect
from fastapi.responses import Response
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from barrierfree import speech
from barrierfree.core.accounts import user_for_session
from barrierfree.core.errors import BarrierfreeError
from barrierfree.core.i18n import _
from barrierfree.relay import services
from barrierfree.relay.dictation import chat_domain
from barrierfree.relay.errors import InvalidRelayInput
from barrierfree.relay.models import Message, Order, Sender
from barrierfree.web.csrf import checked_form
from barrierfree.web.deps import get_settings
from barrierfree.web.labels import label
from barrierfree.web.notices import redirect_with_notice
from barrierfree.web.preferences import SESSION_COOKIE
from barrierfree.web.routers.relay import KEY_PATTERN, party_context
from barrierfree.web.templating import render_form_error

router = APIRouter(prefix="/relay")
POLL_SECONDS = 1.0
MAX_VOICE_BYTES = 1_000_000
"""About 30 s of 16 kHz mono WAV (inside the 1 MiB request limit); the speech domain's limit is 60 s."""
CLOSE_NOT_FOUND = 4404


def _message_document(message: Message) -> dict[str, Any]:
    return {
        "id": message.id,
        "sender": message.sender.value,
        "sender_label": label(f"sender-{message.sender.value}"),
        "text": message.text,
        "from_voice": message.from_voice,
        "at": message.created_at.isoformat(),
    }


def _open_order(websocket: WebSocket, audience: Sender, key: str) -> int | None:
    """The order the socket may follow: by the secret link, or the logged-in rider's own order."""
    with websocket.app.state.db.session() as session:
        if audience is Sender.RIDER:
            user = user_for_session(session, websocket.cookies.get(SESSION_COOKIE))
            order = session.get(Order, int(key)) if key.isdigit() and len(key) < 10 else None
            return order.id if order is not None and user is not None and order.rider_id == user.id else None
        column = Order.customer_key if audience is Sender.CUSTOMER else Order.merchant_key
        return session.scalar(select(Order.id).where(column == key))


def _messages_after(websocket: WebSocket, order_id: int, last: int) -> list[dict[str, Any]]:
    with websocket.app.state.db.session() as session:
        query = select(Message).where(Message.order_id == order_id, Message.id > last).order_by(Message.id)
        return [_message_document(message) for message in session.scalars(query)]


def _store(websocket: WebSocket, order_id: int, audience: Sender, text: str) -> dict[str, Any]:
    with websocket.app.state.db.session() as session:
        order = session.get(Order, order_id)
        assert order is not None
        return _message_document(services.post_message(session, order, audience, text))


@router.websocket("/chat/{audience}/{key}")
async def chat_socket(websocket: WebSocket, audience: str, key: str) -> None:
    """Follow an order's chat and write in it: ``{"text": ...}`` in, ``{"messages": [...]}`` or ``{"error": ...}`` out."""
    try:
        sender = Sender(audience)
    except ValueError:
        sender = Sender.SYSTEM
    order_id = None if sender is Sender.SYSTEM else await run_in_threadpool(_open_order, websocket, sender, key[:64])
    if order_id is None:
        await websocket.close(code=CLOSE_NOT_FOUND)
        return
    await websocket.accept()
    last = 0
    try:
        while True:
            fresh = await run_in_threadpool(_messages_after, websocket, order_id, last)
            if fresh:
                last = fresh[-1]["id"]
                await websocket.send_json({"messages": fresh})
            try:
                raw = await asyncio.wait_for(websocket.receive_text(), timeout=POLL_SECONDS)
            except TimeoutError:
                continue
            await websocket.send_json(await _handle(websocket, order_id, sender, raw))
    except WebSocketDisconnect:
        return


async def _handle(websocket: WebSocket, order_id: int, sender: Sender, raw: str) -> dict[str, Any]:
    """Store one message from the socket; the answer is an acknowledgement or the reason it was refused."""
    try:
        text = json.loads(raw).get("text", "") if raw.startswith("{") else ""
        if not isinstance(text, str):
            raise InvalidRelayInput(_("Fill in this field."), field="text")
        stored = await run_in_threadpool(_store, websocket, order_id, sender, text[: services.MAX_MESSAGE_CHARS + 1])
    except BarrierfreeError as error:
        return {"error": error.message}
    except json.JSONDecodeError:
        return {"error": _('Send messages as JSON: {"text": "..."}.')}
    return {"stored": stored["id"]}


async def _voice_message(request: Request, key: str, audience: Sender, path: str) -> Response:
    """A customer's or merchant's recorded voice message, stored as its text for the rider."""
    form = await checked_form(request)
    session_factory = request.app.state.db
    upload = form.get("voice")
    language = str(form.get("voice_language", "en"))[:10]
    try:
        if upload is None or isinstance(upload, str) or not getattr(upload, "filename", None):
            raise InvalidRelayInput(_("Choose or record a voice message (WAV)."), field="voice")
        wav = await upload.read(MAX_VOICE_BYTES + 1)
        if len(wav) > MAX_VOICE_BYTES:
            raise InvalidRelayInput(
                _("The voice message is larger than {n} bytes; keep it under half a minute.").format(n=MAX_VOICE_BYTES),
                field="voice",
            )
        recognizer = speech.default_recognizer(get_settings(request), chat_domain())
        try:
            heard = await run_in_threadpool(speech.transcribe, wav, language, recognizer=recognizer)
        except speech.SpeechError as error:
            raise InvalidRelayInput(error.message, field="voice") from None
        if not heard.text:
            raise InvalidRelayInput(
                _("No speech was heard in the recording. Record again, or type the message."), field="voice"
            )
        with session_factory.session() as session:
            order = services.order_by_key(session, key, audience)
            services.post_message(session, order, audience, heard.text, from_voice=True)
    except BarrierfreeError as error:
        with session_factory.session() as session:
            template, context = party_context(session, key, audience)
            return render_form_error(request, template, context, error)
    return redirect_with_notice(f"/relay/{path}/{key}", "relay-message-sent")


@router.post("/track/{customer_key}/voice", response_model=None)
async def customer_voice(request: Request, customer_key: str = Path(pattern=KEY_PATTERN)) -> Response:
    """The customer's voice message, transcribed for the rider."""
    return await _voice_message(request, customer_key, Sender.CUSTOMER, "track")


@router.post("/merchant/{merchant_key}/voice", response_model=None)
async def merchant_voice(request: Request, merchant_key: str = Path(pattern=KEY_PATTERN)) -> Response:
    """The merchant's voice message, transcribed for the rider."""
    return await _voice_message(request, merchant_key, Sender.MERCHANT, "merchant")
