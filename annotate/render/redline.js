/* annotate redline: navigation, view switch, part switch, filters, links, folded paragraphs,
   and the side-by-side view, built from the inline view when first shown.
   Static code: it reads only the page's own structure (data-* attributes written by the
   renderer) and never evaluates report text: text goes into the page as text nodes only. */
(function () {
  "use strict";
  var body = document.body;
  var views = { inline: document.getElementById("view-inline"), sbs: document.getElementById("view-sbs") };
  var current = -1;
  var only = "all";  /* the change kind chosen by clicking a count */
  var position = document.getElementById("position");
  var RELATIONS = { m: "match", v: "moved", i: "inserted", d: "deleted" };  /* RELATION_CODE in html.py */

  function makeFocusable(root) {
    /* quantities (their tip) and each change's first marker (its navigation stop) take keyboard
       focus; set here rather than as thousands of tabindex attributes */
    var els = root.querySelectorAll(".qty, [data-chg]");
    for (var q = 0; q < els.length; q++) els[q].tabIndex = 0;
  }

  function makeFoldButtons() {
    /* one text-free button in front of each folded paragraph (its words are on the view) */
    var folds = views.inline.querySelectorAll("p.fold");
    for (var f = 0; f < folds.length; f++) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "fold-btn";
      b.setAttribute("aria-expanded", "false");
      b.setAttribute("aria-label", views.inline.getAttribute(
        folds[f].classList.contains("inserted-block") ? "data-fold-inserted" : "data-fold-deleted"));
      b.title = views.inline.getAttribute("data-fold-title");
      folds[f].insertBefore(b, folds[f].firstChild);
    }
  }

  /* ---- the side-by-side view: one row per pair, from the inline view ----
     Each pair starts with a marker <i data-p> in its inline paragraph; what follows it, up to
     the next marker, is the pair's text: unchanged text (both columns), <del> (old column),
     <ins> (new column), and spans whose old reading differs (data-o: plain text, data-oq: JSON
     segments), shown as the new text inline. */

  function pagesTitle(pages) {
    var v = views.sbs, range = pages.split("-");
    return range.length > 1 ? v.getAttribute("data-page-range").replace("{first}", range[0]).replace("{last}", range[1])
                            : v.getAttribute("data-page-one").replace("{n}", pages);
  }

  function cell(cls, pages) {
    var td = document.createElement("td");
    td.className = cls;
    if (pages) { td.setAttribute("data-page", pages); td.title = pagesTitle(pages); }
    return td;
  }

  function startRow(marker, para, k) {
    var tr = document.createElement("tr"), rel = marker.getAttribute("data-p");
    tr.className = "r-" + (RELATIONS[rel] || rel);
    tr.setAttribute("data-pair", String(k));
    tr.setAttribute("data-half", marker.getAttribute("data-h") || marker.parentNode.getAttribute("data-half"));
    if (marker.id) tr.id = "sbs-" + marker.id;
    var oldTd = cell("old", marker.getAttribute("data-po")), newTd = cell("new", marker.getAttribute("data-pn"));
    if (para) {
      tr.setAttribute("data-para", para);
      var a = document.createElement("span");
      a.id = "sbs-n-" + para;
      a.className = "pa";
      newTd.appendChild(a);
    }
    tr.appendChild(oldTd);
    tr.appendChild(newTd);
    return { tr: tr, old: oldTd, "new": newTd, rel: RELATIONS[rel] || rel };
  }

  function oldReading(json) {
    /* [["t", text] | ["q", text, tip] | ["b", tip]] (html.py _segments) as nodes */
    var out = document.createDocumentFragment(), segs = JSON.parse(json);
    for (var i = 0; i < segs.length; i++) {
      var s = segs[i], el;
      if (s[0] === "t") { out.appendChild(document.createTextNode(s[1])); continue; }
      el = document.createElement("span");
      if (s[0] === "q") { el.className = "qty"; el.setAttribute("data-tip", s[2]); el.textContent = s[1]; }
      else { el.className = "bidi-mark"; el.title = s[1]; el.setAttribute("role", "img"); el.setAttribute("aria-label", s[1]); }
      out.appendChild(el);
    }
    return out;
  }

  function moveMark(a) {
    /* the inline "moved here" link becomes the row's "moved (move n)" label (only the first
       link of a run of moved pairs has the id, so the number comes from where it points) */
    var m = document.createElement("span");
    m.className = "move-mark";
    m.setAttribute("data-filter", "moves");
    m.setAttribute("data-kind", "moved");
    m.textContent = views.sbs.getAttribute("data-move").replace("{n}", a.getAttribute("href").replace("#move-from-", ""));
    if (a.hasAttribute("data-chg")) { m.setAttribute("data-chg", a.getAttribute("data-chg")); m.setAttribute("data-label", a.getAttribute("data-label")); }
    return m;
  }

  function addNode(row, n) {
    /* one inline node of the pair into the row's columns */
    if (n.nodeType === 1) {
      if (n.classList.contains("fold-btn")) return;
      if (n.classList.contains("move-mark")) { row["new"].appendChild(moveMark(n)); return; }
      if (n.tagName === "DEL") { row.old.appendChild(n.cloneNode(true)); return; }
      if (n.tagName === "INS") { row["new"].appendChild(n.cloneNode(true)); return; }
      if (n.hasAttribute("data-o") || n.hasAttribute("data-oq")) {
        if (n.hasAttribute("data-o")) { if (n.getAttribute("data-o")) row.old.appendChild(document.createTextNode(n.getAttribute("data-o"))); }
        else row.old.appendChild(oldReading(n.getAttribute("data-oq")));
        for (var c = n.firstChild; c; c = c.nextSibling) row["new"].appendChild(c.cloneNode(true));
        return;
      }
    } else if (n.nodeType !== 3) return;
    /* unchanged text (and its quantities): the old column unless the pair is new, and v.v. */
    if (row.rel !== "inserted") row.old.appendChild(n.cloneNode(true));
    if (row.rel !== "deleted") row["new"].appendChild(n.cloneNode(true));
  }

  function buildSbs() {
    /* true when it built the view now (false: built before) */
    var tbody = views.sbs.querySelector("tbody");
    if (tbody.hasChildNodes()) return false;
    var rows = document.createDocumentFragment(), k = 0, paras = views.inline.children;
    for (var p = 0; p < paras.length; p++) {
      var row = null, first = true, id = paras[p].id;
      for (var n = paras[p].firstChild; n; n = n.nextSibling) {
        if (n.nodeType === 1 && n.hasAttribute("data-p")) {
          if (row) rows.appendChild(row.tr);
          /* the paragraph's anchor twin rides on the row of its first pair */
          row = startRow(n, first && id.indexOf("n-") === 0 ? id.slice(2) : null, k++);
          first = false;
        } else if (row) addNode(row, n);
      }
      if (row) rows.appendChild(row.tr);
    }
    tbody.appendChild(rows);
    tbody.normalize();  /* one text node per run, as a parsed page has */
    makeFocusable(tbody);
    return true;
  }

  function activeView() { return views.sbs.hidden ? views.inline : views.sbs; }

  function isShown(el) {
    if (el.classList.contains("filtered")) return false;
    return el.offsetParent !== null || el.getClientRects().length > 0;
  }

  function matchesOnly(el) {
    /* only change markers answer to the count buttons; table rows and the rest do not */
    if (only === "all" || !(el.classList.contains("chg") || el.classList.contains("move-mark"))) return true;
    if (only === "target_changes") return (" " + el.getAttribute("data-filter") + " ").indexOf(" targets ") >= 0;
    return el.getAttribute("data-kind") === only;
  }

  function applyFilters() {
    /* a marker stays marked while any of its categories is shown (a number change inside a
       target is both "numbers" and "targets") and it is of the kind chosen, if one is */
    var off = {};
    var boxes = document.querySelectorAll("input[data-filter-toggle]");
    for (var i = 0; i < boxes.length; i++) off[boxes[i].getAttribute("data-filter-toggle")] = !boxes[i].checked;
    var els = document.querySelectorAll("[data-filter]");
    for (var j = 0; j < els.length; j++) {
      var cats = els[j].getAttribute("data-filter").split(" "), hidden = true;
      for (var k = 0; k < cats.length; k++) if (!off[cats[k]]) hidden = false;
      els[j].classList.toggle("filtered", hidden || !matchesOnly(els[j]));
    }
    current = -1;
    position.textContent = "";  /* "change 3 of 8" counted the stops of the old filter */
  }

  function press(attr, value) {
    /* one button of a group (the buttons carrying attr) shows as pressed: the one for value */
    var buttons = document.querySelectorAll("button[" + attr + "]");
    for (var i = 0; i < buttons.length; i++)
      buttons[i].setAttribute("aria-pressed", buttons[i].getAttribute(attr) === value ? "true" : "false");
    current = -1;
    position.textContent = "";
  }

  function setOnly(kind) {
    only = kind;
    press("data-only", kind);
    applyFilters();
  }

  function stops() {
    /* one stop per change: the first marker of each change id in the visible view */
    var seen = {}, out = [];
    var els = activeView().querySelectorAll("[data-chg]");
    for (var i = 0; i < els.length; i++) {
      var id = els[i].getAttribute("data-chg");
      if (seen[id] || !isShown(els[i])) continue;
      seen[id] = true;
      out.push(els[i]);
    }
    return out;
  }

  function unfold(el) {
    var p = el.closest ? el.closest(".fold") : null;
    if (p && !p.classList.contains("open")) toggleFold(p);
  }

  function go(step) {
    var list = stops();
    if (!list.length) { position.textContent = position.getAttribute("data-none"); return; }
    var active = document.activeElement;
    var at = list.indexOf(active);
    if (at < 0) at = current;
    var next = at + step;
    if (next >= list.length) next = 0;
    if (next < 0) next = list.length - 1;
    current = next;
    var el = list[next];
    unfold(el);
    el.focus();
    el.scrollIntoView({ block: "center" });
    position.textContent = position.getAttribute("data-of").replace("{n}", String(next + 1))
      .replace("{m}", String(list.length)).replace("{label}", el.getAttribute("data-label"));
  }

  function setView(name) {
    if (name === "sbs" && buildSbs()) applyFilters();  /* the new markers follow the filters set */
    views.inline.hidden = name !== "inline";
    views.sbs.hidden = name !== "sbs";
    press("data-view", name);
  }

  function setHalf(name) {
    /* CSS hides the other half (body[data-half]); the stops follow, as they skip hidden markers */
    if (name === "all") body.removeAttribute("data-half"); else body.setAttribute("data-half", name);
    press("data-half", name);
  }

  function toggleFold(p) {
    var open = p.classList.toggle("open");
    var b = p.querySelector(".fold-btn");
    if (b) b.setAttribute("aria-expanded", open ? "true" : "false");
  }

  function follow(id) {
    /* the same place in the view that is shown: side by side has an "sbs-" twin of every
       inline anchor (paragraphs, pairs) */
    var el = null;
    if (!views.sbs.hidden) el = document.getElementById("sbs-" + id);
    if (!el) el = document.getElementById(id);
    if (!el) return false;
    if (el.offsetParent === null && el.getClientRects().length === 0 && body.hasAttribute("data-half"))
      setHalf("all");  /* it is in the half the switch hides */
    unfold(el);
    /* an empty anchor (a pair's marker, a paragraph's twin) scrolls its box into view */
    var box = el.classList.contains("pa") || el.hasAttribute("data-p") ? el.parentNode : el;
    box.scrollIntoView({ block: "start" });
    box.classList.add("flash");
    setTimeout(function () { box.classList.remove("flash"); }, 1600);
    if (!box.hasAttribute("tabindex")) box.setAttribute("tabindex", "-1");
    box.focus({ preventScroll: true });
    return true;
  }

  makeFoldButtons();
  makeFocusable(document);
  document.getElementById("next").addEventListener("click", function () { go(1); });
  document.getElementById("prev").addEventListener("click", function () { go(-1); });
  var vb = document.querySelectorAll("[data-view]");
  for (var i = 0; i < vb.length; i++)
    vb[i].addEventListener("click", function (e) { setView(e.currentTarget.getAttribute("data-view")); });
  var hb = document.querySelectorAll("button[data-half]");
  for (var h = 0; h < hb.length; h++)
    hb[h].addEventListener("click", function (e) { setHalf(e.currentTarget.getAttribute("data-half")); });
  var ob = document.querySelectorAll("[data-only]");
  for (var o = 0; o < ob.length; o++)
    ob[o].addEventListener("click", function (e) { setOnly(e.currentTarget.getAttribute("data-only")); });
  var boxes = document.querySelectorAll("input[data-filter-toggle]");
  for (var j = 0; j < boxes.length; j++)
    boxes[j].addEventListener("change", applyFilters);
  document.addEventListener("click", function (e) {
    var t = e.target;
    var fb = t.closest ? t.closest(".fold-btn") : null;
    if (fb) { toggleFold(fb.parentNode); return; }
    var a = t.closest ? t.closest("a[href^='#']") : null;
    if (a && follow(a.getAttribute("href").slice(1))) e.preventDefault();
  });
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    var typing = t && (t.tagName === "TEXTAREA" || t.isContentEditable ||
                       (t.tagName === "INPUT" && !/^(checkbox|radio|button)$/.test(t.type)));
    if (typing) return;
    if (e.key === "n" || e.key === "j") { go(1); e.preventDefault(); }
    else if (e.key === "p" || e.key === "k") { go(-1); e.preventDefault(); }
    else if (e.key === "v") { setView(views.sbs.hidden ? "sbs" : "inline"); e.preventDefault(); }
  });
})();
