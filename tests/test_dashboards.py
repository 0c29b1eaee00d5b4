"""Notebooks run headless, and Voilà serves them to a real browser with no outside requests."""
from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from workbook import review
from workbook.community import load_community
from workbook.loading import load_paths
from workbook.matching import read_aliases
from workbook.notes import load_notes
from workbook.tasks import trains
from workbook.views.errors import VOILA_SIGNAL

from .conftest import EXAMPLE, ROOT, sampled_community_50
from .servers import free_port, loaded_copy, workshop_server

ANALYST_TAG = "analyst"  # the notebooks' cell for the analyst, left out by Voilà

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
# Notebooks whose own test module runs them headless once per community (example and a
# sample of 50), sharing that run among its tests: not run a second time here.
OWN_HEADLESS_RUNS = {"3_align_goals_and_strategies.ipynb", "4_negotiate_the_umbrella.ipynb",
                     "5_assess_backbone_candidates.ipynb"}
ARTIFACTS = ROOT / "test-artifacts"
LOOPBACK_PREFIXES = ("http://127.0.0.1", "ws://127.0.0.1", "http://localhost", "ws://localhost",
                     "data:", "blob:", "about:")


@pytest.fixture(scope="module")
def example_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("example") / "workbook.db"
    community = load_community(EXAMPLE)
    load_paths([community.checklists_dir], db, community)
    load_notes([EXAMPLE / "notes"], db, community)
    return db


@pytest.fixture(scope="module")
def isolated_env(tmp_path_factory, example_db):
    home = tmp_path_factory.mktemp("home")
    env = dict(os.environ, HOME=str(home), IPYTHONDIR=str(home / "ipython"),
               JUPYTER_RUNTIME_DIR=str(home / "runtime"), JUPYTER_DATA_DIR=str(home / "data"),
               WORKBOOK_COMMUNITY=str(EXAMPLE), WORKBOOK_DB=str(example_db),
               JUPYTER_PATH=str(ROOT / "share" / "jupyter"))
    return env


def test_notebooks_are_committed_without_outputs():
    assert NOTEBOOKS, "no notebooks found"
    for path in NOTEBOOKS:
        notebook = nbformat.read(path, as_version=4)
        for cell in notebook.cells:
            if cell.cell_type == "code":
                assert not cell.outputs and cell.execution_count is None, path.name


@pytest.fixture(scope="module")
def sampled_50(tmp_path_factory, sampled_50_checklists):
    """A community of 50 sampled coalitions: the notebooks must hold up beyond the example."""
    community = sampled_community_50(sampled_50_checklists, tmp_path_factory.mktemp("sampled-50"))
    load_paths([community.checklists_dir], community.database_path, community)
    return community.folder


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if p.name not in OWN_HEADLESS_RUNS],
                         ids=lambda p: p.name)
@pytest.mark.parametrize("data", ["example", "sampled-50"])
def test_notebook_runs_headless(path, data, isolated_env, sampled_50, monkeypatch):
    for key in ("WORKBOOK_COMMUNITY", "WORKBOOK_DB", "IPYTHONDIR", "JUPYTER_RUNTIME_DIR"):
        monkeypatch.setenv(key, isolated_env[key])
    if data == "sampled-50":
        monkeypatch.setenv("WORKBOOK_COMMUNITY", str(sampled_50))
        monkeypatch.setenv("WORKBOOK_DB", str(sampled_50 / "workbook.db"))
    notebook = _run_notebook(path, {}, monkeypatch)
    assert not _errors(notebook)
    shown = _shown_text(notebook)
    assert "Traceback" not in shown and "could not be shown" not in shown
    assert "coalitions" in shown


@pytest.fixture(scope="module")
def voila_url(example_db, tmp_path_factory):
    """The workshop server (`python -m workbook serve`) on the example database."""
    with workshop_server(tmp_path_factory.mktemp("voila"), db=example_db,
                         preheat=("1_map_the_moving_trains.ipynb", "2_analyse_the_overlaps.ipynb")) as server:
        yield server.url


def _serve(command: list[str], env: dict, url: str, probe: str, log: Path):
    """Start a server that is not the workshop's (JupyterLab), wait until *url + probe*
    answers, yield *url*, stop it."""
    with open(log, "w") as log_file:
        process = subprocess.Popen(command, env=env, stdout=log_file, stderr=subprocess.STDOUT)
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url + probe, timeout=2)
            break
        except OSError:
            if process.poll() is not None:
                pytest.fail(f"{command[2]} exited: {log.read_text()}")
            time.sleep(0.5)
    else:
        process.kill()
        pytest.fail(f"{command[2]} did not start: {log.read_text()}")
    yield url
    process.terminate()
    process.wait(timeout=20)


