//! Turning structured inputs into bytes, aimed at the agreement they are sent to: ids of its
//! items, keys of its entries, names of its fields and participants. And performing the domain's
//! own operations for `Msg::Honest`.

use crate::aim::{Aim, Where};
use crate::input::{
    BlockSpec, BufPick, ClientPick, ClockPick, ContentSpec, DecisionSpec, IdPick, KeyPick, Op,
    ParentPick, PresenceJson, StrPick, UpdateSpec, ValueSpec,
};
use samrad_domain::wire::{
    encode_update, parse_update, Block, Content, Id, Item, Limits, Parent, ParsedUpdate, TypeKind,
    Value,
};
use samrad_domain::yrs::updates::encoder::Encode;
use samrad_domain::yrs::{ReadTxn, StateVector, StickyIndex, Transact};
use samrad_domain::{
    demo, Agreement, DispositionValue, Participant, Phase, RemarkDraft, RemarkKind, StanceValue,
    Support, Target,
};

/// Deepest `Any` nesting an input asks for (far past the limit; deeper only costs time).
const DEEPEST: usize = 200;

/// What an input can aim at in an agreement.
pub struct World {
    /// The first id of every item.
    items: Vec<Id>,
    /// Every entry key of every root.
    entries: Vec<String>,
    roots: Vec<&'static str>,
    fields: Vec<&'static str>,
    /// Every root's fields, in the schema's order.
    schema: Vec<(&'static str, Vec<&'static str>)>,
    /// Where entries and fields live.
    aim: Aim,
    participants: Vec<Participant>,
    clients: Vec<u64>,
    sv: StateVector,
}

impl World {
    /// The world of `agreement` as it stands.
    pub fn of(agreement: &Agreement) -> World {
        let state = agreement.encode_state();
        let mut items = Vec::new();
        let mut entries = Vec::new();
        let schema = samrad_domain::schema_fields();
        let roots: Vec<&'static str> = schema.iter().map(|(r, _)| *r).collect();
        let mut aim = Aim::default();
        if let Ok(parsed) = parse_update(&state, Limits::STORED) {
            aim = Aim::of(&parsed, &roots);
            for block in &parsed.blocks {
                if let Block::Item(item) = block {
                    items.push(item.id);
                    if let (Some(Parent::Root(_)), Some(key)) = (item.parent, item.key) {
                        entries.push(key.to_string());
                    }
                }
            }
        }
        entries.sort();
        entries.dedup();
        let sv = agreement.doc().transact().state_vector();
        World {
            items,
            entries,
            roots,
            fields: schema.iter().flat_map(|(_, f)| f.iter().copied()).collect(),
            schema,
            aim,
            participants: demo::participants(),
            clients: sv.iter().map(|(c, _)| c.get()).collect(),
            sv,
        }
    }

    fn item(&self, n: u16) -> Id {
        self.items
            .get(usize::from(n) % self.items.len().max(1))
            .copied()
            .unwrap_or(Id::new(1, 0))
    }

    /// The map item of entry `n` of root `root`.
    fn entry_item(&self, root: u8, n: u16) -> Id {
        self.aim.entry(root, n).map_or(Id::new(1, 0), |e| e.1)
    }

    /// The item of field `f` of entry `n` of root `root` (of `meta` itself for its fields).
    fn field_item(&self, root: u8, n: u16, f: u8) -> Id {
        let r = usize::from(root) % self.roots.len();
        let parent = if self.aim.entries[r].is_empty() {
            Where::Root(self.roots[r].to_string())
        } else {
            Where::Type(self.entry_item(root, n))
        };
        self.aim.field(&parent, f).map_or(Id::new(1, 0), |e| e.1)
    }

    /// The root whose entry (or field of one) `pick` names, by number.
    fn root_of(&self, pick: &ParentPick) -> Option<usize> {
        match pick {
            ParentPick::Root(r) => Some(usize::from(*r)).filter(|r| *r < self.roots.len()),
            ParentPick::Type(IdPick::Entry(r, _) | IdPick::Field(r, _, _)) => {
                Some(usize::from(*r) % self.roots.len())
            }
            _ => None,
        }
    }

