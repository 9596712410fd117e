"""The LLM customer, tested against a real local HTTP server that speaks the OpenAI chat-completions protocol."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from barrierfree.core.errors import EngineUnavailable, SettingsError
from barrierfree.core.i18n import use_language
from barrierfree.core.settings import load_settings
from barrierfree.workforce._llm import (
    MAX_CUSTOMER_CHARS,
    OpenAICompatibleCustomer,
    chat_messages,
    system_prompt,
)
from barrierfree.workforce.scenario import get_scenario
from barrierfree.workforce.simulation import CustomerState, Session, engine_from_settings
from barrierfree.workforce.transcript import Transcript

API_KEY = "sk-test-0123456789abcdef"
MODEL = "qwen-plus"
SCENARIO = get_scenario("refund-damaged-goods")
SLOW_SECONDS = 1.0
CLIENT_TIMEOUT = 0.2


@dataclass
class _Behaviour:
    """What the fake endpoint does with the next requests, and what it received."""

    mode: str = "ok"
    content: str = "我的茶壶碎了，你们怎么处理？"
    requests: list[dict[str, Any]] = field(default_factory=list)


class _Handler(BaseHTTPRequestHandler):
    """POST /v1/chat/completions as an OpenAI-compatible server answers it."""

    behaviour: _Behaviour

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output quiet."""

    def _send(self, status: int, body: bytes, content_type: str = "application/json") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _error(self, status: int, message: str, kind: str) -> None:
        body = {"error": {"message": message, "type": kind, "code": None}}
        self._send(status, json.dumps(body).encode())

    def do_POST(self) -> None:
        behaviour = self.behaviour
        raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        request = json.loads(raw)
        behaviour.requests.append(
            {"path": self.path, "authorization": self.headers.get("Authorization"), "body": request}
        )
        if self.path != "/v1/chat/completions":
            self._error(404, f"no route {self.path}", "not_found")
            return
        if self.headers.get("Authorization") != f"Bearer {API_KEY}":
            given = (self.headers.get("Authorization") or "").removeprefix("Bearer ")
            self._error(401, f"Incorrect API key provided: {given}", "invalid_request_error")
            return
        if request.get("model") != MODEL:
            self._error(404, f"The model `{request.get('model')}` does not exist", "invalid_request_error")
            return
        messages = request.get("messages")
        if not (isinstance(messages, list) and messages and messages[0].get("role") == "system"):
            self._error(400, "messages must start with a system message", "invalid_request_error")
            return
        if behaviour.mode == "500":
            self._error(500, "The server had an error while processing your request.", "server_error")
        elif behaviour.mode == "429":
            self._error(429, "Requests rate limit exceeded, please try again later.", "rate_limit_error")
        elif behaviour.mode == "500-echo":
            self._error(502, f"upstream refused {self.headers.get('Authorization')}", "server_error")
        elif behaviour.mode == "slow":
            time.sleep(SLOW_SECONDS)
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client has given up by now
                self._send(200, b"{}")
        elif behaviour.mode == "malformed":
            self._send(200, b"<html>gateway says hello</html>", "text/html")
        elif behaviour.mode == "empty-choices":
            self._send(200, json.dumps({"id": "chatcmpl-1", "object": "chat.completion", "choices": []}).encode())
        else:
            self._send(200, json.dumps(self._completion(request)).encode())

    def _completion(self, request: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": "chatcmpl-test",
            "object": "chat.completion",
            "created": 1_700_000_000,
            "model": request["model"],
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": f"  {self.behaviour.content}  "},
                    "finish_reason": "stop",
                }
            ],
            "usage": {"prompt_tokens": 100, "completion_tokens": 10, "total_tokens": 110},
        }


@dataclass
class _Server:
    url: str
    behaviour: _Behaviour


@pytest.fixture(scope="module")
def _running() -> Iterator[tuple[ThreadingHTTPServer, _Behaviour]]:
    behaviour = _Behaviour()
    handler = type("Handler", (_Handler,), {"behaviour": behaviour})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    server.block_on_close = False  # a deliberately slow answer must not hold up the end of the run
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, behaviour
    server.shutdown()
    server.server_close()


