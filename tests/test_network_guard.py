"""The suite's network guard (conftest ``no_network``): outside addresses fail the test, loopback works."""

from __future__ import annotations

import socket
import threading
import urllib.request

import pytest

BLOCKED_CASES = [
    # (case id, call that reaches out, text the failure must name)
    ("create-connection-ipv4", lambda: socket.create_connection(("192.0.2.10", 80), timeout=1), "192.0.2.10"),
    ("create-connection-name", lambda: socket.create_connection(("example.org", 443), timeout=1), "example.org"),
    ("connect-ipv4", lambda: socket.socket(socket.AF_INET, socket.SOCK_STREAM).connect(("198.51.100.7", 53)),
     "198.51.100.7"),
    ("connect-ex-ipv4", lambda: socket.socket(socket.AF_INET, socket.SOCK_STREAM).connect_ex(("203.0.113.5", 80)),
     "203.0.113.5"),
    ("connect-udp", lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM).connect(("192.0.2.99", 53)),
     "192.0.2.99"),
    ("connect-ipv6", lambda: socket.socket(socket.AF_INET6, socket.SOCK_STREAM).connect(("2001:db8::1", 80, 0, 0)),
     "2001:db8::1"),
    ("dns-lookup", lambda: socket.getaddrinfo("tiles.example.net", 443), "tiles.example.net"),
    ("urllib", lambda: urllib.request.urlopen("http://example.com/x", timeout=1), "example.com"),
    ("lookalike-loopback-name", lambda: socket.create_connection(("localhost.example.com", 80), timeout=1),
     "localhost.example.com"),
]


@pytest.mark.parametrize(("case", "reach", "names"), BLOCKED_CASES, ids=[c[0] for c in BLOCKED_CASES])
def test_network_guard_fails_outside_connections_naming_the_address(case, reach, names):
    with pytest.raises(pytest.fail.Exception, match="tests run offline") as failure:
        reach()
    assert names in str(failure.value)


def _echo_server(family: int, host: str) -> tuple[socket.socket, int]:
    server = socket.socket(family, socket.SOCK_STREAM)
    server.bind((host, 0))
    server.listen(1)

    def serve() -> None:
        conn, _ = server.accept()
        with conn:
            conn.sendall(conn.recv(16))

    threading.Thread(target=serve, daemon=True).start()
    return server, server.getsockname()[1]


LOOPBACK_CASES = [
    # (case id, address family, address the server binds, host the client connects to)
    ("ipv4", socket.AF_INET, "127.0.0.1", "127.0.0.1"),
    ("ipv4-other-loopback", socket.AF_INET, "127.0.0.2", "127.0.0.2"),
    ("localhost-name", socket.AF_INET, "127.0.0.1", "localhost"),
    ("ipv6", socket.AF_INET6, "::1", "::1"),
]


@pytest.mark.parametrize(("case", "family", "bind", "host"), LOOPBACK_CASES, ids=[c[0] for c in LOOPBACK_CASES])
def test_network_guard_allows_loopback(case, family, bind, host):
    try:
        server, port = _echo_server(family, bind)
    except OSError:
        pytest.skip(f"{bind} is not available on this machine")
    with server, socket.create_connection((host, port), timeout=5) as client:
        client.sendall(b"ping")
        assert client.recv(16) == b"ping"


def test_network_guard_allows_unix_sockets(tmp_path):
    path = str(tmp_path / "s")
    if len(path) > 100:
        pytest.skip("temporary path too long for a unix socket")
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(path)
        server.listen(1)
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.connect(path)
            conn, _ = server.accept()
            with conn:
                client.sendall(b"ok")
                assert conn.recv(4) == b"ok"
    a, b = socket.socketpair()
    with a, b:
        a.sendall(b"pair")
        assert b.recv(4) == b"pair"
