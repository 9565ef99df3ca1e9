//! Live reload: a tiny script in every served page listens to a server-sent event stream and
//! reloads the page when the site's version changes. The build adds the script tag
//! ([`crate::Options::livereload`]); the server (`twir-serve`) serves the script and the stream.

/// URL of the script.
pub const SCRIPT_PATH: &str = "/__twir/livereload.js";
/// URL of the event stream.
pub const EVENTS_PATH: &str = "/__twir/events";

const TAG: &str = "<script src=\"/__twir/livereload.js\" defer></script>";

/// The client: remembers the first version it hears and reloads when another one arrives
/// (after a rebuild, or after the server restarted). EventSource reconnects by itself.
pub const SCRIPT: &str = r#"(function () {
  "use strict";
  var seen = null;
  function connect() {
    var es = new EventSource("/__twir/events");
    es.addEventListener("version", function (ev) {
      if (seen === null) { seen = ev.data; return; }
      if (ev.data !== seen) { es.close(); location.reload(); }
    });
  }
  connect();
})();
"#;

/// Adds the script tag before `</body>` (or at the end when there is none).
pub fn inject(html: &mut String) {
    match html.rfind("</body>") {
        Some(i) => html.insert_str(i, TAG),
        None => html.push_str(TAG),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injects_before_body_end() {
        let mut h = String::from("<html><body><p>x</p></body></html>");
        inject(&mut h);
        assert_eq!(h, format!("<html><body><p>x</p>{TAG}</body></html>"));
        let mut h = String::from("<p>fragment</p>");
        inject(&mut h);
        assert!(h.ends_with(TAG));
    }
}
