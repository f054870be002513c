//! A small Python 3.12 for teaching asyncio: lexer, parser, compiler, a bytecode
//! VM with explicit frames, and a sans-IO asyncio runtime driven by a host.
//!
//! Start at [`runtime::Runtime`]: a host creates one, starts a script or notebook
//! cells, and calls `step` with an instruction budget, feeding it a clock.

pub mod aio;
pub mod ast;
pub mod bigmath;
pub mod builtins;
pub mod bytecode;
pub mod compiler;
pub mod dict;
pub mod events;
pub mod format;
pub mod frame;
pub mod future;
pub mod http;
pub mod interp;
pub mod json;
pub mod lexer;
pub mod mathmod;
pub mod methods;
pub mod ops;
pub mod parser;
pub mod prelude;
pub mod random;
pub mod repr;
pub mod runtime;
pub mod script;
pub mod symtable;
pub mod timefmt;
pub mod traceback;
pub mod types;
pub mod value;
