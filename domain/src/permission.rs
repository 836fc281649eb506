//! What each role may do in each phase: a pure function of the model, used alike by the app
//! (to offer only what is allowed), by the domain operations (to refuse) and by the server (to
//! reject updates that break the rules).

use crate::{Phase, Role};
use serde::{Deserialize, Serialize};

/// Something a participant may want to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Write a comment or question on a clause or a range.
    Remark,
    /// Propose replacement wording.
    Propose,
    /// Reply to a remark.
    Reply,
    /// Support or oppose a proposal.
    Support,
    /// Draft the organisation's stance on a clause.
    DraftStance,
    /// Send the organisation's answer (the respondent only).
    SendAnswer,
    /// Change clause text, including accepting a proposal.
    EditText,
    /// Add, move or remove chapters and clauses.
    EditStructure,
    /// Give a remark a disposition.
    Dispose,
    /// Cut a named version.
    CutVersion,
    /// Change the phase, deadlines and participants.
    Manage,
    /// Record an answer that came another way (by e-mail, on paper) for an organisation.
    RecordAnswer,
    /// Write the coordinators' response to what was said on a clause (bemötande / vurdering).
    Respond,
}

/// Whether `role` may perform `action` while the agreement is in `phase`.
pub fn may(role: Role, phase: Phase, action: Action) -> bool {
    use Action::*;
    use Phase::*;
    match role {
        Role::Observer => false,
        Role::Coordinator => match action {
            Manage | CutVersion => true,
            // The text is frozen while it is out for consultation and once closed.
            EditText | EditStructure => matches!(phase, Drafting | Merging),
            Dispose => !matches!(phase, Closed),
            Remark | Propose | Reply | Support => !matches!(phase, Closed),
            DraftStance | SendAnswer => matches!(phase, Consultation),
            // Answers still arrive by e-mail after the consultation closes; responses are
            // written while the answers come in and while they are compiled.
            RecordAnswer | Respond => matches!(phase, Consultation | Merging),
        },
        Role::Member | Role::Jurist => {
            match action {
                // Whether the role proposes at all is the agreement's choice (`Proposers`).
                Remark | Support | Propose => matches!(phase, Drafting | Consultation),
                // Answering a coordinator's question stays possible while remarks are merged.
                Reply => matches!(phase, Drafting | Consultation | Merging),
                DraftStance | SendAnswer => matches!(phase, Consultation),
                EditText | EditStructure | Dispose | CutVersion | Manage | RecordAnswer
                | Respond => false,
            }
        }
    }
}

/// Which roles may propose wording: the agreement's own choice, set by a coordinator (`meta`
/// field `proposers`). Reference groups differ — in some the politicians propose replacement
/// wording themselves, in others only the lawyers do — so it is not fixed per role. Absent, the
/// default holds: members, jurists and coordinators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Proposers(u8);

impl Proposers {
    /// The roles that may be given the right to propose (an observer never writes).
    pub const ROLES: [Role; 3] = [Role::Member, Role::Jurist, Role::Coordinator];
    /// What an agreement allows until a coordinator chooses otherwise.
    pub const DEFAULT: Proposers = Proposers(0b111);

    fn bit(role: Role) -> u8 {
        match role {
            Role::Member => 1,
            Role::Jurist => 2,
            Role::Coordinator => 4,
            Role::Observer => 0,
        }
    }

    /// Whether `role` may propose wording in this agreement.
    pub fn contains(self, role: Role) -> bool {
        Self::bit(role) != 0 && self.0 & Self::bit(role) != 0
    }

    /// The same choice with `role` allowed or not.
    pub fn with(self, role: Role, allowed: bool) -> Proposers {
        if allowed {
            Proposers(self.0 | Self::bit(role))
        } else {
            Proposers(self.0 & !Self::bit(role))
        }
    }

    /// The roles' keys, in [`Proposers::ROLES`] order, as the document stores them.
    pub fn keys(self) -> Vec<String> {
        Self::ROLES
            .into_iter()
            .filter(|r| self.contains(*r))
            .map(|r| r.key().to_string())
            .collect()
    }

