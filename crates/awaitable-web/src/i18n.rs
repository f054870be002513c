//! The page's own words (buttons, labels, notices, help) in French and
//! English. The course's text comes from `awaitable-notebook`; this is only
//! the interface around it.

use awaitable_notebook::course::Lang;
use awaitable_notebook::exercise::Message;

/// The interface's fixed texts in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ui {
    /// The language these texts are in.
    pub lang: Lang,
    /// The document's title, in the browser's tab.
    pub page_title: &'static str,
    /// The line under the app's name.
    pub tagline: &'static str,
    /// The link that jumps over the header and toolbar.
    pub skip_link: &'static str,
    /// The toolbar's accessible name.
    pub toolbar: &'static str,
    /// Run all's visible text.
    pub run_all: &'static str,
    /// Stop's visible text.
    pub stop: &'static str,
    /// Stop's accessible name.
    pub stop_label: &'static str,
    /// Restart's visible text.
    pub restart: &'static str,
    /// Restart's accessible name.
    pub restart_label: &'static str,
    /// The fast-forward toggle's visible text (its state is `aria-pressed`).
    pub fast_forward: &'static str,
    /// What fast-forward does, as the toggle's description.
    pub fast_forward_help: &'static str,
    /// The language toggle's text: the other language's name, in it.
    pub other_language: &'static str,
    /// The other language's code, for the toggle's `lang` attribute.
    pub other_language_code: &'static str,
    /// Export's visible text.
    pub export: &'static str,
    /// Export's accessible name.
    pub export_label: &'static str,
    /// Import's visible text (a file picker).
    pub import: &'static str,
    /// Reset notebook's visible text.
    pub reset_notebook: &'static str,
    /// The question asked before resetting the notebook.
    pub reset_notebook_question: &'static str,
    /// The button that confirms the reset.
    pub reset_notebook_confirm: &'static str,
    /// The button that cancels the reset.
    pub cancel: &'static str,
    /// Shown while an imported notebook replaces the course: goes back.
    pub back_to_course: &'static str,
    /// Kernel status: the first render.
    pub status_starting: &'static str,
    /// Kernel status: the prefix of the reason Python cannot run.
    pub status_failed: &'static str,
    /// Kernel status: blocked in `time.sleep`.
    pub status_blocked: &'static str,
    /// Kernel status: running.
    pub status_running: &'static str,
    /// Kernel status: idle.
    pub status_idle: &'static str,
    /// The cell's Run button's tooltip.
    pub run_title: &'static str,
    /// The running indicator while queued.
    pub waiting: &'static str,
    /// The running indicator while running.
    pub running: &'static str,
    /// The badge on the learner's cell.
    pub your_answer: &'static str,
    /// The badge on the solution's cell.
    pub solution: &'static str,
    /// The exercise's check button.
    pub validate: &'static str,
    /// The solution toggle when hidden.
    pub show_solution: &'static str,
    /// The solution toggle when shown.
    pub hide_solution: &'static str,
    /// The checks' heading.
    pub checks_title: &'static str,
    /// Before the first check.
    pub checks_hint: &'static str,
    /// A check that passed.
    pub verdict_pass: &'static str,
    /// A check that failed.
    pub verdict_fail: &'static str,
    /// A check that cannot be decided yet.
    pub verdict_not_yet: &'static str,
    /// The "faster" check when the learner's cell has not run to its end.
    pub run_exercise_first: &'static str,
    /// Storage is unavailable (a sandboxed iframe, privacy settings).
    pub storage_unavailable: &'static str,
    /// Writing to storage failed.
    pub storage_write_failed: &'static str,
    /// Shown while a shared cell replaces the course.
    pub shared_notice: &'static str,
    /// The button that shows a cell's share link.
    pub share: &'static str,
    /// What sharing does, as the button's description.
    pub share_help: &'static str,
    /// The share link field's label.
    pub share_link: &'static str,
    /// The button that shows the HTML that embeds a cell.
    pub embed: &'static str,
    /// What embedding does, as the button's description.
    pub embed_help: &'static str,
    /// The embedding code field's label.
    pub embed_code: &'static str,
    /// The text was copied to the clipboard.
    pub copied: &'static str,
    /// The browser refused to copy: the learner copies by hand.
    pub copy_by_hand: &'static str,
    /// Closes the share panel.
    pub close: &'static str,
    /// The keyboard help's summary.
    pub help_title: &'static str,
    /// The keyboard help, one item per line.
    pub help_items: &'static [&'static str],
    /// What the editors' `aria-describedby` reads.
    pub editor_help: &'static str,
}

