/* Circuit Breaker console: the token lives in this tab's sessionStorage and travels only as a bearer header; a person
   signed in through the company's identity provider has a session cookie instead (SameSite, HttpOnly). */
(function () {
  "use strict";
  var KEY = "circuit-breaker-token";
  var NOTE = "circuit-breaker-sign-in-note"; // why the last sign-out happened, across the reload that clears the data
  var API = "/api/maintenance/";
  var FRAMES = { phone: [390, 760], desktop: [1280, 800] };
  var $ = function (id) { return document.getElementById(id); };
  var overview = null;
  var feed = null;        // the AbortController of the open feed
  var draftTouched = false;
  var viaProvider = false; // signed in through the identity provider: a session, no token
  var previewTimer = 0;
  var previewSeq = 0;
  var note = sessionStorage.getItem(NOTE) || "";
  sessionStorage.removeItem(NOTE);

  function token() { return sessionStorage.getItem(KEY) || ""; }

  function headers(sent, json) {
    var h = { "X-Circuit-Breaker-Console": "1" }; // the API takes a session only with it: no other site can send it
    if (sent) { h.Authorization = "Bearer " + sent; }
    if (json) { h["Content-Type"] = "application/json"; }
    return h;
  }

  /** A 401 signs out only if it refused the token in use now: an answer to an older attempt changes nothing. */
  function refused(sent) {
    if (sent === token()) { signOut(sent ? "The token was refused. Sign in again." : ""); }
  }

  function call(method, path, body) {
    var sent = token();
    return fetch(API + path, {
      method: method, headers: headers(sent, body !== undefined), cache: "no-store", credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (response) {
      // A redirect here is the end of a provider's session (its ID token expired): as good as a 401.
      if (response.status === 401 || response.redirected) { refused(sent); }
      return response;
    });
  }

  function answer(response) {
    return response.json().catch(function () { return {}; }).then(function (body) {
      if (response.redirected) { throw new Error("the sign-in ended; sign in again"); }
      if (!response.ok) { throw new Error(body.error || ("the service answered " + response.status)); }
      return body;
    });
  }

  // Signing in and out

  function start() {
    call("GET", "console").then(function (response) {
      if (response.status === 403) { // the service says why: no token configured here, or no right at the provider
        return answer(response).catch(function (error) { showSignIn(error.message, true); });
      }
      if (response.status === 401) { return; } // signed out already, with the reason
      if (!response.ok) { showSignIn("The service answered " + response.status + "; try again in a moment."); return; }
      return response.json().then(function (first) {
        var signingIn = !$("sign-in").hidden;
        $("sign-in").hidden = true;
        $("desk").hidden = false;
        $("sign-out").hidden = !token();
        render(first);
        call("GET", "console/caller").then(answer).then(showCaller, function () { });
        if (signingIn) { $("state-title").focus(); } // keyboard and screen-reader users land on the state
        openFeed(0);
        schedulePreview(0);
      });
    }).catch(function () { showSignIn("The service cannot be reached. Is it running?"); });
  }

  /** Who is signed in; a viewer reads everything and is offered no change (the service would refuse it). */
  function showCaller(caller) {
    var viewer = caller.role === "viewer";
    viaProvider = !token() && caller.name !== "loopback";
    $("sign-out").hidden = !token() && !viaProvider;
    document.body.setAttribute("data-role", caller.role);
    set("signed-in", "Signed in as " + caller.name + " (" + caller.role
      + (viewer ? ": reads only" : caller.scopes.length ? ": may change " + caller.scopes.join(", ") : "") + ")");
    document.querySelectorAll("#desk form:not(#draft) input, #desk form:not(#draft) select")
      .forEach(function (field) { field.disabled = viewer; });
  }

  function showSignIn(error, signedInElsewhere) {
    if (feed) { feed.abort(); feed = null; }
    overview = null;
    $("desk").hidden = true;
    $("sign-out").hidden = true;
    $("sign-in").hidden = false;
    $("sign-in-error").textContent = error || note;
    note = "";
    if (error) { $("token").value = ""; } // a refused token goes; someone typing a first one is left alone
    $("instance").textContent = "";
    $("signed-in").textContent = "";
    fetch(API + "console/sign-in", { cache: "no-store", credentials: "omit" }).then(answer).then(function (how) {
      $("provider-sign-in").hidden = !how.openIdConnect;
      viaProvider = Boolean(signedInElsewhere && how.openIdConnect && !token());
      $("sign-out").hidden = !viaProvider; // a person the provider vouched for, without rights here
    }, function () { });
  }

  function signOut(error) {
    if (viaProvider) { // signed in through the provider: end the session, then start again
      var again = function () { sessionStorage.setItem(NOTE, error || ""); location.reload(); };
      fetch("/console/sign-out", { method: "POST", credentials: "same-origin" }).then(again, again);
      return;
    }
    sessionStorage.removeItem(KEY);
    if (overview) { // operators' data is on the page: leave nothing of it behind
      sessionStorage.setItem(NOTE, error || "");
      location.reload();
      return;
    }
    showSignIn(error);
    $("token").focus();
  }

  $("sign-in-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var given = $("token").value.trim();
    if (!given) { $("sign-in-error").textContent = "Enter the operator token."; return; }
    sessionStorage.setItem(KEY, given);
    $("sign-in-error").textContent = "";
    start();
  });
  $("sign-out").addEventListener("click", function () { signOut(""); });

  // The live feed: server-sent events read through fetch, because EventSource cannot send a header.

  function openFeed(failures) {
    if (feed) { feed.abort(); } // one feed at a time: signing in again replaces the stream, it does not add one
    var controller = new AbortController();
    var sent = token();
    feed = controller;
    fetch(API + "console/feed", { headers: headers(sent, false), cache: "no-store", credentials: "same-origin",
        signal: controller.signal }).then(function (response) {
      if (response.status === 401 || response.redirected) { refused(sent); return; }
      if (!response.ok || !response.body) { throw new Error("feed " + response.status); }
      connection("live", "Live");
      failures = 0;
      var reader = response.body.getReader();
      var decoder = new TextDecoder();
      var buffered = "";
      var carriageReturn = ""; // a CR at the end of a chunk may be the first half of a CRLF
      function read() {
        return reader.read().then(function (chunk) {
          if (chunk.done) { throw new Error("the feed ended"); }
          var text = carriageReturn + decoder.decode(chunk.value, { stream: true });
          carriageReturn = text.slice(-1) === "\r" ? "\r" : "";
          // Lines may end in CRLF, LF or CR (the event-stream format allows all three): one form from here on.
          buffered += text.slice(0, text.length - carriageReturn.length).replace(/\r\n?/g, "\n");
          var end;
          while ((end = buffered.indexOf("\n\n")) >= 0) {
            dispatch(buffered.slice(0, end));
            buffered = buffered.slice(end + 2);
          }
          return read();
        });
      }
      return read();
    }).catch(function () {
      if (feed !== controller) { return; } // signed out, or replaced
      connection("lost", "Connection lost, reconnecting…");
      var wait = Math.min(10000, 500 * Math.pow(2, failures)) * (0.5 + Math.random() / 2);
      setTimeout(function () { if (feed === controller) { openFeed(failures + 1); } }, wait);
    });
  }

  function dispatch(block) {
    var name = "message";
    var data = [];
    block.split("\n").forEach(function (line) {
      if (line.indexOf("event:") === 0) { name = line.slice(6).trim(); }
      if (line.indexOf("data:") === 0) { data.push(line.slice(5).replace(/^ /, "")); }
    });
    if (name === "overview" && data.length) { render(JSON.parse(data.join("\n"))); }
  }

  function connection(state, text) {
    $("connection").setAttribute("data-state", state);
    $("connection").textContent = text;
  }

  // Showing the overview

  function clock(seconds) {
    var h = Math.floor(seconds / 3600), m = Math.floor(seconds % 3600 / 60), s = seconds % 60;
    var mm = (m < 10 ? "0" : "") + m, ss = (s < 10 ? "0" : "") + s;
    return h ? h + ":" + mm + ":" + ss : mm + ":" + ss;
  }

  function when(epochMillis) {
    return epochMillis ? new Date(epochMillis).toLocaleString([], { dateStyle: "medium", timeStyle: "short" }) : "";
  }

  function set(id, text) {
    if ($(id).textContent !== text) { $(id).textContent = text; }
  }

  var shown = {}; // what each list shows now, so an unchanged list keeps its elements (and the keyboard's focus)

  function list(id, items, build) {
    var now = JSON.stringify(items);
    if (shown[id] === now) { return; }
    shown[id] = now;
    var target = $(id);
    target.textContent = "";
    items.forEach(function (item) { target.appendChild(build(item)); });
    if (!items.length && target.getAttribute("data-empty")) { target.appendChild(item(target.getAttribute("data-empty"))); }
  }

  function item(text) {
    var li = document.createElement("li");
    li.textContent = text;
    return li;
  }

  function render(next) {
    var before = overview;
    overview = next;
    set("instance", "Instance " + next.instance + " · version " + next.build.version + " (" + next.build.commit + ")");
    var changed = renderState(next.status, before);
    renderScopes(next.scopes);
    renderVisitors(next.openSockets);
    renderWatcher(next.watcher);
    renderWindows(next.windows);
    renderTimeline(next.timeline.entries);
    renderWebhooks(next.webhooks);
    if (before && changed && !draftTouched) { schedulePreview(0); }
  }

  /** The state panel and the actions that depend on it; true when the state is another version than before. */
  function renderState(s, before) {
    var opening = s.phase === "reopening";
    set("state", s.isActive ? "On" : opening ? "Reopening" : s.phase === "admission" ? "Waiting room" : "Off");
    $("state").setAttribute("data-on", String(s.isActive));
    var by = overview.changedBy && overview.changedBy.site;
    set("cause", s.isActive ? "opened by " + ({ operator: "an operator", deploy: "a deploy", schedule: "the schedule",
      watcher: "the automatic breaker" }[s.cause] || s.cause) + (by && (s.cause === "operator" || s.cause === "deploy") ? " (" + by + ")" : "")
      : opening ? "visitors are let back in the order they waited" : "visitors reach the site");
    renderReopening(opening ? s.reopening : null);
    renderAdmission(s.admission, s.phase === "admission");
    set("message", s.message);
    set("issue", s.currentIssue);
    set("countdown", s.estimatedCompletion ? clock(s.countdown) : "no end set");
    set("ends", s.estimatedCompletion ? "until " + when(s.estimatedCompletion) : "");
    set("started", s.isActive ? when(s.startTime) : "");
    document.querySelectorAll("[data-extend]").forEach(function (b) { b.disabled = !s.isActive; });
    $("close").disabled = !s.isActive;
    set("publish", s.isActive ? "Publish update" : "Open maintenance");
    var changed = !before || before.status.version !== s.version;
    if (changed && !draftTouched) { // a fresh draft starts from what visitors read; typing is never overwritten
      $("draft-message").value = s.message;
      $("draft-issue").value = s.currentIssue;
    }
    return changed;
  }

  /** The reopening's progress on this instance, with the way to end it at once; hidden when none goes on. */
  function renderReopening(r) {
    $("reopening").hidden = !r;
    if (r) {
      set("reopening-progress", r.admitted + " let in, " + r.waiting + " waiting here; everyone is in by "
        + when(r.until) + ".");
    }
  }

  /** Admission mode: whether it is on, by whom, its rate and this instance's line; the way to end it. */
  function renderAdmission(a, admitting) {
    set("admission", !a ? "Off: everyone may come."
      : "On (" + (a.by === "watcher" ? "the automatic breaker" : "an operator") + "): " + a.perMinute
        + " new visitors a minute, idle after " + a.idleSeconds + " s. "
        + (admitting ? a.admitted + " let in, " + a.waiting + " waiting here." : "Waits while maintenance or a reopening goes on."));
    $("admission-end").disabled = !a;
  }

  /** The visitors waiting: their open sockets here, in the fleet, and per member. */
  /** Every scope at a glance, each closed one with its way back; the form acts on the one chosen. */
  function renderScopes(scopes) {
    list("scopes", scopes, function (scope) {
      var st = scope.status;
      var covers = scope.name === "site" ? "everything" : scope.hosts.concat(scope.paths).join(" ");
      var by = overview.changedBy && overview.changedBy[scope.name];
      var li = item(scope.name + " (" + covers + "): " + (st.isActive ? "Closed, " + st.message
        + (st.estimatedCompletion ? " · " + clock(st.countdown) + " left" : "") : "Open")
        + (by ? " · last change by " + by : ""));
      if (st.isActive) {
        var open = document.createElement("button");
        open.type = "button";
        open.textContent = "Open";
        open.setAttribute("aria-label", "Open " + scope.name);
        open.addEventListener("click", function () {
          act("scope-result", call("POST", "scopes/" + encodeURIComponent(scope.name) + "/status",
            { isActive: false }), scope.name + " is open.").catch(function () { });
        });
        li.appendChild(open);
      }
      return li;
    });
    var names = scopes.map(function (scope) { return scope.name; });
    var select = $("scope-name");
    if (select.getAttribute("data-names") !== names.join(" ")) {
      select.setAttribute("data-names", names.join(" "));
      var chosen = select.value;
      select.textContent = "";
      names.forEach(function (name) {
        var option = document.createElement("option");
        option.value = option.textContent = name;
        select.appendChild(option);
      });
      select.value = names.indexOf(chosen) >= 0 ? chosen : names[0];
    }
  }

  $("scope-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var name = $("scope-name").value;
    var body = { isActive: true };
    if ($("scope-message").value.trim()) { body.message = $("scope-message").value.trim(); }
    if ($("scope-minutes").value !== "") { body.countdown = Number($("scope-minutes").value) * 60; }
    act("scope-result", call("POST", "scopes/" + encodeURIComponent(name) + "/status", body), name + " is closed.")
      .then(function () { $("scope-form").reset(); $("scope-name").value = name; }, function () { });
  });

  function renderVisitors(open) {
    set("visitors-here", String(open.here));
    set("visitors-fleet", String(open.fleet));
    list("visitors-members", Object.keys(open.byInstance).map(function (name) { return [name, open.byInstance[name]]; }),
      function (member) { return item(member[0] + ": " + member[1]); });
  }

  function renderWatcher(w) {
    set("watcher", !w.enabled ? "Off: no watch URL is configured."
      : (w.breaker === "open" ? "Tripped: the site failed its checks; maintenance is on." : "Closed: the site answers.")
        + " Watching " + w.url + (w.watching ? " from this instance." : " from another member."));
    set("watcher-detail", !w.enabled ? "" : w.failuresInRow + " failures and " + w.successesInRow
      + " successes in a row" + (w.lastCheck ? ", last check " + when(w.lastCheck) : "")
      + (w.lastError ? ": " + w.lastError : "."));
  }

  function renderWindows(windows) {
    list("windows", windows, function (listed) {
      var win = listed.window;
      var coming = listed.next[0];
      var li = item((coming ? when(coming.start) + " – " + when(coming.end) : "ended " + when(win.end))
        + (win.recurrence ? " (every " + win.recurrence.every + ")" : "") + (win.message ? ": " + win.message : "")
        + (win.by ? " · planned by " + win.by : ""));
      var cancel = document.createElement("button");
      cancel.type = "button";
      cancel.textContent = "Cancel";
      cancel.setAttribute("aria-label", "Cancel the window " + li.textContent);
      cancel.addEventListener("click", function () { cancelWindow(win.id, li.textContent.replace(/Cancel$/, "")); });
      li.appendChild(cancel);
      return li;
    });
  }

  function renderTimeline(entries) {
    list("timeline", entries, function (e) {
      return item(when(e.at) + " · " + (e.isActive ? "on" : "off") + " by " + (e.by || e.cause)
        + (e.deploy ? " (" + e.deploy + ")" : "") + (e.isActive ? ": " + e.message : ""));
    });
  }

  function renderWebhooks(hooks) {
    set("webhooks-summary", hooks.receivers.length ? hooks.receivers.length + " receiver(s), " + hooks.pending
      + " delivery(ies) pending." : "No receivers configured.");
    list("deliveries", hooks.deliveries, function (d) {
      return item(d.type + " → " + d.url + ": " + d.status + " after " + d.attempts + " attempt(s)"
        + (d.lastError ? " (" + d.lastError + ")" : ""));
    });
  }

  // Changing things: the same API as scripts, nothing else

  function act(result, promise, done) {
    $(result).textContent = "Working…";
    return promise.then(answer).then(function (body) {
      $(result).textContent = done;
      return body;
    }).catch(function (error) {
      $(result).textContent = "Not done: " + error.message;
      throw error;
    });
  }

  function draft() {
    var body = { message: $("draft-message").value, currentIssue: $("draft-issue").value };
    var minutes = $("draft-minutes").value.trim();
    if (minutes !== "") { body.countdown = Math.round(Number(minutes) * 60); }
    return body;
  }

  $("draft").addEventListener("submit", function (event) {
    event.preventDefault();
    var opening = !overview.status.isActive;
    act("action-result", call("POST", "status", draft()), opening ? "Maintenance is on." : "Update published.")
      .then(function () { draftTouched = false; $("draft-minutes").value = ""; }, function () { });
  });

  document.querySelectorAll("[data-extend]").forEach(function (button) {
    button.addEventListener("click", function () {
      var minutes = Number(button.getAttribute("data-extend"));
      var s = overview.status;
      var body = s.estimatedCompletion && s.countdown > 0
        ? { estimatedCompletion: s.estimatedCompletion + minutes * 60000 } : { countdown: minutes * 60 };
      act("action-result", call("POST", "status", body), "Extended by " + minutes + " minutes.")
        .catch(function () { });
    });
  });

  $("everyone").addEventListener("click", function () {
    act("action-result", call("POST", "status", { isActive: false, reopenSeconds: 0 }), "Everyone is let in now.")
      .catch(function () { });
  });

  $("admission-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var body = { active: true, perMinute: Number($("admission-rate").value), idleSeconds: Number($("admission-idle").value) };
    act("admission-result", call("POST", "admission", body), "New visitors are let in at " + body.perMinute
      + " a minute.").catch(function () { });
  });

  $("admission-end").addEventListener("click", function () {
    act("admission-result", call("POST", "admission", { active: false }), "The waiting room is closed: everyone may come.")
      .catch(function () { });
  });

  $("close").addEventListener("click", function () {
    if (!window.confirm("Close maintenance now? Every visitor will be taken back to the site.")) { return; }
    act("action-result", call("POST", "status", { isActive: false }), "Maintenance is closed.")
      .catch(function () { });
  });

  $("schedule").addEventListener("submit", function (event) {
    event.preventDefault();
    var body = { start: new Date($("window-start").value).getTime(), end: new Date($("window-end").value).getTime() };
    if ($("window-message").value.trim()) { body.message = $("window-message").value.trim(); }
    if ($("window-repeat").value) { // at the same local time as entered, across changes of the clocks
      body.recurrence = { every: $("window-repeat").value, zone: Intl.DateTimeFormat().resolvedOptions().timeZone };
    }
    act("schedule-result", call("POST", "windows", body), "Window scheduled.").then(function () {
      $("schedule").reset();
    }, function () { });
  });

  function cancelWindow(id, label) {
    if (!window.confirm("Cancel the window " + label + "?")) { return; }
    act("schedule-result", call("DELETE", "windows/" + encodeURIComponent(id)), "Window cancelled.")
      .catch(function () { });
  }

  // The preview: the server renders the page with the draft; nothing is stored or sent to visitors.

  function choice(name) { return document.querySelector("input[name=" + name + "]:checked").value; }

  function schedulePreview(delay) {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(preview, delay);
  }

  function preview() {
    var seq = ++previewSeq;
    call("POST", "console/preview?lang=" + $("preview-lang").value, draft()).then(function (response) {
      if (!response.ok) { return answer(response); }
      return response.text().then(function (html) {
        if (seq !== previewSeq) { return; }
        $("preview").srcdoc = html;
        $("preview-note").textContent = "";
      });
    }).catch(function (error) {
      if (seq === previewSeq) { $("preview-note").textContent = "No preview: " + error.message; } // not a stale one
    });
    frame();
  }

  /** Light or dark through the frame's color-scheme; phone or desktop width, scaled down to fit the card. */
  function frame() {
    var size = FRAMES[choice("width")];
    var box = $("preview-box");
    var scale = Math.min(1, box.clientWidth / size[0]);
    var iframe = $("preview");
    iframe.style.colorScheme = choice("theme");
    iframe.style.width = size[0] + "px";
    iframe.style.height = size[1] + "px";
    iframe.style.transform = "scale(" + scale + ")";
    box.style.height = Math.ceil(size[1] * scale) + "px";
  }

  ["draft-message", "draft-issue", "draft-minutes"].forEach(function (id) {
    $(id).addEventListener("input", function () { draftTouched = true; schedulePreview(300); });
  });
  $("preview-lang").addEventListener("change", function () { schedulePreview(0); });
  document.querySelectorAll("input[name=theme], input[name=width]").forEach(function (radio) {
    radio.addEventListener("change", frame);
  });
  window.addEventListener("resize", function () { if (overview) { frame(); } });

  start();
}());
