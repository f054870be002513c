//! The page's answer to the runtime's HTTP requests (`wikipedia` calls them):
//! the browser's `fetch`, as the CLI answers with its HTTP client
//! (`awaitable-cli/src/http.rs`).
//!
//! A request is a CORS `GET` without credentials, with the call's headers
//! (`Api-User-Agent`, which Wikipedia asks browser clients to send since they
//! cannot set `User-Agent`). Failures map onto [`NetError`] as the CLI maps
//! them: no answer within the timeout is [`NetError::Timeout`]; a network
//! failure (`fetch` rejects with a `TypeError`: no route, refused, CORS) or a
//! browser that knows it is offline is [`NetError::Offline`]; a body over
//! [`MAX_BODY`] bytes is [`NetError::TooLarge`], refused from its
//! `Content-Length` when it has one, else while it is read.
//!
//! Every request belongs to an [`InFlight`] handle: dropping it aborts the
//! request (its `AbortController`), which also ends the future that waits for
//! it. That future reports nothing once aborted.

use std::cell::Cell;
use std::fmt;
use std::rc::Rc;

use awaitable_python::runtime::{HostReply, NetError};
use gloo_timers::callback::Timeout;
use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortController, AbortSignal, Headers, ReadableStreamDefaultReader, Request,
    RequestCredentials, RequestInit, RequestMode, Response,
};

/// Bodies larger than this (bytes) are refused, as the CLI refuses them.
pub const MAX_BODY: usize = 5 * 1024 * 1024;

/// The shortest and longest timeouts honoured, in seconds.
const TIMEOUT_RANGE: (f64, f64) = (0.1, 120.0);

/// A JavaScript exception, with its class name (`TypeError`, `AbortError`)
/// and message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchError {
    /// The error's `name`, empty if it had none.
    pub name: String,
    /// What the browser said.
    pub message: String,
}

impl From<JsValue> for FetchError {
    fn from(value: JsValue) -> Self {
        let text = |key: &str| {
            Reflect::get(&value, &JsValue::from_str(key))
                .ok()
                .and_then(|v| v.as_string())
        };
        FetchError {
            name: text("name").unwrap_or_default(),
            message: text("message")
                .or_else(|| value.as_string())
                .unwrap_or_else(|| format!("{value:?}")),
        }
    }
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.name.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.name, self.message)
        }
    }
}

impl std::error::Error for FetchError {}

/// A request in flight. Dropping it aborts the request; its reply, if any,
/// is then never delivered.
#[must_use = "dropping the handle aborts the request"]
pub struct InFlight {
    controller: AbortController,
    /// The timer that ends the request with a timeout.
    _timeout: Timeout,
}

impl fmt::Debug for InFlight {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InFlight").finish_non_exhaustive()
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.controller.abort();
    }
}

/// Calls `deliver` at most once.
struct Once {
    deliver: Box<dyn Fn(HostReply)>,
    done: Cell<bool>,
}

impl Once {
    fn reply(&self, reply: HostReply) {
        if !self.done.replace(true) {
            (self.deliver)(reply);
        }
    }
}

/// Starts `GET url`. The reply goes to `deliver`, once, unless the returned
/// handle is dropped first; a reply known at once (the browser is offline,
/// the request cannot be made) comes back as `Err` instead, and `deliver` is
/// never called.
pub fn get(
    url: &str,
    headers: &[(String, String)],
    timeout: f64,
    deliver: impl Fn(HostReply) + 'static,
) -> Result<InFlight, HostReply> {
    let window = web_sys::window().ok_or_else(|| other("there is no window to fetch from"))?;
    if !window.navigator().on_line() {
        return Err(HostReply::Failed {
            kind: NetError::Offline,
            message: "the browser is offline".to_owned(),
        });
    }
    let controller = AbortController::new().map_err(|e| other(FetchError::from(e)))?;
    let request = request(url, headers, &controller.signal())
        .map_err(|error| other(format!("cannot make the request ({error})")))?;
    let once = Rc::new(Once {
        deliver: Box::new(deliver),
        done: Cell::new(false),
    });
    let timer = {
        let once = once.clone();
        let controller = controller.clone();
        let seconds = if timeout.is_finite() {
            timeout.clamp(TIMEOUT_RANGE.0, TIMEOUT_RANGE.1)
        } else {
            TIMEOUT_RANGE.1
        };
        Timeout::new((seconds * 1000.0).round() as u32, move || {
            once.reply(HostReply::Failed {
                kind: NetError::Timeout,
                message: "the request timed out".to_owned(),
            });
            controller.abort();
        })
    };
    let promise = window.fetch_with_request(&request);
    let signal = controller.signal();
    // Ends when the fetch does, which the handle's controller can force.
    wasm_bindgen_futures::spawn_local(async move {
        let reply = fetch_reply(JsFuture::from(promise)).await;
        if !signal.aborted() {
            once.reply(reply);
        }
    });
    Ok(InFlight {
        controller,
        _timeout: timer,
    })
}

