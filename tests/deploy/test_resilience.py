"""The documented deploy survives slow clients and a database restart.

Slow clients: ten connections held open for 30 s, five sending their request a byte at a
time and five asking for the longest page and not reading it, while ``/healthz`` must keep
answering in under a second. nginx in front (deploy/nginx.conf) buffers both ways, so the
two gunicorn workers never wait on a client.

Database restart (PostgreSQL): the shapes' own cluster restarts under traffic; once it
accepts connections again, no request answers 5xx (persistent connections are checked
before each request, ``CONN_HEALTH_CHECKS``).
"""

import socket
import threading
import time

import pytest

from . import shapes

HOLD_SECONDS = 30
SLOW_CLIENTS = 10


def slow_sender(shape, stop):
    """Sends a request's headers one byte every half second, never finishing them."""
    request = f"GET /conditions/back-spasm/ HTTP/1.1\r\nHost: 127.0.0.1:{shape.port}\r\nX-Pad: "
    with socket.create_connection(("127.0.0.1", shape.port), timeout=5) as sock:
        for byte in (request + "a" * 1000).encode():
            if stop.is_set():
                return
            try:
                sock.send(bytes([byte]))
            except OSError:
                return  # nginx gave up on us (client_header_timeout): fine
            time.sleep(0.5)


def slow_reader(shape, stop):
    """Asks for the article and reads nothing until told to stop."""
    request = (
        f"GET /conditions/back-spasm/?slow={time.monotonic()} HTTP/1.1\r\n"
        f"Host: 127.0.0.1:{shape.port}\r\nConnection: keep-alive\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", shape.port), timeout=5) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1024)
        sock.sendall(request.encode())
        stop.wait(HOLD_SECONDS + 5)


def test_healthz_keeps_answering_while_slow_clients_hold_connections(shape):
    stop = threading.Event()
    clients = [
        threading.Thread(target=slow_sender if i % 2 else slow_reader, args=(shape, stop))
        for i in range(SLOW_CLIENTS)
    ]
    for client in clients:
        client.start()
    time.sleep(1)
    timings, failures = [], []
    deadline = time.monotonic() + HOLD_SECONDS
    try:
        while time.monotonic() < deadline:
            start = time.monotonic()
            try:
                status = shape.get("/healthz", timeout=5).status
            except OSError as error:
                status = repr(error)
            timings.append(time.monotonic() - start)
            if status != 200:
                failures.append(status)
            time.sleep(0.5)
    finally:
        stop.set()
        for client in clients:
            client.join(10)
    print(f"{shape.name}: {len(timings)} /healthz probes, slowest {max(timings) * 1000:.0f} ms")
    assert failures == []
    assert len(timings) >= 40
    assert max(timings) < 1.0


@pytest.mark.parametrize("shape", ["scaled"], indirect=True)  # SQLite has no server
def test_no_5xx_once_postgresql_is_back_after_a_restart(shape):
    paths = ["/conditions/back-spasm/?restart", "/api/content/articles/?limit=7", "/healthz"]
    assert all(r.status == 200 for _, r in shape.many(paths, times=4))
    shapes.restart_postgres()  # returns once the cluster accepts connections again
    answers = shape.many(paths, times=10)
    errors = [(path, r.status) for path, r in answers if r.status >= 500]
    print(f"{shape.name}: {len(answers)} requests after the restart, {len(errors)} 5xx")
    assert errors == []
