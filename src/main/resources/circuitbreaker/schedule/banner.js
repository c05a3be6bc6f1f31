/* Circuit Breaker banner: announces the next planned maintenance on the main site, before it starts.
   Embed, through the shipped front: <script src="/circuit-breaker/banner.js" defer></script>
   Optional: data-days="7" (how far ahead to announce), data-label="Planned maintenance" (the words before the time),
   data-upcoming="URL" (where to ask, default beside this script). No dependencies; says nothing when nothing is planned. */
(function () {
  "use strict";
  var script = document.currentScript, words = script.dataset;
  var upcoming = words.upcoming || new URL("upcoming", script.src).href;
  var ahead = Number(words.days || 7) * 86400000, lang = document.documentElement.lang || navigator.language;
  fetch(upcoming, { credentials: "omit" }).then(function (r) { return r.ok ? r.json() : { upcoming: [] }; })
    .then(function (data) {
      var now = Date.now(), next = data.upcoming.filter(function (w) { return w.end > now; })[0];
      if (!next || next.start - now > ahead) return;
      var when = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" });
      var until = new Intl.DateTimeFormat(lang, { timeStyle: "short" });
      var banner = document.createElement("div"), label = document.createElement("strong");
      banner.className = "circuit-breaker-banner";
      banner.setAttribute("role", "status"); // read out once, politely
      banner.style.cssText = "background:#1d3557;color:#fff;padding:.6rem 1rem;font:1rem/1.4 system-ui,sans-serif;text-align:center";
      label.textContent = (words.label || "Planned maintenance") + ": ";
      banner.append(label, when.format(next.start) + " \u2013 " + until.format(next.end) + ". " + next.message);
      document.body.prepend(banner);
    }).catch(function () { /* the banner is a courtesy: never break the site */ });
})();