const FR: Ui = Ui {
    lang: Lang::Fr,
    page_title: "Awaitable — asyncio dans votre navigateur",
    tagline: "asyncio, exécuté dans votre navigateur",
    skip_link: "Aller au carnet",
    toolbar: "Commandes du carnet",
    run_all: "▶▶ Tout exécuter",
    stop: "■ Arrêter",
    stop_label: "Arrêter la cellule en cours",
    restart: "↻ Redémarrer",
    restart_label: "Redémarrer Python (oublie toutes les variables)",
    fast_forward: "» Avance rapide",
    fast_forward_help: "Les attentes (sleep) passent instantanément ; les calculs gardent leur durée.",
    other_language: "English",
    other_language_code: "en",
    export: "⤓ Exporter",
    export_label: "Exporter le carnet et vos modifications (.ipynb)",
    import: "⤒ Importer un .ipynb",
    reset_notebook: "Réinitialiser le carnet",
    reset_notebook_question: "Effacer toutes vos modifications, les sorties et les vérifications ?",
    reset_notebook_confirm: "Oui, tout réinitialiser",
    cancel: "Annuler",
    back_to_course: "Revenir au cours",
    status_starting: "Démarrage…",
    status_failed: "Python ne peut pas s'exécuter ici",
    status_blocked: "Bloqué : time.sleep retient la boucle d'événements",
    status_running: "En cours",
    status_idle: "Prêt",
    run_title: "Exécuter (Maj+Entrée)",
    waiting: "en attente…",
    running: "en cours…",
    your_answer: "Votre réponse",
    solution: "Solution",
    validate: "Vérifier ma réponse",
    show_solution: "Afficher la solution",
    hide_solution: "Masquer la solution",
    checks_title: "Vérifications",
    checks_hint: "Exécutez votre cellule, puis cliquez sur « Vérifier ma réponse ».",
    verdict_pass: "Réussi",
    verdict_fail: "À corriger",
    verdict_not_yet: "Pas encore",
    run_exercise_first: "Exécutez d'abord votre cellule jusqu'au bout pour mesurer sa durée.",
    storage_unavailable: "Votre travail ne sera pas enregistré ici : ce navigateur refuse le stockage local à cette page.",
    storage_write_failed: "Votre travail n'a pas pu être enregistré dans ce navigateur.",
    shared_notice: "Vous avez ouvert une cellule partagée. Vos modifications y sont enregistrées à part : votre travail sur le cours n'est pas touché.",
    share: "Partager",
    share_help: "Un lien qui ouvre ce code dans un carnet à part",
    share_link: "Lien de partage",
    embed: "Intégrer",
    embed_help: "Le code HTML qui intègre cette cellule dans une autre page",
    embed_code: "Code d'intégration (iframe)",
    copied: "Copié dans le presse-papiers.",
    copy_by_hand: "Le navigateur n'a pas permis la copie : le texte est sélectionné, copiez-le avec Ctrl+C.",
    close: "Fermer",
    help_title: "Aide : le clavier",
    help_items: &[
        "Tab indente (4 espaces, ou les lignes sélectionnées) ; Maj+Tab désindente.",
        "Entrée garde l'indentation de la ligne, et l'augmente après une ligne qui finit par « : ».",
        "Maj+Entrée exécute la cellule et passe à la suivante ; Ctrl+Entrée l'exécute sans bouger.",
        "Échap, puis Tab (ou Maj+Tab), quitte l'éditeur : le clavier ne reste jamais piégé.",
        "Vos modifications sont enregistrées dans ce navigateur à mesure que vous tapez.",
    ],
    editor_help: "Éditeur Python. Tab indente, Maj+Entrée exécute, Échap puis Tab quitte l'éditeur.",
};