    /// The key for `pick`, written by item `id` under `parent`.
    fn key(&self, pick: &KeyPick, parent: &ParentPick, id: Id) -> String {
        match pick {
            KeyPick::Field(f) => self.fields[usize::from(*f) % self.fields.len()].to_string(),
            KeyPick::Entry(e) => self.entry(*e),
            KeyPick::Fresh(prefix) => format!("{prefix}{:x}-{}", id.client, id.clock),
            KeyPick::Other(s) => s.clone(),
            KeyPick::Own(f) => {
                let fields = match self.root_of(parent) {
                    Some(r) => &self.schema[r].1,
                    None => &self.fields,
                };
                fields[usize::from(*f) % fields.len().max(1)].to_string()
            }
            KeyPick::EntryOf(r, n) => self
                .aim
                .entry(*r, *n)
                .map(|e| e.0.clone())
                .unwrap_or_default(),
            KeyPick::Revision(n, k) => {
                let remarks = self.roots.iter().position(|r| *r == "remarks").unwrap_or(0);
                let remark = self.aim.entry(remarks as u8, *n).map(|e| e.0.as_str());
                format!("{}~{}", remark.unwrap_or_default(), k % 4)
            }
        }
    }

    fn entry(&self, n: u16) -> String {
        self.entries
            .get(usize::from(n) % self.entries.len().max(1))
            .cloned()
            .unwrap_or_default()
    }

    fn client(&self, pick: &ClientPick, own: &[u64]) -> u64 {
        match pick {
            ClientPick::Own(n) => own[usize::from(*n) % own.len()],
            ClientPick::Known(n) => self
                .clients
                .get(usize::from(*n) % self.clients.len().max(1))
                .copied()
                .unwrap_or(1),
            ClientPick::Raw(c) => *c & samrad_domain::wire::MAX_CLIENT_ID,
        }
    }

    fn clock(&self, pick: &ClockPick, client: u64) -> u32 {
        let next = self.sv.get(&samrad_domain::yrs::ClientID::new(client));
        match pick {
            ClockPick::Next => next,
            ClockPick::Near(d) => next.saturating_add_signed(i32::from(*d)),
            ClockPick::Raw(c) => *c,
        }
    }

    fn string(&self, pick: &StrPick) -> String {
        match pick {
            StrPick::Entry(n) => self.entry(*n),
            StrPick::Participant(n) => self.person(*n).id,
            StrPick::Identity(n, what) => {
                let p = self.person(*n);
                match what % 3 {
                    0 => p.name,
                    1 => p.organisation,
                    _ => p.role.key().to_string(),
                }
            }
            StrPick::Key(n) => KEYS[usize::from(*n) % KEYS.len()].to_string(),
            StrPick::Other(s) => s.clone(),
            StrPick::Date(days) => date(crate::NOW + f64::from(*days) * 86_400_000.0),
        }
    }

    fn person(&self, n: u8) -> Participant {
        self.participants[usize::from(n) % self.participants.len()].clone()
    }
}

/// Keys of the agreement's enumerations: phases, remark kinds, stance, disposition and support
/// values, roles.
const KEYS: &[&str] = &[
    "drafting",
    "consultation",
    "merging",
    "closed",
    "comment",
    "question",
    "proposal",
    "supports",
    "opposes",
    "supports_with_changes",
    "no_remarks",
    "accepted",
    "rejected",
    "noted",
    "answered",
    "for",
    "against",
    "member",
    "jurist",
    "coordinator",
    "observer",
    "reservation",
    "special_statement",
    "condition",
];

