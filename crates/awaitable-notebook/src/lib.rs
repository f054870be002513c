//! Notebook documents, course content and run records; pure logic, no I/O.

pub mod ipynb;
pub mod kernel;
pub mod markdown;
