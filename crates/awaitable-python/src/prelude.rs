//! Builds the `asyncio` module: native primitives plus `prelude/asyncio.py`.

use std::collections::HashMap;
use std::rc::Rc;

use crate::compiler::{self, Mode};
use crate::frame::FrameRole;
use crate::interp::Interp;
use crate::value::*;

/// The Python half of `asyncio`, compiled into every interpreter.
const ASYNCIO_SOURCE: &str = include_str!("prelude/asyncio.py");
/// `wikipedia`, over the host's HTTP client.
const WIKIPEDIA_SOURCE: &str = include_str!("prelude/wikipedia.py");
/// `wikipedia.exceptions`.
const WIKIPEDIA_EXCEPTIONS_SOURCE: &str = include_str!("prelude/wikipedia_exceptions.py");

/// A fresh event loop object of `class`.
pub fn new_loop_object(class: &Rc<Class>) -> Value {
    Value::Instance(Rc::new(Instance {
        class: class.clone(),
        attrs: Default::default(),
        payload: std::cell::RefCell::new(Payload::Native(NativeObj::Loop(Default::default()))),
        hash_cache: Default::default(),
    }))
}

/// Closes the current loop object and installs a new one: each `asyncio.run`
/// runs its own loop, and the old one reports `is_closed()`.
pub fn replace_loop(interp: &mut Interp) {
    let Some(Value::Module(module)) = interp.modules.get("asyncio").cloned() else {
        return;
    };
    let mut dict = module.dict.borrow_mut();
    if let Some(Value::Instance(old)) = dict.get_str("_loop") {
        if let Payload::Native(NativeObj::Loop(closed)) = &*old.payload.borrow() {
            closed.set(true);
        }
    }
    if let Some(Value::Class(class)) = dict.get_str("_LoopClass") {
        let _ = dict.insert(Value::str("_loop"), new_loop_object(&class));
    }
}

/// Registers `asyncio` and runs its Python part in the module's namespace.
pub fn install_asyncio(interp: &mut Interp) {
    let mut entries: HashMap<&'static str, Value> = HashMap::new();
    crate::aio::install(interp, &mut entries);
    let loop_class = crate::aio::loop_class(interp);
    let handle_class = crate::aio::handle_class(interp);
    entries.insert("_loop", new_loop_object(&loop_class));
    entries.insert("_LoopClass", Value::Class(loop_class));
    entries.insert("_Handle", Value::Class(handle_class));
    let mut sorted: Vec<(&str, Value)> = entries.into_iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(b.0));
    let module = crate::builtins::register_module(interp, "asyncio", sorted);
    run_source(interp, &module, "<asyncio>", ASYNCIO_SOURCE);
}

/// Registers `wikipedia` (and `wikipedia.exceptions`), written in Python over `_http`.
pub fn install_wikipedia(interp: &mut Interp) {
    crate::http::install(interp);
    let exceptions = crate::builtins::register_module(interp, "wikipedia.exceptions", Vec::new());
    run_source(
        interp,
        &exceptions,
        "<wikipedia>",
        WIKIPEDIA_EXCEPTIONS_SOURCE,
    );
    let module =
        crate::builtins::register_module(interp, "wikipedia", vec![("exceptions", exceptions)]);
    run_source(interp, &module, "<wikipedia>", WIKIPEDIA_SOURCE);
}

/// Runs a prelude module's Python source in the module's namespace. A failure
/// here is a bug in Awaitable: it is reported on stderr, not hidden.
fn run_source(interp: &mut Interp, module: &Value, filename: &str, source: &str) {
    let Value::Module(m) = module else { return };
    let globals = m.dict.clone();
    let result = crate::parser::parse_module(source)
        .and_then(|ast| compiler::compile_module(&ast, filename, Mode::Script));
    match result {
        Ok(code) => {
            let mut frame = interp.module_frame(code, globals);
            frame.role = FrameRole::Base;
            if let Err(e) = interp.run_nested(frame) {
                let text = interp.format_exception(&e);
                interp.write(
                    crate::interp::Stream::Stderr,
                    &format!("{} failed to initialise:\n{text}", m.name),
                );
            }
        }
        Err(e) => interp.write(
            crate::interp::Stream::Stderr,
            &format!(
                "{} failed to compile: line {}: {}\n",
                m.name, e.line, e.message
            ),
        ),
    }
}
