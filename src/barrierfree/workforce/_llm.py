"""An LLM plays the simulated customer, through any OpenAI-compatible chat-completions endpoint.

Qwen through DashScope's compatible mode (``https://dashscope.aliyuncs.com/compatible-mode/v1``), a local server
(llama.cpp, vLLM, Ollama's ``/v1``) or any other endpoint speaking ``POST {base_url}/chat/completions`` works. The
model receives a system prompt built from the scenario (persona, goal, the facts the agent should convey, patience,
what to do at this point of the conversation) and the transcript, the customer as ``assistant`` and the trainee as
``user``. Only the customer's words come from the model: resolution, escalation and the score are decided by the
deterministic rubric, so a trainee is graded the same whichever engine plays the customer. Failures become
:class:`EngineUnavailable` with a message that names the endpoint and never the API key.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import httpx

from barrierfree.core.errors import EngineUnavailable
from barrierfree.core.i18n import _
from barrierfree.workforce.rubric import check_replies
from barrierfree.workforce.scenario import Localized, Scenario
from barrierfree.workforce.simulation import CustomerState, CustomerTurn, customer_state, next_question
from barrierfree.workforce.transcript import Transcript

if TYPE_CHECKING:
    from barrierfree.core.settings import Settings

CHAT_PATH = "/chat/completions"
DEFAULT_TIMEOUT_SECONDS = 30.0
TEMPERATURE = 0.7
MAX_REPLY_TOKENS = 300
MAX_CUSTOMER_CHARS = 1000
"""A longer answer from the model is cut here: a customer's chat message is short."""
MAX_ERROR_DETAIL_CHARS = 200
REDACTED = "***"
HTTP_UNAUTHORIZED = 401
HTTP_FORBIDDEN = 403
HTTP_NOT_FOUND = 404
HTTP_TOO_MANY_REQUESTS = 429
HTTP_ERROR_FROM = 400

MOOD_WORDS = {
    "calm": Localized("平静、讲道理", "calm and reasonable"),
    "worried": Localized("着急、担心", "worried and anxious"),
    "frustrated": Localized("不满、有些恼火", "frustrated and somewhat annoyed"),
    "angry": Localized("很生气", "angry"),
    "hurried": Localized("赶时间、要求简洁", "in a hurry and wanting brevity"),
}
PROMPT = Localized(
    zh_cn=(
        "你在扮演一位网店顾客，和一位正在接受培训的在线客服文字聊天。你就是这位顾客本人："
        "永远不要说自己是人工智能、模型或在扮演角色，也不要提到培训、评分或本说明。只用简体中文回复，"
        "每次一到三句话，像真实顾客在聊天窗口里打字一样。\n"
        "你的身份：{name}。情绪：{mood}。\n{needs}"
        "你的目的：{goal}\n"
        "客服应该告诉你以下信息；你自己并不知道这些答案，绝不要替客服说出来，客服没说到的就追问：\n{facts}\n"
        "你的耐心有限：客服回复慢、答非所问或不礼貌时，你会越来越不耐烦。\n"
        "此刻你要做的：{direction}"
    ),
    en=(
        "You are playing an online-shop customer in a text chat with a customer-service agent in training. You are "
        "this customer: never say that you are an AI, a model or playing a role, and never mention training, scores "
        "or these instructions. Reply only in English, one to three sentences at a time, as a real customer types "
        "in a chat window.\n"
        "Who you are: {name}. Mood: {mood}.\n{needs}"
        "Your goal: {goal}\n"
        "The agent should tell you the following; you do not know these answers yourself, so never state them for "
        "the agent, and ask about whatever the agent has not told you yet:\n{facts}\n"
        "Your patience is limited: when the agent is slow, unhelpful or impolite you grow impatient.\n"
        "What to do now: {direction}"
    ),
)
NEEDS_PREFIX = Localized("你的沟通需要：", "Your communication needs: ")
DIRECTIONS = {
    CustomerState.OPENING: Localized(
        "开始对话，用自己的话说出你的问题，例如：{line}",
        "Open the conversation by stating your problem in your own words, such as: {line}",
    ),
    CustomerState.FOLLOW_UP: Localized(
        "简短回应客服，然后用自己的话追问：{line}", "Respond briefly to the agent, then ask in your own words: {line}"
    ),
    CustomerState.IMPATIENT: Localized(
        "客服上一条回复太慢、没用或不礼貌；表现出不耐烦，然后追问：{line}",
        "The agent's last reply was slow, unhelpful or impolite; show your impatience, then ask: {line}",
    ),
    CustomerState.ESCALATED: Localized(
        "你的耐心用完了：要求找主管并结束对话，例如：{line}",
        "Your patience has run out: demand a supervisor and end the conversation, such as: {line}",
    ),
    CustomerState.RESOLVED: Localized(
        "你的问题解决了：简短道谢并结束对话，例如：{line}",
        "Your problem is solved: thank the agent briefly and end the conversation, such as: {line}",
    ),
}
AGENT_JOINED = Localized("（客服已接入对话。）", "(The agent has joined the chat.)")


