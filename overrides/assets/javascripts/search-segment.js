/* Splits the words of a search query written in a script without spaces between words (Thai,
 * Lao, Burmese, Khmer) before the theme's search worker reads it, with the browser's own word
 * segmentation (Intl.Segmenter, ICU). The search index was split the same way at build time, with
 * ICU (guidekit/search_segments.py), so a query such as ตำรวจ or หลักฐาน meets the same words
 * as the pages. Other scripts pass unchanged. Works for the real worker, the on-demand wrapper
 * (search-on-demand.js) and the offline frame worker (iframe-worker.js) alike: it wraps whichever
 * Worker is in place when the theme's script starts it.
 */
(function () {
  "use strict";
  var Base = window.Worker;
  if (!Base || typeof Intl === "undefined" || !Intl.Segmenter) return;
  var UNSPACED = /[\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff\u19e0-\u19ff]+/g;
  var HAS_UNSPACED = new RegExp(UNSPACED.source);
  var QUERY = 2; // the theme's message type for a query (SearchMessageType.QUERY)
  var segmenter = new Intl.Segmenter(document.documentElement.lang || undefined, { granularity: "word" });

  function words(run) {
    var out = [];
    for (var part of segmenter.segment(run)) if (part.isWordLike) out.push(part.segment);
    return out.length ? out.join(" ") : run;
  }

  window.Worker = class extends Base {
    postMessage(message, transfer) {
      if (message && message.type === QUERY && typeof message.data === "string" && HAS_UNSPACED.test(message.data)) {
        message = { type: message.type, data: message.data.replace(UNSPACED, function (run) { return " " + words(run) + " "; }).replace(/\s+/g, " ").trim() };
      }
      return transfer ? super.postMessage(message, transfer) : super.postMessage(message);
    }
  };
})();