/// The calendar date (UTC) of `ms`, written `2027-01-15`.
fn date(ms: f64) -> String {
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let z = (ms / 86_400_000.0).floor() as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// A value, owned, before it is written (the wire's `Value` borrows its strings).
enum Owned {
    Undefined,
    Null,
    Int(i64),
    Float(f64),
    Bool(bool),
    Str(String),
    Buf(Vec<u8>),
    Array(Vec<Owned>),
    Map(Vec<(String, Owned)>),
}

impl Owned {
    fn view(&self) -> Value<'_> {
        match self {
            Owned::Undefined => Value::Undefined,
            Owned::Null => Value::Null,
            Owned::Int(n) => Value::Int(*n),
            Owned::Float(f) => Value::Float(*f),
            Owned::Bool(b) => Value::Bool(*b),
            Owned::Str(s) => Value::Str(s),
            Owned::Buf(b) => Value::Buf(b),
            Owned::Array(items) => Value::Array(items.iter().map(Owned::view).collect()),
            Owned::Map(entries) => Value::Map(
                entries
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.view()))
                    .collect(),
            ),
        }
    }
}

/// An item's content, owned.
enum OwnedContent {
    Deleted(u32),
    Json(Vec<String>),
    Binary(Vec<u8>),
    String(String),
    Embed(String),
    Format(String, String),
    Type(TypeKind),
    Any(Vec<Owned>),
    Doc(String),
}

impl OwnedContent {
    fn view(&self) -> Content<'_> {
        match self {
            OwnedContent::Deleted(n) => Content::Deleted(*n),
            OwnedContent::Json(v) => Content::Json(v.iter().map(String::as_str).collect()),
            OwnedContent::Binary(b) => Content::Binary(b),
            OwnedContent::String(s) => Content::String(s),
            OwnedContent::Embed(s) => Content::Embed(s),
            OwnedContent::Format(k, v) => Content::Format(k, v),
            OwnedContent::Type(t) => Content::Type(*t),
            OwnedContent::Any(v) => Content::Any(v.iter().map(Owned::view).collect()),
            OwnedContent::Doc(g) => Content::Doc(g),
        }
    }
}

/// A block, owned.
enum OwnedBlock {
    Gc(Id, u32),
    Skip(Id, u32),
    Item {
        id: Id,
        origin: Option<Id>,
        right_origin: Option<Id>,
        parent: OwnedParent,
        key: Option<String>,
        content: OwnedContent,
    },
}

enum OwnedParent {
    Root(String),
    Type(Id),
}