    /// Reads stored keys; `None` when one names no role that may propose, or repeats one.
    pub fn from_keys<'a>(keys: impl IntoIterator<Item = &'a str>) -> Option<Proposers> {
        let mut set = Proposers(0);
        for key in keys {
            let role = Role::from_key(key).filter(|r| Self::bit(*r) != 0)?;
            if set.contains(role) {
                return None;
            }
            set = set.with(role, true);
        }
        Some(set)
    }
}

impl Default for Proposers {
    fn default() -> Self {
        Proposers::DEFAULT
    }
}

/// What an agreement's own settings say on top of [`may`]: the phase's rule, and whether the
/// agreement lets this role propose wording.
pub fn may_under(role: Role, phase: Phase, proposers: Proposers, action: Action) -> bool {
    may(role, phase, action) && (action != Action::Propose || proposers.contains(role))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn observers_never_write() {
        for phase in Phase::ALL {
            for action in [
                Action::Remark,
                Action::Reply,
                Action::Support,
                Action::Manage,
            ] {
                assert!(!may(Role::Observer, phase, action), "{phase:?} {action:?}");
            }
        }
    }

    #[test]
    fn text_is_frozen_during_consultation() {
        assert!(may(Role::Coordinator, Phase::Drafting, Action::EditText));
        assert!(!may(
            Role::Coordinator,
            Phase::Consultation,
            Action::EditText
        ));
        assert!(may(Role::Coordinator, Phase::Merging, Action::EditText));
        assert!(!may(Role::Coordinator, Phase::Closed, Action::EditText));
    }

    #[test]
    fn proposing_is_the_agreements_choice() {
        let d = Proposers::DEFAULT;
        for role in Proposers::ROLES {
            assert!(
                may_under(role, Phase::Drafting, d, Action::Propose),
                "{role:?}"
            );
        }
        assert!(!may_under(
            Role::Observer,
            Phase::Drafting,
            d,
            Action::Propose
        ));
        let jurists = Proposers::from_keys(["jurist", "coordinator"]).expect("known roles");
        assert!(!may_under(
            Role::Member,
            Phase::Drafting,
            jurists,
            Action::Propose
        ));
        assert!(may_under(
            Role::Jurist,
            Phase::Drafting,
            jurists,
            Action::Propose
        ));
        // The setting never opens what the phase closes.
        assert!(!may_under(Role::Member, Phase::Merging, d, Action::Propose));
        assert!(!may_under(Role::Jurist, Phase::Closed, d, Action::Propose));
    }

    #[test]
    fn proposers_read_only_known_roles_once() {
        assert_eq!(
            Proposers::from_keys(["member"]).map(|p| p.keys()),
            Some(vec!["member".to_string()])
        );
        assert_eq!(Proposers::from_keys(["observer"]), None);
        assert_eq!(Proposers::from_keys(["member", "member"]), None);
        assert_eq!(Proposers::from_keys(["judge"]), None);
        assert_eq!(
            Proposers::from_keys([]),
            Some(
                Proposers::DEFAULT
                    .with(Role::Member, false)
                    .with(Role::Jurist, false)
                    .with(Role::Coordinator, false)
            )
        );
    }

    #[test]
    fn stances_only_in_consultation() {
        assert!(!may(Role::Member, Phase::Drafting, Action::DraftStance));
        assert!(may(Role::Member, Phase::Consultation, Action::DraftStance));
        assert!(!may(Role::Member, Phase::Merging, Action::DraftStance));
    }

    #[test]
    fn only_coordinators_record_answers_and_respond_while_compiling() {
        for action in [Action::RecordAnswer, Action::Respond] {
            assert!(may(Role::Coordinator, Phase::Consultation, action));
            assert!(may(Role::Coordinator, Phase::Merging, action));
            assert!(!may(Role::Coordinator, Phase::Drafting, action));
            assert!(!may(Role::Coordinator, Phase::Closed, action));
            for role in [Role::Member, Role::Jurist, Role::Observer] {
                assert!(Phase::ALL.iter().all(|p| !may(role, *p, action)));
            }
        }
    }

    #[test]
    fn members_only_reply_while_merging() {
        assert!(!may(Role::Member, Phase::Merging, Action::Remark));
        assert!(may(Role::Member, Phase::Merging, Action::Reply));
        assert!(!may(Role::Member, Phase::Closed, Action::Reply));
    }
}
