//! The PIN flow's two calls: `oauth/request_token` and `oauth/access_token`, whose answers are
//! form-encoded pairs.

use super::{Client, Method};
use crate::error::{Error, Kind};
use crate::secret::Secret;

/// The endpoint that starts the PIN flow.
pub const REQUEST_TOKEN: &str = "/oauth/request_token";
/// The endpoint that trades a request token and a PIN for an access token.
pub const ACCESS_TOKEN: &str = "/oauth/access_token";

/// A request token: shown in the authorize address, signed with until the PIN comes.
pub struct RequestToken {
    /// `oauth_token`
    pub token: String,
    /// `oauth_token_secret`
    pub secret: String,
}

/// An access token, and whom it acts for as far as the API said.
pub struct AccessToken {
    /// `oauth_token`
    pub token: Secret,
    /// `oauth_token_secret`
    pub secret: Secret,
    /// `screen_name`, as the API sent it (not checked).
    pub screen_name: Option<String>,
    /// `user_id`, as the API sent it (not checked).
    pub user_id: Option<String>,
}

/// Asks for a request token, signed by the app alone (with `oauth_callback=oob`).
pub async fn request_token(client: &Client) -> Result<RequestToken, Error> {
    let reply = client.call(Method::Post, REQUEST_TOKEN, &[]).await?;
    let answer = form(&reply.body);
    Ok(RequestToken {
        token: answer.required("oauth_token", REQUEST_TOKEN)?,
        secret: answer.required("oauth_token_secret", REQUEST_TOKEN)?,
    })
}

/// Trades the request token and the PIN the client signs with for an access token.
pub async fn access_token(client: &Client) -> Result<AccessToken, Error> {
    let reply = client.call(Method::Post, ACCESS_TOKEN, &[]).await?;
    let answer = form(&reply.body);
    Ok(AccessToken {
        token: answer.token("oauth_token")?,
        secret: answer.token("oauth_token_secret")?,
        screen_name: answer.get("screen_name"),
        user_id: answer.get("user_id"),
    })
}

/// An `oauth/*` answer: `application/x-www-form-urlencoded` pairs.
struct Form(Vec<(String, String)>);

fn form(body: &[u8]) -> Form {
    Form(
        form_urlencoded::parse(body)
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect(),
    )
}

impl Form {
    fn get(&self, key: &str) -> Option<String> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    }

    /// A token or token secret from `oauth/access_token`, which will be saved and signed with.
    fn token(&self, key: &str) -> Result<Secret, Error> {
        let token = Secret::new(self.required(key, ACCESS_TOKEN)?);
        crate::config::check_credential(&token, &format!("the {key} from {ACCESS_TOKEN}"))
            .map_err(|e| e.with_kind(Kind::Failure))?;
        Ok(token)
    }

    fn required(&self, key: &str, endpoint: &str) -> Result<String, Error> {
        self.get(key).filter(|v| !v.is_empty()).ok_or_else(|| {
            Error::new(
                Kind::Failure,
                format!("the answer from {endpoint} has no {key}"),
            )
        })
    }
}
