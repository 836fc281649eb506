//! Reading a notice back from JSON. The derived reader of a struct with a flattened,
//! internally tagged enum buffers every field into serde's generic `Content` first and then
//! reads each variant from that buffer: ~15 KB of wasm in the app, which reads its inbox.
//! Reading one flat record of every field and then picking the variant by its tag accepts
//! the same JSON (the format `Serialize` writes is unchanged) with a plain struct reader.

use super::{Notice, NoticeKind};
use crate::{ClauseId, DispositionValue, ParticipantId, Phase, RemarkId};
use serde::Deserialize;

/// The tag naming the kind of notice (`kind` in the JSON).
#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum Kind {
    Mention,
    Reply,
    Disposition,
    Accepted,
    Phase,
    Deadline,
    Version,
    Draft,
}

/// Every field a notice of any kind may have, as JSON names them.
#[derive(Deserialize)]
pub(super) struct NoticeWire {
    recipient: ParticipantId,
    kind: Kind,
    value: Option<DispositionValue>,
    phase: Option<Phase>,
    deadline_ms: Option<f64>,
    name: Option<String>,
    clauses: Option<u32>,
    clause: Option<ClauseId>,
    remark: Option<RemarkId>,
    by: String,
    #[serde(default)]
    place: String,
}

/// A field the notice's kind needs was not in the JSON.
#[derive(Debug, thiserror::Error)]
#[error("missing field `{0}`")]
pub struct MissingField(&'static str);

/// The value of a field the record's variant needs, or which one was missing.
pub(crate) fn needed<T>(value: Option<T>, field: &'static str) -> Result<T, MissingField> {
    value.ok_or(MissingField(field))
}

impl TryFrom<NoticeWire> for Notice {
    type Error = MissingField;

    fn try_from(wire: NoticeWire) -> Result<Self, MissingField> {
        let kind = match wire.kind {
            Kind::Mention => NoticeKind::Mention,
            Kind::Reply => NoticeKind::Reply,
            Kind::Disposition => NoticeKind::Disposition {
                value: needed(wire.value, "value")?,
            },
            Kind::Accepted => NoticeKind::Accepted,
            Kind::Phase => NoticeKind::Phase {
                phase: needed(wire.phase, "phase")?,
            },
            Kind::Deadline => NoticeKind::Deadline {
                deadline_ms: needed(wire.deadline_ms, "deadline_ms")?,
            },
            Kind::Version => NoticeKind::Version {
                name: needed(wire.name, "name")?,
            },
            Kind::Draft => NoticeKind::Draft {
                clauses: needed(wire.clauses, "clauses")?,
            },
        };
        Ok(Notice {
            recipient: wire.recipient,
            kind,
            clause: wire.clause,
            remark: wire.remark,
            by: wire.by,
            place: wire.place,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notice(kind: NoticeKind) -> Notice {
        Notice {
            recipient: "p1".into(),
            kind,
            clause: Some("c1".into()),
            remark: None,
            by: "Anna".into(),
            place: "1.2 Syfte".into(),
        }
    }

    #[test]
    fn every_kind_of_notice_reads_back_as_written() {
        let kinds = [
            NoticeKind::Mention,
            NoticeKind::Reply,
            NoticeKind::Disposition {
                value: DispositionValue::PartlyAccepted,
            },
            NoticeKind::Accepted,
            NoticeKind::Phase {
                phase: Phase::Consultation,
            },
            NoticeKind::Deadline {
                deadline_ms: 1.5e12,
            },
            NoticeKind::Version { name: "v2".into() },
            NoticeKind::Draft { clauses: 7 },
        ];
        for kind in kinds {
            let written = notice(kind);
            let json = serde_json::to_string(&written).expect("writes");
            let back: Notice = serde_json::from_str(&json).expect("reads");
            assert_eq!(back, written, "{json}");
        }
    }

    #[test]
    fn the_tag_may_come_anywhere_and_a_kinds_field_must_be_there() {
        let json = r#"{"recipient":"p1","clause":null,"remark":"r1","by":"","phase":"closed","kind":"phase","extra":1}"#;
        let read: Notice = serde_json::from_str(json).expect("reads");
        assert_eq!(
            read.kind,
            NoticeKind::Phase {
                phase: Phase::Closed
            }
        );
        assert_eq!(read.place, "");
        let missing = r#"{"recipient":"p1","kind":"version","by":""}"#;
        let error = serde_json::from_str::<Notice>(missing).expect_err("refused");
        assert!(error.to_string().contains("name"), "{error}");
        assert!(
            serde_json::from_str::<Notice>(r#"{"recipient":"p1","kind":"nonsense","by":""}"#)
                .is_err()
        );
    }
}
