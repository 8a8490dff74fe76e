/* annotate redline: navigation, view switch, part switch, filters, links, folded paragraphs.
   Static code: it reads only the page's own structure (data-* attributes written by the
   renderer) and never evaluates report text. */
(function () {
  "use strict";
  var body = document.body;
  var views = { inline: document.getElementById("view-inline"), sbs: document.getElementById("view-sbs") };
  var current = -1;
  var only = "all";  /* the change kind chosen by clicking a count */
  var position = document.getElementById("position");
  /* quantities (their tip) and each change's first marker (its navigation stop) take keyboard
     focus; set here rather than as thousands of tabindex attributes */
  var focusable = document.querySelectorAll(".qty, [data-chg]");
  for (var q = 0; q < focusable.length; q++) focusable[q].tabIndex = 0;

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
    var box = el.classList.contains("pa") ? el.parentNode : el;
    box.scrollIntoView({ block: "start" });
    box.classList.add("flash");
    setTimeout(function () { box.classList.remove("flash"); }, 1600);
    if (!box.hasAttribute("tabindex")) box.setAttribute("tabindex", "-1");
    box.focus({ preventScroll: true });
    return true;
  }

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
