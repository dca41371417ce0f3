"""Which network addresses a URL fetch may connect to, and a total deadline per fetch.

A fetch on behalf of someone else (a web client) must not reach the machine's own
services or its private network (SSRF). The check runs where the socket is opened: every
address a host name resolves to is checked, on the first request and on every redirect,
and the connection goes to the address that was checked (no second DNS lookup an
attacker could answer differently).

>>> policy = AddressPolicy.from_setting("intranet.example, 10.1.0.0/16")
>>> policy.refusal("example.org", "93.184.215.14") is None
True
>>> policy.refusal("evil.example", "127.0.0.1")
'127.0.0.1 is a loopback address'
>>> policy.refusal("intranet.example", "192.168.1.5") is None
True
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import httpcore

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

# Prefixes that embed an IPv4 address (NAT64, 6to4) are judged by that address.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class BlockedAddress(httpcore.ConnectError):
    """The host resolves to an address the policy refuses (loopback, private, ...)."""


def _embedded_v4(ip: IPAddress) -> IPAddress:
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return ip.ipv4_mapped
        if ip in _NAT64:
            return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if ip.sixtofour is not None:
            return ip.sixtofour
    return ip


def address_kind(ip: IPAddress) -> str | None:
    """Why ``ip`` is not a public unicast address ("loopback", "private", ...), or None.

    >>> address_kind(ipaddress.ip_address("169.254.169.254"))
    'link-local'
    >>> address_kind(ipaddress.ip_address("::ffff:10.0.0.1"))
    'private'
    """
    ip = _embedded_v4(ip)
    for kind, flag in (("loopback", ip.is_loopback), ("unspecified", ip.is_unspecified),
                       ("link-local", ip.is_link_local), ("multicast", ip.is_multicast),
                       ("reserved", ip.is_reserved), ("private", ip.is_private)):
        if flag:
            return kind
    if not ip.is_global:
        return "non-public"
    return None


@dataclass(frozen=True)
class AddressPolicy:
    """Hosts (by name or network) allowed even though they resolve to internal
    addresses; ``allow_all`` (setting ``*``) turns the check off."""

    hosts: frozenset[str] = frozenset()
    networks: tuple[IPNetwork, ...] = ()
    allow_all: bool = False

    @classmethod
    def from_setting(cls, value: str | Iterable[str]) -> AddressPolicy:
        """Parse ``fetch_allow_hosts``: names and CIDR networks, comma or space separated."""
        items = value.replace(",", " ").split() if isinstance(value, str) else list(value)
        hosts, nets = set(), []
        for item in (i.strip().lower().strip("[]") for i in items):
            if not item:
                continue
            if item == "*":
                return cls(allow_all=True)
            try:
                nets.append(ipaddress.ip_network(item, strict=False))
            except ValueError:
                hosts.add(item.rstrip("."))
        return cls(frozenset(hosts), tuple(nets))

    def refusal(self, host: str, address: str) -> str | None:
        """None when connecting to ``address`` (resolved from ``host``) is allowed,
        else the reason it is refused."""
        if self.allow_all or host.lower().rstrip(".").strip("[]") in self.hosts:
            return None
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if any(_embedded_v4(ip) in net or ip in net for net in self.networks):
            return None
        kind = address_kind(ip)
        return f"{ip} is a {kind} address" if kind else None


def _remaining(deadline: float, timeout: float | None) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise httpcore.ReadTimeout("the fetch deadline passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A socket stream whose every read and write ends by the fetch deadline."""

    def __init__(self, inner: httpcore.NetworkStream, deadline: float) -> None:
        self._inner, self._deadline = inner, deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _remaining(self._deadline, timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _remaining(self._deadline, timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        inner = self._inner.start_tls(ssl_context, server_hostname, _remaining(self._deadline, timeout))
        return _DeadlineStream(inner, self._deadline)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


@dataclass
class GuardedBackend(httpcore.NetworkBackend):
    """httpcore's socket backend with the address policy and a total deadline
    (``time.monotonic()`` seconds) applied to each connection it opens."""

    policy: AddressPolicy
    deadline: float
    inner: httpcore.NetworkBackend = field(default_factory=httpcore.SyncBackend)

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
        for address in addresses:  # every address is checked, not only the one we use
            reason = self.policy.refusal(host, address)
            if reason:
                raise BlockedAddress(f"refused to fetch from {host}: {reason}")
        last: Exception | None = None
        for address in addresses:
            try:
                stream = self.inner.connect_tcp(address, port, _remaining(self.deadline, timeout),
                                                local_address, socket_options)
            except httpcore.ConnectError as exc:
                last = exc
                continue
            return _DeadlineStream(stream, self.deadline)
        raise last or httpcore.ConnectError(f"no address for {host}")

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        raise BlockedAddress("unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        self.inner.sleep(seconds)
