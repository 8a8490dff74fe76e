// Full-text search over the prebuilt bigram index (assets/search-index.js): every word of the
// query (2+ characters) is split into character bigrams, the reports holding all of them are
// candidates, their passages (assets/text/<slug>.js, loaded on demand) are searched for the words
// themselves.  Results are built with textContent only: report text never becomes markup.
(function () {
  "use strict";
  var data = window.ANNOTATE_SEARCH || { reports: [], index: {} };
  var TEXT = (window.ANNOTATE_TEXT = window.ANNOTATE_TEXT || {});
  var input = document.getElementById("q");
  var status = document.getElementById("status");
  var list = document.getElementById("results");
  var msgs = document.getElementById("msgs").dataset;
  var MAX = 300;
  var generation = 0;

  function words(query) {
    return query.toLowerCase().split(/\s+/).filter(function (w) { return w.length > 0; });
  }
  function grams(word) {
    var out = [];
    for (var i = 0; i + 1 < word.length; i++) out.push(word.slice(i, i + 2));
    return out;
  }
  function candidates(ws) {
    var result = null;
    for (var i = 0; i < ws.length; i++) {
      var gs = grams(ws[i]);
      for (var j = 0; j < gs.length; j++) {
        var posting = data.index[gs[j]];
        if (posting === undefined) return [];
        var set = posting.split(" ").map(Number);
        result = result === null ? set : result.filter(function (n) { return set.indexOf(n) >= 0; });
        if (!result.length) return [];
      }
    }
    return result || [];
  }
  function load(slug) {
    return new Promise(function (resolve) {
      if (TEXT[slug]) return resolve();
      var s = document.createElement("script");
      s.src = "assets/text/" + encodeURIComponent(slug) + ".js";
      s.onload = s.onerror = function () { resolve(); };
      document.body.appendChild(s);
    });
  }
  function snippet(li, text, at, word) {
    var from = Math.max(0, at - 40), to = Math.min(text.length, at + word.length + 60);
    var p = document.createElement("div");
    p.appendChild(document.createTextNode((from > 0 ? "…" : "") + text.slice(from, at)));
    var m = document.createElement("mark");
    m.textContent = text.slice(at, at + word.length);
    p.appendChild(m);
    p.appendChild(document.createTextNode(text.slice(at + word.length, to) + (to < text.length ? "…" : "")));
    li.appendChild(p);
  }
  function run() {
    var gen = ++generation;
    var query = input.value.trim();
    var ws = words(query);
    list.textContent = "";
    if (ws.join("").length < 2 || ws.some(function (w) { return w.length < 2; })) {
      status.textContent = query ? msgs.short : "";
      return;
    }
    var cands = candidates(ws);
    status.textContent = msgs.loading;
    Promise.all(cands.map(function (n) { return load(data.reports[n][0]); })).then(function () {
      if (gen !== generation) return;
      var count = 0;
      cands.forEach(function (n) {
        var slug = data.reports[n][0], label = data.reports[n][1];
        (TEXT[slug] || []).forEach(function (passage) {
          // the text as written, else its simplified copy (traditional reports carry one)
          var low = passage[1].toLowerCase();
          if (!ws.every(function (w) { return low.indexOf(w) >= 0; })) {
            if (passage.length < 3) return;
            low = passage[2].toLowerCase();
            if (!ws.every(function (w) { return low.indexOf(w) >= 0; })) return;
          }
          count++;
          if (count > MAX) return;
          var li = document.createElement("li");
          var a = document.createElement("a");
          a.href = "reports/" + encodeURIComponent(slug) + ".html#" + encodeURIComponent(passage[0]);
          a.textContent = label;
          a.className = "where";
          li.appendChild(a);
          // the simplified copy keeps (nearly always) the offsets of the text as written
          snippet(li, passage[1], Math.min(low.indexOf(ws[0]), passage[1].length - ws[0].length), ws[0]);
          list.appendChild(li);
        });
      });
      status.textContent = count ? count + " " + msgs.found : msgs.none;
    });
  }
  var timer = null;
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 150); });
  document.getElementById("search").addEventListener("submit", function (e) { e.preventDefault(); run(); });
  var given = new URLSearchParams(location.search).get("q");
  if (given) { input.value = given; run(); }
})();
