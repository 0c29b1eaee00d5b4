"""The workshop's front page (the five tasks and their state) and fresh preheated pages."""
from __future__ import annotations

import html
import re
import sqlite3

import pytest

from workbook import agenda, server, store
from workbook.community import load_community
from workbook.loading import load_paths
from workbook.tasks import trains
from workbook.views.shell import header
from workbook.workspace import latest_load

from .conftest import EXAMPLE
from .servers import loaded_copy, workshop_server
from .test_dashboards import ARTIFACTS, browser, close_tab, example_db, open_offline  # noqa: F401

SHOWN = {t.number for t in agenda.TASKS if agenda.has_page(t)}  # the rest are "coming"


# --- the facts behind the front page ----------------------------------------------------

@pytest.fixture
def workspace_env(monkeypatch, tmp_path):
    """The example community, with its database at a path each test fills as it needs."""
    db = tmp_path / "workbook.db"
    monkeypatch.setenv("WORKBOOK_COMMUNITY", str(EXAMPLE))
    monkeypatch.setenv("WORKBOOK_DB", str(db))
    return db


def _states(page: server.FrontPage) -> dict[int, str]:
    return {task.number: task.state for task in page.tasks}


def test_the_front_page_lists_the_agenda_in_order():
    page = server.front_page()
    assert [(t.number, t.title, t.purpose) for t in page.tasks] == [
        (t.number, t.title, t.purpose) for t in agenda.TASKS]
    assert len(page.tasks) == 5


def test_tasks_without_a_notebook_are_coming_and_have_no_link(workspace_env):
    page = server.front_page(listed=["1_map_the_moving_trains.ipynb"])
    coming = [t for t in page.tasks if t.state == server.COMING]
    assert [t.number for t in coming] == [2, 3, 4, 5]
    assert all(t.notebook is None for t in coming)


def test_the_notebooks_on_disk_decide_what_is_coming(workspace_env):
    assert {1, 2} <= SHOWN
    page = server.front_page()
    assert {n for n, state in _states(page).items() if state == server.COMING} == {
        t.number for t in agenda.TASKS} - SHOWN


def test_no_database_means_no_data_yet(workspace_env):
    page = server.front_page()
    assert page.community == load_community(EXAMPLE).name
    assert {n for n, s in _states(page).items() if n in SHOWN} == SHOWN
    assert all(_states(page)[n] == "no data yet" for n in SHOWN)
    assert "python -m workbook load" in page.tasks[0].detail
    assert page.tasks[0].notebook == agenda.task(1).notebook  # the page itself says what to do


def test_a_database_without_a_load_means_no_data_yet(workspace_env):
    with sqlite3.connect(workspace_env) as connection:
        connection.executescript(store.LOAD_HISTORY_DDL)
    assert all(_states(server.front_page())[n] == "no data yet" for n in SHOWN)


def test_a_load_that_brought_in_no_checklist_means_no_data_yet(workspace_env, tmp_path):
    empty = tmp_path / "no-checklists"
    empty.mkdir()
    load_paths([empty], workspace_env, load_community(EXAMPLE))
    assert latest_load(workspace_env) is not None
    assert all(_states(server.front_page())[n] == "no data yet" for n in SHOWN)


def test_a_loaded_database_means_ready(workspace_env):
    community = load_community(EXAMPLE)
    files = len(list(community.checklists_dir.glob("*.xlsx")))
    load_paths([community.checklists_dir], workspace_env, community)
    page = server.front_page()
    assert all(_states(page)[n] == "ready" for n in SHOWN)
    assert f"{files} of {files} checklists" in page.tasks[0].detail


def test_a_damaged_database_is_said_plainly(workspace_env):
    workspace_env.write_bytes(b"not a database at all " * 200)
    page = server.front_page()
    assert all(_states(page)[n] == "no data yet" for n in SHOWN)
    assert "cannot be read" in page.tasks[0].detail


def test_broken_community_settings_do_not_take_the_front_page_down(monkeypatch, tmp_path):
    (tmp_path / "community.toml").write_text('name = "unterminated\n')
    monkeypatch.setenv("WORKBOOK_COMMUNITY", str(tmp_path))
    page = server.front_page()
    assert "community.toml" in page.problem
    assert len(page.tasks) == 5


def test_the_page_header_links_carry_the_same_titles_and_purposes(community):
    shown = header(1, community).value
    for task in agenda.TASKS:
        assert task.title in shown
        if agenda.has_page(task):
            assert f'href="{task.notebook}"' in shown
            assert html.escape(task.purpose) in shown


# --- in a browser ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def front_url(example_db, tmp_path_factory):
    """The workshop server on the example database (module-loaded by example_db); only the
    dashboard the test follows a link to is preheated (the front page itself needs no kernel)."""
    with workshop_server(tmp_path_factory.mktemp("voila-front"), db=example_db,
                         preheat=(DASHBOARD_1.rsplit("/", 1)[1],)) as server:
        yield server.url


@pytest.fixture(scope="module")
def no_data_url(tmp_path_factory):
    """The same server before any load (no preheating, no kernel needed)."""
    folder = tmp_path_factory.mktemp("voila-no-data")
    with workshop_server(folder, db=folder / "not-yet.db", preheat=False) as server:
        yield server.url


