/* Factcheck review desk: keyboard navigation, claim selection from the article text.
 *
 * A static file on purpose: the pages run under a Content-Security-Policy without
 * 'unsafe-inline', so there is no inline script anywhere. Everything here is progressive
 * enhancement; every action also works as a plain form post.
 */
(function () {
  "use strict";

  var PANEL_ID = "claim-panel";
  // The stylesheet's breakpoints: below the first the claim list is a drawer, below the
  // second the page is one column with the panel above the text.
  var DRAWER_LAYOUT = window.matchMedia("(max-width: 1279.98px)");
  var STACKED_LAYOUT = window.matchMedia("(max-width: 799.98px)");

  // The layout of the narrower screens depends on this script (the drawer's button).
  document.documentElement.classList.add("js");

  function $(selector, root) { return (root || document).querySelector(selector); }
  function $all(selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); }

  // Offsets on the server count Unicode code points (Python str); JavaScript strings count
  // UTF-16 units, so characters outside the BMP (emoji, some CJK) would shift every offset.
  function codePoints(text) {
    var n = 0;
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        var d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) { i++; }
      }
      n++;
    }
    return n;
  }

  // The absolute offset in the article body of a DOM position inside `root`: the nearest
  // segment carrying data-start, plus the text between that segment's start and the point.
  function offsetIn(root, node, offset) {
    var el = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    var segment = el && el.closest("[data-start]");
    if (!segment || !root.contains(segment)) { segment = root; }
    var range = document.createRange();
    range.setStart(segment, 0);
    range.setEnd(node, offset);
    var base = segment.dataset.start ? parseInt(segment.dataset.start, 10) : 0;
    return base + codePoints(range.toString());
  }

  function selectionIn(root) {
    var sel = window.getSelection();
    if (!root || !sel || sel.rangeCount === 0 || sel.isCollapsed) { return null; }
    var range = sel.getRangeAt(0);
    if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) { return null; }
    return {
      start: offsetIn(root, range.startContainer, range.startOffset),
      end: offsetIn(root, range.endContainer, range.endOffset),
      text: sel.toString()
    };
  }

  function caretIn(root) {
    var sel = window.getSelection();
    if (!root || !sel || sel.rangeCount === 0) { return null; }
    var range = sel.getRangeAt(0);
    if (!root.contains(range.startContainer)) { return null; }
    var start = root.dataset.start ? parseInt(root.dataset.start, 10) : 0;
    return offsetIn(root, range.startContainer, range.startOffset) - start;
  }

  // --- Adding a missed claim from a text selection -----------------------------------------

  function updateAddClaim() {
    var body = $("#article-body");
    var button = $("#add-claim-button");
    if (!body || !button) { return; }
    var picked = selectionIn(body);
    var hint = $("#add-claim-hint");
    if (picked && picked.text.trim()) {
      $("#add-claim-start").value = picked.start;
      $("#add-claim-end").value = picked.end;
      button.disabled = false;
      var preview = picked.text.trim();
      hint.textContent = "Selected: “" + (preview.length > 90 ? preview.slice(0, 90) + "…" : preview) + "”";
    } else if (!document.activeElement || document.activeElement !== button) {
      button.disabled = true;
      hint.textContent = "Select a missed claim in the text to add it.";
    }
  }

  function updateSplitPosition() {
    var text = $("#claim-text");
    var field = $("#id_split-position");
    if (!text || !field) { return; }
    var position = caretIn(text);
    if (position !== null && position > 0) { field.value = position; }
  }

  document.addEventListener("selectionchange", function () {
    updateAddClaim();
    updateSplitPosition();
  });

  // --- Opening claims ----------------------------------------------------------------------

  function items() { return $all("#claim-ol .claim-item"); }

  function currentClaimId() {
    var panel = $("#" + PANEL_ID + " .panel");
    return panel ? panel.dataset.claimId : null;
  }

  function markSelected(claimId) {
    $all(".claim-item.selected, mark.claim.selected").forEach(function (el) {
      el.classList.remove("selected");
      var link = $(".claim-link", el);
      if (link) { link.removeAttribute("aria-current"); }
    });
    if (!claimId) { return; }
    var item = document.getElementById("claim-item-" + claimId);
    if (item) {
      item.classList.add("selected");
      var link = $(".claim-link", item);
      if (link) { link.setAttribute("aria-current", "true"); }
      if (drawerOpen()) { item.scrollIntoView({ block: "nearest" }); }
    }
    var mark = document.getElementById("claim-" + claimId);
    if (mark) {
      mark.classList.add("selected");
      // In one column the panel sits above the text: scrolling to the mark would take the
      // panel out of view.
      if (!STACKED_LAYOUT.matches) { mark.scrollIntoView({ block: "nearest" }); }
    }
  }

  // --- The claim list as a drawer (narrower screens) ------------------------------------------

  function drawerColumn() { return $(".claims-col"); }

  function drawerOpen() {
    var col = drawerColumn();
    return DRAWER_LAYOUT.matches && !!col && col.classList.contains("open");
  }

  function setDrawer(open, options) {
    var col = drawerColumn();
    var toggle = $("#claims-toggle");
    if (!col || !toggle) { return; }
    col.classList.toggle("open", open);
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    if (open) {
      var target = $("#claim-ol .claim-item.selected .claim-link") || $("#claim-ol .claim-link") || $(".drawer-close", col);
      if (target) { target.focus(); }
    } else if (options && options.returnFocus) {
      toggle.focus();
    }
  }

  document.addEventListener("click", function (event) {
    if (!event.target.closest) { return; }
    if (event.target.closest("#claims-toggle")) {
      setDrawer(!drawerOpen());
    } else if (event.target.closest("[data-action='close-claims']")) {
      setDrawer(false, { returnFocus: true });
    } else if (drawerOpen() && !event.target.closest("#claims-drawer")) {
      setDrawer(false);  // a click beside the drawer, as on any overlay
    } else if (STACKED_LAYOUT.matches && drawerOpen() && event.target.closest("#claim-ol .claim-link")) {
      // On a phone the drawer covers the panel the user just asked for.
      setDrawer(false);
    }
  });

  function openClaim(claimId, href) {
    var item = document.getElementById("claim-item-" + claimId);
    var link = item && $(".claim-link", item);
    if (link) {
      link.focus();
      link.click();
      return;
    }
    if (window.htmx && href) {
      window.htmx.ajax("GET", href, { target: "#" + PANEL_ID }).then(function () {
        window.history.pushState({}, "", href);
      });
    } else if (href) {
      window.location.assign(href);
    }
  }

  function step(delta) {
    var list = items();
    if (!list.length) { return; }
    var id = currentClaimId();
    var index = list.findIndex(function (li) { return li.dataset.claimId === id; });
    var next = index === -1 ? (delta > 0 ? 0 : list.length - 1) : index + delta;
    if (next < 0 || next >= list.length) { return; }
    openClaim(list[next].dataset.claimId);
  }

  document.addEventListener("click", function (event) {
    var mark = event.target.closest && event.target.closest("mark.claim");
    if (!mark) { return; }
    var sel = window.getSelection();
    if (sel && !sel.isCollapsed) { return; }  // the user is selecting text, not picking
    event.preventDefault();
    openClaim(mark.dataset.claimId, mark.dataset.href);
  });

  // --- Keyboard ----------------------------------------------------------------------------

  function typing(target) {
    if (!target || !target.closest) { return false; }
    // A ticked checkbox (bulk assignment) keeps j / k working; text fields do not.
    return !!target.closest(
      "input:not([type=checkbox]):not([type=radio]), textarea, select, [contenteditable=''], [contenteditable=true]"
    );
  }

  function toggleHelp() {
    var dialog = $("#help");
    if (!dialog) { return; }
    if (dialog.open) { dialog.close(); } else { dialog.showModal(); }
  }

  function focusVerdict() {
    var field = $("#id_verdict-rating");
    if (field) {
      field.scrollIntoView({ block: "center" });
      field.focus();
    }
  }

  document.addEventListener("keydown", function (event) {
    var dialog = $("#help");
    if (event.key === "Escape" && drawerOpen() && !(dialog && dialog.open)) {
      setDrawer(false, { returnFocus: true });
      event.preventDefault();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) { return; }
    if (dialog && dialog.open && event.key !== "?") { return; }
    switch (event.key) {
      case "j": step(1); break;
      case "k": step(-1); break;
      case "a": {
        var take = $("#" + PANEL_ID + " [data-shortcut='a']");
        if (!take) { return; }
        // A panel swapped in a moment ago may not be wired up by htmx yet (it settles
        // first); without this the click would fall back to a full-page form post.
        if (window.htmx && take.form) { window.htmx.process(take.form); }
        take.click();
        break;
      }
      case "v": focusVerdict(); break;
      case "?": toggleHelp(); break;
      default: return;
    }
    event.preventDefault();
  });

  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-action='help']")) { toggleHelp(); }
  });

  // --- Bulk assignment (editors): tick claims in the list, or all shown ------------------------

  var BULK_FORM_ID = "bulk-assign";
  var panelToReload = null;  // the open claim, if a bulk assignment in flight includes it

  function pickBoxes() { return $all("#claim-ol input.pick"); }

  function updatePicks() {
    var all = document.getElementById("pick-all");
    if (!all) { return; }
    var boxes = pickBoxes();
    var ticked = boxes.filter(function (box) { return box.checked; }).length;
    // Ticked, the "all shown" box posts every shown claim: keep it true to the list.
    all.checked = boxes.length > 0 && ticked === boxes.length;
    all.indeterminate = ticked > 0 && ticked < boxes.length;
    var count = $("#pick-count");
    if (count) { count.textContent = ticked ? ticked + " selected" : ""; }
  }

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.id === "pick-all") {
      pickBoxes().forEach(function (box) { box.checked = target.checked; });
      updatePicks();
    } else if (target.matches && target.matches("input.pick")) {
      updatePicks();
    }
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    if (!event.detail.elt || event.detail.elt.id !== BULK_FORM_ID) { return; }
    var id = currentClaimId();
    var box = id && $("#claim-item-" + id + " input.pick");
    panelToReload = box && box.checked ? id : null;
  });

  // An action in the claim panel replaces the claim's list entry: keep its tick.
  document.addEventListener("htmx:oobBeforeSwap", function (event) {
    var old = event.detail.target;
    var box = old && old.querySelector && old.querySelector("input.pick");
    var fresh = event.detail.fragment && event.detail.fragment.querySelector("input.pick");
    if (box && fresh) { fresh.checked = box.checked; }
  });

  function afterListSwap(event) {
    markSelected(currentClaimId());
    updatePicks();
    var message = document.getElementById("bulk-message");
    if (message && event.detail.requestConfig && event.detail.requestConfig.verb === "post") {
      message.setAttribute("tabindex", "-1");
      message.focus();
    }
    var reload = panelToReload;
    panelToReload = null;
    // The open claim changed hands: show its panel as it is now.
    if (reload && event.detail.xhr && event.detail.xhr.status === 200 && window.htmx) {
      var link = $("#claim-item-" + reload + " .claim-link");
      if (link) { window.htmx.ajax("GET", link.getAttribute("href"), { target: "#" + PANEL_ID }); }
    }
  }

  // --- Answers htmx does not swap ---------------------------------------------------------
  // A 5xx answer (the desk busy, a server error) leaves the page and the user's input as
  // they are; a notice next to the form that was sent says what happened.
  document.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail.xhr;
    var form = event.detail.elt && event.detail.elt.closest ? event.detail.elt.closest("form") : null;
    var where = form || event.detail.target;
    if (!xhr || !where || !where.parentNode) { return; }
    var busy = xhr.status === 503;
    var notice = where.parentNode.querySelector(".request-error");
    if (!notice) {
      notice = document.createElement("p");
      notice.className = "error request-error";
      notice.setAttribute("role", "alert");
      where.parentNode.insertBefore(notice, where);
    }
    notice.textContent = busy
      ? "The desk is busy; nothing was saved. Send the same form again in a moment."
      : "The desk could not do this (error " + xhr.status + "); nothing was saved. Try again.";
    notice.setAttribute("tabindex", "-1");
    notice.focus();
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.detail.elt && event.detail.elt.closest ? event.detail.elt.closest("form") : null;
    var notice = form && form.parentNode && form.parentNode.querySelector(".request-error");
    if (notice) { notice.remove(); }
  });

  // --- After htmx swaps ----------------------------------------------------------------------

  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    if (target && target.id === "claim-list") { afterListSwap(event); return; }
    // htmx fires this on the panel and on each out-of-band element swapped with it.
    if (!target || target.id !== PANEL_ID || event.target !== target) { return; }
    markSelected(currentClaimId());
    var trigger = event.detail.requestConfig && event.detail.requestConfig.elt;
    if (trigger && trigger.tagName === "FORM") {
      // After a form post, focus what the user must read: an error, a conflict, or the panel
      // with its confirmation at the top, scrolled into view (the form may have been far down).
      var problem = $("[aria-invalid='true'], .conflict, .error[role='alert']", target);
      var heading = $("#panel-title", target);
      if (problem && problem.matches("[aria-invalid='true']")) { problem.focus(); }
      else if (problem) { problem.setAttribute("tabindex", "-1"); problem.focus(); }
      else if (heading) {
        heading.focus({ preventScroll: true });
        heading.scrollIntoView({ block: "nearest" });
        var notice = $(".panel-head .notice", target);
        if (notice) { notice.scrollIntoView({ block: "nearest" }); }
      }
    } else if (STACKED_LAYOUT.matches) {
      var column = document.getElementById("panel-col");
      if (column) { column.scrollIntoView({ block: "start" }); }
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    updatePicks();  // a reloaded page may come back with boxes ticked by the browser
    // Links from notifications and e-mails point at a highlight (#claim-12): open its panel.
    var linked = /^#claim-(\d+)$/.exec(window.location.hash);
    var mark = linked && document.getElementById("claim-" + linked[1]);
    if (mark && !currentClaimId()) {
      openClaim(mark.dataset.claimId, mark.dataset.href);
      return;
    }
    markSelected(currentClaimId());
  });
})();
