/* The removal-request builder (remove/request.md).
 *
 * Reads the letter templates, the platforms and the interface strings from the page itself
 * (<script type="application/json" id="gk-request-data">, written at build time from
 * data/requests.yml, data/platforms.yml and the catalogs), and puts the reader's request together
 * in the page. It never sends, logs or stores anything: no network request, no cookies, no
 * localStorage, sessionStorage or IndexedDB. Everything typed is cleared when the page is left
 * (pagehide), on quick exit (the "guidekit:exit" event), and if the page comes back from the
 * back/forward cache.
 */
(function () {
  "use strict";

  var dataElement = document.getElementById("gk-request-data");
  var form = document.getElementById("gk-request-form");
  if (!dataElement || !form) return;
  var data;
  try {
    data = JSON.parse(dataElement.textContent);
  } catch (e) {
    return; /* the templates below the form still work by hand */
  }
  var ui = data.ui;

  var output = document.getElementById("gk-request-output");
  var heading = document.getElementById("gk-request-output-title");
  var next = document.getElementById("gk-request-next");
  var text = document.getElementById("gk-request-text");
  var textLabel = output.querySelector("label[for='gk-request-text']");
  var actions = output.querySelector(".gk-request__actions");
  var status = document.getElementById("gk-request-status");
  var mailto = document.getElementById("gk-mailto");
  var copyButton = document.getElementById("gk-copy");
  var printButton = document.getElementById("gk-print");
  var emptyButton = document.getElementById("gk-empty-clipboard");
  var printCopy = document.getElementById("gk-request-print");
  var errors = document.getElementById("gk-request-errors");
  var platformSelect = form.elements.platform;
  var languageSelect = form.elements.language;
  var languageChosen = false;
  var subject = "";
  var EMAIL = /^[^\s@?&#<>"]+@[^\s@?&#<>"]+\.[^\s@?&#<>"]+$/;

  function platformById(id) {
    for (var i = 0; i < data.platforms.length; i++) {
      if (data.platforms[i].id === id) return data.platforms[i];
    }
    return null;
  }

  function value(name) {
    var field = form.elements[name];
    return field ? String(field.value || "").trim() : "";
  }

  function checked(name) {
    var field = form.elements[name];
    return Boolean(field && field.checked);
  }

  function answers() {
    var p = platformById(value("platform"));
    return {
      platform: p,
      site: p && p.site ? value("site") : "",
      email: p && p.site ? value("email") : "",
      us: Boolean(p && p.id === "website" && checked("us")),
      eu: Boolean(p && p.id === "website" && checked("eu")),
      links: value("links").split(/\r?\n/).map(function (l) { return l.trim(); }).filter(Boolean),
      account: value("account"),
      dates: value("dates"),
      who: value("who"),
      kind: value("kind"),
      age: value("age"),
      name: value("name"),
      contact: value("contact"),
      language: value("language")
    };
  }

  /* -- the letter ------------------------------------------------------------------------------ */

  function flags(a) {
    var on = {};
    (a.platform.flags || []).forEach(function (f) { on[f] = true; });
    if (a.us) on.us = true;
    if (a.eu) on.eu = true;
    on[a.who] = true;
    on[a.kind] = true;
    if (a.age === "under18" || a.age === "18") on.minor = true;
    ["account", "dates", "name", "contact"].forEach(function (k) { if (a[k]) on[k] = true; });
    return on;
  }

  function fill(template, values) {
    return template.replace(/\{([a-z_]+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : whole;
    });
  }

  function letter(a) {
    var p = a.platform;
    var lang = a.language;
    var on = flags(a);
    var values = {
      platform: p.site ? a.site : (p.names[lang] || p.name),
      links: a.links.map(function (l) { return "- " + l; }).join("\n"),
      account: a.account, dates: a.dates, name: a.name, contact: a.contact
    };
    if (p.policy) {
      values.policy_name = p.policy[a.kind].names[lang];
      values.policy_url = p.policy[a.kind].url;
    }
    if (p.form) {
      values.form_name = p.form[a.kind].names[lang];
      values.form_url = p.form[a.kind].url;
    }
    var blocks = data.letters[lang].blocks.filter(function (block) {
      return block.when.every(function (f) {
        return f.charAt(0) === "!" ? !on[f.slice(1)] : Boolean(on[f]);
      });
    });
    return {
      subject: data.letters[lang].subject,
      body: blocks.map(function (block) { return fill(block.text, values); }).join("\n\n")
    };
  }

  /* -- what to do with it ---------------------------------------------------------------------- */

  /* A sentence from the catalog with %(name)s fields; a field given as {text, href} becomes a link. */
  function sentence(template, values) {
    var p = document.createElement("p");
    var pattern = /%\((\w+)\)s/g;
    var last = 0;
    var m;
    while ((m = pattern.exec(template)) !== null) {
      p.appendChild(document.createTextNode(template.slice(last, m.index)));
      var v = values[m[1]];
      if (v && typeof v === "object") {
        var link = document.createElement("a");
        link.href = v.href;
        link.textContent = v.text;
        if (/^https?:/.test(v.href)) link.rel = "noopener noreferrer";
        p.appendChild(link);
      } else {
        p.appendChild(document.createTextNode(v == null ? "" : String(v)));
      }
      last = pattern.lastIndex;
    }
    p.appendChild(document.createTextNode(template.slice(last)));
    return p;
  }

  function nextSteps(a) {
    var p = a.platform;
    var steps = [];
    var lang = data.lang;
    var kind = a.kind || "fake";
    if (p.route === "tool") {
      steps.push(sentence(ui.route_tool, { platform: p.name, link: { text: p.start.name, href: p.start.url } }));
    } else if (p.route === "contact") {
      steps.push(EMAIL.test(a.email) ? sentence(ui.route_email, { email: a.email }) : sentence(ui.route_contact, {}));
    } else {
      var target = p.form[kind];
      steps.push(sentence(ui["route_" + p.route], {
        platform: p.name, link: { text: target.names[lang] || p.name, href: target.url }
      }));
    }
    if (p.note) steps.push(sentence(ui.note, { note: p.note }));
    if (p.page) steps.push(sentence(ui.steps, { link: { text: p.name, href: p.page } }));
    if (a.age === "under18" && data.take_it_down && p.id !== "take-it-down") {
      steps.push(sentence(ui.under18, { link: { text: data.take_it_down.name, href: data.take_it_down.url } }));
    }
    if (p.route !== "tool" && flags(a).us && (!a.name || !a.contact)) {
      steps.push(sentence(ui.us_needs, { platform: p.site ? a.site : p.name }));
    }
    if (data.centre) {
      steps.push(sentence(ui.centre, { name: data.centre.name, phone: { text: data.centre.phone, href: data.centre.tel } }));
    }
    return steps;
  }

  /* -- checking the answers -------------------------------------------------------------------- */

  function problems(a) {
    var found = [];
    if (!a.platform) {
      found.push(["gk-platform", ui.err_platform]);
      return found;
    }
    if (a.platform.site && !a.site) found.push(["gk-site", ui.err_site]);
    if (a.platform.site && a.email && !EMAIL.test(a.email)) found.push(["gk-email", ui.err_email]);
    if (a.platform.route === "tool") return found;
    if (!a.links.length) found.push(["gk-links", ui.err_links]);
    if (!a.who) found.push(["gk-who-self", ui.err_who]);
    if (!a.kind) found.push(["gk-kind-fake", ui.err_kind]);
    if (!a.age) found.push(["gk-age-under18", ui.err_age]);
    return found;
  }

  function clearErrors() {
    errors.hidden = true;
    errors.querySelector("ul").textContent = "";
    Array.prototype.forEach.call(form.querySelectorAll("[aria-invalid]"), function (el) {
      el.removeAttribute("aria-invalid");
    });
  }

  function showErrors(found) {
    clearErrors();
    errors.querySelector(".gk-request__errors-title").textContent = ui.errors_title;
    var list = errors.querySelector("ul");
    found.forEach(function (item) {
      var li = document.createElement("li");
      var link = document.createElement("a");
      link.href = "#" + item[0];
      link.textContent = item[1];
      link.addEventListener("click", function (event) {
        event.preventDefault();
        document.getElementById(item[0]).focus();
      });
      li.appendChild(link);
      list.appendChild(li);
      var field = document.getElementById(item[0]);
      if (field) field.setAttribute("aria-invalid", "true");
    });
    errors.hidden = false;
    errors.focus();
  }

  /* -- output ---------------------------------------------------------------------------------- */

  function updateMailto() {
    var a = answers();
    if (a.platform && a.platform.route === "contact" && EMAIL.test(a.email) && text.value) {
      mailto.href = "mailto:" + a.email + "?subject=" + encodeURIComponent(subject) +
        "&body=" + encodeURIComponent(text.value);
      mailto.hidden = false;
    } else {
      mailto.removeAttribute("href");
      mailto.hidden = true;
    }
  }

  function write() {
    var a = answers();
    var found = problems(a);
    if (found.length) {
      showErrors(found);
      return;
    }
    clearErrors();
    next.textContent = "";
    nextSteps(a).forEach(function (step) { next.appendChild(step); });
    var tool = a.platform.route === "tool";
    textLabel.hidden = text.hidden = actions.hidden = tool;
    if (tool) {
      text.value = "";
      subject = "";
    } else {
      var result = letter(a);
      subject = result.subject;
      text.value = result.body;
      text.lang = a.language;
    }
    status.textContent = "";
    emptyButton.hidden = true;
    updateMailto();
    output.hidden = false;
    heading.focus();
  }

  function clearAll() {
    clearErrors();
    next.textContent = "";
    text.value = "";
    subject = "";
    printCopy.textContent = "";
    status.textContent = "";
    mailto.removeAttribute("href");
    mailto.hidden = true;
    emptyButton.hidden = true;
    output.hidden = true;
    languageChosen = false;
    showFor(null);
  }

  function reset() {
    form.reset();
    clearAll();
  }

  /* -- showing the fields that apply ----------------------------------------------------------- */

  function showFor(p) {
    Array.prototype.forEach.call(form.querySelectorAll("[data-gk-show]"), function (el) {
      var which = el.getAttribute("data-gk-show");
      el.hidden = !(p && (which === "site" ? p.site : p.id === which));
    });
    if (p && !languageChosen) {
      var wanted = p.letter || data.lang;
      for (var i = 0; i < languageSelect.options.length; i++) {
        if (languageSelect.options[i].value === wanted) languageSelect.selectedIndex = i;
      }
    }
  }

  /* -- copy and print -------------------------------------------------------------------------- */

  function copied() {
    status.textContent = ui.copied;
    emptyButton.hidden = !(navigator.clipboard && window.isSecureContext);
  }

  function copyByHand() {
    text.focus();
    text.select();
    var done = false;
    try { done = document.execCommand("copy"); } catch (e) { done = false; }
    if (done) copied(); else status.textContent = ui.copy_failed;
  }

  copyButton.addEventListener("click", function () {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text.value).then(copied, copyByHand);
    } else {
      copyByHand();
    }
  });

  emptyButton.addEventListener("click", function () {
    navigator.clipboard.writeText("").then(function () {
      status.textContent = ui.clipboard_emptied;
      emptyButton.hidden = true;
    }, function () { /* nothing to report: the text stays where it was */ });
  });

  printButton.addEventListener("click", function () {
    printCopy.textContent = text.value;
    printCopy.lang = text.lang;
    document.documentElement.classList.add("gk-print-letter");
    window.print();
  });

  window.addEventListener("afterprint", function () {
    document.documentElement.classList.remove("gk-print-letter");
    printCopy.textContent = "";
  });

  /* -- events ---------------------------------------------------------------------------------- */

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    write();
  });
  form.addEventListener("reset", function () {
    window.setTimeout(clearAll, 0); /* after the browser has emptied the fields */
  });
  platformSelect.addEventListener("change", function () { showFor(platformById(platformSelect.value)); });
  languageSelect.addEventListener("change", function () { languageChosen = true; });
  text.addEventListener("input", updateMailto);

  /* Nothing typed survives leaving the page, quick exit, or a return by Back. */
  window.addEventListener("pagehide", reset);
  window.addEventListener("pageshow", function (event) { if (event.persisted) reset(); });
  document.addEventListener("guidekit:exit", reset);
  window.addEventListener("guidekit:exit", reset);

  /* From a platform's page (…/request/#template-x): start with that platform. */
  var wanted = /^#template-([a-z0-9-]+)$/.exec(window.location.hash);
  document.body.appendChild(printCopy); /* printed alone: everything else in <body> is hidden */
  reset();
  form.hidden = false;
  if (wanted && platformById(wanted[1])) {
    platformSelect.value = wanted[1];
    showFor(platformById(wanted[1]));
    form.scrollIntoView();
    platformSelect.focus();
  }
})();