/// The v1 bytes of `spec`, sent by a connection writing as `own`, aimed at `world`.
pub fn update(spec: &UpdateSpec, world: &World, own: &[u64]) -> Vec<u8> {
    // First every block's id (a block may name any other of the update).
    let mut ids = Vec::new();
    let mut placed = Vec::new();
    for section in &spec.sections {
        let client = world.client(&section.client, own);
        let mut clock = world.clock(&section.clock, client);
        for block in &section.blocks {
            let id = Id::new(client, clock);
            let len = match block {
                BlockSpec::Gc(n) | BlockSpec::Skip(n) => u32::from(*n).max(1),
                BlockSpec::Item(item) => content(&item.content, world).view().len().max(1),
            };
            ids.push(id);
            placed.push((id, len));
            clock = clock.saturating_add(len);
        }
    }
    let pick = |p: &IdPick| match p {
        IdPick::Existing(n) => world.item(*n),
        IdPick::InUpdate(n) => ids
            .get(usize::from(*n) % ids.len().max(1))
            .copied()
            .unwrap_or(Id::new(own[0], 0)),
        IdPick::Raw(c, k) => Id::new(*c & samrad_domain::wire::MAX_CLIENT_ID, *k),
        IdPick::Entry(r, n) => world.entry_item(*r, *n),
        IdPick::Field(r, n, f) => world.field_item(*r, *n, *f),
    };
    let mut owned = Vec::new();
    let mut n = 0;
    for section in &spec.sections {
        for block in &section.blocks {
            let (id, len) = placed[n];
            n += 1;
            owned.push(match block {
                BlockSpec::Gc(_) => OwnedBlock::Gc(id, len),
                BlockSpec::Skip(_) => OwnedBlock::Skip(id, len),
                BlockSpec::Item(item) => OwnedBlock::Item {
                    id,
                    origin: item.origin.as_ref().map(pick),
                    right_origin: item.right_origin.as_ref().map(pick),
                    parent: match &item.parent {
                        ParentPick::Root(r) => OwnedParent::Root(
                            world
                                .roots
                                .get(usize::from(*r))
                                .map_or_else(|| format!("root{r}"), |r| r.to_string()),
                        ),
                        ParentPick::Named(name) => OwnedParent::Root(name.clone()),
                        ParentPick::Type(p) => OwnedParent::Type(pick(p)),
                    },
                    key: item.key.as_ref().map(|k| world.key(k, &item.parent, id)),
                    content: content(&item.content, world),
                },
            });
        }
    }
    let deleted = spec
        .deleted
        .iter()
        .map(|(c, k, len)| {
            let client = world.client(c, own);
            (client, world.clock(k, client), u32::from(*len))
        })
        .collect();
    let blocks = owned
        .iter()
        .map(|b| match b {
            OwnedBlock::Gc(id, len) => Block::Gc { id: *id, len: *len },
            OwnedBlock::Skip(id, len) => Block::Skip { id: *id, len: *len },
            OwnedBlock::Item {
                id,
                origin,
                right_origin,
                parent,
                key,
                content,
            } => {
                let content = content.view();
                Block::Item(Item {
                    id: *id,
                    len: content.len(),
                    origin: *origin,
                    right_origin: *right_origin,
                    parent: Some(match parent {
                        OwnedParent::Root(name) => Parent::Root(name),
                        OwnedParent::Type(t) => Parent::Type(*t),
                    }),
                    key: key.as_deref(),
                    content,
                })
            }
        })
        .collect();
    encode_update(&ParsedUpdate { blocks, deleted })
}

fn content(spec: &ContentSpec, world: &World) -> OwnedContent {
    match spec {
        ContentSpec::Deleted(n) => OwnedContent::Deleted(u32::from(*n)),
        ContentSpec::Json(v) => OwnedContent::Json(v.clone()),
        ContentSpec::Binary(b) => OwnedContent::Binary(b.clone()),
        ContentSpec::String(s) => OwnedContent::String(world.string(s)),
        ContentSpec::Embed(s) => OwnedContent::Embed(s.clone()),
        ContentSpec::Format(k, v) => OwnedContent::Format(k.clone(), v.clone()),
        ContentSpec::Type(t) => OwnedContent::Type(
            [
                TypeKind::Map,
                TypeKind::Text,
                TypeKind::Array,
                TypeKind::XmlElement,
                TypeKind::XmlFragment,
                TypeKind::XmlHook,
                TypeKind::XmlText,
                TypeKind::SubDoc,
                TypeKind::Undefined,
            ][usize::from(*t) % 9],
        ),
        ContentSpec::Any(values) => {
            OwnedContent::Any(values.iter().map(|v| value(v, world)).collect())
        }
        ContentSpec::Doc(g) => OwnedContent::Doc(g.clone()),
        ContentSpec::Deep(depth) => {
            let mut v = Owned::Null;
            for _ in 0..usize::from(*depth).min(DEEPEST) {
                v = Owned::Array(vec![v]);
            }
            OwnedContent::Any(vec![v])
        }
    }
}

