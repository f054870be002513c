//! `_http`: the native primitives behind the `wikipedia` module. A GET is a
//! blocking call answered by the host (the browser's `fetch`, the CLI's HTTP
//! client, or a test), so the Python code stays the same everywhere.

use crate::builtins::{blocking, native};
use crate::interp::{Blocking, Interp, Raise};
use crate::runtime::HostCall;
use crate::value::*;

/// The `User-Agent` Wikipedia asks API clients to send.
pub const USER_AGENT: &str = "Awaitable/0.1 (asyncio course playground; runs in the browser)";

/// The default API host, `{lang}` replaced by the language code.
pub const DEFAULT_ENDPOINT: &str = "https://{lang}.wikipedia.org";

/// Checks an endpoint override: only `https:` or `http:` to this machine, so a
/// page parameter cannot send learners' requests anywhere in clear text.
pub fn validate_endpoint(url: &str) -> Result<String, String> {
    let url = url.trim().trim_end_matches('/');
    if url.len() > 300 || url.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err("the Wikipedia endpoint must be a plain URL".into());
    }
    let (scheme, rest) = url
        .split_once("://")
        .ok_or("the Wikipedia endpoint must start with https://")?;
    let authority = rest.split('/').next().unwrap_or("");
    if authority.is_empty() || authority.contains('@') {
        return Err("the Wikipedia endpoint must name a host (and no user name)".into());
    }
    let host = if let Some(bracketed) = authority.strip_prefix('[') {
        bracketed.split(']').next().unwrap_or("")
    } else {
        authority.split(':').next().unwrap_or("")
    };
    let loopback = matches!(host, "127.0.0.1" | "localhost" | "::1") || host.starts_with("127.");
    match scheme {
        "https" => Ok(url.to_string()),
        "http" if loopback => Ok(url.to_string()),
        "http" => Err("only https:// endpoints (or http:// on this machine) are accepted".into()),
        _ => Err(format!(
            "unsupported scheme '{scheme}:' for the Wikipedia endpoint"
        )),
    }
}

/// Registers the hidden `_http` module.
pub fn install(interp: &mut Interp) {
    let get = blocking("get", http_get);
    crate::builtins::register_module(
        interp,
        "_http",
        vec![
            ("get", get),
            ("json_loads", native("json_loads", json_loads)),
            ("quote", native("quote", quote)),
            ("list_links", native("list_links", list_links)),
            ("endpoint", native("endpoint", endpoint)),
            ("note_page", native("note_page", note_page)),
            ("USER_AGENT", Value::str(USER_AGENT)),
        ],
    );
}

/// `_http.get(url, timeout)`: blocks the calling thread until the host answers.
fn http_get(interp: &mut Interp, args: Args) -> Raise<Blocking> {
    let url = match args.pos.first() {
        Some(Value::Str(s)) => s.to_string(),
        _ => return Err(interp.type_error("get() needs a URL string")),
    };
    let timeout = args.pos.get(1).and_then(crate::ops::as_f64).unwrap_or(10.0);
    let headers = vec![("Api-User-Agent".to_string(), USER_AGENT.to_string())];
    Ok(Blocking::Host(HostCall::HttpGet {
        url,
        headers,
        timeout,
    }))
}

fn json_loads(interp: &mut Interp, args: Args) -> Raise<Value> {
    let Some(Value::Str(text)) = args.pos.first() else {
        return Err(interp.type_error("json_loads() needs a str"));
    };
    crate::json::parse(text).map_err(|e| {
        interp.value_error(format!(
            "{}: line 1 column {} (char {})",
            e.message,
            e.offset + 1,
            e.offset
        ))
    })
}

/// Percent-encodes a query parameter (UTF-8, everything but unreserved characters).
fn quote(interp: &mut Interp, args: Args) -> Raise<Value> {
    let Some(Value::Str(text)) = args.pos.first() else {
        return Err(interp.type_error("quote() needs a str"));
    };
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    Ok(Value::str(&out))
}

/// The link texts of the `<li>` items of an HTML fragment (a disambiguation
/// page's list of meanings), skipping table-of-contents items, as the
/// `wikipedia` package extracts them. Text only: no HTML is ever rendered.
fn list_links(interp: &mut Interp, args: Args) -> Raise<Value> {
    let Some(Value::Str(html)) = args.pos.first() else {
        return Err(interp.type_error("list_links() needs a str"));
    };
    let mut options = Vec::new();
    let mut rest: &str = html;
    while let Some(start) = rest.find("<li") {
        let item = &rest[start..];
        let end = item.find("</li>").unwrap_or(item.len());
        let body = &item[..end];
        rest = &item[end.min(item.len())..];
        if rest.len() == item.len() {
            break;
        }
        let opening = body.split('>').next().unwrap_or("");
        if opening.contains("tocsection") {
            continue;
        }
        if let Some(text) = first_link_text(body) {
            options.push(Value::str(&text));
        }
    }
    Ok(Value::list(options))
}

fn first_link_text(fragment: &str) -> Option<String> {
    let a = fragment.find("<a")?;
    let after = &fragment[a..];
    let open_end = after.find('>')?;
    let inner = &after[open_end + 1..];
    let close = inner.find("</a>")?;
    Some(decode_entities(&strip_tags(&inner[..close])))
}

fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn decode_entities(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

/// `_http.endpoint(lang)`: the API base URL for a language.
fn endpoint(interp: &mut Interp, args: Args) -> Raise<Value> {
    let Some(Value::Str(lang)) = args.pos.first() else {
        return Err(interp.type_error("endpoint() needs a language code"));
    };
    let base = interp
        .wikipedia_endpoint
        .clone()
        .unwrap_or_else(|| DEFAULT_ENDPOINT.to_string());
    Ok(Value::str(&base.replace("{lang}", lang)))
}

/// `_http.note_page(lang, title)`: records which page a summary was asked for
/// (timeline event; the exercise checks that all three pages were fetched).
fn note_page(interp: &mut Interp, args: Args) -> Raise<Value> {
    let text = |i: usize| match args.pos.get(i) {
        Some(Value::Str(s)) => s.to_string(),
        _ => String::new(),
    };
    interp.aio.event(crate::events::EventKind::WikipediaPage {
        lang: text(0),
        title: text(1),
    });
    Ok(Value::None)
}

#[cfg(test)]
mod tests {
    use super::validate_endpoint;

    #[test]
    fn only_https_or_loopback_endpoints_are_accepted() {
        assert_eq!(
            validate_endpoint("https://wiki.example.org/").as_deref(),
            Ok("https://wiki.example.org")
        );
        assert!(validate_endpoint("http://127.0.0.1:8000").is_ok());
        assert!(validate_endpoint("http://localhost:9").is_ok());
        assert!(validate_endpoint("http://[::1]:9").is_ok());
        assert!(validate_endpoint("http://example.org").is_err());
        assert!(validate_endpoint("javascript:alert(1)").is_err());
        assert!(validate_endpoint("https://user@evil.org").is_err());
        assert!(validate_endpoint("https://a b").is_err());
        assert!(validate_endpoint("ftp://127.0.0.1").is_err());
    }
}
