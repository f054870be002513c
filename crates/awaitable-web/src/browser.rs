//! The page's dealings with the browser outside the kernel: the URL, the
//! `<html>` element's theme and language, focus, downloads, reading files and
//! event listeners. Every call tolerates a browser that refuses (no window,
//! a method that throws): the page then does without, and never panics.

use awaitable_notebook::course::Lang;
use awaitable_notebook::params::{parse_query, sets_lang, to_query, PageOptions, Theme};
use awaitable_notebook::share::shared_lang;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    Blob, BlobPropertyBag, Document, Element, EventTarget, File, FileReader, FocusOptions,
    HtmlAnchorElement, HtmlElement, HtmlTextAreaElement, ScrollIntoViewOptions,
    ScrollLogicalPosition, Url,
};
use yew::Callback;

use crate::host::JsError;
use crate::state::Focus;

/// The class of every code editor's `<textarea>`, to find the next one.
pub const EDITOR_CLASS: &str = "editor-input";

fn document() -> Option<Document> {
    web_sys::window().and_then(|window| window.document())
}

fn no_window() -> JsError {
    JsError {
        message: "the page has no window".to_owned(),
    }
}

/// The options of the page's query string (defaults if it cannot be read).
/// Without `lang=` there, a share link's fragment may name the language.
pub fn page_options() -> PageOptions {
    let search = web_sys::window()
        .and_then(|window| window.location().search().ok())
        .unwrap_or_default();
    let mut options = parse_query(&search);
    if !sets_lang(&search) {
        if let Some(lang) = shared_lang(&fragment()) {
            options.lang = lang;
        }
    }
    options
}

/// Applies a colour scheme: `data-theme` on `<html>` for a forced one; none
/// for [`Theme::Auto`], so the stylesheet follows `prefers-color-scheme`.
pub fn set_theme(theme: Theme) {
    let Some(root) = document().and_then(|document| document.document_element()) else {
        return;
    };
    let _ = match theme {
        Theme::Auto => root.remove_attribute("data-theme"),
        Theme::Light | Theme::Dark => root.set_attribute("data-theme", theme.as_str()),
    };
}

/// Sets `<html lang>` and the document's title, so that screen readers speak
/// the page in its language.
pub fn set_language(lang: Lang, title: &str) {
    let Some(document) = document() else {
        return;
    };
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("lang", lang.code());
    }
    document.set_title(title);
}

/// Writes `lang` into the URL's query (without reloading), so that a reload
/// keeps the language the learner chose.
pub fn remember_language(lang: Lang) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let (Ok(path), Ok(search), Ok(hash)) =
        (location.pathname(), location.search(), location.hash())
    else {
        return;
    };
    let mut options = parse_query(&search);
    options.lang = lang;
    let query = to_query(&options);
    let url = if query.is_empty() {
        format!("{path}{hash}")
    } else {
        format!("{path}?{query}{hash}")
    };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// The element of the notebook a link points at: a code cell's container, or
/// a prose cell (found by comparing ids, never by building a selector from
/// one).
fn target_element(document: &Document, focus: &Focus) -> Option<Element> {
    match focus {
        Focus::Code(n) => document
            .query_selector(&format!("[data-testid=\"cell-{n}\"]"))
            .ok()
            .flatten(),
        Focus::Prose(id) => {
            let cells = document.query_selector_all("[data-cell-id]").ok()?;
            (0..cells.length())
                .filter_map(|i| cells.item(i)?.dyn_into::<Element>().ok())
                .find(|element| element.get_attribute("data-cell-id").as_deref() == Some(id))
        }
    }
}

/// Scrolls the cell a link points at into view and focuses it: a code cell's
/// editor, or the prose cell itself.
pub fn focus_target(focus: &Focus) {
    let Some(document) = document() else {
        return;
    };
    let Some(element) = target_element(&document, focus) else {
        return;
    };
    let focusable = match focus {
        Focus::Code(_) => element
            .query_selector(&format!("textarea.{EDITOR_CLASS}"))
            .ok()
            .flatten(),
        Focus::Prose(_) => Some(element.clone()),
    };
    if let Some(focusable) = focusable.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
        // Focus without the browser's own scrolling, which would leave the
        // cell under the sticky toolbar; then scroll the whole cell into view.
        let options = FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = focusable.focus_with_options(&options);
    }
    let options = ScrollIntoViewOptions::new();
    options.set_block(ScrollLogicalPosition::Center);
    element.scroll_into_view_with_scroll_into_view_options(&options);
}

