//! Structure-aware inputs: what a hostile client can send, as values the fuzzer builds field by
//! field (`arbitrary`), turned into bytes by `world.rs`. They reach what random bytes rarely
//! do: every block and content kind (GC and skip blocks, deleted content, JSON, binary, strings,
//! embeds, formatting marks, every type kind, `Any` values nested past the limit, subdocuments)
//! under every root and every declared field, with ids and keys taken from the agreement itself;
//! updates with deletions; frames of many messages; and honest operations of the domain, so the
//! document reaches states with remarks, proposals, stances and versions in them.

use arbitrary::Arbitrary;

/// Which demo participant a connection is signed in as.
#[derive(Debug, Clone, Copy, Arbitrary)]
pub enum Who {
    Coordinator,
    Member,
    Jurist,
    Observer,
}

/// A run of frames from two connections into one room.
#[derive(Debug, Arbitrary)]
pub struct Script {
    pub people: [Who; 2],
    /// The agreement's phase when the run starts.
    pub phase: u8,
    pub frames: Vec<Frame>,
}

/// One frame: its messages, from the first connection or the second.
#[derive(Debug, Arbitrary)]
pub struct Frame {
    pub second: bool,
    pub messages: Vec<Msg>,
}

/// One y-websocket message.
#[derive(Debug, Arbitrary)]
pub enum Msg {
    /// The connection's client says hello (its state vector and presence).
    Hello,
    /// A state vector of hand-picked clocks (SyncStep1).
    StateVector(Vec<(ClientPick, u32)>),
    /// A hand-made update, as SyncStep2 (`true`) or Update.
    Update(bool, UpdateSpec),
    /// A real operation on the connection's replica, sent as the update it makes.
    Honest(Op),
    /// Presence entries.
    Presence(Vec<(ClientPick, u32, PresenceJson)>),
    /// A presence query.
    Query,
    /// A message of any tag with any body.
    Raw(u8, Vec<u8>),
}

/// A presence state.
#[derive(Debug, Arbitrary)]
pub enum PresenceJson {
    Null,
    Object(Vec<(String, String)>),
    Text(String),
    /// JSON nested this deep.
    Deep(u16),
}

/// An update, section by section, and the ranges it deletes.
#[derive(Debug, Arbitrary)]
pub struct UpdateSpec {
    pub sections: Vec<Section>,
    pub deleted: Vec<(ClientPick, ClockPick, u8)>,
}

/// One client's blocks, from a clock on.
#[derive(Debug, Arbitrary)]
pub struct Section {
    pub client: ClientPick,
    pub clock: ClockPick,
    pub blocks: Vec<BlockSpec>,
}

#[derive(Debug, Arbitrary)]
pub enum BlockSpec {
    Gc(u8),
    Skip(u8),
    Item(ItemSpec),
}

/// An item: with origins it inherits its place; without, it names its parent and key.
#[derive(Debug, Arbitrary)]
pub struct ItemSpec {
    pub origin: Option<IdPick>,
    pub right_origin: Option<IdPick>,
    pub parent: ParentPick,
    pub key: Option<KeyPick>,
    pub content: ContentSpec,
}

#[derive(Debug, Arbitrary)]
pub enum ParentPick {
    /// A root by its number among the agreement's roots (past them: an unknown name).
    Root(u8),
    /// A root of any name.
    Named(String),
    /// The type created by an item.
    Type(IdPick),
}

/// A map key.
#[derive(Debug, Arbitrary)]
pub enum KeyPick {
    /// A field name the schema declares, by number.
    Field(u8),
    /// A key an entry of the agreement has (a remark id, a clause id, `clause@organisation` …).
    Entry(u16),
    /// A fresh entry key naming this item (`r{client:x}-{clock}` with the given prefix).
    Fresh(char),
    Other(String),
    /// A field the schema declares for the root the item's parent belongs to, by number.
    Own(u8),
    /// The key of an existing entry of one root (a clause id for a response, a remark id …).
    EntryOf(u8, u16),
    /// A revision's key, `remark~n`, of an existing remark.
    Revision(u16, u8),
}

/// An item id.
#[derive(Debug, Arbitrary)]
pub enum IdPick {
    /// An item of the agreement, by number.
    Existing(u16),
    /// An item of this update, by number.
    InUpdate(u16),
    Raw(u64, u32),
    /// The map item of an existing entry: root by number, entry by number.
    Entry(u8, u16),
    /// The item holding the current value of a field of an existing entry (of `meta` for root
    /// 0): as an origin it overwrites the field, as a parent it writes into its text.
    Field(u8, u16, u8),
}

/// A client id.
#[derive(Debug, Arbitrary)]
pub enum ClientPick {
    /// The connection's own client id (or one of its others).
    Own(u8),
    /// A client id the agreement already holds (the server's, the seeded one).
    Known(u8),
    Raw(u64),
}

/// A clock.
#[derive(Debug, Arbitrary)]
pub enum ClockPick {
    /// Where the document stands for the client.
    Next,
    /// That, plus or minus a little.
    Near(i8),
    Raw(u32),
}

