//! A clause's wording with every anchored remark's range highlighted, coloured by kind; where
//! ranges overlap the marks nest, so the overlap reads darker. Selecting text (with the mouse,
//! or with the keyboard in caret browsing) reports the selection in the document's own units
//! (UTF-16 offsets, as JavaScript counts), so anchors land exactly where the reader meant.

use crate::live::use_live;
use leptos::prelude::*;
use samrad_domain::{Change, RemarkKind};
use wasm_bindgen::JsCast;

/// A stretch of text selected in a clause.
#[derive(Debug, Clone, PartialEq)]
pub struct TextSelection {
    pub start: u32,
    pub end: u32,
    pub quote: String,
}

/// A run of text and the kinds of the ranges covering it, innermost last.
#[derive(Debug, Clone, PartialEq)]
struct Segment {
    text: String,
    kinds: Vec<RemarkKind>,
}

fn segments(text: &str, ranges: &[(u32, u32, RemarkKind)]) -> Vec<Segment> {
    let units: Vec<u16> = text.encode_utf16().collect();
    let len = units.len() as u32;
    let mut cuts: Vec<u32> = vec![0, len];
    for (s, e, _) in ranges {
        cuts.push((*s).min(len));
        cuts.push((*e).min(len));
    }
    samrad_domain::sorting::sort(&mut cuts);
    cuts.dedup();
    cuts.windows(2)
        .map(|w| {
            let (a, b) = (w[0], w[1]);
            Segment {
                text: String::from_utf16_lossy(&units[a as usize..b as usize]),
                kinds: ranges
                    .iter()
                    .filter(|(s, e, _)| *s <= a && b <= *e)
                    .map(|(_, _, k)| *k)
                    .collect(),
            }
        })
        .collect()
}

fn selection_in(el: &web_sys::HtmlElement) -> Option<TextSelection> {
    let selection = window().get_selection().ok()??;
    if selection.is_collapsed() || selection.range_count() == 0 {
        return None;
    }
    let range = selection.get_range_at(0).ok()?;
    let (start_node, end_node) = (range.start_container().ok()?, range.end_container().ok()?);
    if !el.contains(Some(&start_node)) || !el.contains(Some(&end_node)) {
        return None;
    }
    let before = document().create_range().ok()?;
    before.select_node_contents(el).ok()?;
    before
        .set_end(&start_node, range.start_offset().ok()?)
        .ok()?;
    let start = before.to_string().length();
    trimmed(start, range.to_string().into())
}

/// The selection without the whitespace around it: a double-clicked word comes with the space
/// after it, which would otherwise be quoted and highlighted as part of the remark's wording.
fn trimmed(start: u32, quote: String) -> Option<TextSelection> {
    let units = |s: &str| s.encode_utf16().count() as u32;
    let kept = quote.trim();
    if kept.is_empty() {
        return None;
    }
    let start = start + units(&quote[..quote.len() - quote.trim_start().len()]);
    Some(TextSelection {
        start,
        end: start + units(kept),
        quote: kept.to_string(),
    })
}

#[component]
pub fn ClauseText(
    /// The clause.
    clause: String,
    /// Whether the clause is near the screen: only then are its ranges resolved and shown.
    near: Signal<bool>,
    /// Told about every selection made in the text, and `None` when it is cleared.
    on_select: Callback<Option<TextSelection>>,
) -> impl IntoView {
    let live = use_live();
    let id = clause.clone();
    let text = Memo::new(move |_| {
        live.read([Change::Text(id.clone())], |a| {
            a.clause(&id).map(|c| c.text).unwrap_or_default()
        })
    });
    let id = clause.clone();
    let ranges = Memo::new(move |_| {
        if !near.get() {
            return Vec::new();
        }
        let keys = [Change::Text(id.clone()), Change::Remarks(id.clone())];
        live.read(keys, |a| a.anchored_ranges(&id))
    });
    let parts = Memo::new(move |_| text.with(|t| ranges.with(|r| segments(t, r))));
    let node = NodeRef::<leptos::html::P>::new();
    let check = move || {
        if let Some(el) = node.get() {
            let el: web_sys::HtmlElement = el.unchecked_into();
            on_select.run(selection_in(&el));
        }
    };
    view! {
        <p
            class="clause-text"
            node_ref=node
            on:mouseup=move |_| check()
            on:keyup=move |_| check()
        >
            {move || {
                parts
                    .get()
                    .into_iter()
                    .map(|seg| {
                        let mut inner = seg.text.into_any();
                        for kind in seg.kinds.iter().rev() {
                            let class = format!("hl hl-{}", kind.key());
                            inner = view! { <mark class=class>{inner}</mark> }.into_any();
                        }
                        inner
                    })
                    .collect_view()
            }}
        </p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_selection_leaves_the_whitespace_around_it_out() {
        // A double-clicked "avtal" in "ett avtal om" arrives as "avtal " at offset 4.
        let s = trimmed(4, "avtal ".into()).expect("kept");
        assert_eq!((s.start, s.end, s.quote.as_str()), (4, 9, "avtal"));
        // Offsets count UTF-16 units, as the document does: "𝄞" is two of them.
        let s = trimmed(1, "\u{a0}𝄞 å\n".into()).expect("kept");
        assert_eq!((s.start, s.end, s.quote.as_str()), (2, 6, "𝄞 å"));
        assert_eq!(trimmed(0, " \n ".into()), None);
    }

    #[test]
    fn overlapping_ranges_split_into_nested_segments() {
        let s = segments(
            "abcdef",
            &[(1, 4, RemarkKind::Comment), (3, 6, RemarkKind::Proposal)],
        );
        let flat: Vec<(&str, usize)> = s.iter().map(|x| (x.text.as_str(), x.kinds.len())).collect();
        assert_eq!(flat, vec![("a", 0), ("bc", 1), ("d", 2), ("ef", 1)]);
    }

    #[test]
    fn offsets_are_utf16_units() {
        // "å" is one UTF-16 unit, "𝔸" two.
        let s = segments("å𝔸b", &[(1, 3, RemarkKind::Question)]);
        assert_eq!(s[1].text, "𝔸");
        assert_eq!(s[2].text, "b");
    }
}
