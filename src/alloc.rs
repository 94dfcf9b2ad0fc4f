//! Allocator settings (the binary uses mimalloc as its global allocator; see `main.rs`).

/// mimalloc's `mi_option_purge_delay` (the index of the option in `mimalloc.h`'s
/// `mi_option_e`; checked by a test against the library linked).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Gives freed memory back to the system after 10 ms, as mimalloc 2 did, instead of version 3's
/// full second: a first load frees its batches, read buffers and save buffers while it runs,
/// and a second's delay kept them all resident at the peak (100k articles: 482-490 MB peak
/// resident memory with the default, 455 MB with this).
pub fn release_freed_memory_promptly() {
    // SAFETY: sets an option's value; mimalloc reads options atomically.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 10) }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_option_is_the_purge_delay() {
        // mimalloc 3's default purge delay is 1000 ms; another option at this index would
        // have another default.
        // SAFETY: reads an option's value.
        let v = unsafe { libmimalloc_sys::mi_option_get(super::PURGE_DELAY) };
        assert!(v == 1000 || v == 10, "option {} is {v}", super::PURGE_DELAY);
    }
}
