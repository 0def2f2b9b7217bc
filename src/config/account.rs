//! Which account a run acts on: the one precedence table, and the checks that keep a run from
//! changing someone else's profile.
//!
//! Strongest first: the environment's credentials, `-a`, `TWPROFILE_ACCOUNT`, a profile file's
//! `account` key, `default_account` (or the only account). Two that name different accounts are
//! refused before any request; the environment's credentials name no account, so a name given
//! beside them must be confirmed by the user the API says they belong to.

use serde_json::Value;

use super::{Environment, Identity, shell_quote};
use crate::error::Error;

/// What a run was asked to act as, besides the environment.
#[derive(Clone, Copy, Debug, Default)]
pub struct Wanted<'a> {
    /// `-a` / `--account`.
    pub flag: Option<&'a str>,
    /// A profile file's `account` key, with the file as shown.
    pub file: Option<(&'a str, &'a str)>,
    /// A profile file's `screen_name` pin, with the file as shown.
    pub pin: Option<(&'a str, &'a str)>,
}

/// Where the name of the account came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// `-a` / `--account`
    Flag,
    /// `TWPROFILE_ACCOUNT`
    Variable,
    /// A profile file's `account` key (the file as shown).
    ProfileFile(String),
    /// The config file's `default_account`, or its only account.
    Default,
}

impl Source {
    /// How the source named `name`, for errors: `--account alice`, `TWPROFILE_ACCOUNT=alice`.
    pub fn named(&self, name: &str) -> String {
        let quoted = shell_quote(name);
        match self {
            Source::Flag => format!("--account {quoted}"),
            Source::Variable => format!("TWPROFILE_ACCOUNT={quoted}"),
            Source::ProfileFile(file) => format!("account = '{name}' in {file}"),
            Source::Default => format!("default_account '{name}'"),
        }
    }
}

/// The account a run names on purpose (`-a`, `TWPROFILE_ACCOUNT`, a profile file), if any. Two
/// that name different accounts are refused: which profile to change is never guessed.
pub fn named(wanted: &Wanted, env: &Environment) -> Result<Option<(String, Source)>, Error> {
    let given = [
        wanted.flag.map(|name| (name, Source::Flag)),
        env.account.as_deref().map(|name| (name, Source::Variable)),
        wanted
            .file
            .map(|(name, file)| (name, Source::ProfileFile(file.to_owned()))),
    ];
    let mut given = given.into_iter().flatten();
    let Some((first, source)) = given.next() else {
        return Ok(None);
    };
    if let Some((other, other_source)) = given.find(|(name, _)| *name != first) {
        return Err(Error::config(format!(
            "{} and {} name different accounts; refusing to guess whose profile to change",
            source.named(first),
            other_source.named(other)
        ))
        .with_hint("name one account: make them agree, or leave one out"));
    }
    Ok(Some((first.to_owned(), source)))
}

/// A user the profile read must turn out to be, and why.
#[derive(Clone, Debug)]
pub struct Owner {
    /// Whom the profile must belong to.
    pub identity: Identity,
    /// Where that expectation comes from: `account 'alice' in CONFIG`, `the screen_name pin of FILE`.
    pub why: String,
}

/// What the user object a read returned says about whose profile it is: `id_str`, else the
/// numeric `id`, and `screen_name`.
pub fn live_identity(user: &Value) -> Identity {
    let text = |key: &str| {
        user.get(key)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    Identity {
        screen_name: text("screen_name"),
        user_id: text("id_str").or_else(|| {
            user.get("id")
                .and_then(Value::as_u64)
                .map(|id| id.to_string())
        }),
    }
}

/// Whether the live user is the one `owner` names: by id when the owner has one (a handle may
/// have been renamed), else by handle, case aside. What the answer leaves out never matches.
fn same_user(owner: &Identity, live: &Identity) -> bool {
    match (&owner.user_id, &owner.screen_name) {
        (Some(id), _) => live.user_id.as_deref() == Some(id.as_str()),
        (None, Some(handle)) => live
            .screen_name
            .as_deref()
            .is_some_and(|live| live.eq_ignore_ascii_case(handle)),
        (None, None) => true,
    }
}

/// The user id an X access token carries: tokens are `USERID-…`. `None` for any other shape.
pub fn token_user_id(token: &str) -> Option<&str> {
    let (id, rest) = token.split_once('-')?;
    (!id.is_empty() && !rest.is_empty() && id.bytes().all(|b| b.is_ascii_digit())).then_some(id)
}

/// Refuses, before any request, tokens that say they are another user's than an owner with a
/// recorded id: an access token begins with its user's id.
pub fn confirm_token(owners: &[Owner], token: &str) -> Result<(), Error> {
    let Some(id) = token_user_id(token) else {
        return Ok(());
    };
    for owner in owners {
        if let Some(expected) = &owner.identity.user_id
            && expected != id
        {
            return Err(Error::config(format!(
                "the access token is user {id}'s, but {} is {} (user {expected}); nothing was changed",
                owner.why,
                crate::sanitize::line(&owner.identity.describe())
            ))
            .with_hint(
                "use the tokens of the account meant: `twprofile auth login --account NAME` saves them with their user",
            ));
        }
    }
    Ok(())
}

/// Whether the access token alone shows that the run acts as every owner: each has a recorded
/// user id and the token carries one, which [`confirm_token`] compared. Else (an owner known
/// only by handle, a token of another shape) a read must show it before anything is written.
pub fn token_proves(owners: &[Owner], token: &str) -> bool {
    token_user_id(token).is_some() && owners.iter().all(|o| o.identity.user_id.is_some())
}

/// A pin as written (`@Alice_Example`, `alice_example`): the handle without `@`.
pub fn pin_identity(pin: &str) -> Identity {
    Identity {
        screen_name: Some(pin.strip_prefix('@').unwrap_or(pin).to_owned()),
        user_id: None,
    }
}

/// Refuses a profile that is not the one every owner expects (exit 3): the credentials belong to
/// someone else.
pub fn confirm(owners: &[Owner], user: &Value) -> Result<(), Error> {
    let live = live_identity(user);
    for owner in owners {
        if !same_user(&owner.identity, &live) {
            return Err(Error::config(format!(
                "these credentials act as {}, but {} is {}; nothing was changed",
                crate::sanitize::line(&live.describe()),
                owner.why,
                crate::sanitize::line(&owner.identity.describe())
            ))
            .with_hint(
                "use the credentials of the account meant, or correct the name or pin that says otherwise",
            ));
        }
    }
    Ok(())
}
