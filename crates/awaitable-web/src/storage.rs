//! The learner's work in the browser's `localStorage`: read when a notebook
//! opens, written a moment after the learner stops typing.
//!
//! Storage can be missing or hostile: a sandboxed iframe throws on
//! `window.localStorage`, private modes may refuse writes, and another page
//! of the same site may have written anything under our key. Nothing here
//! panics: an unusable storage is [`Store::Unavailable`] (the page says its
//! work will not be saved), and unreadable saved work is reported as
//! [`Loaded::Corrupt`] (the page starts afresh and says so).

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use awaitable_notebook::saved::{NotebookId, SavedWork};
use gloo_timers::callback::Timeout;
use web_sys::Storage;
use yew::Callback;

use crate::state::{Loaded, StorageNotice};

/// How long after the last edit the work is written, in milliseconds.
pub const SAVE_DELAY_MS: u32 = 300;

/// A key written and removed to check that storage works at all.
const PROBE_KEY: &str = "awaitable:probe";

/// Where the work is kept.
#[derive(Debug, Clone, PartialEq)]
pub enum Store {
    /// The page's `localStorage`.
    Local(Storage),
    /// The browser refuses storage to this page.
    Unavailable,
}

impl Store {
    /// The page's `localStorage`, if the browser lets the page read and
    /// write it.
    pub fn open() -> Store {
        let Some(window) = web_sys::window() else {
            return Store::Unavailable;
        };
        match window.local_storage() {
            Ok(Some(storage)) => {
                let works = storage.set_item(PROBE_KEY, "1").is_ok()
                    && storage.remove_item(PROBE_KEY).is_ok();
                if works {
                    Store::Local(storage)
                } else {
                    Store::Unavailable
                }
            }
            Ok(None) | Err(_) => Store::Unavailable,
        }
    }

    /// The work saved on `notebook`.
    pub fn load(&self, notebook: &NotebookId) -> Loaded {
        let Store::Local(storage) = self else {
            return Loaded::Unavailable;
        };
        match storage.get_item(&notebook.storage_key()) {
            Ok(None) => Loaded::Nothing,
            Ok(Some(json)) => match SavedWork::from_json(&json) {
                Ok(work) if work.notebook == *notebook => Loaded::Work(work),
                // Under our key but for another notebook: not ours to use.
                Ok(_) => Loaded::Nothing,
                Err(error) => Loaded::Corrupt(error),
            },
            Err(_) => Loaded::Unavailable,
        }
    }

    /// Writes `work` (removes the key when there is nothing to keep).
    pub fn save(&self, work: &SavedWork) -> Result<(), StorageNotice> {
        let Store::Local(storage) = self else {
            return Err(StorageNotice::Unavailable);
        };
        let key = work.storage_key();
        if work.is_empty() {
            return storage.remove_item(&key).map_err(|_| write_failed());
        }
        let json = work
            .to_json()
            .map_err(|error| StorageNotice::NotSaved(error.message()))?;
        storage.set_item(&key, &json).map_err(|_| write_failed())
    }
}

fn write_failed() -> StorageNotice {
    use awaitable_notebook::course::Lang;
    use awaitable_notebook::exercise::Message;

    use crate::i18n::ui;
    StorageNotice::NotSaved(Message {
        fr: ui(Lang::Fr).storage_write_failed.to_owned(),
        en: ui(Lang::En).storage_write_failed.to_owned(),
    })
}

/// Writes the work [`SAVE_DELAY_MS`] after the last change, so that typing
/// does not write on every key. The pending write is owned here: dropping
/// the saver cancels it, so call [`Saver::flush`] first when the page goes.
#[derive(Clone)]
pub struct Saver {
    inner: Rc<RefCell<SaverInner>>,
}

struct SaverInner {
    store: Rc<Store>,
    pending: Option<SavedWork>,
    timer: Option<Timeout>,
    /// The last work written, to skip writing it again.
    written: Option<SavedWork>,
    /// Whether the last write failed (and the page says so).
    failing: bool,
    report: Callback<StorageNotice>,
    this: Weak<RefCell<SaverInner>>,
}

impl PartialEq for Saver {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }
}

impl Saver {
    /// A saver writing to `store` that reports failures (and the recovery
    /// after one) to `report`. `stored` is the work storage holds already
    /// (what the page loaded), which is not written again; `None` when
    /// storage holds something else (unreadable work), which the first
    /// save replaces.
    pub fn new(
        store: Rc<Store>,
        report: Callback<StorageNotice>,
        stored: Option<SavedWork>,
    ) -> Saver {
        let inner = Rc::new_cyclic(|this| {
            RefCell::new(SaverInner {
                store,
                pending: None,
                timer: None,
                written: stored,
                failing: false,
                report,
                this: this.clone(),
            })
        });
        Saver { inner }
    }

    /// Saves `work` soon, in place of any pending work.
    pub fn schedule(&self, work: SavedWork) {
        let mut inner = self.inner.borrow_mut();
        if matches!(*inner.store, Store::Unavailable) || inner.written.as_ref() == Some(&work) {
            inner.pending = None;
            inner.timer = None;
            return;
        }
        inner.pending = Some(work);
        let this = inner.this.clone();
        inner.timer = Some(Timeout::new(SAVE_DELAY_MS, move || {
            if let Some(inner) = this.upgrade() {
                Saver { inner }.flush();
            }
        }));
    }

    /// Writes the pending work now, if any.
    pub fn flush(&self) {
        let notice = {
            let mut inner = self.inner.borrow_mut();
            inner.timer = None;
            let Some(work) = inner.pending.take() else {
                return;
            };
            match inner.store.save(&work) {
                Ok(()) => {
                    inner.written = Some(work);
                    std::mem::replace(&mut inner.failing, false)
                        .then(|| (inner.report.clone(), StorageNotice::Saving))
                }
                Err(notice) => {
                    inner.failing = true;
                    Some((inner.report.clone(), notice))
                }
            }
        };
        // Reported once the saver is released: the report re-renders the app.
        if let Some((report, notice)) = notice {
            report.emit(notice);
        }
    }
}
