//! The few HTML pages the server writes itself, in Swedish and English. No inline styles or
//! scripts: the CSP forbids both.

use crate::store::InviteRefusal;

fn page(title: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title} – Samråd</title>\n</head>\n<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )
}

/// Shown instead of the app when an invitation link cannot sign anybody in.
pub fn invitation_refused(refusal: InviteRefusal) -> String {
    let (sv, en) = match refusal {
        InviteRefusal::Unknown => ("Inbjudan finns inte", "This invitation does not exist"),
        InviteRefusal::Used => (
            "Inbjudan har redan använts",
            "This invitation has already been used",
        ),
        InviteRefusal::Expired => ("Inbjudan har gått ut", "This invitation has expired"),
        InviteRefusal::Revoked => (
            "Inbjudan har återkallats",
            "This invitation has been withdrawn",
        ),
    };
    page(
        sv,
        &format!(
            "<h1>{sv}</h1>\n<p>Varje inbjudningslänk fungerar en gång. Be samordnaren om en ny länk.</p>\n\
             <h1 lang=\"en\">{en}</h1>\n<p lang=\"en\">Each invitation link works once. \
             Ask the coordinator for a new link.</p>"
        ),
    )
}

/// Shown for every page when the front end has not been built into the app directory.
pub fn not_built(app_dir: &str) -> String {
    page(
        "Appen är inte byggd",
        &format!(
            "<h1>Appen är inte byggd</h1>\n<p>Servern hittar ingen <code>index.html</code> i \
             <code>{dir}</code>. Bygg appen med <code>trunk build</code>.</p>\n\
             <h1 lang=\"en\">The app is not built</h1>\n<p lang=\"en\">The server finds no \
             <code>index.html</code> in <code>{dir}</code>. Build the app with \
             <code>trunk build</code>.</p>",
            dir = escape(app_dir)
        ),
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