def chromium_path() -> str:
    found = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.fail("Chromium is needed: `make test` installs it, or set CHROMIUM.")
    return found


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield launched
        launched.close()


def open_offline(browser, url: str, viewport: dict | None = None, **options):
    """A tab whose requests may only go to this machine; the others are recorded.

    Each tab has a browser context of its own (*options* are the context's), routed there
    rather than on the page: a page's route dies with the page, and with it the shutdown
    beacon a closing tab sends to give its kernel back (see close_tab)."""
    context = browser.new_context(viewport=viewport or {"width": 1600, "height": 1000}, **options)
    outside: list[str] = []

    def guard(route):
        if route.request.url.startswith(LOOPBACK_PREFIXES):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()
    context.route("**/*", guard)
    page = context.new_page()
    page.goto(url, wait_until="commit")
    return page, outside


def close_tab(page) -> None:
    """Close *page* as a person closes a tab: its unload handlers run, and the dashboard's
    beacon gives its kernel back (Playwright's plain close() skips them, and the kernel would
    stay until culled, counting against the server's cap)."""
    page.close(run_before_unload=True)


CHART = ".vega-embed svg.marks"


def chart_svgs(page) -> list[str]:
    return page.locator(CHART).evaluate_all("nodes => nodes.map(n => n.outerHTML)")


def wait_for_redraw(page, index: int, before: str, timeout_s: float = 30) -> None:
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        if chart_svgs(page)[index] != before:
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"chart {index} did not redraw")


def download(page, button: str, link: str) -> bytes:
    """Press a handout button, then its download link; return the file's bytes."""
    page.get_by_role("button", name=button).first.click()
    anchor = page.get_by_role("button", name=link).first
    anchor.wait_for(timeout=60_000)
    with page.expect_download() as pending:
        anchor.click()
    return Path(pending.value.path()).read_bytes()


