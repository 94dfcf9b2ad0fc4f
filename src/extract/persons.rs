//! Persons named in an article, each under one canonical name.

use super::body::Block;

/// Finds the persons named in the title and body.
pub fn find(_title: &str, _blocks: &[Block]) -> Vec<String> {
    Vec::new()
}
