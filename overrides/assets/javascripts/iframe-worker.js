/* Runs the theme's search worker in offline bundles opened from file://, where browsers refuse
 * real Web Workers. Material's offline plugin would load the iframe-worker shim from a CDN, and
 * that shim writes an inline script into its frame, which the pages' Content-Security-Policy
 * (rightly) blocks. This one sets the worker's globals from here and loads its scripts as files,
 * so nothing comes from another host and no inline script is needed. (Its file name contains
 * "iframe-worker" so that the offline plugin does not add the CDN copy.)
 */
(function () {
  "use strict";
  if (location.protocol !== "file:") return;

  class FrameWorker extends EventTarget {
    constructor(url) {
      super();
      this.onmessage = null;
      this.onerror = null;
      this.frame = document.createElement("iframe");
      this.frame.hidden = true;
      document.body.appendChild(this.frame);
      const scope = this.frame.contentWindow;
      // The worker's postMessage() reaches the page as a "message" event on this object.
      scope.postMessage = (data) => this.deliver(new MessageEvent("message", { data: structuredClone(data) }));
      // importScripts() loads files one after the other (the theme's worker awaits it).
      scope.importScripts = (...urls) => urls.reduce((done, src) => done.then(() => this.load(src)), Promise.resolve());
      this.ready = this.load(url);
      // A real worker takes one message after another. Here the first (setup) message runs
      // asynchronously (its importScripts loads files), so later messages wait for its answer.
      this.sent = false;
      this.answered = false;
      this.waiting = [];
    }

    load(src) {
      const doc = this.frame.contentDocument;
      return new Promise((resolve, reject) => {
        const script = doc.createElement("script");
        script.src = src;
        script.onload = resolve;
        script.onerror = () => {
          const event = new ErrorEvent("error", { message: "could not load " + src, filename: src });
          this.dispatchEvent(event);
          if (this.onerror) this.onerror(event);
          reject(event);
        };
        doc.body.appendChild(script);
      });
    }

    deliver(event) {
      if (!this.answered) {
        this.answered = true;
        this.waiting.splice(0).forEach((data) => setTimeout(() => this.dispatch(data)));
      }
      this.dispatchEvent(event);
      if (this.onmessage) this.onmessage(event);
    }

    postMessage(data) {
      const message = structuredClone(data);
      if (this.sent && !this.answered) {
        this.waiting.push(message);
        return;
      }
      this.sent = true;
      this.ready.then(() => this.dispatch(message), () => {});
    }

    dispatch(data) {
      const scope = this.frame.contentWindow;
      scope.dispatchEvent(new scope.MessageEvent("message", { data: data }));
    }

    terminate() {
      this.frame.remove();
    }
  }

  window.Worker = FrameWorker;
  window.IFrameWorker = FrameWorker;  // the theme's worker looks for this to find its lunr files
})();
