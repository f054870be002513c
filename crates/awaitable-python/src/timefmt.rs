//! `time.strftime` and `time.localtime` (UTC: the page has no time zone database).

use crate::interp::{Interp, Raise};
use crate::value::{Args, Value};

/// `time.strftime(format[, t])`.
pub fn strftime(interp: &mut Interp, _args: Args) -> Raise<Value> {
    Err(interp.err("NotImplementedError", "strftime"))
}

/// `time.localtime([secs])`.
pub fn localtime(interp: &mut Interp, _args: Args) -> Raise<Value> {
    Err(interp.err("NotImplementedError", "localtime"))
}
