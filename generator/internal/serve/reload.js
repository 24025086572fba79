// Live reload for the glossary dev server: reloads the tab after each good
// build, keeping the scroll position, and shows build errors over the page.
(function () {
  "use strict";
  var key = "glossary-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    var y = parseInt(saved, 10);
    var restore = function () { window.scrollTo(0, y); };
    if (document.readyState === "complete") restore();
    else window.addEventListener("load", restore);
  }
  var overlay = null;
  function showErrors(text) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "glossary-build-errors";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
        "background:rgba(20,20,24,.94);color:#ffd7d7;padding:2rem;font:14px/1.5 ui-monospace,monospace";
      var h = document.createElement("h2");
      h.textContent = "Build failed: the last good version is still served";
      h.style.cssText = "color:#fff;font:bold 18px system-ui,sans-serif;margin:0 0 1rem";
      var pre = document.createElement("pre");
      pre.style.cssText = "white-space:pre-wrap;margin:0";
      overlay.appendChild(h);
      overlay.appendChild(pre);
      document.body.appendChild(overlay);
    }
    overlay.lastChild.textContent = text;
  }
  var es = new EventSource("/_glossary/events");
  es.addEventListener("reload", function () {
    sessionStorage.setItem(key, String(window.scrollY));
    location.reload();
  });
  es.addEventListener("failed", function (e) { showErrors(e.data); });
})();