@pytest.fixture
def server(_running: tuple[ThreadingHTTPServer, _Behaviour]) -> _Server:
    """The local endpoint, reset to answering normally."""
    http_server, behaviour = _running
    behaviour.mode = "ok"
    behaviour.content = "我的茶壶碎了，你们怎么处理？"
    behaviour.requests.clear()
    host, port = http_server.server_address[:2]
    return _Server(url=f"http://{host!s}:{port}/v1", behaviour=behaviour)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Messages in English (the platform's default language is zh-CN); the Chinese ones are tested on their own."""
    with use_language("en"):
        yield


def _engine(url: str, *, key: str = API_KEY, model: str = MODEL, timeout: float = 5.0) -> OpenAICompatibleCustomer:
    return OpenAICompatibleCustomer(url, model, api_key=key, timeout=timeout)


def _failure(engine: OpenAICompatibleCustomer) -> EngineUnavailable:
    with pytest.raises(EngineUnavailable) as caught:
        engine.next_turn(SCENARIO, Transcript("zh-CN"))
    assert API_KEY not in caught.value.message
    assert API_KEY not in str(caught.value)
    return caught.value


def test_the_customer_line_comes_from_the_endpoint_with_model_messages_and_key(server: _Server) -> None:
    turn = _engine(server.url).next_turn(SCENARIO, Transcript("zh-CN"))
    assert turn.text == "我的茶壶碎了，你们怎么处理？"
    assert turn.state is CustomerState.OPENING
    (request,) = server.behaviour.requests
    assert request["path"] == "/v1/chat/completions"
    assert request["authorization"] == f"Bearer {API_KEY}"
    body = request["body"]
    assert body["model"] == MODEL
    assert [message["role"] for message in body["messages"]] == ["system", "user"]
    assert "王女士" in body["messages"][0]["content"]
    assert body["max_tokens"] > 0


def test_a_whole_session_runs_on_the_endpoint_and_the_rubric_still_decides(server: _Server) -> None:
    settings = load_settings(
        simulation_engine="openai-compatible", llm_base_url=server.url + "/", llm_api_key=API_KEY, llm_model=MODEL
    )
    engine = engine_from_settings(settings)
    assert isinstance(engine, OpenAICompatibleCustomer)
    session = Session.start(SCENARIO, language="en", engine=engine)
    server.behaviour.content = "Thanks, that settles it."
    first = session.answer("Hello, sorry! A full refund to your original payment method, and a photo please.", 20)
    assert first.customer.text == "Thanks, that settles it."
    assert first.customer.state is CustomerState.FOLLOW_UP
    last = first.session.answer("Thank you! It arrives within 3 working days.", 20)
    assert last.customer.state is CustomerState.RESOLVED and last.session.ended
    roles = [message["role"] for message in server.behaviour.requests[-1]["body"]["messages"]]
    assert roles == ["system", "user", "assistant", "user", "assistant", "user"]
    assert last.session.finish().resolved


def test_a_long_answer_is_cut_to_a_chat_message(server: _Server) -> None:
    server.behaviour.content = "很" * (MAX_CUSTOMER_CHARS + 50)
    assert len(_engine(server.url).next_turn(SCENARIO, Transcript("zh-CN")).text) == MAX_CUSTOMER_CHARS


def test_a_wrong_key_is_refused_without_showing_any_key(server: _Server) -> None:
    error = _failure(_engine(server.url, key="sk-wrong-key-999"))
    assert "refused the API key (HTTP 401); check BARRIERFREE_LLM_API_KEY" in error.message
    assert "sk-wrong-key-999" not in error.message
    assert error.code == "engine-unavailable"


def test_an_echoed_key_in_an_error_detail_is_redacted(server: _Server) -> None:
    server.behaviour.mode = "500-echo"
    error = _failure(_engine(server.url))
    assert "answered with an error (HTTP 502): upstream refused Bearer ***" in error.message


def test_an_unknown_model_is_named(server: _Server) -> None:
    error = _failure(_engine(server.url, model="qwen-nope"))
    assert "knows no model “qwen-nope” or no such address (HTTP 404)" in error.message


def test_a_server_error_is_engine_unavailable_with_the_servers_reason(server: _Server) -> None:
    server.behaviour.mode = "500"
    error = _failure(_engine(server.url))
    assert error.message == (
        f"The language model at {server.url} answered with an error (HTTP 500): "
        "The server had an error while processing your request."
    )


def test_a_rate_limit_says_to_try_again_later(server: _Server) -> None:
    server.behaviour.mode = "429"
    assert "is busy or over its quota (HTTP 429); try again later" in _failure(_engine(server.url)).message


def test_a_slow_server_times_out(server: _Server) -> None:
    server.behaviour.mode = "slow"
    started = time.monotonic()
    error = _failure(_engine(server.url, timeout=CLIENT_TIMEOUT))
    assert time.monotonic() - started < SLOW_SECONDS
    assert f"did not answer within {CLIENT_TIMEOUT:g} seconds" in error.message


@pytest.mark.parametrize(
    ("mode", "problem"),
    [("malformed", "the body is not JSON"), ("empty-choices", "it has no choices")],
)
def test_a_body_that_is_not_a_chat_completion_is_refused(server: _Server, mode: str, problem: str) -> None:
    server.behaviour.mode = mode
    error = _failure(_engine(server.url))
    assert f"sent something that is not a chat completion: {problem}." in error.message


def test_an_empty_message_text_is_refused(server: _Server) -> None:
    server.behaviour.content = "   "
    assert "the first choice has no message text" in _failure(_engine(server.url)).message


def test_a_refused_connection_names_the_endpoint_but_not_the_credentials() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    engine = _engine(f"http://user:hunter2@127.0.0.1:{port}/v1?token=abc")
    error = _failure(engine)
    assert f"The language model at http://127.0.0.1:{port}/v1 cannot be reached" in error.message
    assert "hunter2" not in error.message and "token" not in error.message
    assert "hunter2" not in repr(engine) and API_KEY not in repr(engine)


def test_no_authorization_header_is_sent_without_a_key(server: _Server) -> None:
    _failure(_engine(server.url, key=""))
    assert server.behaviour.requests[-1]["authorization"] is None


def test_the_llm_engine_needs_a_base_url() -> None:
    settings = load_settings(simulation_engine="openai-compatible")
    with pytest.raises(EngineUnavailable, match="BARRIERFREE_LLM_BASE_URL is empty"):
        engine_from_settings(settings)


def test_settings_hide_the_key_and_refuse_a_non_http_base_url() -> None:
    settings = load_settings(llm_api_key=API_KEY)
    assert API_KEY not in repr(settings)
    assert settings.llm_api_key.get_secret_value() == API_KEY
    with pytest.raises(SettingsError) as caught:
        load_settings(llm_base_url="ftp://user:hunter2@example.com/v1")
    assert "BARRIERFREE_LLM_BASE_URL" in caught.value.message and "hunter2" not in caught.value.message


@pytest.mark.parametrize(
    ("language", "fragments"),
    [
        ("zh-CN", ["王女士", "永远不要说自己是人工智能", "只用简体中文回复", "全额退款（268元）退回原支付方式"]),
        ("en", ["Ms Wang", "never say that you are an AI", "Reply only in English", "a full refund (268 yuan)"]),
    ],
)
def test_the_system_prompt_carries_persona_goal_facts_and_language(language: str, fragments: list[str]) -> None:
    prompt = system_prompt(SCENARIO, Transcript(language), CustomerState.OPENING)
    for fragment in fragments:
        assert fragment in prompt
    assert SCENARIO.goal.in_(language) in prompt
    assert all(fact.text.in_(language) in prompt for fact in SCENARIO.facts)


def test_the_prompt_tells_the_customer_to_be_impatient_after_a_poor_reply() -> None:
    transcript = Transcript("en").with_customer(SCENARIO.lines.opening.en).with_agent("Hello.", 300)
    messages = chat_messages(SCENARIO, transcript)
    assert [message["role"] for message in messages] == ["system", "user", "assistant", "user"]
    assert messages[1]["content"] == "(The agent has joined the chat.)"
    assert "show your impatience, then ask: What about my money?" in messages[0]["content"]