#[derive(Debug, Arbitrary)]
pub enum ContentSpec {
    Deleted(u8),
    Json(Vec<String>),
    Binary(Vec<u8>),
    String(StrPick),
    Embed(String),
    Format(String, String),
    Type(u8),
    Any(Vec<ValueSpec>),
    Doc(String),
    /// An `Any` array nested this deep (the limit is far below).
    Deep(u16),
}

/// A plain value.
#[derive(Debug, Arbitrary)]
pub enum ValueSpec {
    Undefined,
    Null,
    Int(i64),
    Float(f64),
    Bool(bool),
    Str(StrPick),
    Buf(BufPick),
    Array(Vec<ValueSpec>),
    Map(Vec<(String, ValueSpec)>),
    /// The server's clock, this many minutes off.
    Time(i32),
    /// Rows of three strings (an answer's stances, a decision's notes).
    Rows(Vec<(StrPick, StrPick, StrPick)>),
    /// Role keys, by bits (who may propose), with one repeated when the high bit is set.
    Roles(u8),
}

/// A string: one the agreement uses, or any.
#[derive(Debug, Arbitrary)]
pub enum StrPick {
    /// A key an entry of the agreement has.
    Entry(u16),
    /// A participant id, by number.
    Participant(u8),
    /// A participant's name, organisation or role key.
    Identity(u8, u8),
    /// A phase, remark kind, stance value, disposition or support key.
    Key(u8),
    Other(String),
    /// A calendar date, `2027-01-15`, this many days off the server's.
    Date(i16),
}

/// Bytes: an anchor or run of ids of the agreement, or any.
#[derive(Debug, Arbitrary)]
pub enum BufPick {
    /// A sticky index on an existing item.
    Anchor(IdPick, bool),
    /// A run of ids.
    Run(IdPick, u8),
    Other(Vec<u8>),
}

/// A real operation of the domain, made on the connection's replica as the connection's
/// participant (who may or may not be allowed it).
#[derive(Debug, Arbitrary)]
pub enum Op {
    Remark {
        clause: u8,
        kind: u8,
        range: Option<(u8, u8)>,
        body: String,
        mention: Option<u8>,
    },
    Reply {
        to: u8,
        body: String,
    },
    Edit {
        remark: u8,
        body: String,
    },
    Withdraw {
        remark: u8,
    },
    Support {
        remark: u8,
        value: Option<bool>,
    },
    Stance {
        clause: u8,
        value: u8,
        motivation: String,
    },
    Answer,
    Dispose {
        remark: u8,
        value: u8,
    },
    Accept {
        remark: u8,
    },
    Settle,
    Phase(u8),
    Version(String),
    EditText {
        clause: u8,
        at: u16,
        delete: u8,
        insert: String,
    },
    InsertClause {
        chapter: u8,
        heading: String,
    },
    MoveClause {
        clause: u8,
        chapter: u8,
    },
    RemoveClause {
        clause: u8,
    },
    Extend {
        organisation: u8,
        days: u8,
    },
    /// The operation's time, this far off the server's clock (in minutes).
    Skewed(i32, Box<Op>),
    /// Chapters approved, by bits.
    Approve {
        chapters: u8,
        body: String,
        days_ago: i8,
    },
    Reopen {
        chapter: u8,
        reason: String,
    },
    Respond {
        clause: u8,
        text: String,
    },
    EditResponse {
        clause: u8,
        at: u16,
        delete: u8,
        insert: String,
    },
    AnswerWith(DecisionSpec),
    /// A coordinator records an organisation's answer.
    RecordAnswer {
        organisation: u8,
        clause: u8,
        value: u8,
        decision: Option<DecisionSpec>,
    },
    /// Roles that may propose, by bits.
    Proposers(u8),
    CaseNumber(Option<String>),
    /// The agreement's text replaced by a draft of this many chapters.
    Redraft(u8),
}

/// A decision behind an answer.
#[derive(Debug, Arbitrary)]
pub struct DecisionSpec {
    pub body: String,
    pub days_ago: i16,
    pub item: String,
    /// Party, a special statement (else a reservation), text.
    pub reservation: Option<(String, bool, String)>,
    /// A condition on a clause, by number.
    pub condition: Option<(u8, String)>,
}

/// The input of `apply_update`: one update, judged by a guard as one participant in one phase.
#[derive(Debug, Arbitrary)]
pub struct Judged {
    pub who: Who,
    pub phase: u8,
    /// Whether every client id counts as the writer's own (else only the writer's replica's).
    pub owns_all: bool,
    pub update: UpdateSpec,
    /// Now and then (one input in eight: `prelude % 8 == 7`, never when the input has run out
    /// of bytes, which reads as zeros), honest operations first, written by the writer's replica
    /// and stored, so the update meets an agreement with more in it.
    pub prelude: u8,
    pub before: Vec<Op>,
}

impl Judged {
    /// The honest operations this input makes first.
    pub fn prelude(&self) -> &[Op] {
        if self.prelude % 8 == 7 {
            &self.before
        } else {
            &[]
        }
    }
}
