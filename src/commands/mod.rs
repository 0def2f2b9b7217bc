//! One module per command.

pub mod update;