def _tasks_on_screen(page) -> list[dict]:
    return page.locator(".wb-task").evaluate_all("""items => items.map(item => ({
        number: Number(item.dataset.task), state: item.dataset.state,
        text: item.innerText, href: item.querySelector('a')?.getAttribute('href') ?? null}))""")


@pytest.mark.slow
def test_the_front_page_in_a_browser(browser, front_url):
    page, outside = open_offline(browser, front_url + "/")
    page.set_viewport_size({"width": 1280, "height": 720})
    page.wait_for_selector(".wb-task")
    tasks = _tasks_on_screen(page)
    assert [t["number"] for t in tasks] == [1, 2, 3, 4, 5]
    for task, shown in zip(agenda.TASKS, tasks):
        assert task.title in shown["text"] and task.purpose in shown["text"]
        if task.number in SHOWN:
            assert shown["state"] == "ready" and "Ready" in shown["text"]
            assert shown["href"] == f"/voila/render/{task.notebook}"
        else:
            assert shown["state"] == "coming" and "Coming" in shown["text"]
            assert shown["href"] is None
    assert load_community(EXAMPLE).name in page.inner_text(".wb-header")
    # large type, readable from the back of the room
    sizes = page.locator(".wb-task p").evaluate_all(
        "nodes => nodes.map(n => parseFloat(getComputedStyle(n).fontSize))")
    assert min(sizes) >= 20
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "front-page.png"))
    # a task's link opens its dashboard
    page.get_by_role("link", name=agenda.task(1).title).click()
    page.wait_for_selector(".wb-header h1", timeout=120_000)
    assert agenda.task(1).title in page.inner_text(".wb-header h1")
    assert outside == [], f"requests left the machine: {outside}"
    close_tab(page)


@pytest.mark.slow
def test_the_front_page_before_any_load(browser, no_data_url):
    page, outside = open_offline(browser, no_data_url + "/")
    page.wait_for_selector(".wb-task")
    states = {t["number"]: t["state"] for t in _tasks_on_screen(page)}
    assert states == {t.number: "no data yet" if t.number in SHOWN else "coming"
                      for t in agenda.TASKS}
    assert "python -m workbook load" in page.inner_text(".wb-task[data-task='1']")
    assert outside == [], f"requests left the machine: {outside}"
    close_tab(page)


# --- fresh pages after a load ------------------------------------------------------------

@pytest.fixture(scope="module")
def fresh_copy(tmp_path_factory):
    """A copy of the example community, loaded once; the test loads it again, changed."""
    return loaded_copy(tmp_path_factory.mktemp("fresh") / "example")


DASHBOARD_1 = "/voila/render/1_map_the_moving_trains.ipynb"


@pytest.fixture(scope="module")
def fresh_url(fresh_copy, tmp_path_factory):
    # Only dashboard 1 is preheated: a load renews every pooled kernel (one notebook after
    # another), and five notebooks run again on two cores (beside the other test process)
    # would keep the machine busy for minutes for reasons this test is not about.
    with workshop_server(tmp_path_factory.mktemp("voila-fresh"), community=fresh_copy,
                         preheat=(DASHBOARD_1.rsplit("/", 1)[1],)) as server:
        yield server.url


def _open_dashboard_1(browser, url: str):
    """Dashboard 1, once its last cell (the freshness check) has run."""
    page, outside = open_offline(browser, url + DASHBOARD_1)
    page.wait_for_selector(".wb-reload", timeout=180_000)
    page.wait_for_function("() => !document.getElementById('loading')", timeout=180_000)
    return page, outside


def _coalitions_shown(page) -> int:
    return int(re.search(r"(\d+)\s+coalitions", page.inner_text(".wb-inventory")).group(1))


@pytest.mark.slow
def test_a_page_opened_after_a_load_shows_the_new_data_without_asking(browser, fresh_url,
                                                                      fresh_copy):
    db = fresh_copy.database_path
    before = trains.inventory(db).coalitions
    already_open, outside_1 = _open_dashboard_1(browser, fresh_url)
    assert _coalitions_shown(already_open) == before
    # one coalition's checklist is withdrawn, and the checklists are loaded again
    withdrawn = sorted(fresh_copy.checklists_dir.glob("*.xlsx"))[0]  # an active coalition
    withdrawn.rename(fresh_copy.folder / withdrawn.name)
    load_paths([fresh_copy.checklists_dir], db, fresh_copy)
    after = trains.inventory(db).coalitions
    assert after == before - 1
    # a page opened now shows the new data and asks for nothing
    opened_now, outside_2 = _open_dashboard_1(browser, fresh_url)
    assert _coalitions_shown(opened_now) == after
    assert opened_now.locator(".wb-stale").count() == 0
    assert "Reload the page" not in opened_now.inner_text("body")
    # the page that was already open is told, since what it shows is older
    already_open.wait_for_selector(".wb-stale", timeout=60_000)
    assert "Reload the page (F5)" in already_open.inner_text(".wb-stale")
    assert outside_1 == [] and outside_2 == []
    close_tab(already_open)
    close_tab(opened_now)
