//! Test support shared by every integration test: a fake X API on loopback that checks OAuth
//! signatures with its own RFC 5849 implementation, and a hermetic environment for the binary.

#![allow(dead_code)]

pub mod oauth;
#[cfg(unix)]
pub mod pty;

use std::collections::{HashMap, HashSet, VecDeque};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};

pub const CONSUMER_KEY: &str = "ck-Zm9vYmFyYmF6cXV4MTIz";
pub const CONSUMER_SECRET: &str = "cs-c2VjcmV0LWNvbnN1bWVyLWtleQ";
pub const ACCESS_TOKEN: &str = "6253282-QWxpY2VBY2Nlc3NUb2tlbg";
pub const ACCESS_TOKEN_SECRET: &str = "ats-QWxpY2VUb2tlblNlY3JldA";

/// The PIN the fake's authorize page would show.
pub const PIN: &str = "4242424";
/// The access token `oauth/access_token` issues for the right PIN.
pub const NEW_TOKEN: &str = "6253282-TmV3QWxpY2VBY2Nlc3NUb2tlbg";
pub const NEW_TOKEN_SECRET: &str = "nts-TmV3QWxpY2VUb2tlblNlY3JldA";

/// Every credential the tests use; none may ever appear in the tool's output.
pub const SECRETS: [&str; 6] = [
    CONSUMER_KEY,
    CONSUMER_SECRET,
    ACCESS_TOKEN,
    ACCESS_TOKEN_SECRET,
    NEW_TOKEN,
    NEW_TOKEN_SECRET,
];

/// How the fake answers one request, in place of its normal behaviour.
#[derive(Clone, Debug)]
pub enum Scripted {
    /// Answer with this status, headers and body.
    Respond {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// Read the request, then never answer.
    Hang,
    /// Read the request, then close the connection without answering.
    Drop,
    /// Answer with this status and a v1.1 error whose message quotes the request's
    /// `Authorization` header, as a careless server or proxy might.
    EchoAuthorization(u16),
    /// Answer with this status and a plain-text body that quotes the `Authorization` header.
    EchoPlain(u16),
    /// Answer with this status and the plain-text body that the function makes of the
    /// `Authorization` header.
    EchoWith(u16, fn(&str) -> String),
}

impl Scripted {
    /// An answer with a JSON body.
    pub fn json(status: u16, body: Value) -> Self {
        Scripted::Respond {
            status,
            headers: vec![("content-type".into(), "application/json".into())],
            body: body.to_string().into_bytes(),
        }
    }

    /// An answer with the v1.1 error shape `{"errors":[{"code":…,"message":…}]}`.
    pub fn api_error(status: u16, code: i64, message: &str) -> Self {
        Scripted::json(
            status,
            json!({"errors": [{"code": code, "message": message}]}),
        )
    }

    /// An answer with a raw body and content type.
    pub fn raw(status: u16, content_type: &str, body: &[u8]) -> Self {
        Scripted::Respond {
            status,
            headers: vec![("content-type".into(), content_type.into())],
            body: body.to_vec(),
        }
    }

    /// Adds a header to a `Respond`.
    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        if let Scripted::Respond { headers, .. } = &mut self {
            headers.push((name.into(), value.into()));
        }
        self
    }
}

/// One request as the fake received it.
#[derive(Clone, Debug)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Query and form parameters, percent-decoded, in the order sent.
    pub params: Vec<(String, String)>,
    /// The `Authorization` header's parameters, percent-decoded.
    pub oauth: HashMap<String, String>,
    /// Whether the signature, nonce and timestamp passed, and why not.
    pub verdict: Result<(), String>,
}

