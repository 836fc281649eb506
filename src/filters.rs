//! What the reader has chosen to see: filters over remarks and a free-text search. One
//! context shared by the filter bar, the table of contents and every clause.

use leptos::prelude::*;
use samrad_domain::{RemarkFilter, RemarkKind, Role, StatusFilter};

/// The reader's filter choices.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    pub organisation: Option<String>,
    pub role: Option<Role>,
    pub kind: Option<RemarkKind>,
    pub status: Option<StatusFilter>,
    /// Only the reader's own remarks.
    pub mine: bool,
    /// Words to find in clauses and remarks.
    pub text: String,
}

impl Filters {
    /// Whether any filter is set.
    pub fn active(&self) -> bool {
        *self != Filters::default()
    }

    /// The domain filter for remarks, as the participant `me` sees it.
    pub fn remark_filter(&self, me: &str) -> RemarkFilter {
        RemarkFilter {
            organisation: self.organisation.clone(),
            role: self.role,
            kind: self.kind,
            status: self.status,
            author: self.mine.then(|| me.to_string()),
            text: Some(self.text.trim().to_string()).filter(|t| !t.is_empty()),
            ..RemarkFilter::default()
        }
    }
}

/// The filter context.
pub type FiltersCtx = RwSignal<Filters>;

/// Provides the filter context, with nothing filtered.
pub fn provide_filters_context() -> FiltersCtx {
    let ctx = RwSignal::new(Filters::default());
    provide_context(ctx);
    ctx
}

/// The filter context (nothing filtered when none is provided, e.g. in a lone test).
pub fn use_filters() -> FiltersCtx {
    use_context::<FiltersCtx>().unwrap_or_else(|| RwSignal::new(Filters::default()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_to_the_domain_filter() {
        let f = Filters {
            mine: true,
            text: "  hemsjukvård ".into(),
            kind: Some(RemarkKind::Question),
            ..Filters::default()
        };
        let r = f.remark_filter("p-1");
        assert_eq!(r.author.as_deref(), Some("p-1"));
        assert_eq!(r.text.as_deref(), Some("hemsjukvård"));
        assert_eq!(r.kind, Some(RemarkKind::Question));
        assert!(f.active());
        assert!(!Filters::default().active());
    }
}