def assert_clean(page, outside: list[str], name: str) -> None:
    assert "Traceback" not in page.content()
    assert "could not be shown" not in page.inner_text("body")
    assert "page[" not in page.inner_text("body")  # the analyst cell's guide stays out of the room
    assert page.locator("[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    assert outside == [], f"requests left the machine: {outside}"


def test_notebook_1_in_a_browser(browser, voila_url, example_db):
    page, outside = open_offline(browser, f"{voila_url}/voila/render/1_map_the_moving_trains.ipynb")
    page.wait_for_selector(".wb-reload", timeout=120_000)
    page.wait_for_selector(CHART, timeout=60_000)
    counts = trains.inventory(example_db)
    numbers = page.inner_text(".wb-inventory")
    assert f"{counts.coalitions}\ncoalitions" in numbers
    assert f"{counts.organisations}\norganisations" in numbers
    table = page.inner_text(".wb-coalitions")
    for name in trains.coalition_table(example_db)["coalition"]:
        assert name in table
    # the grid opens on a gap and says so
    assert "a gap" in page.inner_text(".wb-cell")
    # clicking a square lists its coalitions (the click travels back to Python)
    square = page.locator(f"{CHART} g.mark-rect path").first.bounding_box()
    page.mouse.click(square["x"] + square["width"] / 2, square["y"] + square["height"] / 2)
    page.wait_for_function(
        "() => document.querySelector('.wb-cell').innerText.includes('Early childhood × Prenatal to 5')")
    assert "Ashford Early Learning Partnership" in page.inner_text(".wb-cell")
    # another grid redraws the chart
    before = chart_svgs(page)[0]
    page.get_by_role("button", name="Population × geography").click()
    wait_for_redraw(page, 0, before)
    assert "Calder County" in chart_svgs(page)[0]
    # choosing a cell lists its coalitions
    page.locator(".widget-dropdown select").nth(0).select_option("Youth 12-17")
    page.locator(".widget-dropdown select").nth(1).select_option("Bell County")
    page.wait_for_function(
        "() => document.querySelector('.wb-cell').innerText.includes('Youth 12-17 × Bell County')")
    assert re.search(r"\b\d+ coalitions?\b", page.inner_text(".wb-cell"))
    # the chart on screen becomes a PNG handout, with no server round trip for the file
    assert download(page, "Save this chart for handouts", "Download PNG").startswith(b"\x89PNG")
    assert_clean(page, outside, "notebook-1")
    close_tab(page)


def test_notebook_2_in_a_browser(browser, voila_url, example_db):
    page, outside = open_offline(browser, f"{voila_url}/voila/render/2_analyse_the_overlaps.ipynb")
    page.wait_for_selector(".wb-compare", timeout=120_000)
    page.wait_for_function(f"() => document.querySelectorAll('{CHART}').length >= 4",
                           timeout=60_000)
    assert len(chart_svgs(page)) == 4  # heatmap, network, burden, asks
    assert "Most-overlapping pairs" in page.inner_text(".wb-pairs >> xpath=..")
    # a dimension of its own redraws the heatmap
    before = chart_svgs(page)[0]
    page.locator(".widget-dropdown select").first.select_option(label="Shared members")
    wait_for_redraw(page, 0, before)
    assert "Shared members" in chart_svgs(page)[0]
    # people instead of organisations redraws the burden chart
    before = chart_svgs(page)[2]
    page.get_by_role("button", name="People").click()
    wait_for_redraw(page, 2, before)
    assert "Theresa Lindqvist" in chart_svgs(page)[2]
    # the comparison marks shared items and shows the interview notes of the top pair
    assert page.locator(".wb-compare .wb-shared").count() > 0
    assert "Interview notes" in page.inner_text(".wb-compare")
    handout = download(page, "Comparison chart for handouts", "Download comparison.xlsx")
    assert handout.startswith(b"PK")  # an xlsx package
    assert_clean(page, outside, "notebook-2")
    close_tab(page)


def _run_notebook(path, env: dict, monkeypatch, extra: tuple[str, ...] = ()):
    """Run notebook *path* headless with *env* set, and *extra* cells after its own."""
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    notebook = nbformat.read(path, as_version=4)
    notebook.cells += [nbformat.v4.new_code_cell(src) for src in extra]
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return notebook


def _errors(notebook) -> list:
    return [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs
            if o.output_type == "error"]


def _shown_text(notebook) -> str:
    """Printed text plus the value of every widget: what a visitor could read."""
    printed = [str(o.get("text", "")) for cell in notebook.cells if cell.cell_type == "code"
               for o in cell.outputs]
    state = notebook.metadata.get("widgets", {}).get(
        "application/vnd.jupyter.widget-state+json", {}).get("state", {})
    values = [str(model["state"].get("value", "")) for model in state.values()]
    return "\n".join(printed + values)


def _broken_database_run(path, isolated_env, tmp_path, monkeypatch, under_voila: bool):
    """Run *path* on a damaged database as Voilà's kernels or JupyterLab's would.

    Voilà starts its kernels with VOILA_BASE_URL set (views/errors.py). PYTEST_CURRENT_TEST
    is taken away: with it, ipykernel stops forwarding what reaches file descriptor 2, which
    would hide a traceback written there from the page as from this test."""
    broken = tmp_path / "workbook.db"
    broken.write_bytes(b"this is not a database" * 100)
    monkeypatch.delenv("PYTEST_CURRENT_TEST", raising=False)
    if under_voila:
        monkeypatch.setenv(VOILA_SIGNAL, "/")
    else:
        monkeypatch.delenv(VOILA_SIGNAL, raising=False)
    env = {k: isolated_env[k] for k in ("IPYTHONDIR", "JUPYTER_RUNTIME_DIR", "WORKBOOK_COMMUNITY")}
    return _run_notebook(path, {**env, "WORKBOOK_DB": str(broken)}, monkeypatch)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_in_voila_a_broken_database_gives_a_friendly_message_not_a_traceback(
        path, isolated_env, tmp_path, monkeypatch):
    notebook = _broken_database_run(path, isolated_env, tmp_path, monkeypatch, under_voila=True)
    assert not _errors(notebook)
    shown = _shown_text(notebook)
    assert "could not be shown" in shown
    assert "Traceback" not in shown and "DatabaseError" not in shown


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_in_jupyterlab_a_broken_panel_shows_its_traceback_and_the_page_goes_on(
        path, isolated_env, tmp_path, monkeypatch):
    notebook = _broken_database_run(path, isolated_env, tmp_path, monkeypatch, under_voila=False)
    errors = _errors(notebook)
    assert errors and {e.ename for e in errors} == {"DatabaseError"}
    assert "could not be shown" not in _shown_text(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(cell.execution_count is not None for cell in code)  # no cell stopped the run


def test_each_notebook_has_one_analyst_cell():
    """Voilà leaves it out of the page (assert_clean checks in the browser)."""
    for path in NOTEBOOKS:
        notebook = nbformat.read(path, as_version=4)
        tagged = [c for c in notebook.cells if ANALYST_TAG in c.metadata.get("tags", [])]
        assert len(tagged) == 1, path.name
        assert "page.guide()" in tagged[0].source


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_database_yet_says_what_to_do(path, isolated_env, tmp_path, monkeypatch):
    env = {k: isolated_env[k] for k in ("IPYTHONDIR", "JUPYTER_RUNTIME_DIR", "WORKBOOK_COMMUNITY")}
    notebook = _run_notebook(path, {**env, "WORKBOOK_DB": str(tmp_path / "none.db")}, monkeypatch)
    assert not _errors(notebook)
    assert "No database yet" in _shown_text(notebook)


@pytest.fixture(scope="module")
def jupyterlab_url(isolated_env, tmp_path_factory):
    """JupyterLab on a copy of the notebooks (running them there saves outputs)."""
    copies = tmp_path_factory.mktemp("lab-notebooks")
    for path in NOTEBOOKS:
        shutil.copy(path, copies / path.name)
    port = free_port()
    log = tmp_path_factory.mktemp("lab") / "lab.log"
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", f"--port={port}",
               "--ServerApp.ip=127.0.0.1", "--IdentityProvider.token=", "--ServerApp.password=",
               f"--ServerApp.root_dir={copies}", "--LabApp.news_url=None"]
    yield from _serve(command, isolated_env, f"http://127.0.0.1:{port}", "/lab", log)


def test_notebook_2_charts_draw_offline_in_jupyterlab(browser, jupyterlab_url):
    """Analysts run the same notebooks in JupyterLab: the offline charts must draw there too."""
    page, outside = open_offline(browser, f"{jupyterlab_url}/lab/tree/2_analyse_the_overlaps.ipynb")
    page.wait_for_selector(".jp-Notebook", timeout=120_000)
    page.wait_for_timeout(2000)
    page.get_by_text("Run", exact=True).first.click()
    page.get_by_text("Run All Cells", exact=True).first.click()
    page.wait_for_function(f"() => document.querySelectorAll('{CHART}').length >= 4",
                           timeout=180_000)
    assert page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
    assert outside == [], f"requests left the machine: {outside}"
    page.close()  # JupyterLab: a run notebook would ask before unloading


# --- names to review (notebook 1) ----------------------------------------------------------

@pytest.fixture(scope="module")
def review_copy(tmp_path_factory):
    """A copy of the example community: deciding names writes its aliases.csv."""
    return loaded_copy(tmp_path_factory.mktemp("review") / "example")


@pytest.fixture(scope="module")
def review_voila_url(review_copy, tmp_path_factory):
    with workshop_server(tmp_path_factory.mktemp("voila-review"), community=review_copy,
                         preheat=("1_map_the_moving_trains.ipynb",)) as server:
        yield server.url


@pytest.mark.slow
def test_names_to_review_same_in_a_browser(browser, review_voila_url, review_copy):
    db, aliases = review_copy.database_path, review_copy.aliases_path
    waiting = review.pairs_waiting(db, aliases)
    assert not waiting.empty, "the example community should have a name pair to review"
    name, candidate = waiting["name"].iloc[0], waiting["candidate"].iloc[0]
    before = aliases.read_bytes()
    page, outside = open_offline(browser, f"{review_voila_url}/voila/render/1_map_the_moving_trains.ipynb")
    page.wait_for_selector(".wb-review .wb-pair", timeout=120_000)
    card = page.inner_text(".wb-review .wb-pair")
    assert name in card and candidate in card and "Members" in card  # with where each was typed
    assert f"{len(waiting)} name pair" in page.inner_text(".wb-badge")
    page.locator(".wb-review").get_by_role("button", name="Same", exact=True).click()
    page.wait_for_function("() => document.querySelector('.wb-review').innerText.includes('marked the same')",
                           timeout=30_000)
    after = aliases.read_bytes()
    assert after.startswith(before)  # the community's own lines kept, byte for byte
    decided = {review.pair_key(a.kind, a.name, a.canonical): a.decision
               for a in read_aliases(aliases).entries}
    assert decided[review.pair_key("organisation", name, candidate)] == "same"
    page.wait_for_function(
        f"() => document.querySelector('.wb-badge').innerText.includes('{len(waiting) - 1} name pair')"
        if len(waiting) > 1 else
        "() => document.querySelector('.wb-badge').innerText.includes('no names to review')",
        timeout=30_000)
    # the decision applies right there, with the dashboard's own reload
    page.locator(".wb-apply").get_by_role("button", name="Load again now to apply").click()
    page.wait_for_function("() => document.querySelector('.wb-apply').innerText.includes('now apply')",
                           timeout=120_000)
    with sqlite3.connect(db) as connection:
        listed = connection.execute("SELECT kind, name, candidate FROM name_review").fetchall()
    assert review.pair_key("organisation", name, candidate) not in {review.pair_key(*r) for r in listed}
    assert_clean(page, outside, "notebook-1-names-to-review")
    close_tab(page)
