/* Quick exit, modelled on GOV.UK Frontend's "Exit this page".
 *
 * The control (#quick-exit) is a plain link to a neutral site, so it works without JavaScript.
 * With JavaScript, the button or the Shift key pressed 3 times within 5 seconds:
 *   1. hides the page at once,
 *   2. removes the theme's own keys from localStorage and sessionStorage,
 *   3. replaces the current history entry with the neutral site (location.replace), so Back
 *      does not return to this page.
 * It never logs or sends anything anywhere.
 */
(function () {
  "use strict";

  var link = document.getElementById("quick-exit");
  if (!link) return;

  var PRESSES = 3;
  var WINDOW_MS = 5000;
  var presses = 0;
  var timer = null;

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

  function exit(event) {
    if (event) event.preventDefault();
    document.documentElement.classList.add("gk-exiting");
    document.title = "";
    clearThemeStorage();
    window.location.replace(link.href);
  }

  link.addEventListener("click", exit);

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift" || event.repeat) return;
    presses += 1;
    if (presses === 1) {
      timer = window.setTimeout(function () { presses = 0; }, WINDOW_MS);
    }
    if (presses >= PRESSES) {
      window.clearTimeout(timer);
      presses = 0;
      exit();
    }
  }, true);

  // A page restored from the back/forward cache after an exit must not show itself again.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted && document.documentElement.classList.contains("gk-exiting")) {
      window.location.replace(link.href);
    }
  });
})();
