//! Binding the arguments of the module's functions, which CPython defines in
//! Python as methods of `Random`: positional-or-keyword parameters, then
//! keyword-only ones, with the interpreter's messages for bad calls.

use crate::interp::{Interp, Raise};
use crate::value::{Args, Value};

/// Binds `args` to `positional` then `keyword_only` parameter names; the first
/// `required` positional ones must be given. Returns one slot per name, in order.
pub fn bind<const K: usize>(
    interp: &Interp,
    args: Args,
    fname: &str,
    positional: &[&str],
    keyword_only: &[&str],
    required: usize,
) -> Raise<[Option<Value>; K]> {
    let mut slots: [Option<Value>; K] = std::array::from_fn(|_| None);
    let qualname = format!("Random.{fname}()");
    if args.pos.len() > positional.len() {
        return Err(interp.type_error(too_many(
            &qualname,
            positional.len(),
            required,
            args.pos.len(),
        )));
    }
    for (slot, value) in slots.iter_mut().zip(args.pos) {
        *slot = Some(value);
    }
    for (name, value) in args.kw {
        let at = positional
            .iter()
            .chain(keyword_only)
            .position(|p| **p == *name);
        let Some(slot) = at.and_then(|i| slots.get_mut(i)) else {
            return Err(interp.type_error(format!(
                "{qualname} got an unexpected keyword argument '{name}'"
            )));
        };
        if slot.is_some() {
            return Err(interp.type_error(format!(
                "{qualname} got multiple values for argument '{name}'"
            )));
        }
        *slot = Some(value);
    }
    let missing: Vec<String> = positional
        .iter()
        .zip(&slots)
        .take(required)
        .filter(|(_, s)| s.is_none())
        .map(|(n, _)| format!("'{n}'"))
        .collect();
    if !missing.is_empty() {
        return Err(interp.type_error(missing_message(&qualname, &missing)));
    }
    Ok(slots)
}

/// "takes N positional arguments but M were given", counting `self` as CPython does.
fn too_many(qualname: &str, max: usize, required: usize, given: usize) -> String {
    let takes = if required == max {
        format!("{}", max + 1)
    } else {
        format!("from {} to {}", required + 1, max + 1)
    };
    let plural = if required == max && max == 0 { "" } else { "s" };
    format!(
        "{qualname} takes {takes} positional argument{plural} but {} were given",
        given + 1
    )
}

fn missing_message(qualname: &str, missing: &[String]) -> String {
    let n = missing.len();
    let names = match missing {
        [one] => one.clone(),
        [init @ .., last] if n == 2 => format!("{} and {last}", init.join(", ")),
        [init @ .., last] => format!("{}, and {last}", init.join(", ")),
        [] => String::new(),
    };
    let plural = if n == 1 { "" } else { "s" };
    format!("{qualname} missing {n} required positional argument{plural}: {names}")
}
