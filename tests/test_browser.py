"""The served knowledge base in a real browser (headless Debian Chromium driven by
Playwright): search, a task's page, the matrix download. Screenshots of each step
go to tests/artifacts/ (the README shows one)."""

from __future__ import annotations

import csv
import io
import shutil
import socket
import sqlite3
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from gongbao.publish.serve import datasette_command

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(built_db):
    port = free_port()
    proc = subprocess.Popen(datasette_command(built_db, port=port), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/-/versions.json", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    else:
        proc.kill()
        raise RuntimeError("datasette did not start")
    yield base, built_db
    proc.terminate()
    proc.wait(10)


@pytest.fixture(scope="module")
def page(server):
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Debian's chromium is needed (.ci/run installs it)"
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        ctx = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        pg = ctx.new_page()
        yield pg, server[0], server[1]
        browser.close()


def test_search_box_finds_the_rows(page):
    pg, base, db = page
    pg.goto(base + "/gazette/tasks")
    pg.fill("input[name=_search]", "计量")
    pg.press("input[name=_search]", "Enter")
    pg.wait_for_selector("table.rows-and-columns")
    rows = pg.locator("table.rows-and-columns tbody tr")
    want = sqlite3.connect(db).execute(
        "select count(*) from tasks where title like '%计量%' or text like '%计量%' "
        "or tag_text like '%计量%'").fetchone()[0]
    assert rows.count() == want
    assert pg.locator("td.gongbao-snippet mark").first.inner_text() == "计量"
    # the same search with the columns a reader looks at, for the picture
    pg.goto(pg.url + "&_col=document_id&_col=number&_col=title&_col=text&_col=tag_text&_size=5")
    pg.locator("table.rows-and-columns").scroll_into_view_if_needed()
    pg.locator("table.rows-and-columns").screenshot(path=str(ARTIFACTS / "search.png"))


def test_task_page_shows_departments_path_and_source(page):
    pg, base, _ = page
    pg.goto(base + "/gazette/tasks/1")
    panel = pg.locator("section.gongbao-task")
    assert "市市场监管局" in panel.locator(".gongbao-actors").inner_text()
    path = panel.locator(".gongbao-path").inner_text()
    assert "济南市人民政府公报" in path and "二 深化技术研究" in path and "（一）" in path
    pg.click("text=市科技局")
    pg.wait_for_url("**/departments/*")
    assert "济南市科学技术局" in pg.content()
    pg.go_back()
    pg.screenshot(path=str(ARTIFACTS / "task.png"), full_page=True)
    pg.click("text=show in the source text")
    assert pg.locator("mark").inner_text().startswith("（一）加强计量基础")
    pg.screenshot(path=str(ARTIFACTS / "excerpt.png"))


def test_matrix_download(page):
    pg, base, _ = page
    pg.goto(base + "/gazette")
    pg.click("details.nav-menu summary")
    with pg.expect_download() as info:
        pg.click("text=Download responsibility matrix (CSV)")
    data = Path(info.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:5] == ["document", "doc_number", "task_id", "task_number", "task_title"]
    assert len(rows) == 26
    pg.screenshot(path=str(ARTIFACTS / "menu.png"))


def test_graph_page_draws_departments(page):
    pg, base, _ = page
    pg.goto(base + "/-/gongbao/graph?document=2")
    svg = pg.locator("svg.gongbao-graph")
    assert svg.count() == 1
    names = [t.strip() for t in svg.locator("g.dept text").all_text_contents()]
    assert {"市市场监管局", "市科技局", "市政府有关部门"} <= set(names)
    assert pg.locator("svg.gongbao-bipartite text").count() >= 25 + 20
    pg.screenshot(path=str(ARTIFACTS / "graph.png"), full_page=True)
    # hovering a department shows its full name; clicking opens its row
    assert any("济南市市场监督管理局" in t for t in svg.locator("circle title").all_text_contents())
    svg.locator("text", has_text="市科技局").click()
    pg.wait_for_url("**/departments/*")
    assert "济南市科学技术局" in pg.content()
