"""The built wheel works anywhere (issue 12): installed into a folder of its own and run from an
empty folder, it carries its department data, template, sample and metadata, builds into the
current folder, checks, exports and serves."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from .conftest import ROOT


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    base = tmp_path_factory.mktemp("wheel")
    dist, target = base / "dist", base / "site"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                    "-w", str(dist), str(ROOT)], check=True, capture_output=True)
    (wheel,) = dist.glob("gongbao-*.whl")
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target),
                    str(wheel)], check=True, capture_output=True)
    empty = base / "empty"
    empty.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    env.pop("GONGBAO_DEPARTMENTS", None)
    env.pop("GONGBAO_TEMPLATE", None)

    def run(*args, **kw):
        return subprocess.run([sys.executable, "-c", "import sys; from gongbao.cli import cli; sys.exit(cli())",
                               *args], cwd=empty, env=env, capture_output=True, text=True, **kw)
    return run, target, empty, env


def test_the_wheel_is_what_runs(installed):
    _run, target, empty, env = installed
    r = subprocess.run([sys.executable, "-c", "import gongbao, gongbao.resources as r; "
                        "print(gongbao.__file__); print(r.data_path('departments')); print(r.metadata_path())"],
                       cwd=empty, env=env, capture_output=True, text=True, check=True)
    for line in r.stdout.split():
        assert line.startswith(str(target)), line  # nothing read from the checkout


def test_build_check_export_from_an_empty_folder(installed):
    run, target, empty, _env = installed
    r = run("build")
    assert r.returncode == 0, r.stderr
    assert (empty / "gazette.db").exists()  # the default database is in the current folder
    sample = target / "gongbao" / "_data" / "samples" / "jinan-gazette-2023-22.txt"
    r = run("check", str(sample))
    assert r.returncode == 0 and "units resolved by directory" in r.stdout, r.stdout + r.stderr
    r = run("export", "matrix", "-o", "m.csv")
    assert r.returncode == 0, r.stderr
    header = (empty / "m.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert "济南市 · 市市场监管局" in header


def test_serve_from_an_empty_folder(installed):
    run, _target, empty, env = installed
    if not (empty / "gazette.db").exists():
        assert run("build").returncode == 0
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    p = subprocess.Popen([sys.executable, "-c", "import sys; from gongbao.cli import cli; sys.exit(cli())",
                          "serve", "--port", str(port)], cwd=empty, env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        body = None
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/gazette/departments.json?_shape=array",
                                            timeout=2) as resp:
                    body = json.loads(resp.read().decode())
                break
            except OSError:
                if p.poll() is not None:
                    break
                time.sleep(0.2)
        assert body is not None, p.communicate(timeout=5)
        assert "济南市市场监督管理局" in {d["full_name"] for d in body}
    finally:
        p.terminate()
        p.wait(timeout=10)