/// Focuses the editor after `current` in the page, if there is one.
pub fn focus_next_editor(current: &HtmlTextAreaElement) {
    let Some(document) = document() else {
        return;
    };
    let Ok(editors) = document.query_selector_all(&format!("textarea.{EDITOR_CLASS}")) else {
        return;
    };
    let current: &web_sys::Node = current.as_ref();
    let next = (0..editors.length())
        .filter_map(|i| editors.item(i))
        .skip_while(|editor| !editor.is_same_node(Some(current)))
        .nth(1)
        .and_then(|editor| editor.dyn_into::<HtmlElement>().ok());
    if let Some(next) = next {
        let _ = next.focus();
    }
}

/// A file offered for download. Its object URL stays valid while this is
/// alive (some browsers read it after the click returns) and is revoked when
/// it is dropped, by the next download or when the app goes.
#[derive(Debug)]
pub struct Download {
    url: String,
}

impl Drop for Download {
    fn drop(&mut self) {
        let _ = Url::revoke_object_url(&self.url);
    }
}

/// Offers `text` as a file named `name`: a Blob, an object URL and a
/// temporary `<a download>` clicked once.
pub fn download(name: &str, text: &str, mime: &str) -> Result<Download, JsError> {
    let document = document().ok_or_else(no_window)?;
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let properties = BlobPropertyBag::new();
    properties.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &properties)?;
    let download = Download {
        url: Url::create_object_url_with_blob(&blob)?,
    };
    let anchor: HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    anchor.set_href(&download.url);
    anchor.set_download(name);
    anchor.set_hidden(true);
    let body = document.body().ok_or_else(no_window)?;
    body.append_child(&anchor)?;
    anchor.click();
    anchor.remove();
    Ok(download)
}

/// A file being read as text. Dropping it aborts the read: its result is
/// then never delivered.
pub struct FileRead {
    reader: FileReader,
    _on_load: Closure<dyn FnMut()>,
    _on_error: Closure<dyn FnMut()>,
}

impl std::fmt::Debug for FileRead {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FileRead").finish_non_exhaustive()
    }
}

impl Drop for FileRead {
    fn drop(&mut self) {
        self.reader.set_onload(None);
        self.reader.set_onerror(None);
        self.reader.abort();
    }
}

/// Reads `file` as UTF-8 text and gives the text (or why it could not be
/// read) to `done`.
pub fn read_file(
    file: &File,
    done: Callback<Result<String, JsError>>,
) -> Result<FileRead, JsError> {
    let reader = FileReader::new()?;
    let on_load = {
        let reader = reader.clone();
        let done = done.clone();
        Closure::<dyn FnMut()>::new(move || {
            let text = reader.result().ok().and_then(|result| result.as_string());
            done.emit(text.ok_or_else(|| JsError {
                message: "the file is not text".to_owned(),
            }));
        })
    };
    let on_error = {
        let reader = reader.clone();
        Closure::<dyn FnMut()>::new(move || {
            let message = reader
                .error()
                .map_or_else(|| "the file could not be read".to_owned(), |e| e.message());
            done.emit(Err(JsError { message }));
        })
    };
    reader.set_onload(Some(on_load.as_ref().unchecked_ref()));
    reader.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    reader.read_as_text(file)?;
    Ok(FileRead {
        reader,
        _on_load: on_load,
        _on_error: on_error,
    })
}

/// An event listener, removed when this is dropped.
pub struct Listener {
    target: EventTarget,
    kind: &'static str,
    closure: Closure<dyn FnMut()>,
}

impl Listener {
    /// Calls `handler` on every `kind` event of `target`.
    pub fn new(
        target: &EventTarget,
        kind: &'static str,
        handler: impl FnMut() + 'static,
    ) -> Option<Listener> {
        let closure = Closure::<dyn FnMut()>::new(handler);
        target
            .add_event_listener_with_callback(kind, closure.as_ref().unchecked_ref())
            .ok()?;
        Some(Listener {
            target: target.clone(),
            kind,
            closure,
        })
    }

    /// Calls `handler` on every `kind` event of the window.
    pub fn on_window(kind: &'static str, handler: impl FnMut() + 'static) -> Option<Listener> {
        let window = web_sys::window()?;
        Listener::new(&window, kind, handler)
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self
            .target
            .remove_event_listener_with_callback(self.kind, self.closure.as_ref().unchecked_ref());
    }
}

