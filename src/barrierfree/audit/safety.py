"""Which addresses an audit requested over the web may reach (SSRF guard).

Only http and https; the host must resolve to public addresses only, unless the operator allowed it with
``BARRIERFREE_AUDIT_ALLOWED_HOSTS`` (host names, IP addresses or CIDR networks). The same guard runs for every
request the browser makes (redirects, frames, images), not only for the first URL.

Known limit: the guard resolves a name itself, and Chromium resolves it again; a DNS answer that changes in
between (rebinding) is not caught. Run audits from a network namespace without access to private ranges
where that matters.
"""

from __future__ import annotations

import functools
import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from barrierfree.audit._browser import RequestGuard
from barrierfree.audit.errors import TargetNotAllowed
from barrierfree.core.i18n import _

ALLOWED_SCHEMES = ("http", "https")
# Browser-internal URLs a page may use without any network access.
INTERNAL_SCHEMES = ("data", "blob", "about")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass(frozen=True)
class TargetPolicy:
    """What the operator allows beyond the public internet."""

    allowed_hosts: frozenset[str] = frozenset()
    allowed_networks: tuple[IPNetwork, ...] = ()
    allow_files: bool = False

    @classmethod
    def from_entries(cls, entries: Iterable[str], *, allow_files: bool = False) -> TargetPolicy:
        """Build from host names, addresses and CIDR networks (as in the setting)."""
        hosts: set[str] = set()
        networks: list[IPNetwork] = []
        for raw in entries:
            entry = raw.strip().lower()
            if not entry:
                continue
            try:
                networks.append(ipaddress.ip_network(entry, strict=False))
            except ValueError:
                hosts.add(entry)
        return cls(frozenset(hosts), tuple(networks), allow_files)

    def address_allowed(self, address: IPAddress) -> bool:
        """Public addresses always; others only inside an allowed network."""
        return address.is_global or any(address in network for network in self.allowed_networks)


@functools.lru_cache(maxsize=1024)
def _resolve(host: str) -> tuple[str, ...]:
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return ()
    return tuple(sorted({str(info[4][0]) for info in infos}))


def _host_allowed(host: str, policy: TargetPolicy) -> bool:
    if host in policy.allowed_hosts:
        return True
    addresses = _resolve(host)
    if not addresses:
        return False
    return all(policy.address_allowed(ipaddress.ip_address(a.split("%")[0])) for a in addresses)


def check_target(url: str, policy: TargetPolicy) -> None:
    """Raise TargetNotAllowed unless ``url`` may be audited under ``policy``."""
    parts = urlsplit(url)
    if parts.scheme == "file":
        if policy.allow_files:
            return
        raise TargetNotAllowed(_("Local files cannot be audited from the web. Use the command line."), field="targets")
    if parts.scheme not in ALLOWED_SCHEMES or not parts.hostname:
        raise TargetNotAllowed(_("Only http and https addresses can be audited."), field="targets")
    if not _host_allowed(parts.hostname.lower(), policy):
        raise TargetNotAllowed(
            _(
                "“{host}” is a loopback, private or unknown address. Only public sites can be audited, "
                "unless an administrator allows the host."
            ).format(host=parts.hostname[:100]),
            field="targets",
        )


def request_guard(policy: TargetPolicy) -> RequestGuard:
    """A browser request guard: True for requests the policy allows."""

    def allowed(url: str) -> bool:
        scheme = urlsplit(url).scheme
        if scheme in INTERNAL_SCHEMES:
            return True
        try:
            check_target(url, policy)
        except TargetNotAllowed:
            return False
        return True

    return allowed