fn other(message: impl ToString) -> HostReply {
    HostReply::Failed {
        kind: NetError::Other,
        message: message.to_string(),
    }
}

fn request(
    url: &str,
    headers: &[(String, String)],
    signal: &AbortSignal,
) -> Result<Request, FetchError> {
    let init = RequestInit::new();
    init.set_method("GET");
    init.set_mode(RequestMode::Cors);
    init.set_credentials(RequestCredentials::Omit);
    init.set_signal(Some(signal));
    let sent = Headers::new()?;
    for (name, value) in headers {
        sent.set(name, value)?;
    }
    init.set_headers_headers(&sent);
    Ok(Request::new_with_str_and_init(url, &init)?)
}

/// Waits for the response and reads it.
async fn fetch_reply(response: JsFuture) -> HostReply {
    let response = match response.await {
        Ok(response) => response,
        Err(error) => return failed(FetchError::from(error)),
    };
    let Ok(response) = response.dyn_into::<Response>() else {
        return other("fetch did not give a response");
    };
    let status = response.status();
    let retry_after = response
        .headers()
        .get("retry-after")
        .ok()
        .flatten()
        .and_then(|value| retry_after_seconds(&value, js_sys::Date::now()));
    let declared = response
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|value| value.trim().parse::<u64>().ok());
    if declared.is_some_and(|length| length > MAX_BODY as u64) {
        return too_large();
    }
    match read_body(&response).await {
        Ok(Some(body)) => HostReply::Http {
            status,
            body,
            retry_after,
        },
        Ok(None) => too_large(),
        Err(error) => failed(error),
    }
}

/// How a rejected fetch or read reads to Python: a `TypeError` is a network
/// failure. (After an abort nothing is delivered: whoever aborted answered.)
fn failed(error: FetchError) -> HostReply {
    if error.name == "TypeError" {
        HostReply::Failed {
            kind: NetError::Offline,
            message: format!("cannot reach the server ({})", error.message),
        }
    } else {
        other(error)
    }
}

fn too_large() -> HostReply {
    HostReply::Failed {
        kind: NetError::TooLarge,
        message: format!("the reply is larger than {} MB", MAX_BODY / (1024 * 1024)),
    }
}

/// The body as text (UTF-8, invalid bytes replaced), or `None` if it is
/// longer than [`MAX_BODY`]: reading stops there.
async fn read_body(response: &Response) -> Result<Option<String>, FetchError> {
    let Some(stream) = response.body() else {
        return Ok(Some(String::new()));
    };
    let reader: ReadableStreamDefaultReader = stream
        .get_reader()
        .dyn_into()
        .map_err(|object| FetchError::from(JsValue::from(object)))?;
    let mut bytes: Vec<u8> = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read()).await?;
        let done = Reflect::get(&chunk, &JsValue::from_str("done"))?;
        if done.as_bool().unwrap_or(true) {
            break;
        }
        let value: Uint8Array = Reflect::get(&chunk, &JsValue::from_str("value"))?.dyn_into()?;
        if bytes.len() + value.length() as usize > MAX_BODY {
            // The promise says when the stream is cancelled; nothing waits on it.
            let _ = reader.cancel();
            return Ok(None);
        }
        bytes.extend(value.to_vec());
    }
    let text = String::from_utf8_lossy(&bytes);
    Ok(Some(
        text.strip_prefix('\u{feff}').unwrap_or(&text).to_owned(),
    ))
}

/// A `Retry-After` header in seconds: a number of seconds, or an HTTP date
/// (seconds from `now_ms`, the current time in milliseconds since the epoch).
pub fn retry_after_seconds(value: &str, now_ms: f64) -> Option<f64> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<f64>() {
        return (seconds.is_finite() && seconds >= 0.0).then_some(seconds);
    }
    let at = js_sys::Date::parse(value);
    at.is_finite().then(|| ((at - now_ms) / 1000.0).max(0.0))
}
