//! A request as it goes on the wire: what the client sends and what `--dry-run` shows, so that
//! both can look down at it.

/// The HTTP method of a call; both are signed the same way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// Parameters in the query string.
    Get,
    /// Parameters in a form body.
    Post,
}

impl Method {
    /// `GET` or `POST`.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// A request as it goes on the wire.
#[derive(Debug)]
pub struct Prepared {
    /// `GET` or `POST`.
    pub method: Method,
    /// The endpoint, with the query for a GET.
    pub url: String,
    /// The endpoint without a query: what the signature covers.
    pub(crate) signed_url: String,
    /// The full header; mask it before showing it.
    pub authorization: String,
    /// The form body of a POST (empty for a GET), built once and shared by every attempt.
    pub body: bytes::Bytes,
}
