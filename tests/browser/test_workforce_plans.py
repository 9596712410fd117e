"""Shift plans, payroll and rostering in a real browser, by keyboard: a manager submits a round and reads what an
agent is shown; the result pages (which only exist as answers to a form) have no axe violations."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from tests.browser._pages import axe_violations, describe, log_in, set_display
from tests.workforce_data import TOY_INSTANCE, bidding_files, senior_contacts_csv

WAIT_SECONDS = 120


def _submit_by_keyboard(page: Any, button: str) -> None:
    """Focus the form's submit button and press Enter, as a keyboard user does."""
    page.focus(button)
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.mark.parametrize("language", ["zh-CN", "en"])
def test_a_manager_submits_a_round_and_reads_an_agent_s_reasons(
    context: Any, live_site: Any, tmp_path: Path, language: str
) -> None:
    page = context.new_page()
    base = live_site.base_url
    set_display(page, base, language=language, elder=False)
    log_in(page, base, "chen.jing", live_site.password)
    page.goto(f"{base}/workforce/employers/{live_site.employer_id}/shift-plans")
    for name, text in bidding_files().items():
        path = tmp_path / f"{name}.csv"
        path.write_text(text, encoding="utf-8")
        page.set_input_files(f"#{name}", str(path))
    page.focus("#title")
    page.keyboard.type("Week 50")
    page.fill("#time_limit", "10")

    _submit_by_keyboard(page, "main form[enctype] button[type=submit]")

    deadline = time.monotonic() + WAIT_SECONDS
    while page.locator("a[href^='/workforce/shift-plans/']").count() and time.monotonic() < deadline:
        time.sleep(0.5)  # still queued or running: reload, as the page says
        page.reload()
    assert page.locator("#figures-title").count() == 1, page.inner_text("main")
    assert not (violations := axe_violations(page)), describe(violations)
    page.focus("#agent")
    page.keyboard.type("emma")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("main table tbody tr").count() == 2
    assert not (violations := axe_violations(page)), describe(violations)


@pytest.mark.parametrize("language", ["zh-CN", "en"])
def test_payroll_and_rostering_results_pass_axe(context: Any, live_site: Any, tmp_path: Path, language: str) -> None:
    page = context.new_page()
    base = live_site.base_url
    set_display(page, base, language=language, elder=False)
    contacts = tmp_path / "contacts.csv"
    contacts.write_text(senior_contacts_csv("a1", count=40), encoding="utf-8")
    page.goto(f"{base}/workforce/payroll")
    page.set_input_files("#contacts_file", str(contacts))
    page.fill("#period_start", "2026-10-01")
    page.fill("#period_end", "2026-10-31")
    _submit_by_keyboard(page, "main form button[type=submit]")
    assert page.locator("#slips-title").count() == 1, page.inner_text("main")
    assert not (violations := axe_violations(page)), describe(violations)

    instance = tmp_path / "toy.txt"
    instance.write_text(TOY_INSTANCE, encoding="utf-8")
    page.goto(f"{base}/workforce/rostering")
    page.set_input_files("#instance_file", str(instance))
    page.fill("#seconds", "2")
    _submit_by_keyboard(page, "main form button[type=submit]")
    assert page.locator("#roster").count() == 1, page.inner_text("main")
    assert not (violations := axe_violations(page)), describe(violations)
    page.fill("#seconds", "99")
    page.set_input_files("#instance_file", str(instance))
    _submit_by_keyboard(page, "main form button[type=submit]")
    assert page.locator(".error-summary").count() == 1
    assert not (violations := axe_violations(page)), describe(violations)
