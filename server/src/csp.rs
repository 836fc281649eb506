//! The Content-Security-Policy for the app, computed once at start-up from its `index.html`.
//!
//! Trunk injects one inline `<script type="module">` that loads the wasm bundle. Rather than
//! allowing inline scripts wholesale, the policy lists the SHA-256 of each inline script's exact
//! text, so only those run. Wasm needs `'wasm-unsafe-eval'`; `'unsafe-eval'` is never granted.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};

/// The policy for an app whose `index.html` is `html` (`None` if the app is not built).
pub fn policy(html: Option<&str>) -> String {
    let hashes: String = html
        .map(inline_scripts)
        .unwrap_or_default()
        .into_iter()
        .map(|script| {
            format!(
                " 'sha256-{}'",
                STANDARD.encode(Sha256::digest(script.as_bytes()))
            )
        })
        .collect();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; \
         form-action 'self'"
    )
}

/// The text of every `<script>` element without a `src` attribute, exactly as written.
pub fn inline_scripts(html: &str) -> Vec<&str> {
    let lower = html.to_ascii_lowercase();
    let mut scripts = Vec::new();
    let mut from = 0;
    while let Some(start) = lower[from..].find("<script").map(|i| i + from) {
        let Some(open_end) = lower[start..].find('>').map(|i| i + start + 1) else {
            break;
        };
        let Some(close) = lower[open_end..].find("</script").map(|i| i + open_end) else {
            break;
        };
        let tag = &lower[start..open_end];
        let external = tag
            .split(|c: char| c.is_ascii_whitespace())
            .any(|attr| attr.starts_with("src="));
        if !external {
            scripts.push(&html[open_end..close]);
        }
        from = close;
    }
    scripts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_inline_scripts_only() {
        let html = r#"<html><head>
<script src="/x.js"></script>
<script type="module">import init from '/app.js';
await init('/app_bg.wasm');</script>
</head><body><SCRIPT>alert(1)</SCRIPT></body></html>"#;
        let scripts = inline_scripts(html);
        assert_eq!(
            scripts,
            vec![
                "import init from '/app.js';\nawait init('/app_bg.wasm');",
                "alert(1)"
            ]
        );
        let csp = policy(Some(html));
        // sha256("alert(1)"), computed independently with `printf 'alert(1)' | sha256sum`.
        assert!(
            csp.contains("'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"),
            "{csp}"
        );
        assert_eq!(csp.matches("'sha256-").count(), 2, "{csp}");
        assert!(csp.contains("'wasm-unsafe-eval'"));
        assert!(!csp.contains("'unsafe-eval'"));
    }

    #[test]
    fn unbuilt_app_gets_no_hashes() {
        assert!(!policy(None).contains("sha256"));
    }

    #[test]
    fn the_offline_shell_may_run_and_fetch_its_own_files() {
        // The service worker (`/sw.js`, same origin) runs under `worker-src`, which falls back to
        // `script-src` and then `default-src`: both 'self', and nothing narrows it. It caches
        // the app's files and fetches them again through `connect-src 'self'`.
        let csp = policy(None);
        let directive = |name: &str| {
            csp.split(';')
                .map(str::trim)
                .find(|d| d.starts_with(name))
                .map(str::to_string)
        };
        assert_eq!(directive("worker-src"), None, "{csp}");
        assert!(directive("child-src").is_none(), "{csp}");
        assert!(
            directive("script-src").is_some_and(|d| d.contains("'self'")),
            "{csp}"
        );
        assert_eq!(
            directive("default-src").as_deref(),
            Some("default-src 'self'")
        );
        assert_eq!(
            directive("connect-src").as_deref(),
            Some("connect-src 'self'")
        );
    }
}
