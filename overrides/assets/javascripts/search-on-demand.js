/* Loads the search index and the search worker only when the reader turns to search.
 *
 * The theme fetches the whole search index (the largest file of a first view) and starts its
 * worker on every page load. Most readers never search, and many read on slow, metered phone
 * connections, so the request for the index waits here until the search field gets focus, the
 * search button is pressed or a search shortcut key is typed; the worker starts with the first
 * message the theme sends it, which comes after the index. Offline copies (file://) load
 * everything from disk and are left alone.
 */
(function () {
  "use strict";
  if (location.protocol === "file:") return;

  var INDEX = /\/search\/search_index\.json(\?|$)/;
  var wanted = /[?&]q=/.test(location.search);
  var waiting = [];
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;

  XMLHttpRequest.prototype.open = function (method, url) {
    this.gkSearchIndex = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.gkSearchIndex && !wanted) {
      waiting.push([this, arguments]);
      return undefined;
    }
    return send.apply(this, arguments);
  };

  function want() {
    if (wanted) return;
    wanted = true;
    waiting.splice(0).forEach(function (request) { send.apply(request[0], request[1]); });
  }

  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches(".md-search__input")) want();
  });
  document.addEventListener("pointerdown", function (event) {
    if (event.target.closest && event.target.closest("label[for=__search], .md-search")) want();
  }, true);
  document.addEventListener("keydown", function (event) {
    if (["s", "S", "f", "F", "/"].indexOf(event.key) >= 0) want();
  }, true);

  var RealWorker = window.Worker;
  if (!RealWorker) return;
  window.Worker = class extends EventTarget {
    constructor(url, options) {
      super();
      this.url = url;
      this.options = options;
      this.real = null;
      this.onmessage = null;
      this.onerror = null;
      // The first message sets up the index; a query sent before the worker has answered it
      // would find nothing, so later messages wait for that answer.
      this.answered = false;
      this.waiting = [];
    }

    start() {
      if (!this.real) {
        this.real = new RealWorker(this.url, this.options);
        this.real.addEventListener("message", (event) => {
          if (!this.answered) {
            this.answered = true;
            this.waiting.splice(0).forEach((args) => this.real.postMessage(...args));
          }
          const copy = new MessageEvent("message", { data: event.data });
          this.dispatchEvent(copy);
          if (this.onmessage) this.onmessage(copy);
        });
        this.real.addEventListener("error", (event) => {
          this.dispatchEvent(new ErrorEvent("error", { message: event.message }));
          if (this.onerror) this.onerror(event);
        });
      }
      return this.real;
    }

    postMessage(data, transfer) {
      if (this.real && !this.answered) {
        this.waiting.push(transfer ? [data, transfer] : [data]);
        return;
      }
      this.start().postMessage(...(transfer ? [data, transfer] : [data]));
    }

    terminate() {
      if (this.real) this.real.terminate();
    }
  };
})();
