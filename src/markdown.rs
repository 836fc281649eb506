//! Remarks are written in Markdown and shown as DOM nodes built straight from pulldown-cmark's
//! events — as react-markdown builds from its syntax tree — so no HTML string is ever parsed
//! and there is nothing to sanitise. What a remark carries can only become:
//! - one of a fixed set of elements (paragraphs, emphasis, lists, quotes, code, links, rules);
//! - text: raw HTML (`<script>`, `<img onerror>` …) is shown as the characters typed;
//! - a link, only to `http:`, `https:` or `mailto:` — the scheme checked case-insensitively
//!   on the destination as pulldown-cmark gives it (entities decoded), after removing what a
//!   browser's URL parser ignores (tabs and line breaks anywhere, leading controls and
//!   spaces). Any other destination (`javascript:`, `data:`, relative ones) leaves the link's
//!   text as plain text. Attributes are set one by one, never from a string of markup.
//! - no images: a remark is text, and an image would load from anywhere; its alt text shows.
//!
//! Headings in a remark would break the page's outline (a screen reader lists them with the
//! agreement's own), so they show as bold paragraphs.
//!
//! The tree ([`Node`]) is built natively and tested without a browser; [`render`] turns it
//! into DOM nodes.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

/// A piece of a rendered remark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// An element from the fixed set, with its attributes.
    Element {
        tag: &'static str,
        attrs: Vec<(&'static str, String)>,
        children: Vec<Node>,
    },
    /// Text, shown as typed.
    Text(String),
}

/// The `rel` every link gets: no access to this page, no referrer, no endorsement.
const REL: &str = "noopener noreferrer nofollow";

/// A link destination as a browser would read it, if its scheme is allowed.
pub fn safe_href(dest: &str) -> Option<String> {
    // The URL parser drops tabs and line breaks anywhere and C0 controls and spaces at
    // either end; "java\tscript:" is "javascript:" to it.
    let cleaned: String = dest
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let cleaned = cleaned.trim_matches(|c: char| c <= ' ');
    let scheme_end = cleaned.find(':')?;
    let scheme = &cleaned[..scheme_end];
    // A colon after a slash, ? or # is not a scheme's (a relative link): not allowed either.
    if scheme.is_empty() || scheme.contains(['/', '?', '#']) {
        return None;
    }
    let scheme = scheme.to_ascii_lowercase();
    matches!(scheme.as_str(), "http" | "https" | "mailto").then(|| cleaned.to_string())
}

/// Where an element under construction will go.
struct Open {
    tag: &'static str,
    attrs: Vec<(&'static str, String)>,
    children: Vec<Node>,
    /// A link whose destination was refused, or an image: its children are kept as text
    /// in the parent, without an element of its own.
    unwrap: bool,
}

fn element(tag: Tag<'_>) -> Open {
    let open = |tag: &'static str| Open {
        tag,
        attrs: Vec::new(),
        children: Vec::new(),
        unwrap: false,
    };
    match tag {
        Tag::Paragraph | Tag::HtmlBlock => open("p"),
        Tag::Heading { .. } => open("strong"),
        Tag::BlockQuote(_) => open("blockquote"),
        Tag::CodeBlock(_) => open("pre"),
        Tag::List(Some(start)) => {
            let mut o = open("ol");
            if start != 1 {
                o.attrs.push(("start", start.to_string()));
            }
            o
        }
        Tag::List(None) => open("ul"),
        Tag::Item => open("li"),
        Tag::Emphasis => open("em"),
        Tag::Strong => open("strong"),
        Tag::Strikethrough => open("del"),
        Tag::Link {
            link_type,
            dest_url,
            title,
            ..
        } => {
            let dest = match link_type {
                LinkType::Email => format!("mailto:{dest_url}"),
                _ => dest_url.to_string(),
            };
            match safe_href(&dest) {
                Some(href) => {
                    let mut o = open("a");
                    o.attrs.push(("href", href));
                    o.attrs.push(("rel", REL.to_string()));
                    if !title.is_empty() {
                        o.attrs.push(("title", title.to_string()));
                    }
                    o
                }
                None => Open {
                    unwrap: true,
                    ..open("a")
                },
            }
        }
        Tag::Image { .. } => Open {
            unwrap: true,
            ..open("img")
        },
        // Anything else (tables, footnotes … not enabled) keeps its content, as text.
        _ => Open {
            unwrap: true,
            ..open("span")
        },
    }
}