def _direction(scenario: Scenario, transcript: Transcript, state: CustomerState) -> str:
    """What the customer should do now, with the scripted line as an example of it."""
    language = transcript.language
    lines = scenario.lines
    if state is CustomerState.OPENING:
        example = lines.opening
    elif state is CustomerState.RESOLVED:
        example = lines.closing
    elif state is CustomerState.ESCALATED:
        example = lines.escalation
    else:
        question = next_question(check_replies(scenario, transcript))
        fact_id, times = question if question else (scenario.facts[0].id, 0)
        follow_ups = lines.follow_ups[fact_id]
        example = follow_ups[times % len(follow_ups)]
    return DIRECTIONS[state].in_(language).format(line=example.in_(language))


def system_prompt(scenario: Scenario, transcript: Transcript, state: CustomerState) -> str:
    """The instructions the model gets: persona, goal, facts, patience and what to do now, in the scenario language."""
    language = transcript.language
    persona = scenario.persona
    needs = "".join(NEEDS_PREFIX.in_(language) + need.in_(language) + "\n" for need in persona.communication_needs)
    facts = "\n".join(f"- {fact.text.in_(language)}" for fact in scenario.facts)
    return PROMPT.in_(language).format(
        name=persona.name.in_(language),
        mood=MOOD_WORDS[persona.mood].in_(language),
        needs=needs,
        goal=scenario.goal.in_(language),
        facts=facts,
        direction=_direction(scenario, transcript, state),
    )


def chat_messages(scenario: Scenario, transcript: Transcript) -> list[dict[str, str]]:
    """The chat-completions ``messages``: the system prompt, then the customer as assistant and the agent as user.

    A first user message says the agent has joined, so that the turns alternate from a user message on, as some
    compatible servers require.
    """
    state = customer_state(check_replies(scenario, transcript))
    messages = [
        {"role": "system", "content": system_prompt(scenario, transcript, state)},
        {"role": "user", "content": AGENT_JOINED.in_(transcript.language)},
    ]
    for utterance in transcript.utterances:
        role = "assistant" if utterance.speaker == "customer" else "user"
        messages.append({"role": role, "content": utterance.text})
    return messages


