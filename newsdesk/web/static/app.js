// newsdesk pages: job progress polling. No external code; served by newsdesk itself.
(function () {
  "use strict";
  function pollJob(box) {
    var id = box.getAttribute("data-job");
    var stateEl = document.getElementById("job-state");
    var msgEl = document.getElementById("job-message");
    var bar = document.getElementById("job-progress");
    var errs = document.getElementById("job-errors");
    var skipped = document.getElementById("job-skipped");
    function fill(list, items) {
      list.textContent = "";
      (items || []).forEach(function (e) {
        var li = document.createElement("li");
        li.textContent = e;  // text, never HTML
        list.appendChild(li);
      });
    }
    function tick() {
      fetch("/api/jobs/" + encodeURIComponent(id), {headers: {"Accept": "application/json"}})
        .then(function (r) { return r.json(); })
        .then(function (job) {
          stateEl.textContent = job.state;
          msgEl.textContent = job.message || "";
          bar.max = Math.max(job.total || 1, 1);
          bar.value = job.done || 0;
          box.setAttribute("data-state", job.state);
          fill(errs, job.errors);
          fill(skipped, job.skipped);
          if (job.state === "done") {
            var link = document.getElementById("story-link");
            link.href = "/stories/" + job.story_id;
            document.getElementById("job-done").hidden = false;
          } else if (job.state !== "failed") {
            setTimeout(tick, 700);
          }
        })
        .catch(function () { setTimeout(tick, 2000); });
    }
    tick();
  }
  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("job");
    if (box && box.getAttribute("data-state") !== "done" && box.getAttribute("data-state") !== "failed") {
      pollJob(box);
    }
    var hl = document.querySelector(".article-text .hl");
    if (hl) { hl.scrollIntoView({block: "center"}); }
    var sel = new URLSearchParams(location.search).get("story_id");
    var select = document.querySelector("select[name=story_id]");
    if (sel && select) { select.value = sel; }
  });
})();
