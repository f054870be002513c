//! Mounts the app on the page's `#app` element.

use awaitable_web::components::app::App;

fn main() {
    awaitable_web::panic::install_hook();
    let root = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id("app"));
    match root {
        Some(root) => {
            // Replace the "Loading…" placeholder.
            root.set_text_content(None);
            yew::Renderer::<App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<App>::new().render();
        }
    }
}