/// Parses a remark's Markdown into the nodes it shows as.
pub fn parse(markdown: &str) -> Vec<Node> {
    let parser = Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH);
    let mut stack: Vec<Open> = vec![Open {
        tag: "",
        attrs: Vec::new(),
        children: Vec::new(),
        unwrap: true,
    }];
    let push = |stack: &mut Vec<Open>, node: Node| {
        if let Some(top) = stack.last_mut() {
            // Neighbouring text joins, so "a<b" parsed as three events reads as one.
            if let (Node::Text(add), Some(Node::Text(prev))) = (&node, top.children.last_mut()) {
                prev.push_str(add);
                return;
            }
            top.children.push(node);
        }
    };
    for event in parser {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                stack.push(element(Tag::CodeBlock(kind)));
                stack.push(Open {
                    tag: "code",
                    attrs: Vec::new(),
                    children: Vec::new(),
                    unwrap: false,
                });
            }
            Event::Start(tag) => stack.push(element(tag)),
            Event::End(end) => {
                let levels = if end == TagEnd::CodeBlock { 2 } else { 1 };
                for _ in 0..levels {
                    if stack.len() < 2 {
                        break;
                    }
                    let Some(done) = stack.pop() else { break };
                    if done.unwrap {
                        for child in done.children {
                            push(&mut stack, child);
                        }
                    } else {
                        push(
                            &mut stack,
                            Node::Element {
                                tag: done.tag,
                                attrs: done.attrs,
                                children: done.children,
                            },
                        );
                    }
                }
            }
            Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) => {
                push(&mut stack, Node::Text(t.to_string()))
            }
            Event::Code(t) => push(
                &mut stack,
                Node::Element {
                    tag: "code",
                    attrs: Vec::new(),
                    children: vec![Node::Text(t.to_string())],
                },
            ),
            Event::SoftBreak => push(&mut stack, Node::Text("\n".into())),
            Event::HardBreak => push(
                &mut stack,
                Node::Element {
                    tag: "br",
                    attrs: Vec::new(),
                    children: Vec::new(),
                },
            ),
            Event::Rule => push(
                &mut stack,
                Node::Element {
                    tag: "hr",
                    attrs: Vec::new(),
                    children: Vec::new(),
                },
            ),
            // Math, footnotes and task lists are not enabled; their text, if any, as text.
            Event::InlineMath(t) | Event::DisplayMath(t) | Event::FootnoteReference(t) => {
                push(&mut stack, Node::Text(t.to_string()))
            }
            Event::TaskListMarker(_) => {}
        }
    }
    // Unbalanced input cannot leave anything open: close what is.
    while stack.len() > 1 {
        if let Some(done) = stack.pop() {
            for child in done.children {
                push(&mut stack, child);
            }
        }
    }
    stack.pop().map(|root| root.children).unwrap_or_default()
}

/// The nodes as escaped HTML, for tests and for reading what a remark becomes.
pub fn to_html(nodes: &[Node]) -> String {
    fn escape(s: &str, out: &mut String) {
        for c in s.chars() {
            match c {
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '&' => out.push_str("&amp;"),
                '"' => out.push_str("&quot;"),
                c => out.push(c),
            }
        }
    }
    fn write(node: &Node, out: &mut String) {
        match node {
            Node::Text(t) => escape(t, out),
            Node::Element {
                tag,
                attrs,
                children,
            } => {
                out.push('<');
                out.push_str(tag);
                for (k, v) in attrs {
                    out.push(' ');
                    out.push_str(k);
                    out.push_str("=\"");
                    escape(v, out);
                    out.push('"');
                }
                out.push('>');
                for c in children {
                    write(c, out);
                }
                if !matches!(*tag, "br" | "hr") {
                    out.push_str("</");
                    out.push_str(tag);
                    out.push('>');
                }
            }
        }
    }
    let mut out = String::new();
    for n in nodes {
        write(n, &mut out);
    }
    out
}

