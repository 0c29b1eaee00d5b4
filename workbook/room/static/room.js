/* The room page: draw the chart of what the facilitator shows, then follow each new
   publication pushed by the server (no reload). The server renders the page's text; this
   script only swaps it in and draws the chart with the locally served Vega scripts. */
const main = document.getElementById("room-shown");
const status = document.getElementById("room-status");
const updates = document.currentScript
  ? document.currentScript.dataset.updates
  : document.querySelector("script[data-updates]").dataset.updates;
let shownId = null;
let retry = 500;

function draw(message) {
  const target = document.getElementById("room-chart");
  if (!target || !message.vega || !window.vegaEmbed) return;
  window.vegaEmbed(target, message.vega, { mode: "vega", renderer: "svg", actions: false })
    .then(function () { main.dataset.drawn = String(message.state_id); })
    .catch(function (error) {
      target.textContent = "The chart could not be drawn; the numbers are below.";
      console.error(error);
    });
}

function show(message) {
  if (message.state_id === shownId) return;
  shownId = message.state_id;
  main.innerHTML = message.html;
  status.textContent = message.state_id === null
    ? "Waiting for the facilitator" : "Now showing: " + message.title;
  draw(message);
}

function connect() {
  const scheme = location.protocol === "https:" ? "wss://" : "ws://";
  // "have": the server sends the current publication only if this page lacks it.
  const socket = new WebSocket(scheme + location.host + updates + "?have=" + shownId);
  socket.onopen = function () { retry = 500; };
  socket.onmessage = function (event) { show(JSON.parse(event.data)); };
  socket.onclose = function () {
    status.textContent = "Connection lost; trying again…";
    setTimeout(connect, retry);
    retry = Math.min(retry * 2, 8000);
  };
}

const initial = JSON.parse(document.getElementById("room-initial").textContent);
shownId = initial.state_id;
draw(initial);
connect();
