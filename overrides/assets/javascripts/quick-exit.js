/* Quick exit, modelled on GOV.UK Frontend's "Exit this page", and one history entry per visit.
 *
 * The control (#quick-exit) is a plain link to a neutral site, so it works without JavaScript.
 * With JavaScript, the button, or Shift pressed on its own 3 times within 5 seconds:
 *   1. tells screen readers that the site is being left (the polite status region),
 *   2. hides the page at once,
 *   3. removes the theme's own keys from localStorage and sessionStorage,
 *   4. replaces the current history entry with the neutral site (location.replace).
 *
 * A Shift press counts only when Shift goes down and up with no other key (or click) in between,
 * as GOV.UK's lastKeyWasModified: a Shift held to type a capital letter or a Korean double
 * consonant (ㅆ ㄲ ㄸ ㅃ ㅉ) never counts, and any other key starts the count again. Nothing
 * counts while an input method is composing (isComposing, key code 229). It counts in text
 * fields too: a reader typing a search must still be able to leave.
 *
 * While the reader moves between the guide's own pages, every navigation replaces the current
 * history entry instead of adding one, so the tab's history holds one entry of the guide for the
 * whole visit and quick exit replaces that one: Back then leaves the guide. Pages offer their own
 * way back (breadcrumbs, previous question). A hosting profile can turn this off
 * (history: normal → data-gk-history="normal").
 *
 * Nothing is logged or sent anywhere.
 */
(function () {
  "use strict";

  var link = document.getElementById("quick-exit");
  if (!link) return;
  var root = document.documentElement;
  var bar = link.closest("[data-gk-component=quick-exit]") || link.parentNode;
  var status = bar.querySelector("[data-gk-status]");

  // -- exit -------------------------------------------------------------------------------------
  // Material for MkDocs stores its settings as "<scope path>.__<name>" (palette, search, tabs…).
  var THEME_KEY = /\.__[A-Za-z0-9_-]+$/;

  function clearThemeStorage() {
    [window.localStorage, window.sessionStorage].forEach(function (store) {
      try {
        for (var i = store.length - 1; i >= 0; i--) {
          var key = store.key(i);
          if (key && THEME_KEY.test(key)) store.removeItem(key);
        }
      } catch (e) { /* storage may be disabled: nothing to clear */ }
    });
  }

  function say(text) {
    if (status && text) status.textContent = text;
  }

  function exit(event) {
    if (event) event.preventDefault();
    say(status && status.getAttribute("data-gk-leaving"));
    root.classList.add("gk-exiting");
    document.title = "";
    clearThemeStorage();
    // Tools on the page (the request builder) empty their forms before the page goes.
    try { document.dispatchEvent(new Event("guidekit:exit")); } catch (e) { /* leave regardless */ }
    window.location.replace(link.href);
  }

  link.addEventListener("click", exit);

  // -- Shift pressed alone, 3 times within 5 seconds ----------------------------------------------
  var PRESSES = 3;
  var WINDOW_MS = 5000;
  var presses = 0;
  var first = 0;        // when the first counted press of this run was made
  var shiftDown = false;
  var spoiled = false;  // another key or a click came while Shift was down

  function reset() {
    presses = 0;
  }

  function composing(event) {
    return event.isComposing || event.keyCode === 229;
  }

  document.addEventListener("keydown", function (event) {
    if (composing(event)) {
      spoiled = true;
      reset();
      return;
    }
    if (event.key === "Shift") {
      if (event.repeat) return;
      if (shiftDown) spoiled = true;  // the other Shift key: not a lone press
      else spoiled = false;
      shiftDown = true;
      return;
    }
    spoiled = true;
    reset();
  }, true);

  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") return;
    var lone = shiftDown && !spoiled && !composing(event);
    shiftDown = false;
    spoiled = false;
    if (!lone) {
      reset();
      return;
    }
    var now = Date.now();
    if (presses === 0 || now - first > WINDOW_MS) {
      presses = 0;
      first = now;
    }
    presses += 1;
    if (presses >= PRESSES) {
      reset();
      exit();
      return;
    }
    say(status && status.getAttribute("data-gk-remaining-" + (PRESSES - presses)));
  }, true);

  // Shift-click (open in a new window, select text) is not a lone press either.
  document.addEventListener("pointerdown", function () {
    if (shiftDown) spoiled = true;
  }, true);
  // Shift held while the window lost focus: its key-up may never come.
  window.addEventListener("blur", function () {
    shiftDown = false;
    spoiled = false;
  });

  // A page restored from the back/forward cache after an exit must not show itself again.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted && root.classList.contains("gk-exiting")) {
      window.location.replace(link.href);
    }
  });

  // -- the bar's height ---------------------------------------------------------------------------
  // The header, the phone search and the drawer start below the bar (guidekit.css). Its height is
  // 2.8rem unless a large text size or a long translation makes it taller: keep it exact.
  function measure() {
    var height = bar.getBoundingClientRect().height;
    if (height > 0) root.style.setProperty("--gk-exit-height", height + "px");
  }
  if (window.ResizeObserver) new ResizeObserver(measure).observe(bar);
  measure();

  // -- one history entry per visit ----------------------------------------------------------------
  if (bar.getAttribute("data-gk-history") === "normal") return;

  function ours(url) {
    if (location.protocol === "file:") return url.protocol === "file:";
    return url.origin === location.origin;
  }

  function replaceWith(url) {
    window.location.replace(url.href);
  }

  if (window.navigation && typeof window.navigation.addEventListener === "function") {
    // Every navigation the page starts (links, the language menu, the theme's n/p keys, search
    // results) passes here: a push to one of the guide's pages becomes a replace.
    window.navigation.addEventListener("navigate", function (event) {
      if (event.navigationType !== "push" || !event.cancelable || event.downloadRequest !== null ||
          event.formData) return;
      if (event.destination.sameDocument && !event.hashChange) return;  // history.pushState
      var url = new URL(event.destination.url);
      if (!ours(url)) return;
      event.preventDefault();
      replaceWith(url);
    });
    return;
  }

  // Without the Navigation API: links, then the theme's keys for the previous and next page.
  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey ||
        event.shiftKey || event.altKey) return;
    var a = event.target.closest && event.target.closest("a[href]");
    if (!a || a === link || a.hasAttribute("download") || (a.target && a.target !== "_self")) return;
    var url = new URL(a.href, location.href);
    if (!ours(url)) return;
    event.preventDefault();
    replaceWith(url);
  });

  var SHORTCUTS = { p: "prev", ",": "prev", n: "next", ".": "next" };
  window.addEventListener("keydown", function (event) {
    var rel = SHORTCUTS[event.key];
    if (!rel || event.metaKey || event.ctrlKey || event.altKey || event.defaultPrevented) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    var search = document.getElementById("__search");
    if (search && search.checked) return;
    var next = document.querySelector("link[rel=" + rel + "]");
    if (!next) return;
    spoiled = true;  // another key: the Shift count starts again
    reset();
    event.preventDefault();
    event.stopImmediatePropagation();  // before the theme's own handler, which would add an entry
    replaceWith(new URL(next.href, location.href));
  }, true);
})();
