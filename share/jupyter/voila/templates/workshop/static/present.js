/* Present mode for the workshop dashboards: one panel per screen, next/previous by the
   arrow keys or a presenter's clicker (which sends PageUp/PageDown), and a title line
   saying what the room is looking at.

   A panel starts at a markdown cell with a second-level heading ("## Meeting burden") and
   holds the cells up to the next one; the cells before the first heading are the overview.
   Only Voilà loads this file, so a notebook opened in JupyterLab is untouched. */
(function () {
  "use strict";
  let presenting = false;
  let current = 0;

  function cells() {
    return Array.from(document.querySelectorAll("#rendered_cells [cell-index]"));
  }

  function panels() {
    const groups = [];
    for (const cell of cells()) {
      const heading = cell.querySelector(".jp-RenderedMarkdown h2");
      if (heading || groups.length === 0) {
        const title = heading ? heading.textContent.replace(/¶\s*$/, "").trim() : "Overview";
        groups.push({ title: title, cells: [] });
      }
      groups[groups.length - 1].cells.push(cell);
    }
    return groups;
  }

  function pageTitle() {
    const h1 = document.querySelector(".wb-header h1");
    return h1 ? h1.textContent.trim() : document.title;
  }

  function show() {
    const groups = panels();
    current = Math.max(0, Math.min(current, groups.length - 1));
    groups.forEach(function (group, index) {
      group.cells.forEach(function (cell) {
        cell.classList.toggle("wb-off-screen", presenting && index !== current);
      });
    });
    const bar = document.getElementById("wb-present-bar");
    if (bar && groups.length) {
      bar.querySelector(".wb-present-title").textContent =
        pageTitle() + " · " + groups[current].title;
      bar.querySelector(".wb-present-count").textContent =
        (current + 1) + " of " + groups.length;
    }
    document.body.dataset.wbPanel = presenting ? String(current) : "";
    if (presenting && groups.length) showToRoom(groups[current]);
    const scroller = document.getElementById("rendered_cells");
    if (scroller) scroller.scrollTop = 0;  // Voilà scrolls this box, not the window
    window.scrollTo(0, 0);
    // The resize lets charts and boxes that were hidden lay themselves out again.
    window.dispatchEvent(new Event("resize"));
  }

  // The room view follows the panel on screen: its hidden "show this to the room" button
  // (workbook/views/room_share.py) tells the facilitator's kernel to publish it.
  function showToRoom(group) {
    for (const cell of group.cells) {
      const button = cell.querySelector(".wb-room-follow button, button.wb-room-follow");
      if (button) { button.click(); return; }
    }
  }

  function setPresenting(on) {
    presenting = on;
    document.body.classList.toggle("wb-presenting", on);
    const toggle = document.querySelector(".wb-present-toggle");
    if (toggle) {
      toggle.setAttribute("aria-pressed", String(on));
      toggle.textContent = on ? "Show the whole page" : "Present";
    }
    show();
  }

  function step(by) {
    if (!presenting) return;
    current += by;
    show();
  }

  // Keys typed into a list, a slider or a text box belong to that control, except the
  // clicker's PageUp/PageDown, which always turn the page.
  function ownedByControl(target, key) {
    if (key === "PageUp" || key === "PageDown") return false;
    return Boolean(target.closest && target.closest(
      "input, select, textarea, .widget-slider, .widget-hslider, [contenteditable]"));
  }

  const KEYS = { ArrowRight: 1, ArrowDown: 1, PageDown: 1, ArrowLeft: -1, ArrowUp: -1, PageUp: -1 };

  document.addEventListener("keydown", function (event) {
    if (!presenting) return;
    if (event.key === "Escape") { setPresenting(false); return; }
    const by = KEYS[event.key];
    if (by === undefined || ownedByControl(event.target, event.key)) return;
    event.preventDefault();
    step(by);
  }, true);

  document.addEventListener("click", function (event) {
    const button = event.target.closest && event.target.closest("#wb-present-bar button");
    if (button) step(Number(button.dataset.step));
  });

  // The header is drawn by the first cell's widget: add the toggle once it is there.
  function addToggle() {
    const header = document.querySelector(".wb-header");
    if (!header) return false;
    if (!header.querySelector(".wb-present-toggle")) {
      const toggle = document.createElement("button");
      toggle.type = "button";
      toggle.className = "wb-present-toggle";
      toggle.title = "One panel per screen: → or PageDown for the next, ← or PageUp back, Esc to leave";
      toggle.textContent = presenting ? "Show the whole page" : "Present";
      toggle.setAttribute("aria-pressed", String(presenting));
      toggle.addEventListener("click", function () { setPresenting(!presenting); });
      header.appendChild(toggle);
    }
    return true;
  }

  // Widgets may redraw the header; keep the toggle in it.
  new MutationObserver(addToggle).observe(document.body, { childList: true, subtree: true });
  addToggle();
})();
