//! The CLI's answer to the runtime's HTTP requests: each request runs on its
//! own OS thread (so requests made from `asyncio.to_thread` overlap), and the
//! replies come back through a channel the driver waits on.

use std::sync::mpsc::{channel, Receiver, Sender};
use std::time::Duration;

use awaitable_python::runtime::{HostCall, HostReply, HostRequest, NetError};

/// Replies larger than this are refused (the page has the same cap).
const MAX_BODY: u64 = 5 * 1024 * 1024;

/// Runs host requests in the background.
pub struct HttpHost {
    sender: Sender<(u64, HostReply)>,
    receiver: Receiver<(u64, HostReply)>,
    pending: usize,
}

impl Default for HttpHost {
    fn default() -> Self {
        HttpHost::new()
    }
}

impl HttpHost {
    /// A host with no requests in flight.
    pub fn new() -> HttpHost {
        let (sender, receiver) = channel();
        HttpHost {
            sender,
            receiver,
            pending: 0,
        }
    }

    /// Whether requests are in flight.
    pub fn has_pending(&self) -> bool {
        self.pending > 0
    }

    /// Starts a request in the background.
    pub fn start(&mut self, request: HostRequest) {
        self.pending += 1;
        let sender = self.sender.clone();
        std::thread::spawn(move || {
            let reply = match request.call {
                HostCall::HttpGet {
                    url,
                    headers,
                    timeout,
                } => get(&url, &headers, timeout),
            };
            let _ = sender.send((request.id, reply));
        });
    }

    /// The next reply, waiting at most `timeout` (forever for `None`).
    pub fn next_reply(&mut self, timeout: Option<Duration>) -> Option<(u64, HostReply)> {
        if self.pending == 0 {
            return None;
        }
        let reply = match timeout {
            Some(t) => self.receiver.recv_timeout(t).ok(),
            None => self.receiver.recv().ok(),
        };
        if reply.is_some() {
            self.pending -= 1;
        }
        reply
    }
}

fn get(url: &str, headers: &[(String, String)], timeout: f64) -> HostReply {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs_f64(timeout.clamp(0.1, 120.0))))
        .http_status_as_error(false)
        .user_agent(awaitable_python::http::USER_AGENT)
        .build()
        .into();
    let mut request = agent.get(url);
    for (name, value) in headers {
        request = request.header(name.as_str(), value.as_str());
    }
    match request.call() {
        Ok(mut response) => {
            let status = response.status().as_u16();
            let retry_after = response
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .and_then(|s| s.trim().parse::<f64>().ok());
            match response
                .body_mut()
                .with_config()
                .limit(MAX_BODY)
                .read_to_string()
            {
                Ok(body) => HostReply::Http {
                    status,
                    body,
                    retry_after,
                },
                Err(error) => failure(error),
            }
        }
        Err(error) => failure(error),
    }
}

fn failure(error: ureq::Error) -> HostReply {
    let kind = match &error {
        ureq::Error::Timeout(_) => NetError::Timeout,
        ureq::Error::HostNotFound | ureq::Error::ConnectionFailed => NetError::Offline,
        ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::TimedOut => NetError::Timeout,
        // Refused, reset, no route, no DNS: the server cannot be reached.
        ureq::Error::Io(_) => NetError::Offline,
        ureq::Error::BodyExceedsLimit(_) => NetError::TooLarge,
        _ => NetError::Other,
    };
    let message = match kind {
        NetError::TooLarge => format!("the reply is larger than {} MB", MAX_BODY / (1024 * 1024)),
        NetError::Timeout => "the request timed out".to_string(),
        NetError::Offline => format!("cannot reach the server ({error})"),
        NetError::Other => error.to_string(),
    };
    HostReply::Failed { kind, message }
}