fn value(spec: &ValueSpec, world: &World) -> Owned {
    match spec {
        ValueSpec::Undefined => Owned::Undefined,
        ValueSpec::Null => Owned::Null,
        ValueSpec::Int(n) => Owned::Int(*n),
        ValueSpec::Float(f) => Owned::Float(*f),
        ValueSpec::Bool(b) => Owned::Bool(*b),
        ValueSpec::Str(s) => Owned::Str(world.string(s)),
        ValueSpec::Buf(b) => Owned::Buf(buf(b, world)),
        ValueSpec::Array(items) => Owned::Array(items.iter().map(|v| value(v, world)).collect()),
        ValueSpec::Map(entries) => Owned::Map(
            entries
                .iter()
                .map(|(k, v)| (k.clone(), value(v, world)))
                .collect(),
        ),
        ValueSpec::Time(minutes) => Owned::Float(crate::NOW + f64::from(*minutes) * 60_000.0),
        ValueSpec::Rows(rows) => Owned::Array(
            rows.iter()
                .map(|(a, b, c)| {
                    let cells = [a, b, c].map(|s| Owned::Str(world.string(s)));
                    Owned::Array(cells.into_iter().collect())
                })
                .collect(),
        ),
        ValueSpec::Roles(bits) => {
            let roles = ["member", "jurist", "coordinator", "observer"];
            let mut keys: Vec<Owned> = (0..4)
                .filter(|b| bits & (1 << b) != 0)
                .map(|b| Owned::Str(roles[b].to_string()))
                .collect();
            if bits & 0x80 != 0 {
                keys.push(Owned::Str(roles[usize::from(bits >> 4) % 4].to_string()));
            }
            Owned::Array(keys)
        }
    }
}

fn buf(pick: &BufPick, world: &World) -> Vec<u8> {
    let id = |p: &IdPick| match p {
        IdPick::Existing(n) | IdPick::InUpdate(n) => world.item(*n),
        IdPick::Raw(c, k) => Id::new(*c & samrad_domain::wire::MAX_CLIENT_ID, *k),
        IdPick::Entry(r, n) => world.entry_item(*r, *n),
        IdPick::Field(r, n, f) => world.field_item(*r, *n, *f),
    };
    match pick {
        BufPick::Anchor(p, after) => {
            let id = id(p);
            let id =
                samrad_domain::yrs::ID::new(samrad_domain::yrs::ClientID::new(id.client), id.clock);
            let assoc = if *after {
                samrad_domain::yrs::Assoc::After
            } else {
                samrad_domain::yrs::Assoc::Before
            };
            StickyIndex::from_id(id, assoc).encode_v1()
        }
        BufPick::Run(p, len) => {
            let id = id(p);
            let mut out = Vec::new();
            for n in [1, id.client, u64::from(id.clock), u64::from(*len)] {
                let mut n = n;
                while n >= 0x80 {
                    out.push((n as u8 & 0x7f) | 0x80);
                    n >>= 7;
                }
                out.push(n as u8);
            }
            out
        }
        BufPick::Other(b) => b.clone(),
    }
}

/// A presence state's JSON.
pub fn presence(json: &PresenceJson) -> String {
    match json {
        PresenceJson::Null => "null".into(),
        PresenceJson::Object(fields) => {
            let map: serde_like::Map = fields.iter().cloned().collect();
            map.to_json()
        }
        PresenceJson::Text(t) => t.clone(),
        PresenceJson::Deep(d) => {
            let d = usize::from(*d).min(DEEPEST);
            format!("{}{}", "[".repeat(d), "]".repeat(d))
        }
    }
}

/// Just enough JSON writing for presence objects (no serde in this crate).
mod serde_like {
    pub struct Map(Vec<(String, String)>);

    impl FromIterator<(String, String)> for Map {
        fn from_iter<I: IntoIterator<Item = (String, String)>>(iter: I) -> Self {
            Map(iter.into_iter().collect())
        }
    }

    fn quote(s: &str) -> String {
        let mut out = String::from("\"");
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
                c => out.push(c),
            }
        }
        out.push('"');
        out
    }

    impl Map {
        pub fn to_json(&self) -> String {
            let body: Vec<String> = self
                .0
                .iter()
                .map(|(k, v)| format!("{}:{}", quote(k), quote(v)))
                .collect();
            format!("{{{}}}", body.join(","))
        }
    }
}

