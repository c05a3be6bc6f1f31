/* Circuit Breaker page: live countdown over /circuit-breaker/ws, reconnect with backoff and jitter, back to the site when it is up. */
(function () {
  "use strict";
  var body = document.body, words = body.dataset;
  var $ = function (id) { return document.getElementById(id); };
  var state = { end: words.end ? Number(words.end) : null, active: words.active !== "false",
                phase: $("phase").dataset.phase, message: $("message").textContent, updated: Number(words.updated),
                reopenUntil: words.reopeningUntil ? Number(words.reopeningUntil) : null, place: null };
  var offset = 0, attempt = 0, socket = null, siteTimer = null, backTimer = null;

  function clock(seconds) {
    var h = Math.floor(seconds / 3600), m = Math.floor(seconds / 60) % 60, s = seconds % 60;
    var two = function (n) { return (n < 10 ? "0" : "") + n; };
    return h > 0 ? h + ":" + two(m) + ":" + two(s) : two(m) + ":" + two(s);
  }

  // During a reopening the visitor waits for its turn, and everyone is in by the reopening's end; in admission mode
  // (the site's waiting room) it waits for its turn too, with no end.
  function reopening() { return state.phase === "reopening" || state.phase === "admission"; }

  function secondsUntil(at) { return Math.max(0, Math.ceil((at - (Date.now() + offset)) / 1000)); }

  function remaining() {
    var end = state.phase === "admission" ? (state.place ? state.place.at : null)
      : reopening() ? state.reopenUntil : state.end;
    return end === null ? 0 : secondsUntil(end);
  }

  function format(template) {
    var values = Array.prototype.slice.call(arguments, 1);
    return template.replace(/\{(\d)\}/g, function (all, i) { return values[Number(i)]; });
  }

  function placeText() {
    return format(words.reopeningPlace, state.place.place, state.place.of) + " "
      + format(words.reopeningEstimate, clock(secondsUntil(state.place.at)));
  }

  function announce(text) { $("announcer").textContent = text; }

  function showPhase(phase) {
    if (phase === state.phase) return;
    state.phase = phase;
    $("phase").dataset.phase = phase;
    $("phase").textContent = words["phase" + phase.charAt(0).toUpperCase() + phase.slice(1)];
    // A place in line, once known, says more than the label: whichever of the two the page hears first.
    if (!(reopening() && state.place)) announce($("phase").textContent);
  }

  function showNote() {
    if (reopening()) { // not this visitor's turn yet: the gate sends everyone not let in back to this page
      $("note").textContent = state.place ? "" : state.phase === "admission" ? words.admissionNote
        : format(words.reopeningNote, new Date(state.reopenUntil)
          .toLocaleTimeString(document.documentElement.lang, { hour: "2-digit", minute: "2-digit" }));
      $("place").hidden = !state.place;
      if (words.scope) { comeBackBy(state.reopenUntil); return; }
      if (state.place && !state.place.admitted) $("place").textContent = placeText(); // each second, not announced
      if (!state.place || !state.place.admitted) stopWatching();
      return;
    }
    $("place").hidden = true;
    var left = remaining();
    $("note").textContent = !state.active ? words.noteOver : state.end === null ? words.noteUnknown
      : left === 0 ? words.noteOverdue : "";
    if (!state.active || (state.end !== null && left === 0)) watchSite(); else stopWatching();
  }

  // A scope's reopening has no line: each waiting page goes back at a moment of its own before its end.
  function comeBackBy(until) {
    if (!backTimer) backTimer = setTimeout(watchSite, Math.random() * Math.max(0, until - Date.now() - offset));
  }

  function render() {
    $("countdown").textContent = clock(remaining());
    showNote();
  }

  function onStatus(s) {
    // A snapshot taken as the socket opened can arrive after a newer broadcast: never step back in time.
    if (s.updatedAt < state.updated) return;
    state.updated = s.updatedAt;
    state.active = s.isActive;
    state.end = s.estimatedCompletion;
    // The breaker's own texts arrive in English; an operator's text is shown exactly as written. With no
    // maintenance on, the page's own words: the visitor waits for its turn, or the site does not answer yet.
    var crowd = s.phase === "admission", opening = s.phase === "reopening" || crowd;
    state.reopenUntil = s.phase === "reopening" ? s.reopening.until : null;
    if (!opening) state.place = null;
    var message = !s.isActive ? (crowd ? words.admissionMessage : opening ? words.reopeningMessage : words.idleMessage)
      : s.message === words.autoMessageEn ? words.autoMessage : s.message;
    $("issue").textContent = !s.isActive ? (crowd ? words.admissionIssue : opening ? words.reopeningIssue
      : words.idleIssue) : s.currentIssue === words.autoIssueEn ? words.autoIssue : s.currentIssue;
    if (message !== state.message) {
      state.message = message;
      $("message").textContent = message;
      // The page may hear its place before the state that made it wait: then the place is told with the message.
      announce(opening && state.place ? message + " " + placeText() : message);
    }
    addUpdate(s, message);
    var start = new Date(s.startTime);
    $("start").dateTime = start.toISOString();
    $("start").textContent = start.toLocaleString(document.documentElement.lang,
      { dateStyle: "medium", timeStyle: "short" });
    showPhase(s.phase);
    render();
  }

  function clockTime(element, at) {
    element.dateTime = at.toISOString();
    element.textContent = at.toLocaleTimeString(document.documentElement.lang, { hour: "2-digit", minute: "2-digit" });
  }

  // The current maintenance's updates, newest first; the message itself is announced by the announcer.
  function addUpdate(s, message) {
    var list = $("updates"), first = list.firstElementChild;
    if (!s.isActive) return;
    if (String(s.startTime) !== list.dataset.start) { list.textContent = ""; list.dataset.start = s.startTime; }
    else if (first && Number(first.dataset.version) >= s.version) return;
    var item = document.createElement("li"), time = document.createElement("time"), text = document.createElement("span");
    item.dataset.version = s.version;
    clockTime(time, new Date(s.updatedAt));
    text.textContent = message;
    item.append(time, " ", text);
    list.prepend(item);
    while (list.children.length > 10) list.lastElementChild.remove();
    list.parentNode.hidden = false;
  }

  function onCountdown(c) {
    offset = c.serverTime - Date.now();
    state.end = c.estimatedCompletion;
    showPhase(c.phase);
    render();
  }

  // A place in the reopening's line: shown live, announced once (screen readers are not told every second).
  function onPlace(p) {
    offset = p.serverTime - Date.now();
    state.place = p;
    render();
    announce(placeText());
  }

  // This visitor's turn: its admission, handed back by the breaker as a cookie no script can read, then on to the site.
  function onAdmitted(a) {
    if (!state.place) state.place = { place: 0, of: 0, at: Date.now() + offset }; // let in before it heard a place
    state.place.admitted = true;
    $("place").hidden = false;
    $("place").textContent = words.reopeningTurn;
    announce(words.reopeningTurn);
    admit(a.value, 3);
  }

  // Trades the admission for its cookie; a busy front or breaker (a 5xx, no answer) is asked again a moment later.
  function admit(value, tries) {
    fetch("/circuit-breaker/admit", { method: "POST", body: value, credentials: "same-origin",
      headers: { "Content-Type": "text/plain" } }).then(function (response) {
      if (response.status >= 500) gaveUp(value, tries); else watchSite();
    }, function () { gaveUp(value, tries); });
  }

  // Still busy after three tries: check the site, and queue again on a fresh socket so the turn is not lost.
  function gaveUp(value, tries) {
    if (tries > 1) { retryAdmit(value, tries); return; }
    watchSite();
    if (socket) socket.close();
  }

  function retryAdmit(value, tries) { setTimeout(function () { admit(value, tries - 1); }, 300 + Math.random() * 700); }

  function connection(kind, text) {
    $("connection").dataset.state = kind;
    $("connection-text").textContent = text;
  }

  function connect() {
    connection(attempt ? "lost" : "idle", attempt ? words.disconnected : words.connecting);
    socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/circuit-breaker/ws"
      + (words.scope ? "/" + words.scope : ""));
    socket.onopen = function () { attempt = 0; connection("live", words.connected); };
    socket.onmessage = function (event) {
      var frame = JSON.parse(event.data);
      if (frame.type === "statusUpdate") onStatus(frame.data);
      else if (frame.type === "countdownUpdate") onCountdown(frame.data);
      else if (frame.type === "place") onPlace(frame.data);
      else if (frame.type === "admitted") onAdmitted(frame.data);
    };
    socket.onclose = function () {
      connection("lost", words.disconnected);
      // Full jitter: thousands of tabs that lost the server together come back spread out, not at once.
      var ceiling = Math.min(30000, 1000 * Math.pow(2, attempt++));
      setTimeout(connect, 500 + Math.random() * ceiling);
    };
  }

  // The site counts as back only when it answers a success that is not the breaker's own answer.
  function checkSite() {
    fetch(words.site || location.href, { cache: "no-store", credentials: "same-origin" }).then(function (response) {
      if (response.ok && !response.headers.has("X-Circuit-Breaker")) {
        $("note").textContent = words.noteBack;
        location.replace(words.site || location.href);
      }
    }).catch(function () { /* still down: try again later */ });
  }

  function watchSite() {
    if (siteTimer) return;
    checkSite();
    // Once more soon: a front proxy may still hold the gate's closed answer until the end of that second.
    setTimeout(checkSite, 1500 + Math.random() * 1000);
    siteTimer = setInterval(checkSite, 10000 + Math.random() * 10000);
  }

  function stopWatching() {
    if (siteTimer) { clearInterval(siteTimer); siteTimer = null; }
  }

  Array.prototype.forEach.call($("updates").querySelectorAll("time"), function (t) { clockTime(t, new Date(t.dateTime)); });
  setInterval(render, 1000);
  render();
  connect();
})();
