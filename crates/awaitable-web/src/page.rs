//! The page's options, read from its address (`?lang=en&clock=fast&...`, see
//! [`awaitable_notebook::params`]).

use awaitable_notebook::params::{parse_query, PageOptions};

/// The options of the page's address; the defaults where there is none (a
/// test page, say).
pub fn options() -> PageOptions {
    let query = web_sys::window()
        .and_then(|window| window.location().search().ok())
        .unwrap_or_default();
    parse_query(&query)
}