/// The phase numbered `n`.
pub fn phase(n: u8) -> Phase {
    Phase::ALL[usize::from(n) % Phase::ALL.len()]
}

/// Performs `op` on `a` as `who` at `now_ms`; a refusal by the domain changes nothing.
pub fn perform(op: &Op, a: &Agreement, who: &Participant, now_ms: f64) {
    let clauses: Vec<String> = a.clauses().into_iter().map(|c| c.id).collect();
    let pick = |list: &[String], n: u8| -> String {
        list.get(usize::from(n) % list.len().max(1))
            .cloned()
            .unwrap_or_default()
    };
    let remarks = || -> Vec<String> {
        let mut ids: Vec<String> = clauses
            .iter()
            .flat_map(|c| a.remarks_of(c))
            .flat_map(|r| std::iter::once(r.id.clone()).chain(r.replies.into_iter().map(|x| x.id)))
            .collect();
        ids.sort();
        ids
    };
    let _ = match op {
        Op::Remark {
            clause,
            kind,
            range,
            body,
            mention,
        } => {
            let kind = [
                RemarkKind::Comment,
                RemarkKind::Question,
                RemarkKind::Proposal,
            ][usize::from(*kind) % 3];
            let draft = RemarkDraft {
                clause: pick(&clauses, *clause),
                kind,
                target: match range {
                    Some((s, e)) => Target::Range {
                        start: u32::from(*s),
                        end: u32::from(*s) + u32::from(*e),
                    },
                    None => Target::Clause,
                },
                body: body.clone(),
                proposed_text: (kind == RemarkKind::Proposal).then(|| format!("{body} (ny)")),
                mentions: mention
                    .map(|m| demo::participants()[usize::from(m) % 4].id.clone())
                    .into_iter()
                    .collect(),
            };
            a.write_remark(who, draft, now_ms).map(|_| ())
        }
        Op::Reply { to, body } => a
            .reply(&pick(&remarks(), *to), who, body, now_ms)
            .map(|_| ()),
        Op::Edit { remark, body } => {
            a.edit_remark(who, &pick(&remarks(), *remark), body, None, now_ms)
        }
        Op::Withdraw { remark } => a.withdraw_remark(who, &pick(&remarks(), *remark)),
        Op::Support { remark, value } => a.set_support(
            who,
            &pick(&remarks(), *remark),
            value.map(|v| if v { Support::For } else { Support::Against }),
        ),
        Op::Stance {
            clause,
            value,
            motivation,
        } => a.set_stance(
            who,
            &pick(&clauses, *clause),
            StanceValue::ALL[usize::from(*value) % 4],
            motivation,
            now_ms,
        ),
        Op::Answer => a.send_answer(who, now_ms).map(|_| ()),
        Op::Dispose { remark, value } => a.set_disposition(
            who,
            &pick(&remarks(), *remark),
            DispositionValue::ALL[usize::from(*value) % 5],
            "",
            now_ms,
        ),
        Op::Accept { remark } => a.accept_proposal(who, &pick(&remarks(), *remark), "", now_ms),
        Op::Settle => a.settle_acceptances(who).map(|_| ()),
        Op::Phase(p) => a.set_phase(who, phase(*p), Some(now_ms + 1e9)),
        Op::Version(name) => a.cut_version(who, name, now_ms).map(|_| ()),
        Op::EditText {
            clause,
            at,
            delete,
            insert,
        } => a.edit_clause_text(
            who,
            &pick(&clauses, *clause),
            u32::from(*at),
            u32::from(*delete),
            insert,
        ),
        Op::InsertClause { chapter, heading } => {
            let chapters: Vec<String> = a.chapters().into_iter().map(|c| c.id).collect();
            a.insert_clause(
                who,
                &pick(&chapters, *chapter),
                None,
                "9.9",
                heading,
                "Text.",
            )
            .map(|_| ())
        }
        Op::MoveClause { clause, chapter } => {
            let chapters: Vec<String> = a.chapters().into_iter().map(|c| c.id).collect();
            a.move_clause(
                who,
                &pick(&clauses, *clause),
                &pick(&chapters, *chapter),
                None,
            )
        }
        Op::RemoveClause { clause } => a.remove_clause(who, &pick(&clauses, *clause)),
        Op::Extend { organisation, days } => {
            let org = demo::participants()[usize::from(*organisation) % 4]
                .organisation
                .clone();
            a.extend_deadline(who, &org, now_ms + f64::from(*days) * 86_400_000.0)
        }
        Op::Skewed(minutes, op) => {
            perform(op, a, who, now_ms + f64::from(*minutes) * 60_000.0);
            Ok(())
        }
        other => paperwork(other, a, who, now_ms, &clauses),
    };
}

