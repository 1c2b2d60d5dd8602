"""Unit tests open no sockets: a test that needs a server belongs in tests/integration or tests/e2e."""

from __future__ import annotations

import socket

import pytest


class SocketUsed(RuntimeError):
    pass


@pytest.fixture(autouse=True)
def no_sockets(monkeypatch):
    def refuse(*args, **kwargs):
        raise SocketUsed("a unit test opened a socket: move it to tests/integration")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
