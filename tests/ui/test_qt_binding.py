"""Guards against a Qt binding that mishandles None (PySide6 6.12.0 on Python 3.11)."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtWidgets import QApplication
app = QApplication([])
class M(QAbstractListModel):
    def rowCount(self, parent=QModelIndex()): return 10
    def data(self, index, role=Qt.ItemDataRole.DisplayRole): return None
m = M()
index = m.index(3)
for _ in range(200_000):
    index.data(Qt.ItemDataRole.UserRole)
print("ok")
"""


def test_models_may_return_none_many_times():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.strip() == "ok"