/// The consultation's paperwork: approvals, responses, answers with decisions, answers recorded
/// for an organisation, who may propose, the case number, a new draft.
fn paperwork(
    op: &Op,
    a: &Agreement,
    who: &Participant,
    now_ms: f64,
    clauses: &[String],
) -> Result<(), samrad_domain::DomainError> {
    let pick = |list: &[String], n: u8| -> String {
        list.get(usize::from(n) % list.len().max(1))
            .cloned()
            .unwrap_or_default()
    };
    let chapters: Vec<String> = a.chapters().into_iter().map(|c| c.id).collect();
    let day = 86_400_000.0;
    match op {
        Op::Approve {
            chapters: bits,
            body,
            days_ago,
        } => {
            let chosen: Vec<String> = (0..8)
                .filter(|b| bits & (1 << b) != 0)
                .map(|b| pick(&chapters, b))
                .collect();
            let on = now_ms - f64::from(*days_ago) * day;
            a.approve_chapters(who, &chosen, body, on, now_ms)
        }
        Op::Reopen { chapter, reason } => {
            a.reopen_chapter(who, &pick(&chapters, *chapter), reason, now_ms)
        }
        Op::Respond { clause, text } => a.set_response(who, &pick(clauses, *clause), text, now_ms),
        Op::EditResponse {
            clause,
            at,
            delete,
            insert,
        } => {
            let edit = (u32::from(*at), u32::from(*delete), insert.as_str());
            a.edit_response(who, &pick(clauses, *clause), edit, now_ms)
        }
        Op::AnswerWith(spec) => {
            let decision = decision(spec, clauses, now_ms);
            a.send_answer_with(who, Some(&decision), now_ms).map(|_| ())
        }
        Op::RecordAnswer {
            organisation,
            clause,
            value,
            decision: spec,
        } => {
            let org = demo::participants()[usize::from(*organisation) % 4]
                .organisation
                .clone();
            let stance = samrad_domain::Stance {
                value: StanceValue::ALL[usize::from(*value) % 4],
                motivation: String::new(),
            };
            let decision = spec.as_ref().map(|d| decision(d, clauses, now_ms));
            let stances = [(pick(clauses, *clause), stance)];
            a.record_answer(who, &org, &stances, decision.as_ref(), now_ms)
                .map(|_| ())
        }
        Op::Proposers(bits) => {
            let mut proposers = samrad_domain::Proposers::DEFAULT;
            for (b, role) in samrad_domain::Proposers::ROLES.into_iter().enumerate() {
                proposers = proposers.with(role, bits & (1 << b) != 0);
            }
            a.set_proposers(who, proposers)
        }
        Op::CaseNumber(case) => a.set_case_number(who, case.as_deref()),
        Op::Redraft(n) => a
            .replace_draft(who, &crate::seeds::draft(usize::from(*n % 4)))
            .map(|_| ()),
        _ => Ok(()),
    }
}

