"""The SSRF guard: only public http(s) sites, unless the operator allows more."""

from __future__ import annotations

import pytest

from barrierfree.audit.errors import TargetNotAllowed
from barrierfree.audit.safety import TargetPolicy, check_target, request_guard

PUBLIC_POLICY = TargetPolicy()


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://localhost:8000/admin",
        "http://[::1]/",
        "http://10.1.2.3/",
        "http://172.16.0.1/",
        "http://192.168.1.1/router",
        "http://169.254.169.254/latest/meta-data/",
        "http://0.0.0.0/",
        "http://no-such-host.invalid/",
        "file:///etc/passwd",
        "ftp://203.0.113.5/",
        "javascript:alert(1)",
        "http:///nohost",
    ],
)
def test_private_local_and_odd_targets_are_refused(url: str) -> None:
    with pytest.raises(TargetNotAllowed):
        check_target(url, PUBLIC_POLICY)


def test_a_public_address_is_allowed() -> None:
    check_target("http://8.8.8.8/", PUBLIC_POLICY)


def test_the_operator_can_allow_a_network_or_a_host() -> None:
    policy = TargetPolicy.from_entries(["127.0.0.0/8", "intranet.example", " "])
    check_target("http://127.0.0.1:9000/", policy)
    check_target("http://intranet.example/", policy)
    with pytest.raises(TargetNotAllowed):
        check_target("http://10.0.0.1/", policy)


def test_files_only_when_allowed() -> None:
    check_target("file:///tmp/page.html", TargetPolicy(allow_files=True))
    with pytest.raises(TargetNotAllowed):
        check_target("file:///tmp/page.html", PUBLIC_POLICY)


def test_the_browser_guard_lets_internal_urls_through_and_blocks_private_ones() -> None:
    guard = request_guard(PUBLIC_POLICY)
    assert guard("data:image/png;base64,AAAA")
    assert guard("about:blank")
    assert not guard("http://127.0.0.1:5432/")
    assert not guard("http://192.168.0.1/")
    assert guard("http://8.8.8.8/")
