//! Reading unsaved writing back from the device. The derived reader of an internally tagged
//! enum buffers every field into serde's generic `Content` and reads each variant from that
//! buffer (~29 KB of wasm). Reading one flat record of every field and then picking the
//! variant by its tag accepts the same JSON (what `Serialize` writes is unchanged) with one
//! plain struct reader.

use super::{Unsaved, UnsavedReply};
use crate::notice::wire::{needed, MissingField};
use crate::remark::RemarkKind;
use crate::stance::StanceValue;
use crate::support::Support;
use crate::{ClauseId, ParticipantId, RemarkId};
use serde::Deserialize;

/// The tag naming the kind of writing (`type` in the JSON).
#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum Type {
    Remark,
    Reply,
    Edit,
    Withdrawal,
    Support,
    Stance,
    Wording,
}

/// Every field any kind of unsaved writing may have, as JSON names them.
#[derive(Deserialize)]
pub(super) struct UnsavedWire {
    #[serde(rename = "type")]
    kind_of: Type,
    clause: ClauseId,
    kind: Option<RemarkKind>,
    body: Option<String>,
    proposed_text: Option<String>,
    quote: Option<String>,
    prefix: Option<String>,
    mentions: Option<Vec<ParticipantId>>,
    replies: Option<Vec<UnsavedReply>>,
    to: Option<RemarkId>,
    remark: Option<RemarkId>,
    proposal: Option<RemarkId>,
    support: Option<Support>,
    value: Option<StanceValue>,
    motivation: Option<String>,
    text: Option<String>,
}

impl TryFrom<UnsavedWire> for Unsaved {
    type Error = MissingField;

    fn try_from(w: UnsavedWire) -> Result<Self, MissingField> {
        let clause = w.clause;
        Ok(match w.kind_of {
            Type::Remark => Unsaved::Remark {
                clause,
                kind: needed(w.kind, "kind")?,
                body: needed(w.body, "body")?,
                proposed_text: w.proposed_text,
                quote: w.quote,
                prefix: needed(w.prefix, "prefix")?,
                mentions: needed(w.mentions, "mentions")?,
                replies: needed(w.replies, "replies")?,
            },
            Type::Reply => Unsaved::Reply {
                to: needed(w.to, "to")?,
                clause,
                body: needed(w.body, "body")?,
                mentions: needed(w.mentions, "mentions")?,
            },
            Type::Edit => Unsaved::Edit {
                remark: needed(w.remark, "remark")?,
                clause,
                body: needed(w.body, "body")?,
                proposed_text: w.proposed_text,
            },
            Type::Withdrawal => Unsaved::Withdrawal {
                remark: needed(w.remark, "remark")?,
                clause,
            },
            Type::Support => Unsaved::Support {
                proposal: needed(w.proposal, "proposal")?,
                clause,
                support: w.support,
            },
            Type::Stance => Unsaved::Stance {
                clause,
                value: needed(w.value, "value")?,
                motivation: needed(w.motivation, "motivation")?,
            },
            Type::Wording => Unsaved::Wording {
                clause,
                text: needed(w.text, "text")?,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_unsaved_writing_reads_back_as_written() {
        let clause = || ClauseId::from("c1");
        let all = [
            Unsaved::Remark {
                clause: clause(),
                kind: RemarkKind::Question,
                body: "Varför?".into(),
                proposed_text: Some("Ny text".into()),
                quote: None,
                prefix: "före ".into(),
                mentions: vec!["p2".into()],
                replies: vec![UnsavedReply {
                    body: "Svar".into(),
                    mentions: vec![],
                }],
            },
            Unsaved::Reply {
                to: "r1".into(),
                clause: clause(),
                body: "Ja".into(),
                mentions: vec![],
            },
            Unsaved::Edit {
                remark: "r1".into(),
                clause: clause(),
                body: "B".into(),
                proposed_text: None,
            },
            Unsaved::Withdrawal {
                remark: "r1".into(),
                clause: clause(),
            },
            Unsaved::Support {
                proposal: "r2".into(),
                clause: clause(),
                support: Some(Support::Against),
            },
            Unsaved::Support {
                proposal: "r2".into(),
                clause: clause(),
                support: None,
            },
            Unsaved::Stance {
                clause: clause(),
                value: StanceValue::Opposes,
                motivation: "M".into(),
            },
            Unsaved::Wording {
                clause: clause(),
                text: "T".into(),
            },
        ];
        for written in all {
            let json = serde_json::to_string(&written).expect("writes");
            let back: Unsaved = serde_json::from_str(&json).expect("reads");
            assert_eq!(back, written, "{json}");
        }
    }

    #[test]
    fn a_field_the_kind_needs_must_be_there() {
        let missing = r#"{"clause":"c1","type":"stance","value":"supports"}"#;
        let error = serde_json::from_str::<Unsaved>(missing).expect_err("refused");
        assert!(error.to_string().contains("motivation"), "{error}");
        assert!(serde_json::from_str::<Unsaved>(r#"{"type":"nonsense","clause":"c1"}"#).is_err());
    }
}