impl Recorded {
    /// The decoded value of a parameter, if sent.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Parameter names, in the order sent.
    pub fn param_names(&self) -> Vec<&str> {
        self.params.iter().map(|(k, _)| k.as_str()).collect()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// The account the fake serves, as the API would store it.
#[derive(Clone, Debug)]
pub struct Profile {
    pub screen_name: String,
    /// The numeric id, as `id_str` and `user_id` carry it.
    pub user_id: String,
    pub name: String,
    pub url: String,
    pub location: String,
    pub description: String,
    /// `profile_image_url_https`: each upload makes a new one, as the API does.
    pub image_url: String,
    /// `profile_banner_url`, absent when there is no banner.
    pub banner_url: Option<String>,
    /// Whether text fields come back HTML-escaped (`&amp;`, `&lt;`, `&gt;`), as the real API
    /// sends them.
    pub escape_html: bool,
}

impl Default for Profile {
    fn default() -> Self {
        Profile {
            screen_name: "alice".into(),
            user_id: "6253282".into(),
            name: "Alice".into(),
            url: "https://alice.example/".into(),
            location: "Berlin".into(),
            description: "Writing code. Blog: https://blog.alice.example/posts".into(),
            image_url: "https://pbs.twimg.com/profile_images/1/alice_normal.png".into(),
            banner_url: None,
            escape_html: false,
        }
    }
}

/// An image the fake accepted, as it decoded it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Upload {
    /// `image` or `banner`
    pub kind: String,
    /// Decoded size in bytes.
    pub size: usize,
    /// `GIF`, `JPEG` or `PNG`, from the decoded bytes.
    pub format: String,
    /// `width`, `height`, `offset_left`, `offset_top` as sent.
    pub geometry: [Option<u32>; 4],
}

struct State {
    uploads: Vec<Upload>,
    banner_removed: bool,
    requests: Vec<Recorded>,
    script: VecDeque<Scripted>,
    profile: Profile,
    /// token → the profile of another user, for runs with several accounts
    others: HashMap<String, Profile>,
    /// token → token secret
    tokens: HashMap<String, String>,
    /// request token → its secret, between `oauth/request_token` and `oauth/access_token`
    request_tokens: HashMap<String, String>,
    issued: usize,
    nonces: HashSet<(String, String)>,
    /// Connections accepted so far.
    connections: usize,
    /// How long each answer is held back: for one access token, or (under "") for all.
    delays: HashMap<String, Duration>,
    /// Requests being answered now, and the most there ever were at once.
    in_flight: usize,
    max_in_flight: usize,
}

/// A fake X API on 127.0.0.1 with a random port.
pub struct FakeApi {
    addr: SocketAddr,
    state: Arc<Mutex<State>>,
    scheme: &'static str,
}

impl FakeApi {
    /// Starts the server on its own thread; it lives until the test process ends.
    pub fn start() -> Self {
        Self::start_with(None)
    }

    /// Starts the server behind TLS with the given certificate chain and key (PEM files).
    pub fn start_tls(cert: &Path, key: &Path) -> Self {
        use rustls::pki_types::pem::PemObject;
        use rustls::pki_types::{CertificateDer, PrivateKeyDer};
        let chain: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(cert)
            .expect("certificate file")
            .collect::<Result<_, _>>()
            .expect("certificates");
        let key = PrivateKeyDer::from_pem_file(key).expect("key");
        let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
        let config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("versions")
            .with_no_client_auth()
            .with_single_cert(chain, key)
            .expect("server config");
        Self::start_with(Some(tokio_rustls::TlsAcceptor::from(Arc::new(config))))
    }

    fn start_with(tls: Option<tokio_rustls::TlsAcceptor>) -> Self {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        listener.set_nonblocking(true).expect("nonblocking");
        let addr = listener.local_addr().expect("local addr");
        let state = Arc::new(Mutex::new(State {
            uploads: Vec::new(),
            banner_removed: false,
            requests: Vec::new(),
            script: VecDeque::new(),
            profile: Profile::default(),
            others: HashMap::new(),
            tokens: HashMap::from([(ACCESS_TOKEN.to_owned(), ACCESS_TOKEN_SECRET.to_owned())]),
            request_tokens: HashMap::new(),
            issued: 0,
            nonces: HashSet::new(),
            connections: 0,
            delays: HashMap::new(),
            in_flight: 0,
            max_in_flight: 0,
        }));
        let shared = state.clone();
        let scheme = if tls.is_some() { "https" } else { "http" };
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            runtime.block_on(serve(listener, shared, tls));
        });
        FakeApi {
            addr,
            state,
            scheme,
        }
    }

    /// `http://127.0.0.1:PORT`, or `https://…` behind TLS.
    pub fn base(&self) -> String {
        format!("{}://{}", self.scheme, self.addr)
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Queues answers for the next requests, in order.
    pub fn script(&self, answers: impl IntoIterator<Item = Scripted>) {
        self.lock().script.extend(answers);
    }

    /// Every request received so far.
    pub fn requests(&self) -> Vec<Recorded> {
        self.lock().requests.clone()
    }

    /// The profile as it stands now.
    pub fn profile(&self) -> Profile {
        self.lock().profile.clone()
    }

    pub fn set_profile(&self, profile: Profile) {
        self.lock().profile = profile;
    }

    /// Every image accepted so far.
    pub fn uploads(&self) -> Vec<Upload> {
        self.lock().uploads.clone()
    }

    /// Whether the banner was removed.
    pub fn banner_removed(&self) -> bool {
        self.lock().banner_removed
    }

    /// Accepts another access token that acts as another user, with that user's own profile.
    pub fn add_user(&self, token: &str, secret: &str, profile: Profile) {
        let mut state = self.lock();
        state.tokens.insert(token.to_owned(), secret.to_owned());
        state.others.insert(token.to_owned(), profile);
    }

    /// The profile of the user a token added with [`FakeApi::add_user`] acts as.
    pub fn profile_of(&self, token: &str) -> Option<Profile> {
        self.lock().others.get(token).cloned()
    }

    /// Holds back every answer to requests signed with `token` (every request, for "") by
    /// `delay`, as a distant server would.
    pub fn set_delay(&self, token: &str, delay: Duration) {
        self.lock().delays.insert(token.to_owned(), delay);
    }

    /// Connections accepted so far.
    pub fn connections(&self) -> usize {
        self.lock().connections
    }

    /// The most requests the fake was answering at once.
    pub fn max_in_flight(&self) -> usize {
        self.lock().max_in_flight
    }

    /// Accepts another access token (a second account).
    pub fn add_token(&self, token: &str, secret: &str) {
        self.lock()
            .tokens
            .insert(token.to_owned(), secret.to_owned());
    }
}