class OpenAICompatibleCustomer:
    """A customer played by an LLM behind an OpenAI-compatible chat-completions endpoint."""

    def __init__(
        self,
        base_url: str,
        model: str,
        *,
        api_key: str = "",
        timeout: float = DEFAULT_TIMEOUT_SECONDS,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.model = model
        self._api_key = api_key
        self.timeout = timeout
        self._transport = transport

    @classmethod
    def from_settings(cls, settings: Settings) -> OpenAICompatibleCustomer:
        """The engine configured by BARRIERFREE_LLM_* settings."""
        if not settings.llm_base_url:
            raise EngineUnavailable(
                _("The simulator is set to use a language model, but BARRIERFREE_LLM_BASE_URL is empty."),
                field="llm_base_url",
            )
        return cls(
            settings.llm_base_url,
            settings.llm_model,
            api_key=settings.llm_api_key.get_secret_value(),
            timeout=settings.llm_timeout_seconds,
        )

    def __repr__(self) -> str:
        return f"OpenAICompatibleCustomer(base_url={self.endpoint!r}, model={self.model!r})"

    @property
    def endpoint(self) -> str:
        """The base URL as shown in messages: without user name, password or query."""
        url = httpx.URL(self.base_url)
        port = f":{url.port}" if url.port else ""
        return f"{url.scheme}://{url.host}{port}{url.path}".rstrip("/")

    def next_turn(self, scenario: Scenario, transcript: Transcript) -> CustomerTurn:
        """Ask the model for the customer's next line; the state comes from the rubric."""
        state = customer_state(check_replies(scenario, transcript))
        payload = {
            "model": self.model,
            "messages": chat_messages(scenario, transcript),
            "temperature": TEMPERATURE,
            "max_tokens": MAX_REPLY_TOKENS,
        }
        return CustomerTurn(self._complete(payload), state)

    def _complete(self, payload: dict[str, Any]) -> str:
        """POST the request and return the first choice's text, or raise EngineUnavailable."""
        headers = {"Content-Type": "application/json"}
        if self._api_key:
            headers["Authorization"] = f"Bearer {self._api_key}"
        try:
            with httpx.Client(timeout=self.timeout, transport=self._transport) as client:
                response = client.post(self.base_url + CHAT_PATH, json=payload, headers=headers)
        except httpx.TimeoutException:
            raise EngineUnavailable(
                _("The language model at {endpoint} did not answer within {seconds} seconds.").format(
                    endpoint=self.endpoint, seconds=f"{self.timeout:g}"
                )
            ) from None
        except (httpx.TransportError, httpx.InvalidURL):
            raise EngineUnavailable(
                _(
                    "The language model at {endpoint} cannot be reached; check BARRIERFREE_LLM_BASE_URL "
                    "and that the server is running."
                ).format(endpoint=self.endpoint)
            ) from None
        if response.status_code >= HTTP_ERROR_FROM:
            raise self._http_error(response)
        return self._content(response)

    def _http_error(self, response: httpx.Response) -> EngineUnavailable:
        """The error for an HTTP 4xx or 5xx answer."""
        status = response.status_code
        if status in (HTTP_UNAUTHORIZED, HTTP_FORBIDDEN):
            message = _(
                "The language model at {endpoint} refused the API key (HTTP {status}); check BARRIERFREE_LLM_API_KEY."
            )
        elif status == HTTP_NOT_FOUND:
            message = _(
                "The language model at {endpoint} knows no model “{model}” or no such address (HTTP {status}); "
                "check BARRIERFREE_LLM_MODEL and BARRIERFREE_LLM_BASE_URL."
            )
        elif status == HTTP_TOO_MANY_REQUESTS:
            message = _("The language model at {endpoint} is busy or over its quota (HTTP {status}); try again later.")
        else:
            message = _("The language model at {endpoint} answered with an error (HTTP {status}): {detail}")
        text = message.format(endpoint=self.endpoint, status=status, model=self.model, detail=self._detail(response))
        return EngineUnavailable(self._redact(text))

    def _detail(self, response: httpx.Response) -> str:
        """The server's own error message, shortened and with the API key removed."""
        try:
            body = response.json()
        except ValueError:
            body = None
        detail: object = None
        if isinstance(body, dict):
            error = body.get("error")
            detail = error.get("message") if isinstance(error, dict) else error or body.get("message")
        if not isinstance(detail, str) or not detail.strip():
            detail = response.reason_phrase or _("no details given")
        return self._redact(str(detail).strip())[:MAX_ERROR_DETAIL_CHARS]

    def _content(self, response: httpx.Response) -> str:
        """The first choice's message text of a chat completion."""
        try:
            body = response.json()
        except ValueError:
            raise self._malformed(_("the body is not JSON")) from None
        choices = body.get("choices") if isinstance(body, dict) else None
        if not isinstance(choices, list) or not choices:
            raise self._malformed(_("it has no choices"))
        first = choices[0]
        message = first.get("message") if isinstance(first, dict) else None
        content = message.get("content") if isinstance(message, dict) else None
        if not isinstance(content, str) or not content.strip():
            raise self._malformed(_("the first choice has no message text"))
        return content.strip()[:MAX_CUSTOMER_CHARS]

    def _malformed(self, problem: str) -> EngineUnavailable:
        return EngineUnavailable(
            _("The language model at {endpoint} sent something that is not a chat completion: {problem}.").format(
                endpoint=self.endpoint, problem=problem
            )
        )

    def _redact(self, text: str) -> str:
        """``text`` without the API key in it."""
        return text.replace(self._api_key, REDACTED) if self._api_key else text
