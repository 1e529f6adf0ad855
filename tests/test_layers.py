"""Every module imports on its own (issue 12): no cycle that only works in one import order."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT

SCRIPT = """
import importlib, sys
failed = []
for name in sys.argv[1:]:
    for m in [m for m in sys.modules if m == "gongbao" or m.startswith("gongbao.")]:
        del sys.modules[m]
    try:
        importlib.import_module(name)
    except Exception as e:
        failed.append(f"{name}: {type(e).__name__}: {e}")
print("\\n".join(failed))
"""


def test_every_module_imports_in_a_fresh_interpreter(tmp_path):
    names = sorted(".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
                   for p in (ROOT / "gongbao").rglob("*.py"))
    assert len(names) > 40
    r = subprocess.run([sys.executable, "-c", SCRIPT, *names], cwd=tmp_path, capture_output=True, text=True,
                       timeout=300)
    assert r.returncode == 0 and r.stdout.strip() == "", r.stdout + r.stderr