async fn serve(
    listener: std::net::TcpListener,
    state: Arc<Mutex<State>>,
    tls: Option<tokio_rustls::TlsAcceptor>,
) {
    let listener = tokio::net::TcpListener::from_std(listener).expect("tokio listener");
    let scheme = if tls.is_some() { "https" } else { "http" };
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        state.lock().unwrap_or_else(|e| e.into_inner()).connections += 1;
        let state = state.clone();
        let tls = tls.clone();
        tokio::spawn(async move {
            let service = service_fn(move |req| handle(req, state.clone(), scheme));
            let connection = http1::Builder::new();
            match tls {
                Some(acceptor) => {
                    // A client that refuses the certificate ends the handshake here.
                    if let Ok(stream) = acceptor.accept(stream).await {
                        let _ = connection
                            .serve_connection(TokioIo::new(stream), service)
                            .await;
                    }
                }
                None => {
                    let _ = connection
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                }
            }
        });
    }
}

async fn handle(
    req: Request<hyper::body::Incoming>,
    state: Arc<Mutex<State>>,
    scheme: &'static str,
) -> Result<Response<Full<Bytes>>, std::io::Error> {
    let (parts, body) = req.into_parts();
    let body = body
        .collect()
        .await
        .map(|b| b.to_bytes().to_vec())
        .unwrap_or_default();
    let headers: Vec<(String, String)> = parts
        .headers
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_owned(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let method = parts.method.as_str().to_owned();
    let path = parts.uri.path().to_owned();
    let query = parts.uri.query().unwrap_or_default().to_owned();
    let host = parts
        .headers
        .get("host")
        .and_then(|h| h.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let is_form = parts
        .headers
        .get("content-type")
        .and_then(|h| h.to_str().ok())
        .is_some_and(|c| c.starts_with("application/x-www-form-urlencoded"));

    let mut params = match oauth::parse_form(&query) {
        Ok(p) => p,
        Err(e) => return Ok(error_response(400, 44, &format!("bad query: {e}"))),
    };
    if is_form {
        let text = String::from_utf8_lossy(&body).into_owned();
        match oauth::parse_form(&text) {
            Ok(p) => params.extend(p),
            Err(e) => return Ok(error_response(400, 44, &format!("bad body: {e}"))),
        }
    }
    let authorization = parts
        .headers
        .get("authorization")
        .and_then(|h| h.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let oauth_params = oauth::parse_authorization(&authorization).unwrap_or_default();
    let token = oauth_params.get("oauth_token").cloned().unwrap_or_default();

    let action = decide(
        &state,
        Incoming {
            method,
            path,
            base_uri: format!("{scheme}://{host}{}", parts.uri.path()),
            headers,
            body,
            params,
            oauth_params,
        },
    );
    let delay = {
        let mut state = state.lock().unwrap_or_else(|e| e.into_inner());
        let delay = state.delays.get(&token).or(state.delays.get("")).copied();
        state.in_flight += 1;
        state.max_in_flight = state.max_in_flight.max(state.in_flight);
        delay
    };
    if let Some(delay) = delay {
        tokio::time::sleep(delay).await;
    }
    state.lock().unwrap_or_else(|e| e.into_inner()).in_flight -= 1;
    match action {
        Action::Respond(response) => Ok(response),
        Action::Hang => {
            tokio::time::sleep(Duration::from_secs(3600)).await;
            Ok(error_response(500, 131, "hung"))
        }
        Action::Drop => Err(std::io::Error::other("dropped on purpose")),
    }
}

/// A request, parsed.
struct Incoming {
    method: String,
    path: String,
    /// `scheme://host/path`, as the signature base string has it.
    base_uri: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    params: Vec<(String, String)>,
    oauth_params: HashMap<String, String>,
}

enum Action {
    Respond(Response<Full<Bytes>>),
    Hang,
    Drop,
}

/// Records the request, checks its signature, and picks the answer: a scripted one first.
fn decide(state: &Mutex<State>, req: Incoming) -> Action {
    let mut state = state.lock().unwrap_or_else(|e| e.into_inner());
    let Incoming {
        method,
        path,
        base_uri,
        headers,
        body,
        params,
        oauth_params,
    } = req;
    let mut verdict = verify(&state, &method, &base_uri, &params, &oauth_params);
    if verdict.is_ok() {
        let nonce = (
            oauth_params.get("oauth_nonce").cloned().unwrap_or_default(),
            oauth_params
                .get("oauth_timestamp")
                .cloned()
                .unwrap_or_default(),
        );
        if !state.nonces.insert(nonce) {
            verdict = Err("nonce reused".into());
        }
    }
    state.requests.push(Recorded {
        method: method.clone(),
        path: path.clone(),
        headers,
        body,
        params: params.clone(),
        oauth: oauth_params.clone(),
        verdict: verdict.clone(),
    });

    if let Some(scripted) = state.script.pop_front() {
        return match scripted {
            Scripted::Respond {
                status,
                headers,
                body,
            } => {
                let mut response = Response::builder().status(status);
                for (k, v) in headers {
                    response = response.header(k, v);
                }
                Action::Respond(
                    response
                        .body(Full::new(Bytes::from(body)))
                        .expect("response"),
                )
            }
            Scripted::Hang => Action::Hang,
            Scripted::Drop => Action::Drop,
            Scripted::EchoAuthorization(status) => Action::Respond(error_response(
                status,
                32,
                &format!(
                    "Could not authenticate you. Received Authorization: {}",
                    authorization_of(&state)
                ),
            )),
            Scripted::EchoPlain(status) => Action::Respond(
                Response::builder()
                    .status(status)
                    .header("content-type", "text/plain")
                    .body(Full::new(Bytes::from(format!(
                        "echo {}",
                        authorization_of(&state)
                    ))))
                    .expect("response"),
            ),
            Scripted::EchoWith(status, make) => Action::Respond(
                Response::builder()
                    .status(status)
                    .header("content-type", "text/plain")
                    .body(Full::new(Bytes::from(make(&authorization_of(&state)))))
                    .expect("response"),
            ),
        };
    }

    if let Err(why) = verdict {
        return Action::Respond(if why == "stale timestamp" {
            error_response(401, 135, "Timestamp out of bounds.")
        } else {
            error_response(401, 32, "Could not authenticate you.")
        });
    }

    // The user the token acts as: one added with add_user is swapped in for this request.
    let token = oauth_params.get("oauth_token").cloned().unwrap_or_default();
    let state = &mut *state;
    if let Some(theirs) = state.others.get_mut(&token) {
        std::mem::swap(&mut state.profile, theirs);
    }
    let response = match (method.as_str(), path.as_str()) {
        ("GET", "/1.1/account/verify_credentials.json") => {
            json_response(200, &user_json(&state.profile))
        }
        ("POST", "/oauth/request_token") => {
            state.issued += 1;
            let token = format!("request-token-{}", state.issued);
            let secret = format!("request-secret-{}", state.issued);
            state.request_tokens.insert(token.clone(), secret.clone());
            form_response(&format!(
                "oauth_token={token}&oauth_token_secret={secret}&oauth_callback_confirmed=true"
            ))
        }
        ("POST", "/oauth/access_token") => {
            let request_token = oauth_params.get("oauth_token").cloned().unwrap_or_default();
            if oauth_params.get("oauth_verifier").map(String::as_str) != Some(PIN) {
                return Action::Respond(
                    Response::builder()
                        .status(401)
                        .header("content-type", "text/plain")
                        .body(Full::new(Bytes::from(
                            "Error processing your OAuth request: Invalid oauth_verifier parameter",
                        )))
                        .expect("response"),
                );
            }
            state.request_tokens.remove(&request_token);
            state
                .tokens
                .insert(NEW_TOKEN.to_owned(), NEW_TOKEN_SECRET.to_owned());
            form_response(&format!(
                "oauth_token={NEW_TOKEN}&oauth_token_secret={NEW_TOKEN_SECRET}&user_id={}&screen_name={}",
                state.profile.user_id, state.profile.screen_name
            ))
        }
        ("POST", "/1.1/account/update_profile_image.json") => {
            match decode_upload("image", &params) {
                Ok(upload) => {
                    state.uploads.push(upload);
                    let n = state.uploads.len() + 1;
                    state.profile.image_url =
                        format!("https://pbs.twimg.com/profile_images/{n}/new_normal.png");
                    json_response(200, &user_json(&state.profile))
                }
                Err(why) => error_response(400, 3, &why),
            }
        }
        ("POST", "/1.1/account/update_profile_banner.json") => {
            match decode_upload("banner", &params) {
                Ok(upload) => {
                    state.uploads.push(upload);
                    let n = state.uploads.len();
                    state.profile.banner_url = Some(format!(
                        "https://pbs.twimg.com/profile_banners/{}/{n}",
                        state.profile.user_id
                    ));
                    Response::builder()
                        .status(201)
                        .body(Full::new(Bytes::new()))
                        .expect("response")
                }
                Err(why) => error_response(422, 3, &why),
            }
        }
        ("POST", "/1.1/account/remove_profile_banner.json") => {
            state.banner_removed = true;
            state.profile.banner_url = None;
            Response::builder()
                .status(200)
                .body(Full::new(Bytes::new()))
                .expect("response")
        }
        ("POST", "/1.1/account/update_profile.json") => {
            let profile = &mut state.profile;
            for (key, value) in &params {
                match key.as_str() {
                    "name" => profile.name = value.clone(),
                    "location" => profile.location = value.clone(),
                    "description" => profile.description = value.clone(),
                    "url" if value.is_empty() => profile.url.clear(),
                    "url" if value.contains("://") => profile.url = value.clone(),
                    "url" => profile.url = format!("http://{value}"),
                    _ => {}
                }
            }
            json_response(200, &user_json(profile))
        }
        _ => error_response(404, 34, "Sorry, that page does not exist."),
    };
    if let Some(theirs) = state.others.get_mut(&token) {
        std::mem::swap(&mut state.profile, theirs);
    }
    Action::Respond(response)
}

/// The `Authorization` header of the request being answered (the last one recorded).
fn authorization_of(state: &State) -> String {
    state
        .requests
        .last()
        .and_then(|r| r.header("authorization"))
        .unwrap_or_default()
        .to_owned()
}

fn verify(
    state: &State,
    method: &str,
    base_uri: &str,
    params: &[(String, String)],
    oauth_params: &HashMap<String, String>,
) -> Result<(), String> {
    let get = |k: &str| {
        oauth_params
            .get(k)
            .cloned()
            .ok_or_else(|| format!("missing {k}"))
    };
    if get("oauth_signature_method")? != "HMAC-SHA1" {
        return Err("signature method is not HMAC-SHA1".into());
    }
    if let Some(version) = oauth_params.get("oauth_version")
        && version != "1.0"
    {
        return Err("oauth_version is not 1.0".into());
    }
    if get("oauth_consumer_key")? != CONSUMER_KEY {
        return Err("unknown consumer key".into());
    }
    let token_secret = match base_uri.rsplit_once('/').map(|(_, last)| last) {
        Some("request_token") => {
            if oauth_params.contains_key("oauth_token") {
                return Err("a token on request_token".into());
            }
            if get("oauth_callback")? != "oob" {
                return Err("oauth_callback is not oob".into());
            }
            String::new()
        }
        Some("access_token") => state
            .request_tokens
            .get(&get("oauth_token")?)
            .cloned()
            .ok_or_else(|| "unknown request token".to_owned())?,
        _ => state
            .tokens
            .get(&get("oauth_token")?)
            .cloned()
            .ok_or_else(|| "unknown token".to_owned())?,
    };
    let timestamp: u64 = get("oauth_timestamp")?
        .parse()
        .map_err(|_| "timestamp is not a number".to_owned())?;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_secs();
    if timestamp.abs_diff(now) > 300 {
        return Err("stale timestamp".into());
    }
    get("oauth_nonce")?;
    let mut all: Vec<(String, String)> = params.to_vec();
    all.extend(
        oauth_params
            .iter()
            .filter(|(k, _)| k.as_str() != "oauth_signature")
            .map(|(k, v)| (k.clone(), v.clone())),
    );
    let base = oauth::base_string(method, base_uri, &all);
    let expected = oauth::hmac_sha1_signature(&base, CONSUMER_SECRET, &token_secret);
    if get("oauth_signature")? != expected {
        return Err(format!("bad signature for base string {base}"));
    }
    Ok(())
}

fn json_response(status: u16, body: &Value) -> Response<Full<Bytes>> {
    Response::builder()
        .status(status)
        .header("content-type", "application/json;charset=utf-8")
        .header("x-rate-limit-limit", "15")
        .header("x-rate-limit-remaining", "14")
        .header("x-rate-limit-reset", "1900000000")
        .header("x-access-level", "read-write")
        .body(Full::new(Bytes::from(body.to_string())))
        .expect("response")
}

/// Decodes and checks the base64 image in `key`, as the API would.
fn decode_upload(key: &str, params: &[(String, String)]) -> Result<Upload, String> {
    use base64::Engine;
    let get = |k: &str| {
        params
            .iter()
            .find(|(name, _)| name == k)
            .map(|(_, v)| v.as_str())
    };
    let data = get(key).ok_or_else(|| format!("missing {key}"))?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(data)
        .map_err(|e| format!("{key} is not base64: {e}"))?;
    let format = if bytes.starts_with(b"GIF8") {
        "GIF"
    } else if bytes.starts_with(&[0xFF, 0xD8]) {
        "JPEG"
    } else if bytes.starts_with(b"\x89PNG") {
        "PNG"
    } else {
        return Err("Image file is not a valid image".into());
    };
    let number = |k: &str| get(k).and_then(|v| v.parse::<u32>().ok());
    Ok(Upload {
        kind: key.to_owned(),
        size: bytes.len(),
        format: format.to_owned(),
        geometry: [
            number("width"),
            number("height"),
            number("offset_left"),
            number("offset_top"),
        ],
    })
}

fn form_response(body: &str) -> Response<Full<Bytes>> {
    Response::builder()
        .status(200)
        .header("content-type", "text/html;charset=utf-8")
        .body(Full::new(Bytes::from(body.to_owned())))
        .expect("response")
}

fn error_response(status: u16, code: i64, message: &str) -> Response<Full<Bytes>> {
    json_response(
        status,
        &json!({"errors": [{"code": code, "message": message}]}),
    )
}

/// A `t.co` link for a URL, stable for the same URL.
pub fn tco(url: &str) -> String {
    let hash = url
        .bytes()
        .fold(7u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b)));
    format!("https://t.co/{:010x}", hash % 0xff_ffff_ffff)
}

fn link_entity(url: &str, start: usize) -> Value {
    let short = tco(url);
    let display = url
        .trim_start_matches("https://")
        .trim_start_matches("http://");
    json!({
        "url": short,
        "expanded_url": url,
        "display_url": display,
        "indices": [start, start + short.chars().count()],
    })
}

/// The user object the API returns: links in `url` and `description` shortened to `t.co`,
/// their expansions in `entities`.
pub fn user_json(profile: &Profile) -> Value {
    let (url, url_entities) = if profile.url.is_empty() {
        (Value::Null, vec![])
    } else {
        (
            Value::String(tco(&profile.url)),
            vec![link_entity(&profile.url, 0)],
        )
    };
    let mut description = String::new();
    let mut description_entities = Vec::new();
    for (i, word) in profile.description.split(' ').enumerate() {
        if i > 0 {
            description.push(' ');
        }
        if word.starts_with("http://") || word.starts_with("https://") {
            let start = description.chars().count();
            description_entities.push(link_entity(word, start));
            description.push_str(&tco(word));
        } else {
            description.push_str(word);
        }
    }
    let text = |value: &str| {
        if profile.escape_html {
            value
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
        } else {
            value.to_owned()
        }
    };
    let description = text(&description);
    let mut user = json!({
        "id": profile.user_id.parse::<u64>().unwrap_or_default(),
        "id_str": profile.user_id,
        "name": text(&profile.name),
        "screen_name": profile.screen_name,
        "location": text(&profile.location),
        "description": description,
        "url": url,
        "entities": {
            "url": {"urls": url_entities},
            "description": {"urls": description_entities},
        },
        "protected": false,
        "followers_count": 1234,
        "friends_count": 56,
        "listed_count": 7,
        "created_at": "Wed May 23 06:01:13 +0000 2007",
        "favourites_count": 89,
        "verified": false,
        "statuses_count": 4321,
        "profile_image_url_https": profile.image_url,
        "default_profile": true,
    });
    if let Some(banner) = &profile.banner_url {
        user["profile_banner_url"] = banner.clone().into();
    }
    user
}

/// A temporary home for one run of the binary: its own config dir and no inherited settings.
pub struct Sandbox {
    dir: tempfile::TempDir,
}

impl Default for Sandbox {
    fn default() -> Self {
        Self::new()
    }
}

impl Sandbox {
    pub fn new() -> Self {
        Sandbox {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    pub fn home(&self) -> &Path {
        self.dir.path()
    }

    /// Where the tool looks for its config by default.
    pub fn default_config(&self) -> PathBuf {
        self.dir.path().join("xdg/twprofile/config.toml")
    }

    /// Where `apply` keeps its record of uploads by default.
    pub fn state_file(&self) -> PathBuf {
        self.dir.path().join("xdg-state/twprofile/state.toml")
    }

    /// Writes a file in the sandbox's home and returns its path.
    pub fn file(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(name);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("mkdir");
        }
        std::fs::write(&path, bytes).expect("write file");
        path
    }

    /// Writes the default config file.
    pub fn write_config(&self, text: &str) -> PathBuf {
        let path = self.default_config();
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, text).expect("write config");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
        }
        path
    }

    /// Writes a config with the one account `alice`, pointed at `api`.
    pub fn write_alice(&self, api: &FakeApi) -> PathBuf {
        self.write_config(&alice_config(&api.base()))
    }

    /// Runs the binary with `args` in this sandbox and waits for it.
    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().expect("run twprofile")
    }

    /// [`Sandbox::cmd`] as a `std::process::Command`, for what assert_cmd cannot do (a memory
    /// limit, a terminal, a closed pipe).
    pub fn std_cmd(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_twprofile"));
        cmd.env_clear()
            .env("HOME", self.home())
            .env("XDG_CONFIG_HOME", self.home().join("xdg"))
            .env("XDG_STATE_HOME", self.home().join("xdg-state"))
            .env("PATH", std::env::var_os("PATH").unwrap_or_default());
        cmd
    }

    /// The binary with an empty environment but for HOME, XDG_CONFIG_HOME and PATH.
    pub fn cmd(&self) -> assert_cmd::Command {
        let mut cmd = assert_cmd::Command::new(env!("CARGO_BIN_EXE_twprofile"));
        cmd.env_clear()
            .env("HOME", self.home())
            .env("XDG_CONFIG_HOME", self.home().join("xdg"))
            .env("XDG_STATE_HOME", self.home().join("xdg-state"))
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .timeout(Duration::from_secs(60));
        cmd
    }
}

