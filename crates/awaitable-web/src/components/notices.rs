//! Notices above the notebook: whether the learner's work is saved, and why
//! an import failed (an alert, so that it is announced at once).

use awaitable_notebook::course::Lang;
use awaitable_notebook::exercise::Message;
use yew::prelude::*;

use crate::i18n::ui;
use crate::state::StorageNotice;

/// The notices' properties.
#[derive(Properties, PartialEq)]
pub struct NoticesProps {
    /// The page's language.
    pub lang: Lang,
    /// What to say about saving.
    pub storage: StorageNotice,
    /// Whether a share link's scratch notebook is shown.
    #[prop_or_default]
    pub shared: bool,
    /// Why the last import failed.
    pub import_error: Option<Message>,
}

/// The notices.
#[function_component(Notices)]
pub fn notices(props: &NoticesProps) -> Html {
    let text = ui(props.lang);
    let storage = match &props.storage {
        StorageNotice::Saving => None,
        StorageNotice::Unavailable => Some(text.storage_unavailable.to_owned()),
        StorageNotice::StartedFresh(message) | StorageNotice::NotSaved(message) => {
            Some(message.get(props.lang).to_owned())
        }
    };
    html! {
        <div class="notices">
            if props.shared {
                <p class="notice" data-testid="shared-notice" role="status">{ text.shared_notice }</p>
            }
            if let Some(notice) = storage {
                <p class="notice" data-testid="storage-notice" role="status">{ notice }</p>
            }
            <div role="alert" class="alert-slot">
                if let Some(error) = &props.import_error {
                    <p class="notice error" data-testid="import-error">
                        { error.get(props.lang).to_owned() }
                    </p>
                }
            </div>
        </div>
    }
}
