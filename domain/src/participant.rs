use serde::{Deserialize, Serialize};

/// A participant's stable id, as issued by the server.
pub type ParticipantId = String;

/// What a participant may do in the consultation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Reads only.
    Observer,
    /// Writes remarks, replies, support and stance drafts (a politician).
    Member,
    /// A member who also proposes wording (a lawyer).
    Jurist,
    /// Also edits clause text, gives dispositions, cuts versions and invites.
    Coordinator,
}

impl Role {
    /// The stable key used in the document, in URLs and in UI string keys.
    pub fn key(self) -> &'static str {
        match self {
            Role::Observer => "observer",
            Role::Member => "member",
            Role::Jurist => "jurist",
            Role::Coordinator => "coordinator",
        }
    }

    /// Parses [`Role::key`].
    pub fn from_key(key: &str) -> Option<Role> {
        [
            Role::Observer,
            Role::Member,
            Role::Jurist,
            Role::Coordinator,
        ]
        .into_iter()
        .find(|r| r.key() == key)
    }

    /// Whether this role may write remarks and replies.
    pub fn may_remark(self) -> bool {
        !matches!(self, Role::Observer)
    }
}

/// Somebody taking part in an agreement's consultation, on behalf of an organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    /// Stable id issued by the server.
    pub id: ParticipantId,
    /// Display name.
    pub name: String,
    /// The organisation the participant speaks for.
    pub organisation: String,
    /// What the participant may do.
    pub role: Role,
}

impl crate::Agreement {
    /// Records a participant in the document so every replica can name authors, offer
    /// @mentions and list organisations. The server registers participants when it invites
    /// them; it alone may write this map.
    pub fn register_participant(&self, participant: &Participant) {
        self.register_participant_in(&mut yrs::Transact::transact_mut(&self.doc), participant);
    }

    /// [`Agreement::register_participant`] inside an open transaction (the server's guard
    /// writes it as its own change).
    pub fn register_participant_in(
        &self,
        txn: &mut yrs::TransactionMut,
        participant: &Participant,
    ) {
        use crate::schema::{self, participant as P, Val};
        use yrs::Map;
        let entry = schema::entry(
            &P::ROOT,
            vec![
                (&P::NAME, Val::Str(&participant.name)),
                (&P::ORGANISATION, Val::Str(&participant.organisation)),
                (&P::ROLE, Val::Str(participant.role.key())),
            ],
        );
        self.participants
            .insert(txn, participant.id.as_str(), entry);
    }

    /// Every registered participant, by name.
    pub fn participants(&self) -> Vec<Participant> {
        use crate::fields::{entries, string};
        use crate::schema::participant as P;
        use yrs::Transact;
        let txn = self.doc.transact();
        let mut people: Vec<Participant> = entries(&self.participants, &txn)
            .into_iter()
            .map(|(id, m)| Participant {
                id,
                name: string(&m, &txn, P::NAME.name),
                organisation: string(&m, &txn, P::ORGANISATION.name),
                role: Role::from_key(&string(&m, &txn, P::ROLE.name)).unwrap_or(Role::Observer),
            })
            .collect();
        crate::sorting::sort_by(&mut people, |a, b| {
            a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id))
        });
        people
    }

    /// A registered participant.
    pub fn participant(&self, id: &str) -> Option<Participant> {
        self.participants().into_iter().find(|p| p.id == id)
    }

    /// The organisations taking part, in name order.
    pub fn organisations(&self) -> Vec<String> {
        let mut orgs: Vec<String> = self
            .participants()
            .into_iter()
            .map(|p| p.organisation)
            .collect();
        crate::sorting::sort(&mut orgs);
        orgs.dedup();
        orgs
    }

    /// Names the participant who sends `organisation`'s answer (coordinators only).
    pub fn set_respondent(
        &self,
        actor: &Participant,
        organisation: &str,
        respondent: &str,
    ) -> Result<(), crate::DomainError> {
        use crate::schema::{self, organisation as O, Val};
        use yrs::{Map, Transact};
        self.check(actor, crate::Action::Manage)?;
        let mut txn = self.doc.transact_mut();
        let entry = schema::entry(&O::ROOT, vec![(&O::RESPONDENT, Val::Str(respondent))]);
        self.organisations.insert(&mut txn, organisation, entry);
        Ok(())
    }

    /// Who sends `organisation`'s answer, if named.
    pub fn respondent_of(&self, organisation: &str) -> Option<ParticipantId> {
        use crate::fields::{opt_string, submap};
        use yrs::Transact;
        let txn = self.doc.transact();
        submap(&self.organisations, &txn, organisation)
            .and_then(|m| opt_string(&m, &txn, crate::schema::organisation::RESPONDENT.name))
    }

    /// The server's rule for an organisation's respondent: coordinators name one of the
    /// organisation's participants.
    pub(crate) fn judge_organisation(
        &self,
        ctx: &crate::guard::Ctx,
        e: &crate::guard::NewEntry,
    ) -> Result<(), crate::guard::Refusal> {
        use crate::schema::organisation as O;
        let what = format!("{}/{}", O::ROOT.name, e.key);
        ctx.allow(&what, crate::Action::Manage)?;
        let respondent = e.str(&O::RESPONDENT).and_then(|id| self.participant(id));
        match respondent {
            Some(p) if *p.organisation == *e.key => Ok(()),
            _ => Err(crate::guard::forbid(
                &what,
                "the respondent is a participant of the organisation",
            )),
        }
    }
}