/// The answer to a profile read whose token may only read, as `x-access-level` says.
pub fn read_only_answer() -> Scripted {
    Scripted::json(200, user_json(&Profile::default())).with_header("x-access-level", "read")
}

/// Points `cmd` at `api` with the four credentials in the `TWPROFILE_*` variables, as CI does.
pub fn env_credentials<'a>(
    cmd: &'a mut std::process::Command,
    api: &FakeApi,
) -> &'a mut std::process::Command {
    cmd.env("TWPROFILE_API_BASE", api.base())
        .env("TWPROFILE_CONSUMER_KEY", CONSUMER_KEY)
        .env("TWPROFILE_CONSUMER_SECRET", CONSUMER_SECRET)
        .env("TWPROFILE_ACCESS_TOKEN", ACCESS_TOKEN)
        .env("TWPROFILE_ACCESS_TOKEN_SECRET", ACCESS_TOKEN_SECRET)
}

/// A config file with one account, `alice`, and the given API base.
pub fn alice_config(api_base: &str) -> String {
    format!(
        r#"api_base = "{api_base}"

[accounts.alice]
consumer_key = "{CONSUMER_KEY}"
consumer_secret = "{CONSUMER_SECRET}"
access_token = "{ACCESS_TOKEN}"
access_token_secret = "{ACCESS_TOKEN_SECRET}"
screen_name = "alice"
user_id = "6253282"
"#
    )
}