/// Renders a remark's Markdown into `parent` as DOM nodes (the `use:markdown` directive).
pub fn markdown(parent: web_sys::Element, markdown: String) {
    let Some(document) = parent.owner_document() else {
        return;
    };
    for node in parse(&markdown) {
        if let Some(dom) = build(&document, &node) {
            let _ = parent.append_child(&dom);
        }
    }
}

fn build(document: &web_sys::Document, node: &Node) -> Option<web_sys::Node> {
    match node {
        Node::Text(t) => Some(document.create_text_node(t).into()),
        Node::Element {
            tag,
            attrs,
            children,
        } => {
            let el = document.create_element(tag).ok()?;
            for (k, v) in attrs {
                el.set_attribute(k, v).ok()?;
            }
            for child in children {
                if let Some(c) = build(document, child) {
                    el.append_child(&c).ok()?;
                }
            }
            Some(el.into())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(md: &str) -> String {
        to_html(&parse(md))
    }

    /// Every element and attribute a rendered remark may contain.
    fn only_allowed(nodes: &[Node]) -> Result<(), String> {
        for n in nodes {
            if let Node::Element {
                tag,
                attrs,
                children,
            } = n
            {
                let allowed = [
                    "p",
                    "em",
                    "strong",
                    "del",
                    "code",
                    "pre",
                    "blockquote",
                    "ul",
                    "ol",
                    "li",
                    "a",
                    "br",
                    "hr",
                ];
                if !allowed.contains(tag) {
                    return Err(format!("element {tag}"));
                }
                for (k, v) in attrs {
                    match *k {
                        "href" if safe_href(v).is_some() => {}
                        "rel" | "title" | "start" => {}
                        other => return Err(format!("attribute {other}={v}")),
                    }
                }
                only_allowed(children)?;
            }
        }
        Ok(())
    }

    #[test]
    fn markdown_renders() {
        let html = html("Byt **sanktioner** mot *eskalering*.\n\n- ett\n- två");
        assert!(html.contains("<strong>sanktioner</strong>"), "{html}");
        assert!(html.contains("<em>eskalering</em>"), "{html}");
        assert!(html.contains("<li>två</li>"), "{html}");
        assert_eq!(
            self::html("[Läs mer](https://example.se/avtal \"Avtalet\") och ~~gammalt~~"),
            "<p><a href=\"https://example.se/avtal\" rel=\"noopener noreferrer nofollow\" \
             title=\"Avtalet\">Läs mer</a> och <del>gammalt</del></p>"
        );
        assert_eq!(self::html("`kod` <b>"), "<p><code>kod</code> &lt;b&gt;</p>");
        assert_eq!(
            self::html("3. tre\n4. fyra"),
            "<ol start=\"3\"><li>tre</li><li>fyra</li></ol>"
        );
        assert_eq!(self::html("# Rubrik"), "<strong>Rubrik</strong>");
        assert_eq!(
            self::html("```\nx < 1\n```"),
            "<pre><code>x &lt; 1\n</code></pre>"
        );
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
            let nodes = parse(attack);
            let html = to_html(&nodes).to_lowercase();
            println!("{attack} -> {html}");
            only_allowed(&nodes).unwrap_or_else(|e| panic!("{attack}: {e}"));
            assert!(!html.contains("<script"), "{html}");
            assert!(!html.contains("<iframe"), "{html}");
            assert!(!html.contains("javascript:"), "{html}");
            assert!(!html.contains("<img"), "{html}");
            assert!(!html.contains("<svg"), "{html}");
        }
    }

    /// What a sanitiser bypass would try: each must leave no element or attribute outside
    /// the allowed set, and no link but to http, https or mailto.
    #[test]
    fn sanitiser_bypasses_come_out_inert() {
        let attacks = [
            // Entity-encoded schemes, decoded by the Markdown parser.
            "[x](&#106;avascript:alert(1))",
            "[x](&#x6A;&#x61;&#x76;&#x61;script:alert(1))",
            "[x](javascript&colon;alert(1))",
            "[x](java&#x09;script:alert(1))",
            "[x](java&#10;script:alert(1))",
            "[x](&#0000106avascript:alert(1))",
            // Case, spaces and controls.
            "[x](JaVaScRiPt:alert(1))",
            "[x]( javascript:alert(1))",
            "[x](<javascript:alert(1)>)",
            "[x](\u{1}javascript:alert(1))",
            "[x](vbscript:msgbox(1))",
            // Autolinks and reference links.
            "<javascript:alert(1)>",
            "<JAVASCRIPT:alert(1)>",
            "<data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==>",
            "[x][r]\n\n[r]: javascript:alert(1)",
            "[x][r]\n\n[r]: &#106;avascript:alert(1) \"t\"",
            // Data and file URLs, relative and protocol-relative ones.
            "[x](data:text/html,<script>alert(1)</script>)",
            "[x](file:///etc/passwd)",
            "[x](//evil.example/x)",
            "[x](/a/annat-avtal)",
            // Images in every form.
            "![x](https://evil.example/t.png)",
            "![x](javascript:alert(1))",
            "![<img src=x onerror=alert(1)>](https://evil.example)",
            // Nested emphasis and links, markup in link text, titles.
            "***[x](javascript:alert(1))***",
            "_*[**x**](javascript:alert(1))*_",
            "[<script>alert(1)</script>](https://example.se)",
            "[a](https://example.se \"\\\"onmouseover=alert(1)\")",
            "[a](https://example.se\" onmouseover=\"alert(1))",
            "[[x](javascript:alert(1))](https://example.se)",
            // Raw HTML blocks and inline HTML split across lines and emphasis.
            "<div>\n<script>alert(1)</script>\n</div>",
            "**<img src=x\nonerror=alert(1)>**",
            "<a href=\"javascript:alert(1)\">*x*</a>",
            "<style>@import 'https://evil.example/x.css'</style>",
            "`<script>`<script>alert(1)</script>",
            "<!-- --><script>alert(1)</script>",
            "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
        ];
        for attack in attacks {
            let nodes = parse(attack);
            let html = to_html(&nodes);
            println!("{attack:?} -> {html}");
            only_allowed(&nodes).unwrap_or_else(|e| panic!("{attack:?}: {e} in {html}"));
            let lower = html.to_lowercase();
            for bad in [
                "<script", "<img", "<iframe", "<style", "<svg", "<math", "<div",
            ] {
                assert!(!lower.contains(bad), "{attack:?} -> {html}");
            }
            assert!(!lower.contains("href=\"javascript"), "{html}");
            assert!(!lower.contains("href=\"data"), "{html}");
        }
        // What typed markup becomes is its text, visible.
        assert_eq!(
            html("<script>alert(1)</script>"),
            "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
        );
        assert_eq!(
            html("[<b>fet</b>](https://example.se)"),
            "<p><a href=\"https://example.se\" rel=\"noopener noreferrer nofollow\">&lt;b&gt;fet&lt;/b&gt;</a></p>"
        );
        // A refused link keeps its words; an image its alt text.
        assert_eq!(html("[klick](javascript:alert(1))"), "<p>klick</p>");
        assert_eq!(html("![en bild](https://x.se/a.png)"), "<p>en bild</p>");
    }

    #[test]
    fn only_http_https_and_mailto_links() {
        for ok in [
            "https://example.se",
            "HTTP://EXAMPLE.SE",
            "mailto:karin@example.se",
            " https://example.se",
        ] {
            assert!(safe_href(ok).is_some(), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "java\tscript:alert(1)",
            "\u{0}javascript:alert(1)",
            "data:text/html,x",
            "//example.se",
            "/relative",
            "?q=javascript:",
            "#javascript:x",
            "x",
            "",
        ] {
            assert!(safe_href(bad).is_none(), "{bad:?}");
        }
        assert_eq!(
            html("<karin@example.se>"),
            "<p><a href=\"mailto:karin@example.se\" rel=\"noopener noreferrer nofollow\">karin@example.se</a></p>"
        );
        assert_eq!(
            html("<https://example.se>"),
            "<p><a href=\"https://example.se\" rel=\"noopener noreferrer nofollow\">https://example.se</a></p>"
        );
    }
}
