//! A small Python 3.12 for teaching asyncio: lexer, parser, compiler, a bytecode
//! VM with explicit frames, and a sans-IO asyncio runtime driven by a host.

pub mod ast;
pub mod lexer;
pub mod parser;
