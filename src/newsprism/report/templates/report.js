// newsprism report: fact details on hover/click/focus, citation jumps, JSON download.
// Reads only data-* attributes and clones server-rendered nodes: no text is ever parsed as HTML.
(function () {
  "use strict";
  var panel = document.getElementById("fact-panel");
  var panelBody = document.getElementById("fact-panel-body");
  var announce = document.getElementById("announce");
  var pinned = false;
  var jumping = false;  // focus moved by a citation jump: keep the fact panel out of the way

  // "1:459:570 2:12:40" -> [[1, 459, 570], [2, 12, 40]] (article number, start, end)
  function parseSpans(value) {
    return (value || "").split(/\s+/).filter(Boolean).map(function (part) {
      return part.split(":").map(Number);
    });
  }

  // The segments that lie inside the spans; every span boundary is a segment boundary.
  function segmentsIn(spans) {
    var found = [];
    spans.forEach(function (span) {
      var text = document.getElementById("a" + span[0]);
      if (!text) { return; }
      text.querySelectorAll(".seg").forEach(function (seg) {
        if (+seg.dataset.s >= span[1] && +seg.dataset.e <= span[2]) { found.push(seg); }
      });
    });
    return found;
  }

  function clearClass(name) {
    document.querySelectorAll(".seg." + name).forEach(function (el) { el.classList.remove(name); });
  }

  function highlight(spans) {
    clearClass("hl");
    var segs = segmentsIn(spans);
    segs.forEach(function (el) { el.classList.add("hl"); });
    if (!segs.length) { return; }
    var first = segs[0];
    if (!first.hasAttribute("tabindex")) { first.setAttribute("tabindex", "-1"); }
    jumping = true;
    first.focus({ preventScroll: true });
    jumping = false;
    first.scrollIntoView({ block: "start" });
    var chars = segs.reduce(function (n, el) { return n + el.textContent.length; }, 0);
    announce.textContent = "Highlighted " + chars + " characters of article " + spans[0][0] + ".";
  }

  function factIds(seg) {
    return (seg && seg.dataset.f ? seg.dataset.f.split(" ") : []);
  }

  // Show the facts' cards (copies of those in the Facts sections) and outline their statements everywhere.
  function showFacts(ids) {
    clearClass("peer");
    panelBody.replaceChildren();
    ids.forEach(function (id) {
      document.querySelectorAll('.seg[data-f~="' + CSS.escape(id) + '"]').forEach(function (el) {
        el.classList.add("peer");
      });
      var card = document.getElementById("fact-" + id);
      if (card) {
        var copy = card.cloneNode(true);
        copy.removeAttribute("id");
        panelBody.append(copy);
      }
    });
    panel.hidden = ids.length === 0;
  }

  function closePanel() {
    pinned = false;
    showFacts([]);
  }

  document.addEventListener("click", function (event) {
    var jump = event.target.closest("[data-spans]");
    if (jump) {
      event.preventDefault();
      highlight(parseSpans(jump.dataset.spans));
      return;
    }
    var seg = event.target.closest(".seg[data-f]");
    if (seg) {
      pinned = true;
      showFacts(factIds(seg));
    }
  });

  document.addEventListener("mouseover", function (event) {
    if (pinned || !event.target.closest(".text")) { return; }
    showFacts(factIds(event.target.closest(".seg[data-f]")));
  });

  document.addEventListener("focusin", function (event) {
    var seg = event.target.closest(".seg[data-f]");
    if (seg && !pinned && !jumping) { showFacts(factIds(seg)); }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !panel.hidden) {
      closePanel();
      return;
    }
    var seg = event.target.closest && event.target.closest(".seg[data-f]");
    if (seg && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      pinned = true;
      showFacts(factIds(seg));
    }
  });

  document.getElementById("fact-panel-close").addEventListener("click", closePanel);

  var download = document.getElementById("download-json");
  download.hidden = false;
  download.addEventListener("click", function () {
    var data = document.getElementById("newsprism-data").textContent;
    var url = URL.createObjectURL(new Blob([data], { type: "application/json" }));
    var link = document.createElement("a");
    link.href = url;
    link.download = "newsprism-report.json";
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 0);
  });
})();
