//! Reading notices back from JSON. The derived reader of a struct with a flattened,
//! internally tagged enum buffers every field into serde's generic `Content` first and then
//! reads each variant from that buffer: ~15 KB of wasm in the app, which reads its inbox.
//! Reading one flat record of every field and then picking the variant by its tag accepts
//! the same JSON (the format `Serialize` writes is unchanged) with a plain struct reader.
//! The inbox's item (a notice with its number, time and read mark, flattened) and message
//! (tagged by `type`) are read the same way.

use super::{InboxItem, InboxMessage, Notice, NoticeKind};
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

/// Every field a notice of any kind may have, as JSON names them, and those an inbox item
/// adds (a plain notice ignores them, as the derived reader ignored unknown fields).
#[derive(Deserialize)]
pub(super) struct NoticeWire {
    id: Option<i64>,
    at_ms: Option<f64>,
    read: Option<bool>,
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

impl TryFrom<NoticeWire> for InboxItem {
    type Error = MissingField;

    fn try_from(wire: NoticeWire) -> Result<Self, MissingField> {
        Ok(InboxItem {
            id: needed(wire.id, "id")?,
            at_ms: needed(wire.at_ms, "at_ms")?,
            read: needed(wire.read, "read")?,
            notice: Notice::try_from(wire)?,
        })
    }
}

/// The tag naming an inbox message's kind (`type` in the JSON).
#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum MessageType {
    New,
    Read,
}

/// Every field an inbox message of either kind may have.
#[derive(Deserialize)]
pub(super) struct InboxMessageWire {
    #[serde(rename = "type")]
    kind: MessageType,
    item: Option<InboxItem>,
    ids: Option<Vec<i64>>,
}

impl TryFrom<InboxMessageWire> for InboxMessage {
    type Error = MissingField;

    fn try_from(wire: InboxMessageWire) -> Result<Self, MissingField> {
        Ok(match wire.kind {
            MessageType::New => InboxMessage::New {
                item: needed(wire.item, "item")?,
            },
            MessageType::Read => InboxMessage::Read { ids: wire.ids },
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
    fn inbox_items_and_messages_read_back_as_written() {
        let item = InboxItem {
            id: 42,
            at_ms: 1.7e12,
            read: true,
            notice: notice(NoticeKind::Disposition {
                value: DispositionValue::Accepted,
            }),
        };
        let messages = [
            InboxMessage::New { item: item.clone() },
            InboxMessage::Read {
                ids: Some(vec![1, 42]),
            },
            InboxMessage::Read { ids: None },
        ];
        for written in messages {
            let json = serde_json::to_string(&written).expect("writes");
            let back: InboxMessage = serde_json::from_str(&json).expect("reads");
            assert_eq!(back, written, "{json}");
        }
        let without_time = r#"{"id":1,"read":false,"recipient":"p1","kind":"reply","by":""}"#;
        assert!(serde_json::from_str::<InboxItem>(without_time).is_err());
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
