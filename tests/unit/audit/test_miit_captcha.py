"""MIIT: picture and slider CAPTCHAs need an audio or other non-visual alternative (real Chromium)."""

from __future__ import annotations

import asyncio

import pytest

from barrierfree.audit import ChromiumEngine, Finding
from barrierfree.audit.checks.base import PageContext
from barrierfree.audit.checks.miit.captcha import PICTURE, SLIDER, CaptchaAlternativeCheck
from tests.unit.audit.conftest import needs_chromium

pytestmark = needs_chromium
IMAGE = "data:image/gif;base64,R0lGODlhAQABAAAAACw="


def _page(body: str) -> str:
    return f'<!doctype html><html lang="zh-CN"><head><title>t</title></head><body><main>{body}</main></body></html>'


PAGES = {
    "picture": _page(
        f'<form><label>验证码 <input name="code"></label><img src="{IMAGE}" alt="验证码" width="100" height="40">'
        "<button>登录</button></form>"
    ),
    "picture-by-src": _page(f'<form><img src="{IMAGE}#/captcha.jpg" id="vcode" width="100" height="40"></form>'),
    "with-audio": _page(
        f'<form><img src="{IMAGE}" alt="验证码" width="100" height="40"><button type="button">语音验证码</button></form>'
    ),
    "with-sms": _page(
        f'<form><img class="captcha" src="{IMAGE}" width="100" height="40"><a href="/sms">改用短信验证</a></form>'
    ),
    "slider": _page('<div class="verify-box"><div class="track">请按住滑块，拖动到最右边</div></div>'),
    "slider-with-audio": _page(
        '<form><div class="slide-verify"><span>向右滑动完成验证</span></div><audio src="/c.mp3" controls></audio></form>'
    ),
    "recaptcha": _page(
        '<form><iframe src="https://www.google.com/recaptcha/api2/anchor" width="300" height="80"></iframe></form>'
    ),
    "text-question": _page('<form><label>3 加 4 等于几？<input name="captcha"></label></form>'),
    "screenshot": _page(
        f'<img src="{IMAGE}" width="100" height="40" alt="页面截图：一个图片验证码（captcha）没有语音或其他非视觉替代方式">'
    ),
    "hidden": _page(f'<form><img src="{IMAGE}" alt="验证码" width="100" height="40" style="display:none"></form>'),
}


def _run() -> dict[str, list[Finding]]:
    async def go() -> dict[str, list[Finding]]:
        async with ChromiumEngine(guard=lambda _url: False) as engine, engine.context() as context:
            page = await context.new_page()
            found = {}
            for name, html in PAGES.items():
                await page.set_content(html)
                check = CaptchaAlternativeCheck()
                found[name] = await check.run(PageContext(page=page, url="http://t/", elder_mode=False))
            return found

    return asyncio.run(go())


@pytest.fixture(scope="module")
def found() -> dict[str, list[Finding]]:
    """Findings per page (the rule runs in every mode)."""
    return _run()


def test_a_picture_captcha_without_alternative_fails(found: dict[str, list[Finding]]) -> None:
    for name in ("picture", "picture-by-src"):
        assert [f.summary for f in found[name]] == [PICTURE], name
    assert found["picture"][0].wcag == ("1.1.1",)
    assert found["picture"][0].selector.endswith("img")


def test_a_slider_captcha_without_alternative_fails(found: dict[str, list[Finding]]) -> None:
    assert [f.summary for f in found["slider"]] == [SLIDER]


@pytest.mark.parametrize("name", ["with-audio", "with-sms", "slider-with-audio", "recaptcha"])
def test_an_audio_or_sms_alternative_passes(found: dict[str, list[Finding]], name: str) -> None:
    assert found[name] == []


@pytest.mark.parametrize("name", ["text-question", "screenshot", "hidden"])
def test_text_questions_descriptions_and_hidden_images_are_not_captchas(
    found: dict[str, list[Finding]], name: str
) -> None:
    assert found[name] == []