const EN: Ui = Ui {
    lang: Lang::En,
    page_title: "Awaitable — asyncio in your browser",
    tagline: "asyncio, running in your browser",
    skip_link: "Skip to the notebook",
    toolbar: "Notebook controls",
    run_all: "▶▶ Run all",
    stop: "■ Stop",
    stop_label: "Stop the running cell",
    restart: "↻ Restart",
    restart_label: "Restart Python (forgets all variables)",
    fast_forward: "» Fast-forward",
    fast_forward_help: "Waits (sleep) pass instantly; computing still takes its time.",
    other_language: "Français",
    other_language_code: "fr",
    export: "⤓ Export",
    export_label: "Export the notebook with your edits (.ipynb)",
    import: "⤒ Import an .ipynb",
    reset_notebook: "Reset notebook",
    reset_notebook_question: "Erase all your edits, outputs and checks?",
    reset_notebook_confirm: "Yes, reset everything",
    cancel: "Cancel",
    back_to_course: "Back to the course",
    status_starting: "Starting…",
    status_failed: "Python cannot run here",
    status_blocked: "Blocked: time.sleep holds the event loop",
    status_running: "Running",
    status_idle: "Idle",
    run_title: "Run (Shift+Enter)",
    waiting: "waiting…",
    running: "running…",
    your_answer: "Your answer",
    solution: "Solution",
    validate: "Check my answer",
    show_solution: "Show the solution",
    hide_solution: "Hide the solution",
    checks_title: "Checks",
    checks_hint: "Run your cell, then press “Check my answer”.",
    verdict_pass: "Passed",
    verdict_fail: "To fix",
    verdict_not_yet: "Not yet",
    run_exercise_first: "Run your cell to its end first, so that its duration is known.",
    storage_unavailable:
        "Your work will not be saved here: this browser refuses local storage to this page.",
    storage_write_failed: "Your work could not be saved in this browser.",
    shared_notice: "You opened a shared cell. Your edits to it are saved apart: your work on the course is untouched.",
    share: "Share",
    share_help: "A link that opens this code in a notebook of its own",
    share_link: "Share link",
    embed: "Embed",
    embed_help: "The HTML that embeds this cell in another page",
    embed_code: "Embedding code (iframe)",
    copied: "Copied to the clipboard.",
    copy_by_hand: "The browser did not allow copying: the text is selected, copy it with Ctrl+C.",
    close: "Close",
    help_title: "Help: the keyboard",
    help_items: &[
        "Tab indents (4 spaces, or the selected lines); Shift+Tab dedents.",
        "Enter keeps the line's indentation, and adds a level after a line ending with “:”.",
        "Shift+Enter runs the cell and moves to the next one; Ctrl+Enter runs it and stays.",
        "Escape, then Tab (or Shift+Tab), leaves the editor: the keyboard is never trapped.",
        "Your edits are saved in this browser as you type.",
    ],
    editor_help: "Python editor. Tab indents, Shift+Enter runs, Escape then Tab leaves the editor.",
};

/// The interface's texts in `lang`.
pub fn ui(lang: Lang) -> &'static Ui {
    match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    }
}

impl Ui {
    /// The accessible name of code cell `n` (from 1).
    pub fn code_cell(&self, n: usize) -> String {
        match self.lang {
            Lang::Fr => format!("Cellule de code {n}"),
            Lang::En => format!("Code cell {n}"),
        }
    }

    /// The accessible name of code cell `n`'s editor.
    pub fn cell_code(&self, n: usize) -> String {
        match self.lang {
            Lang::Fr => format!("Code de la cellule {n}"),
            Lang::En => format!("Cell {n} code"),
        }
    }

    /// The accessible name of code cell `n`'s Run button.
    pub fn run_cell(&self, n: usize) -> String {
        match self.lang {
            Lang::Fr => format!("Exécuter la cellule {n}"),
            Lang::En => format!("Run cell {n}"),
        }
    }

    /// The accessible name of code cell `n`'s Reset button.
    pub fn reset_cell(&self, n: usize) -> String {
        match self.lang {
            Lang::Fr => format!("Rétablir le code d'origine de la cellule {n}"),
            Lang::En => format!("Restore cell {n}'s original code"),
        }
    }

    /// The accessible name of code cell `n`'s output.
    pub fn cell_output(&self, n: usize) -> String {
        match self.lang {
            Lang::Fr => format!("Sortie de la cellule {n}"),
            Lang::En => format!("Output of cell {n}"),
        }
    }
}

/// Why a chosen file could not be read, as the browser said.
pub fn file_unreadable(reason: &str) -> Message {
    Message {
        fr: format!("Le fichier n'a pas pu être lu ({reason})."),
        en: format!("The file could not be read ({reason})."),
    }
}

#[cfg(test)]
mod tests {
    use awaitable_notebook::course::Lang;

    use crate::i18n::ui;

    #[test]
    fn both_languages_say_the_same_things() {
        let (fr, en) = (ui(Lang::Fr), ui(Lang::En));
        assert_eq!(fr.help_items.len(), en.help_items.len());
        assert_eq!(fr.other_language_code, Lang::En.code());
        assert_eq!(en.other_language_code, Lang::Fr.code());
        assert_eq!(fr.cell_code(3), "Code de la cellule 3");
        assert_eq!(en.cell_code(3), "Cell 3 code");
        assert!(en
            .storage_unavailable
            .starts_with("Your work will not be saved here"));
    }
}
