/* On the sign-up form, preselect the browser's time zone in the field named "time_zone" when the
   list offers it. Without JavaScript, or for a zone the list lacks, the server's default
   (Asia/Tokyo) stays selected. A choice the person already made is never overwritten. */
(function () {
  "use strict";
  function detect() {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    } catch (e) {
      return "";
    }
  }
  function apply() {
    var zone = detect();
    var fields = document.querySelectorAll('select[name="time_zone"]');
    for (var i = 0; i < fields.length; i++) {
      var field = fields[i];
      if (!zone || field.dataset.touched) continue;
      for (var j = 0; j < field.options.length; j++) {
        if (field.options[j].value === zone) {
          field.value = zone;
          break;
        }
      }
      field.addEventListener("change", function (event) { event.target.dataset.touched = "1"; });
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", apply);
  } else {
    apply();
  }
})();
