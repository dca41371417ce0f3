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
          document.getElementById("job-count").textContent = (job.done || 0) + " of " + (job.total || 0);
          var stageBox = document.getElementById("job-stage");
          stageBox.hidden = !job.stage;
          if (job.stage) {
            var unit = job.stage === "embedding" ? " sentences" : " stages";
            document.getElementById("stage-name").textContent = job.stage;
            document.getElementById("stage-count").textContent = job.stage_done + " of " + job.stage_total + unit;
            var sbar = document.getElementById("stage-progress");
            sbar.max = Math.max(job.stage_total || 1, 1);
            sbar.value = job.stage_done || 0;
          }
          box.setAttribute("data-state", job.state);
          fill(errs, job.errors);
          fill(skipped, job.skipped);
          if (job.state === "done") {
            var link = document.getElementById("story-link");
            link.href = "/stories/" + job.story_id;
            document.getElementById("job-done").hidden = false;
          } else if (job.state !== "failed") {
            setTimeout(tick, 400);
          }
        })
        .catch(function () { setTimeout(tick, 2000); });
    }
    tick();
  }
  // Times newsdesk recorded (UTC) are shown in the reader's own time zone.
  function localTimes() {
    var fmt = {year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit"};
    document.querySelectorAll("time[data-local]").forEach(function (el) {
      var when = new Date(el.getAttribute("datetime"));
      if (!isNaN(when)) { el.textContent = when.toLocaleString([], fmt); el.title = el.getAttribute("datetime"); }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    localTimes();
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
