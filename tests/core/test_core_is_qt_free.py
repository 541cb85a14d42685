import subprocess
import sys

CHECK = """
import importlib, pkgutil, sys
import reader.core
for m in pkgutil.walk_packages(reader.core.__path__, "reader.core."):
    importlib.import_module(m.name)
import reader.cli.main
loaded = sorted(m for m in sys.modules if m.startswith("PySide6"))
print(len([m for m in sys.modules if m.startswith("reader.core")]))
sys.exit("PySide6 loaded: " + ", ".join(loaded) if loaded else 0)
"""


def test_core_and_cli_import_without_qt():
    """In a fresh interpreter: pytest-qt has PySide6 loaded in this one."""
    result = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) >= 10  # the core modules really were imported