/// Replaces the selection `start..end` (UTF-16 offsets) of `textarea` with
/// `text` through the browser's editing commands, so that Undo undoes it, and
/// says whether the browser did it. The browser fires `input` as for typing.
pub fn insert_text(textarea: &HtmlTextAreaElement, start: u32, end: u32, text: &str) -> bool {
    if textarea.set_selection_range(start, end).is_err() {
        return false;
    }
    let Some(document) = document().and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok()) else {
        return false;
    };
    document
        .exec_command_with_show_ui_and_value("insertText", false, text)
        .unwrap_or(false)
}

/// The page's address without its query or fragment: what links to a cell
/// of this page start with. Works for `file://` pages too.
pub fn page_address() -> Option<String> {
    let href = web_sys::window()?.location().href().ok()?;
    let end = href.find(['?', '#']).unwrap_or(href.len());
    Some(href[..end].to_owned())
}

/// The URL's fragment, with its `#` (empty when there is none).
pub fn fragment() -> String {
    web_sys::window()
        .and_then(|window| window.location().hash().ok())
        .unwrap_or_default()
}

/// Removes the fragment from the address bar without reloading, so that a
/// reload after leaving a shared cell shows the course.
pub fn forget_fragment() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let (Ok(path), Ok(search)) = (location.pathname(), location.search()) else {
        return;
    };
    if let Ok(history) = window.history() {
        let _ =
            history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("{path}{search}")));
    }
}

/// Loads the page again from its address.
pub fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

/// Marks `<html>` as embedded (`data-embed`), for the stylesheet.
pub fn set_embedded(embedded: bool) {
    if let Some(root) = document().and_then(|document| document.document_element()) {
        let _ = if embedded {
            root.set_attribute("data-embed", "")
        } else {
            root.remove_attribute("data-embed")
        };
    }
}

/// Copies `text` to the clipboard, then tells `done` whether the browser
/// allowed it (it may not: no clipboard outside secure contexts, none in a
/// sandboxed frame without permission).
pub fn copy_text(text: &str, done: Callback<bool>) {
    let Some(navigator) = web_sys::window().map(|window| window.navigator()) else {
        done.emit(false);
        return;
    };
    // `navigator.clipboard` is undefined where the API is unavailable;
    // calling a method on it would throw.
    let has_clipboard = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .is_ok_and(|clipboard| clipboard.is_object());
    if !has_clipboard {
        done.emit(false);
        return;
    }
    let promise = navigator.clipboard().write_text(text);
    wasm_bindgen_futures::spawn_local(async move {
        let copied = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
        done.emit(copied);
    });
}

/// Whether the page is shown inside another page's frame.
pub fn is_framed() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    match window.parent() {
        Ok(Some(parent)) => !js_sys::Object::is(&parent, &window),
        _ => false,
    }
}

/// Tells the parent page the height of this page whenever it changes, for
/// as long as it is alive: `{type: "awaitable:resize", height}`, and the same
/// height as Canvas's `{subject: "lti.frameResize", height}`. The messages
/// carry nothing but the height, so they go to any origin: a page in a
/// sandboxed frame cannot know its parent's.
pub struct ResizeReporter {
    observer: web_sys::ResizeObserver,
    _on_resize: Closure<dyn FnMut()>,
}

impl ResizeReporter {
    /// Starts reporting, if the page is in a frame and the browser can
    /// observe sizes.
    pub fn start() -> Option<ResizeReporter> {
        if !is_framed() {
            return None;
        }
        let window = web_sys::window()?;
        let root = document()?.document_element()?;
        let parent = window.parent().ok()??;
        let last = std::cell::Cell::new(0.0);
        let measured = root.clone();
        let on_resize = Closure::<dyn FnMut()>::new(move || {
            let height = measured.get_bounding_client_rect().height().ceil();
            if height != last.replace(height) {
                post_height(&parent, height);
            }
        });
        let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok()?;
        observer.observe(&root);
        Some(ResizeReporter {
            observer,
            _on_resize: on_resize,
        })
    }
}

impl Drop for ResizeReporter {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Posts `height` to `parent` in both message shapes.
fn post_height(parent: &web_sys::Window, height: f64) {
    use awaitable_notebook::embed::{CANVAS_RESIZE_SUBJECT, RESIZE_MESSAGE};
    let messages = [("type", RESIZE_MESSAGE), ("subject", CANVAS_RESIZE_SUBJECT)];
    for (key, name) in messages {
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &JsValue::from_str(key), &JsValue::from_str(name));
        let _ = js_sys::Reflect::set(&message, &JsValue::from_str("height"), &height.into());
        let _ = parent.post_message(&message, "*");
    }
}
