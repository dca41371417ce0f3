// Starts Swagger UI on /docs from newsdesk's own copy (no inline script: the CSP forbids it).
(function () {
  "use strict";
  window.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("swagger-ui");
    window.ui = SwaggerUIBundle({
      url: box.getAttribute("data-openapi"),
      dom_id: "#swagger-ui",
      deepLinking: true,
      validatorUrl: null,
      presets: [SwaggerUIBundle.presets.apis],
      layout: "BaseLayout"
    });
  });
})();
