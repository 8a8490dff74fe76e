// Sortable, filterable tables: <table class="sortable"> with <th data-type="num|text">,
// filters <input data-filter="COL"> (substring) and <select data-filter="COL"> (exact) inside
// the form[data-table=ID]; a cell's data-v holds its sort value; output shows the visible count.
(function () {
  "use strict";
  function cellValue(row, i) {
    var c = row.cells[i];
    if (!c) return "";
    return c.hasAttribute("data-v") ? c.getAttribute("data-v") : c.textContent;
  }
  function sortBy(table, i, type, th) {
    var body = table.tBodies[0];
    var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, i), y = cellValue(b, i);
      if (type === "num") {
        var nx = x === "" ? NaN : +x, ny = y === "" ? NaN : +y;
        if (isNaN(nx) && isNaN(ny)) return 0;
        if (isNaN(nx)) return 1;
        if (isNaN(ny)) return -1;
        return dir * (nx - ny);
      }
      return dir * x.localeCompare(y, "zh");
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  function applyFilters(form, table) {
    var filters = Array.prototype.slice.call(form.querySelectorAll("[data-filter]"));
    var shown = 0;
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      var ok = filters.every(function (f) {
        var v = f.value.trim();
        if (!v) return true;
        var cell = cellValue(row, +f.getAttribute("data-filter"));
        return f.tagName === "SELECT" ? cell === v : cell.toLowerCase().indexOf(v.toLowerCase()) >= 0;
      });
      row.hidden = !ok;
      if (ok) shown++;
    });
    var out = form.querySelector("output");
    if (out) out.textContent = String(shown);
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "sort";
      while (th.firstChild) b.appendChild(th.firstChild);
      th.appendChild(b);
      b.addEventListener("click", function () { sortBy(table, i, th.getAttribute("data-type"), th); });
    });
    var form = document.querySelector('form[data-table="' + table.id + '"]');
    if (form) {
      form.addEventListener("input", function () { applyFilters(form, table); });
      form.addEventListener("change", function () { applyFilters(form, table); });
      form.addEventListener("submit", function (e) { e.preventDefault(); });
      applyFilters(form, table);
    }
  });
})();
