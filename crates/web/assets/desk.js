// The segment editor's keyboard and in-place saving (/admin/articles/{id}/{lang}).
// Progressive enhancement: every action is also a plain form that works
// without this script. Served from /static/ (the desk's CSP allows only
// same-origin scripts). Shortcuts are listed on the page.
(function () {
  "use strict";
  var list = document.getElementById("segments");
  if (!list) { return; }
  var segs = Array.prototype.slice.call(list.querySelectorAll(".seg"));
  var live = document.getElementById("desk-live");
  var cur = -1;
  // With the script, only the current segment shows its text box (desk.css).
  list.classList.add("js");

  function say(text) { if (live) { live.textContent = text; } }

  function move(i, focus) {
    if (!segs.length) { return; }
    i = Math.max(0, Math.min(segs.length - 1, i));
    if (cur >= 0 && segs[cur]) { segs[cur].classList.remove("current"); }
    cur = i;
    var s = segs[cur];
    s.classList.add("current");
    if (focus !== false) {
      s.focus({ preventScroll: true });
      s.scrollIntoView({ block: "center" });
      if (history.replaceState) { history.replaceState(null, "", "#" + s.id); }
    }
  }

  function area(s) { return s && s.querySelector("textarea"); }

  function edit() {
    var t = area(segs[cur]);
    if (t) { t.focus(); t.setSelectionRange(t.value.length, t.value.length); }
  }

  function nextFlagged() {
    for (var k = 1; k <= segs.length; k++) {
      var i = (cur + k) % segs.length;
      if (segs[i].hasAttribute("data-flagged")) { move(i); return; }
    }
  }

  // Word diff (the same longest-common-subsequence as src/desk/editor/diff.rs).
  function tokens(s) { return s.match(/\S+\s*|\s+/g) || []; }
  function diff(a, b) {
    a = tokens(a); b = tokens(b);
    if (a.length > 400 || b.length > 400) { return [["-", a.join("")], ["+", b.join("")]]; }
    var n = a.length, m = b.length, i, j, L = [];
    for (i = 0; i <= n; i++) { L.push(new Array(m + 1).fill(0)); }
    for (i = n - 1; i >= 0; i--) {
      for (j = m - 1; j >= 0; j--) {
        L[i][j] = a[i].trim() === b[j].trim() ? L[i + 1][j + 1] + 1 : Math.max(L[i + 1][j], L[i][j + 1]);
      }
    }
    var out = []; i = 0; j = 0;
    while (i < n && j < m) {
      if (a[i].trim() === b[j].trim()) { out.push(["=", a[i].length > b[j].length ? a[i] : b[j]]); i++; j++; }
      else if (L[i + 1][j] >= L[i][j + 1]) { out.push(["-", a[i++]]); }
      else { out.push(["+", b[j++]]); }
    }
    while (i < n) { out.push(["-", a[i++]]); }
    while (j < m) { out.push(["+", b[j++]]); }
    return out;
  }
  function showDiff(box, before, after) {
    box.textContent = "";
    if (before === after) { return; }
    diff(before, after).forEach(function (p) {
      var el = p[0] === "=" ? document.createTextNode(p[1]) : document.createElement(p[0] === "+" ? "ins" : "del");
      if (p[0] !== "=") { el.textContent = p[1]; }
      box.appendChild(el);
    });
  }

  function machineOf(form) { var m = form.querySelector("input[name=machine]"); return m ? m.value : ""; }

  function send(form, then) {
    var s = form.closest(".seg");
    var status = form.querySelector(".seg-status");
    var body = new URLSearchParams(new FormData(form));
    body.set("then", then);
    status.classList.remove("failed");
    status.textContent = "…";
    fetch(form.action, {
      method: "POST",
      headers: { "Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded" },
      body: body.toString(),
      credentials: "same-origin"
    }).then(function (r) {
      return r.json().then(function (j) { return { ok: r.ok, j: j }; });
    }).then(function (res) {
      if (!res.ok || !res.j.ok) { throw new Error(res.j.message || list.dataset.failed); }
      // Accepting keeps what the page showed (a pending correction, else the version's text).
      var box = form.querySelector("textarea");
      var text = then === "accept" ? box.defaultValue.trim() : box.value.trim();
      s.querySelector(".seg-text").textContent = text;
      var pending = s.querySelector(".seg-pending");
      if (pending) { pending.remove(); }
      status.textContent = list.dataset.saved;
      say(res.j.message);
      s.setAttribute("data-saved", "");
      var old = s.querySelector("form.offer");
      if (old) { old.remove(); }
      if (res.j.offer) {
        var doc = new DOMParser().parseFromString(res.j.offer, "text/html");
        var offer = doc.body.firstElementChild;
        if (offer) { s.appendChild(offer); say(res.j.message + " " + list.dataset.others); }
      }
      if (then !== "stay") { move(res.j.next); }
    }).catch(function (e) {
      status.classList.add("failed");
      status.textContent = e.message || list.dataset.failed;
      say(status.textContent);
    });
  }

  function loadMatches(s) {
    var box = s && s.querySelector(".seg-matches");
    if (!box) { return; }
    var url = list.dataset.base + "/segments/" + s.dataset.n + "?part=matches";
    fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        box.textContent = "";
        Array.prototype.forEach.call(doc.body.children, function (el) { box.appendChild(document.adoptNode(el)); });
        var first = box.querySelector("button[data-insert]");
        say(box.textContent.trim().slice(0, 200));
        if (first) { first.focus(); }
      });
  }

  function insert(s, k) {
    var buttons = s.querySelectorAll(".seg-matches button[data-insert]");
    var b = buttons[k];
    var t = area(s);
    if (!b || !t) { return false; }
    t.value = b.getAttribute("data-insert");
    t.dispatchEvent(new Event("input"));
    t.focus();
    return true;
  }

  segs.forEach(function (s, i) {
    s.addEventListener("focusin", function () { if (cur !== i) { move(i, false); } });
    var form = s.querySelector("form.seg-edit");
    if (!form) { return; }
    var t = form.querySelector("textarea");
    var box = form.querySelector(".seg-live-diff");
    t.addEventListener("input", function () {
      showDiff(box, machineOf(form), t.value.trim());
      var st = form.querySelector(".seg-status");
      if (st) { st.textContent = ""; }
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var then = e.submitter && e.submitter.value ? e.submitter.value : "next";
      send(form, then);
    });
    var link = form.querySelector("a.matches-link");
    if (link) { link.addEventListener("click", function (e) { e.preventDefault(); loadMatches(s); }); }
  });

  // Insert buttons of loaded matches; offers sent in place; a click picks a segment.
  list.addEventListener("click", function (e) {
    var seg = e.target.closest(".seg");
    if (seg && segs.indexOf(seg) !== cur && !e.target.closest("a, button")) { move(segs.indexOf(seg), false); }
    var b = e.target.closest("button[data-insert]");
    if (b) {
      e.preventDefault();
      var s = b.closest(".seg");
      var all = Array.prototype.slice.call(s.querySelectorAll(".seg-matches button[data-insert]"));
      insert(s, all.indexOf(b));
    }
  });
  list.addEventListener("submit", function (e) {
    var f = e.target;
    if (!f.classList.contains("offer")) { return; }
    e.preventDefault();
    fetch(f.action, {
      method: "POST",
      headers: { "Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(new FormData(f)).toString(),
      credentials: "same-origin"
    }).then(function (r) { return r.json(); }).then(function (j) {
      say(j.message);
      var p = document.createElement("p");
      p.className = "seg-status offer-done";
      p.setAttribute("role", "status");
      p.textContent = j.message;
      f.replaceWith(p);
    }).catch(function () { say(list.dataset.failed); });
  });

  document.addEventListener("keydown", function (e) {
    var tag = e.target.tagName;
    var typing = tag === "TEXTAREA" || tag === "INPUT" || tag === "SELECT";
    if (typing) {
      if (tag === "TEXTAREA" && e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        send(e.target.form, "next");
      } else if (e.key === "Escape") {
        e.preventDefault();
        if (cur >= 0) { segs[cur].focus(); }
      }
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) { return; }
    var s = segs[cur];
    switch (e.key) {
      case "j": case "ArrowDown": e.preventDefault(); move(cur + 1); break;
      case "k": case "ArrowUp": e.preventDefault(); move(cur - 1); break;
      case "n": e.preventDefault(); nextFlagged(); break;
      case "e": e.preventDefault(); edit(); break;
      case "Enter":
        if (e.target.classList && e.target.classList.contains("seg")) { e.preventDefault(); edit(); }
        break;
      case "a":
        if (s && s.querySelector("form.seg-edit")) { e.preventDefault(); send(s.querySelector("form.seg-edit"), "accept"); }
        break;
      case "m": e.preventDefault(); loadMatches(s); break;
      case "t":
        var b = document.querySelector("#claim button");
        if (b) { e.preventDefault(); b.click(); }
        break;
      default:
        if (/^[1-5]$/.test(e.key) && s && insert(s, Number(e.key) - 1)) { e.preventDefault(); }
    }
  });

  var m = /^#seg-(\d+)$/.exec(location.hash);
  if (m) { move(Number(m[1])); } else if (segs.length) { move(0, false); }
})();
