//! Competing proposals: open proposals on a clause whose ranges overlap as the text reads now,
//! so that taking one into the text leaves the others written on wording that is gone. They
//! need not quote the same words — one jurist rewrites a sentence, another the clause, a third
//! half of that sentence and the next — so they are grouped by overlap, and each is shown as
//! what the whole contested stretch would read with it taken in.

use crate::fields::{utf16_len, utf16_slice};
use crate::{Agreement, AnchorState, DispositionValue, Remark, RemarkKind};

/// Proposals whose ranges overlap, as the text reads now.
#[derive(Debug, Clone, PartialEq)]
pub struct Competition {
    /// The wording they compete to replace: the stretch their ranges cover together.
    pub wording: String,
    /// The proposals, oldest first.
    pub proposals: Vec<Remark>,
    /// What [`Competition::wording`] would read with each proposal taken in, in the order of
    /// `proposals`.
    pub readings: Vec<String>,
}

/// An open proposal and the range of the clause text it would replace (UTF-16).
struct Open {
    start: u32,
    end: u32,
    proposal: Remark,
}

impl Agreement {
    /// Open proposals on `clause` whose ranges overlap as the text reads now (a proposal on
    /// the whole clause overlaps every other), grouped by overlap — only groups of two or
    /// more — in the order their first proposal came.
    pub fn competing_proposals(&self, clause: &str) -> Vec<Competition> {
        let whole = self.clause(clause).map(|c| c.text).unwrap_or_default();
        let open: Vec<Open> = self
            .remarks_of(clause)
            .into_iter()
            .filter_map(|r| open_range(r, utf16_len(&whole)))
            .collect();
        let ranges: Vec<(u32, u32)> = open.iter().map(|o| (o.start, o.end)).collect();
        let mut groups = overlapping(&ranges);
        groups.retain(|g| g.len() > 1);
        groups.sort_by_key(|g| g.first().copied());
        groups
            .into_iter()
            .map(|members| competition(&whole, members.iter().map(|i| &open[*i])))
            .collect()
    }
}

/// `r`'s range if it is an open proposal on the text as it reads now: not withdrawn, not
/// accepted, its wording still there (a proposal on wording since changed is outdated).
fn open_range(r: Remark, whole_len: u32) -> Option<Open> {
    if r.kind != RemarkKind::Proposal || r.withdrawn {
        return None;
    }
    if r.disposition.as_ref().map(|d| d.value) == Some(DispositionValue::Accepted) {
        return None;
    }
    let (start, end) = match &r.anchor {
        None => (0, whole_len),
        Some(anchor) => match &anchor.state {
            AnchorState::Attached { start, end, text } if *text == anchor.quote => (*start, *end),
            _ => return None,
        },
    };
    Some(Open {
        start,
        end,
        proposal: r,
    })
}

/// The groups of `ranges` (`[start, end)`, by index, each in index order) that overlap,
/// directly or through others: one sweep over the ranges by start. Ranges that only touch do
/// not overlap: both can be taken in.
fn overlapping(ranges: &[(u32, u32)]) -> Vec<Vec<usize>> {
    let mut by_start: Vec<usize> = (0..ranges.len()).collect();
    by_start.sort_by_key(|i| (ranges[*i].0, *i));
    let mut groups: Vec<(u32, Vec<usize>)> = Vec::new();
    for i in by_start {
        let (start, end) = ranges[i];
        match groups.last_mut() {
            Some((reach, members)) if start < *reach => {
                *reach = (*reach).max(end);
                members.push(i);
            }
            _ => groups.push((end, vec![i])),
        }
    }
    groups
        .into_iter()
        .map(|(_, mut members)| {
            members.sort_unstable();
            members
        })
        .collect()
}

/// One group: the stretch of `whole` its ranges cover, and that stretch as each would make it.
fn competition<'a>(whole: &str, members: impl Iterator<Item = &'a Open> + Clone) -> Competition {
    let start = members.clone().map(|o| o.start).min().unwrap_or_default();
    let end = members.clone().map(|o| o.end).max().unwrap_or_default();
    let readings = members
        .clone()
        .map(|o| {
            let proposed = o.proposal.proposed_text.as_deref().unwrap_or_default();
            let before = utf16_slice(whole, start, o.start);
            let after = utf16_slice(whole, o.end, end);
            format!("{before}{proposed}{after}")
        })
        .collect();
    Competition {
        wording: utf16_slice(whole, start, end),
        proposals: members.map(|o| o.proposal.clone()).collect(),
        readings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_group_by_overlap_directly_or_through_another() {
        // 0–10 and 5–20 overlap; 18–30 joins them through 5–20; 30–40 only touches 18–30;
        // 50–60 stands alone.
        let ranges = [(18, 30), (0, 10), (50, 60), (5, 20), (30, 40)];
        assert_eq!(overlapping(&ranges), vec![vec![0, 1, 3], vec![4], vec![2]]);
    }
}
