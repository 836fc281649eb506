//! Remarks are written in Markdown and shown as HTML: pulldown-cmark renders, ammonia cleans.
//! Whatever a remark carries — script tags, event-handler attributes, `javascript:` links —
//! comes out inert, because only ammonia's allow-list of tags and attributes survives.

/// Renders a remark's Markdown to sanitised HTML.
pub fn to_safe_html(markdown: &str) -> String {
    use pulldown_cmark::{html, Options, Parser};
    let parser = Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH);
    let mut raw = String::new();
    html::push_html(&mut raw, parser);
    // No images: a remark is text, and an image would load from anywhere.
    ammonia::Builder::default()
        .rm_tags(["img"])
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(&raw)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::to_safe_html;

    #[test]
    fn markdown_renders() {
        let html = to_safe_html("Byt **sanktioner** mot *eskalering*.\n\n- ett\n- två");
        assert!(html.contains("<strong>sanktioner</strong>"), "{html}");
        assert!(html.contains("<em>eskalering</em>"), "{html}");
        assert!(html.contains("<li>två</li>"), "{html}");
    }

    #[test]
    fn script_and_handlers_come_out_inert() {
        let attacks = [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[klick](javascript:alert(1))",
            "<a href=\"#\" onclick=\"alert(1)\">x</a>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<svg onload=alert(1)>",
        ];
        for attack in attacks {
            let html = to_safe_html(attack).to_lowercase();
            println!("{attack} -> {html}");
            assert!(!html.contains("<script"), "{html}");
            assert!(!html.contains("onerror"), "{html}");
            assert!(!html.contains("onclick"), "{html}");
            assert!(!html.contains("onload"), "{html}");
            assert!(!html.contains("javascript:"), "{html}");
            assert!(!html.contains("<iframe"), "{html}");
        }
    }
}
