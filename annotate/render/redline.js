/* annotate redline: navigation, view switch, filters.  Static code: it reads only the page's
   own structure (data-* attributes written by the renderer) and never evaluates report text. */
(function () {
  "use strict";
  var body = document.body;
  var views = { inline: document.getElementById("view-inline"), sbs: document.getElementById("view-sbs") };
  var current = -1;
  var position = document.getElementById("position");

  function activeView() { return views.sbs.hidden ? views.inline : views.sbs; }

  function isShown(el) {
    if (el.classList.contains("filtered")) return false;
    return el.offsetParent !== null || el.getClientRects().length > 0;
  }

  function applyFilters() {
    /* a marker stays marked while any of its categories is shown (a number change inside a
       target is both "numbers" and "targets") */
    var off = {};
    var boxes = document.querySelectorAll("input[data-filter-toggle]");
    for (var i = 0; i < boxes.length; i++) off[boxes[i].getAttribute("data-filter-toggle")] = !boxes[i].checked;
    var els = document.querySelectorAll("[data-filter]");
    for (var j = 0; j < els.length; j++) {
      var cats = els[j].getAttribute("data-filter").split(" "), hidden = true;
      for (var k = 0; k < cats.length; k++) if (!off[cats[k]]) hidden = false;
      els[j].classList.toggle("filtered", hidden);
    }
    current = -1;
    position.textContent = "";  /* "change 3 of 8" counted the stops of the old filter */
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

  function go(step) {
    var list = stops();
    if (!list.length) { position.textContent = "no changes shown"; return; }
    var active = document.activeElement;
    var at = list.indexOf(active);
    if (at < 0) at = current;
    var next = at + step;
    if (next >= list.length) next = 0;
    if (next < 0) next = list.length - 1;
    current = next;
    var el = list[next];
    el.focus();
    el.scrollIntoView({ block: "center" });
    position.textContent = "change " + (next + 1) + " of " + list.length + ": " + el.getAttribute("data-label");
  }

  function setView(name) {
    views.inline.hidden = name !== "inline";
    views.sbs.hidden = name !== "sbs";
    var buttons = document.querySelectorAll("[data-view]");
    for (var i = 0; i < buttons.length; i++)
      buttons[i].setAttribute("aria-pressed", buttons[i].getAttribute("data-view") === name ? "true" : "false");
    current = -1;
    position.textContent = "";
  }

  document.getElementById("next").addEventListener("click", function () { go(1); });
  document.getElementById("prev").addEventListener("click", function () { go(-1); });
  var vb = document.querySelectorAll("[data-view]");
  for (var i = 0; i < vb.length; i++)
    vb[i].addEventListener("click", function (e) { setView(e.currentTarget.getAttribute("data-view")); });
  var boxes = document.querySelectorAll("input[data-filter-toggle]");
  for (var j = 0; j < boxes.length; j++)
    boxes[j].addEventListener("change", applyFilters);
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
