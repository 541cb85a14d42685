"""The system tells a running window to end (a logout, `kill`, Ctrl+C in its terminal):
it closes as it does when the user closes it, keeping its layout, and exits 0."""

from __future__ import annotations

import signal
import time

import pytest
from PySide6.QtNetwork import QLocalSocket

from reader.ui.window.single_instance import server_name
from tests.ui.processes import start_reader


def _up(folder) -> bool:
    """The window is open: its single-instance server answers."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(folder))
    up = socket.waitForConnected(200)
    socket.abort()
    return up


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_a_signal_ends_the_window_cleanly(qapp, data_dir, sig):
    proc = start_reader(data_dir)
    try:
        deadline = time.monotonic() + 30
        while not _up(data_dir):
            assert proc.poll() is None and time.monotonic() < deadline, "the window never opened"
            time.sleep(0.1)
        time.sleep(0.5)  # (its first events handled)
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err[-2000:]
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    layout = (data_dir / "window.ini").read_text()
    assert "geometry=" in layout and "state=" in layout  # closed as a close does
