//! Who may do what at the desk: role × language × action, decided by
//! [`authorize`] alone. `guard.rs` calls it for every desk route before the
//! route's handler runs; pages call it (through [`Desk::may`](super::Desk))
//! only to hide buttons a user could not use.
//!
//! - Admins may do everything.
//! - Editors read every desk page and sign out. Work on one language
//!   version (approving, holding, correcting a translation; deciding on a
//!   comment) needs that language in the editor's list. Work that reaches
//!   every language (taking an article down, filing it in a section,
//!   banning a commenter everywhere, the report threshold) needs an editor
//!   for every language (an empty list). Sources, sections, the glossary,
//!   users, the audit log and dead jobs are for admins only.

use store::{Role, User};

/// Something a desk route does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Action {
    /// Reads a desk page.
    Read,
    /// Ends the user's own session.
    SignOut,
    /// Approves, holds or unpublishes a language version, or corrects its segments.
    ReviewTranslation,
    /// Approves, rejects, marks as spam or deletes a comment.
    ModerateComment,
    /// Refuses every future comment from a poster, in every language.
    BanCommenter,
    /// Takes an article down in every language.
    TakeDown,
    /// Files an article in a section (every language's lists change).
    FileArticle,
    /// Sets how many readers' reports hide a comment.
    SetReportThreshold,
    /// Queues a dead job again.
    RetryJob,
    /// Pauses, resumes and edits sources.
    ManageSources,
    /// Renames sections and their addresses.
    ManageSections,
    /// Adds, removes, imports and exports glossary terms.
    ManageGlossary,
    /// Adds, disables and resets desk users.
    ManageUsers,
    /// Reads the audit log.
    ReadAudit,
}

/// How far an action reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reach {
    /// No language's content: any signed-in user.
    Desk,
    /// One language version: an editor for that language.
    OneLanguage,
    /// Every language: an editor for every language.
    EveryLanguage,
    /// The site's setup: admins.
    Setup,
}

impl Action {
    /// Every action, for tests that walk them all.
    #[cfg(test)]
    pub(crate) const ALL: [Action; 14] = [
        Action::Read,
        Action::SignOut,
        Action::ReviewTranslation,
        Action::ModerateComment,
        Action::BanCommenter,
        Action::TakeDown,
        Action::FileArticle,
        Action::SetReportThreshold,
        Action::RetryJob,
        Action::ManageSources,
        Action::ManageSections,
        Action::ManageGlossary,
        Action::ManageUsers,
        Action::ReadAudit,
    ];

    fn reach(self) -> Reach {
        match self {
            Action::Read | Action::SignOut => Reach::Desk,
            Action::ReviewTranslation | Action::ModerateComment => Reach::OneLanguage,
            Action::BanCommenter
            | Action::TakeDown
            | Action::FileArticle
            | Action::SetReportThreshold => Reach::EveryLanguage,
            Action::RetryJob
            | Action::ManageSources
            | Action::ManageSections
            | Action::ManageGlossary
            | Action::ManageUsers
            | Action::ReadAudit => Reach::Setup,
        }
    }
}

/// Why an action was refused; each names the desk string shown with the 403.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Denied {
    /// The action is for admins.
    AdminsOnly,
    /// The language is not in the editor's list (or the action names none).
    NotYourLanguage,
    /// The action reaches every language; the editor has a list.
    NotEveryLanguage,
}

impl Denied {
    /// The `desk-…` key explaining the refusal.
    pub(crate) fn key(self) -> &'static str {
        match self {
            Denied::AdminsOnly => "desk-only-admins",
            Denied::NotYourLanguage => "desk-not-your-language",
            Denied::NotEveryLanguage => "desk-needs-every-language",
        }
    }
}

/// Whether `user` may do `action` on content in `lang` (the language version
/// or comment acted on; `None` when the action names no language, which
/// refuses language-scoped actions to editors with a list).
pub(crate) fn authorize(user: &User, action: Action, lang: Option<&str>) -> Result<(), Denied> {
    if user.role == Role::Admin {
        return Ok(());
    }
    let every_language = user.languages.is_empty();
    match action.reach() {
        Reach::Desk => Ok(()),
        Reach::Setup => Err(Denied::AdminsOnly),
        Reach::EveryLanguage if every_language => Ok(()),
        Reach::EveryLanguage => Err(Denied::NotEveryLanguage),
        Reach::OneLanguage => match lang {
            Some(_) if every_language => Ok(()),
            Some(l) if user.languages.iter().any(|mine| mine == l) => Ok(()),
            _ => Err(Denied::NotYourLanguage),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(role: Role, languages: &[&str]) -> User {
        User {
            id: 1,
            username: "u".into(),
            password_hash: String::new(),
            role,
            languages: languages.iter().map(|l| l.to_string()).collect(),
        }
    }

    #[test]
    fn every_action_is_decided_by_role_reach_and_language() {
        let admin_fr = user(Role::Admin, &["fr"]);
        let editor_all = user(Role::Editor, &[]);
        let editor_fr = user(Role::Editor, &["fr"]);
        for action in Action::ALL {
            for lang in [Some("fr"), Some("en"), None] {
                assert_eq!(authorize(&admin_fr, action, lang), Ok(()), "{action:?}");
                let (all, fr) = (
                    authorize(&editor_all, action, lang),
                    authorize(&editor_fr, action, lang),
                );
                match action.reach() {
                    Reach::Desk => assert_eq!((all, fr), (Ok(()), Ok(()))),
                    Reach::Setup => assert_eq!(
                        (all, fr),
                        (Err(Denied::AdminsOnly), Err(Denied::AdminsOnly))
                    ),
                    Reach::EveryLanguage => {
                        assert_eq!((all, fr), (Ok(()), Err(Denied::NotEveryLanguage)))
                    }
                    Reach::OneLanguage => {
                        let expected = if lang == Some("fr") {
                            Ok(())
                        } else {
                            Err(Denied::NotYourLanguage)
                        };
                        assert_eq!(fr, expected, "{action:?} {lang:?}");
                        let expected_all = if lang.is_some() {
                            Ok(())
                        } else {
                            Err(Denied::NotYourLanguage)
                        };
                        assert_eq!(all, expected_all, "{action:?} {lang:?}");
                    }
                }
            }
        }
    }
}
