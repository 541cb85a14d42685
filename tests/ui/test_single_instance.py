"""A second start on the same library hands over to the running window."""

from __future__ import annotations

import os
import subprocess
import sys

from reader.ui.window.single_instance import InstanceServer, hand_over


def test_second_start_hands_over_and_exits(qtbot, data_dir):
    requests = []
    server = InstanceServer(data_dir)
    assert server.listening
    server.activation_requested.connect(requests.append)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "reader", "--data-dir", str(data_dir)],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=20000)
    _, err = proc.communicate()
    assert proc.returncode == 0
    assert "already open" in err
    qtbot.waitUntil(lambda: requests == [[]], timeout=5000)
    server.server.close()


def test_no_running_window_means_no_hand_over(qapp, data_dir):
    assert hand_over(data_dir, []) is False


def test_stale_socket_from_a_crash_is_replaced(qapp, data_dir):
    first = InstanceServer(data_dir)
    second = InstanceServer(data_dir)  # as after a crash that left the name behind
    assert second.listening
    first.server.close()
    second.server.close()
