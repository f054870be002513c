//! A Rust panic shows a banner, never a blank or frozen page.
//!
//! `www/index.html` holds the banner (`#panic`, hidden) with a slot for the
//! message (`#panic-message`). The hook fills it in and shows it; it also logs
//! the message to the console for developers.

use wasm_bindgen::JsValue;

/// Installs the panic hook. Call it first thing in `main`.
pub fn install_hook() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&JsValue::from_str(&message));
        show_banner(&message);
    }));
}

/// Shows the "Something broke" banner with `message`, if the page has it.
pub fn show_banner(message: &str) {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    if let Some(slot) = document.get_element_by_id("panic-message") {
        slot.set_text_content(Some(message));
    }
    if let Some(banner) = document.get_element_by_id("panic") {
        let _ = banner.remove_attribute("hidden");
    }
}
