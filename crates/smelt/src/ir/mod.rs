//! IR: the intermediate representation (`types.rs`: every name final and unique, no `openapiv3`
//! or token types), and the passes that complete it once lowering has built it: boxing recursive
//! fields, three-state optional nullable fields in request types, marking the types that
//! validate, deciding derives.

mod cycles;
mod derives;
mod requests;
pub(crate) mod types;
mod validation;

pub use cycles::{box_cycles, nesting_depth};
pub use derives::decide as decide_derives;
pub use requests::three_states;
pub use types::*;
pub use validation::{mark as mark_validated, named_in};
