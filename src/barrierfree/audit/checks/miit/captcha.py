"""MIIT: picture and slider CAPTCHAs come with an alternative (audio, SMS or another non-visual way).

A CAPTCHA is recognised by its markup: an image, canvas, SVG, frame or block whose id, class, name, ``src``,
``alt``, title or ARIA label names it (``captcha``, ``验证码``, ``vcode``, ``geetest``, slider-verify widgets ...),
or a block whose text asks to drag a slider ("向右滑动", "拖动滑块", "slide to verify"). Around it (its form, or
else the block four levels up) an alternative must be offered: an ``<audio>`` element, or a control whose name
mentions audio, voice, listening, SMS or "another way" (语音验证码, 短信验证, 换一种验证方式 ...). "换一张" (a new
picture) is not an alternative. reCAPTCHA and hCaptcha frames are accepted: both offer an audio or
accessibility challenge of their own. Maps to WCAG 1.1.1 (its CAPTCHA clause asks for alternative forms).
"""

from __future__ import annotations

from barrierfree.audit.checks.base import PageContext, finding_from_element
from barrierfree.audit.checks.miit.dom import MAX_FINDINGS_PER_RULE, script
from barrierfree.audit.findings import Finding, Source
from barrierfree.core.i18n import N_

RULE = "miit:captcha-alternative"
WCAG = ("1.1.1",)
NEARBY_LEVELS = 4
MAX_LABEL_CHARS = 30
"""An ``alt``/``title``/``aria-label`` longer than this describes something else, e.g. a screenshot of a CAPTCHA."""
CAPTCHA_NAMES = (
    r"captcha|验证码|校验码|驗證碼|verif(?:y|ication)[-_ ]?code|vcode|valid(?:ate)?[-_]?code|checkcode|check[-_]code"
    r"|authcode|yzm|geetest|tcaptcha|nc[-_]wrapper|slide[-_]?verify|slider[-_]?(?:verify|captcha)|drag[-_]?verify"
)
SLIDER_TEXT = (
    r"向右滑动|向右拖动|拖动滑块|按住滑块|滑动验证|拖动下方滑块|slide to (?:verify|unlock|complete)|drag the slider"
)
SELF_ACCESSIBLE = r"recaptcha|hcaptcha"
ALTERNATIVE = (
    r"语音|音频|收听|播放验证码|听不清|audio|listen|voice|spoken|短信|手机验证|sms|text message"
    r"|换一种|其他验证|其它验证|其他方式|其它方式|其他登录方式|无障碍验证|accessible|alternative"
)
PICTURE = N_("A picture CAPTCHA has no audio or other non-visual alternative")
SLIDER = N_("A slider CAPTCHA has no audio or other non-visual alternative")

CAPTCHA_JS = script(
    r"""
  const NAMES = new RegExp(args.names, 'i');
  const SLIDER = new RegExp(args.slider, 'i');
  const SELF = new RegExp(args.selfAccessible, 'i');
  const ALT = new RegExp(args.alternative, 'i');
  const body = document.body || document.documentElement;
  // names in markup always count; human-readable labels only when short ("验证码", not a long description)
  const attrs = (el) => [
    ...['id', 'class', 'name', 'src', 'data-type'].map(a => el.getAttribute(a) || ''),
    ...['alt', 'title', 'aria-label'].map(a => el.getAttribute(a) || '').filter(t => t.length <= args.labelChars),
  ].join(' ');
  const found = [];
  const seen = new Set();
  const nearby = (el) => {
    const form = el.closest('form');
    if (form) return form;
    let node = el;
    for (let i = 0; i < args.levels && node.parentElement && node.parentElement !== body; i++) node = node.parentElement;
    return node;
  };
  const hasAlternative = (scope) => {
    if (scope.querySelector('audio')) return true;
    for (const c of scope.querySelectorAll('a, button, [role=button], [role=link], input[type=button], input[type=submit], input[type=image], input[type=radio], label, [tabindex]')) {
      if (ALT.test(bfName(c))) return true;
    }
    return false;
  };
  const consider = (el, kind) => {
    if (found.length >= args.maxFindings || !bfVisible(el)) return;
    const scope = nearby(el);
    if (seen.has(scope)) return;
    seen.add(scope);
    if (hasAlternative(scope)) return;
    found.push({kind, info: bfInfo(el, null, '')});
  };
  for (const el of body.querySelectorAll('iframe[src]')) {
    if (SELF.test(el.getAttribute('src'))) seen.add(nearby(el));
  }
  for (const el of body.querySelectorAll('img, canvas, svg, iframe, picture, [style*="background"]')) {
    if (NAMES.test(attrs(el)) && !SELF.test(attrs(el))) consider(el, 'picture');
  }
  for (const el of body.querySelectorAll('div, span, section, p')) {
    const own = [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.nodeValue).join(' ');
    const named = /slide|slider|drag|滑/i.test(attrs(el)) && NAMES.test(attrs(el));
    if (named || SLIDER.test(own)) consider(el, 'slider');
  }
  return found;
"""
)


class CaptchaAlternativeCheck:
    """Picture and slider CAPTCHAs offer an audio or other non-visual alternative nearby."""

    id = RULE
    source = Source.MIIT

    async def run(self, context: PageContext) -> list[Finding]:
        """One finding per CAPTCHA with no alternative in its form or surroundings."""
        raw = await context.page.evaluate(
            CAPTCHA_JS,
            {
                "names": CAPTCHA_NAMES,
                "slider": SLIDER_TEXT,
                "selfAccessible": SELF_ACCESSIBLE,
                "alternative": ALTERNATIVE,
                "levels": NEARBY_LEVELS,
                "labelChars": MAX_LABEL_CHARS,
                "maxFindings": MAX_FINDINGS_PER_RULE,
            },
        )
        return [
            finding_from_element(
                item["info"],
                rule=RULE,
                source=Source.MIIT,
                summary=PICTURE if item["kind"] == "picture" else SLIDER,
                wcag=WCAG,
                impact="critical",
                details={"kind": item["kind"]},
            )
            for item in raw
        ]