/// A fresh fake API and a sandbox whose config has the one account `alice`, pointed at it.
pub fn setup() -> (FakeApi, Sandbox) {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    sandbox.write_alice(&api);
    (api, sandbox)
}

/// `GET verify_credentials`, as [`calls`] lists it.
pub const READ: &str = "GET /1.1/account/verify_credentials.json";

/// `METHOD path` of every request the fake received.
pub fn calls(api: &FakeApi) -> Vec<String> {
    api.requests()
        .iter()
        .map(|r| format!("{} {}", r.method, r.path))
        .collect()
}

/// Fails, showing both streams, unless the run ended with `code`.
pub fn assert_exit(output: &Output, code: i32) {
    let (stdout, stderr) = texts(output);
    assert_eq!(
        output.status.code(),
        Some(code),
        "stdout:\n{stdout}\nstderr:\n{stderr}"
    );
}

/// Stdout and stderr as text.
pub fn texts(output: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Limits the address space of the command's process, so that a run that tries to allocate
/// gigabytes fails instead of taking the machine.
#[cfg(unix)]
pub fn limit_memory(cmd: &mut std::process::Command, bytes: u64) {
    use std::os::unix::process::CommandExt;
    // SAFETY: setrlimit is async-signal-safe, as pre_exec requires.
    unsafe {
        cmd.pre_exec(move || {
            let limit = libc::rlimit {
                rlim_cur: bytes,
                rlim_max: bytes,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

/// Runs a command to its end within a minute, killing it otherwise.
pub fn output_within(cmd: &mut std::process::Command, seconds: u64) -> Output {
    use std::process::Stdio;
    let child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn twprofile");
    let pid = child.id();
    let (done, finished) = std::sync::mpsc::channel::<()>();
    std::thread::spawn(move || {
        if finished.recv_timeout(Duration::from_secs(seconds)).is_err() {
            let _ = std::process::Command::new("kill")
                .args(["-9", &pid.to_string()])
                .status();
        }
    });
    let output = child.wait_with_output().expect("wait");
    let _ = done.send(());
    output
}

/// Characters a terminal acts on or that hide or reorder text, listed independently of the
/// tool's own sanitizer: C0 (but newline and tab), DEL, C1, bidi controls, zero-width and
/// other format characters, line and paragraph separators.
pub fn is_dangerous(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{ad}' | '\u{61c}' | '\u{180e}'
        | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{206f}'
        | '\u{feff}' | '\u{fff9}'..='\u{fffb}' | '\u{e0000}'..='\u{e007f}')
}

/// Fails when text meant for a person carries anything [`is_dangerous`] outside a subdivision
/// flag (see [`without_flags`]).
pub fn assert_inert(what: &str, text: &str) {
    if let Some(c) = without_flags(text).chars().find(|c| is_dangerous(*c)) {
        panic!("{what} carries {c:?} raw:\n{text:?}");
    }
}

/// The text with every subdivision flag (Scotland's, say) taken out: U+1F3F4, an optional
/// U+FE0F, a CLDR subdivision code (a region of two letters or three digits, then one to four
/// letters or digits, lower case) spelled in tag characters, and U+E007F. These are the only tag
/// characters a terminal may be given raw: any other tag hides text. Written as a forward scan
/// over the text, independently of the tool's sanitizer.
pub fn without_flags(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '\u{1F3F4}' {
            let mut j = i + 1;
            if chars.get(j) == Some(&'\u{FE0F}') {
                j += 1;
            }
            let mut code = String::new();
            while let Some(c) = chars.get(j).and_then(|&t| {
                char::from_u32(u32::from(t).wrapping_sub(0xE0000))
                    .filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            }) {
                code.push(c);
                j += 1;
            }
            let (letters, digits) = (code.get(..2).unwrap_or(""), code.get(..3).unwrap_or(""));
            let suffix = if letters.len() == 2 && letters.chars().all(|c| c.is_ascii_lowercase()) {
                code.len() - 2
            } else if digits.len() == 3 && digits.chars().all(|c| c.is_ascii_digit()) {
                code.len() - 3
            } else {
                0
            };
            if (1..=4).contains(&suffix) && chars.get(j) == Some(&'\u{E007F}') {
                i = j + 1;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// Fails when any credential, or any signature the fake received, shows in stdout or stderr.
pub fn assert_no_secrets(output: &Output, api: &FakeApi) {
    let (stdout, stderr) = texts(output);
    let signatures: Vec<String> = api
        .requests()
        .iter()
        .filter_map(|r| r.oauth.get("oauth_signature").cloned())
        .collect();
    let mut needles: Vec<String> = SECRETS.iter().map(|s| s.to_string()).collect();
    for signature in signatures {
        needles.push(oauth::encode(&signature));
        needles.push(signature);
    }
    for needle in &needles {
        assert!(
            !stdout.contains(needle.as_str()),
            "stdout leaks {needle}:\n{stdout}"
        );
        assert!(
            !stderr.contains(needle.as_str()),
            "stderr leaks {needle}:\n{stderr}"
        );
    }
}

/// The start of a real PNG of `width`×`height` pixels: the signature and the IHDR chunk (8-bit
/// RGB), with its CRC. A header is all a dimension check reads; the API would want the rest.
pub fn png_header(width: u32, height: u32) -> Vec<u8> {
    let mut chunk = b"IHDR".to_vec();
    chunk.extend_from_slice(&width.to_be_bytes());
    chunk.extend_from_slice(&height.to_be_bytes());
    chunk.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend_from_slice(&13u32.to_be_bytes());
    png.extend_from_slice(&chunk);
    png.extend_from_slice(&crc32(&chunk).to_be_bytes());
    png
}

/// A real GIF of `width`×`height` pixels with no frames: the header, the logical screen
/// descriptor (no colour table) and the trailer.
pub fn gif_header(width: u16, height: u16) -> Vec<u8> {
    let mut gif = b"GIF89a".to_vec();
    gif.extend_from_slice(&width.to_le_bytes());
    gif.extend_from_slice(&height.to_le_bytes());
    gif.extend_from_slice(&[0, 0, 0, b';']);
    gif
}

/// CRC-32 (ISO-HDLC), as PNG chunks carry it.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = u32::MAX;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}