/// The decision `spec` describes, its condition on one of `clauses`.
fn decision(spec: &DecisionSpec, clauses: &[String], now_ms: f64) -> samrad_domain::Decision {
    use samrad_domain::{Condition, Reservation, ReservationKind};
    samrad_domain::Decision {
        body: spec.body.clone(),
        date: date(now_ms - f64::from(spec.days_ago) * 86_400_000.0),
        item: spec.item.clone(),
        reservations: spec
            .reservation
            .iter()
            .map(|(party, statement, text)| Reservation {
                party: party.clone(),
                kind: ReservationKind::ALL[usize::from(*statement)],
                text: text.clone(),
            })
            .collect(),
        conditions: spec
            .condition
            .iter()
            .map(|(clause, text)| Condition {
                clause: clauses
                    .get(usize::from(*clause) % clauses.len().max(1))
                    .cloned()
                    .unwrap_or_default(),
                text: text.clone(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seeds::{state, trusted};
    use samrad_server::room::SERVER_CLIENT_ID;

    fn world(seed: usize) -> World {
        World::of(&trusted(SERVER_CLIENT_ID, state(seed)).expect("a seed loads"))
    }

    fn fields_of(w: &World, root: &str, key: &str) -> Vec<String> {
        let r = w.roots.iter().position(|r| *r == root).expect("a root");
        let parent = match w.aim.entries[r].iter().find(|(k, _)| k == key) {
            Some((_, id)) => Where::Type(*id),
            None => Where::Root(root.to_string()),
        };
        let fields = w.aim.fields.get(&parent).cloned().unwrap_or_default();
        fields.into_iter().map(|(f, _)| f).collect()
    }

    /// The consulted seed (in consultation: seed 5) holds an entry in every root but `meta`,
    /// and the fields the inputs aim at: approvals, a reopening, a case number, proposers, a
    /// decision, an answer recorded on an organisation's behalf, a response, a revision.
    #[test]
    fn inputs_can_aim_at_every_root_and_the_consultations_paperwork() {
        let w = world(5);
        for (r, root) in w.roots.iter().enumerate().skip(1) {
            assert!(!w.aim.entries[r].is_empty(), "nothing in {root}");
        }
        let meta = fields_of(&w, "meta", "");
        assert!(meta.contains(&"case_number".into()) && meta.contains(&"proposers".into()));
        let chapters: Vec<Vec<String>> = w.aim.entries[1]
            .iter()
            .map(|(k, _)| fields_of(&w, "chapters", k))
            .collect();
        assert!(chapters.iter().any(|f| f.contains(&"approved_body".into())));
        assert!(chapters.iter().any(|f| f.contains(&"reopen_reason".into())));
        let answers: Vec<Vec<String>> = w.aim.entries[8]
            .iter()
            .map(|(k, _)| fields_of(&w, "answers", k))
            .collect();
        assert!(answers.iter().any(|f| f.contains(&"decision_notes".into())));
        assert!(answers.iter().any(|f| f.contains(&"on_behalf".into())));
        let redrafted = world(8);
        let removed = redrafted.aim.entries[1]
            .iter()
            .any(|(k, _)| fields_of(&redrafted, "chapters", k).contains(&"removed".into()));
        assert!(removed, "no removed chapter in the redrafted seed");
    }

    /// Keys aimed at a root's entries and fields name what that root has.
    #[test]
    fn keys_follow_the_root_they_are_written_into() {
        let w = world(5);
        let id = Id::new(100, 0);
        let parent = ParentPick::Type(IdPick::Entry(15, 0));
        let key = w.key(&KeyPick::Own(1), &parent, id);
        assert_eq!(key, "updated_by", "a response's second field");
        let clause = w.key(&KeyPick::EntryOf(15, 0), &parent, id);
        assert!(
            clause.starts_with('c'),
            "a response is keyed by a clause: {clause}"
        );
        let revision = w.key(&KeyPick::Revision(0, 5), &parent, id);
        assert!(
            revision.ends_with("~1") && revision.starts_with('r'),
            "{revision}"
        );
        assert_eq!(date(crate::NOW), "2027-01-15");
    }
}
