//! Killing docbao while it saves reading state never leaves a broken file: a writer saves
//! generation after generation as fast as it can and is killed with SIGKILL at random moments,
//! over and over; after every kill the state file parses and holds one whole generation, the
//! last one or a later one, and no more than the killed writer's one temporary file is left.
//!
//! The writer is this test program run again (`writer` below, with `DOCBAO_CRASH_WRITER` naming
//! the file): it saves through the reader's own `StateFile::save`.

use docbao_core::state::{Last, Mark, ReadingState, SavedPane, StateFile};
use docbao_core::store::ContentKey;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

const KILLS: usize = 120;
const ENTRIES: usize = 1000;
/// Set in the writer's environment: the state file it saves to.
const WRITER_FILE: &str = "DOCBAO_CRASH_WRITER";

/// The state the writer saves as its `generation`-th: `entries` marks and a position that all
/// depend on `generation`, so a reader can tell a whole file from a mix.
fn state_of(generation: u64, entries: usize) -> ReadingState {
    let mut s = ReadingState::new();
    for i in 0..entries as u64 {
        let read = (i + generation).is_multiple_of(2);
        let bookmarked = (i * 7 + generation).is_multiple_of(3);
        s.insert(
            ContentKey(u128::from(i) * 0x9e37_79b9_7f4a_7c15 + 1),
            Mark {
                path: format!("{}/bài-{i}.md", 2000 + i % 30),
                read: read || !bookmarked,
                bookmarked,
                // Tags too depend on the generation: they are saved with the same guarantee.
                tags: if (i + generation).is_multiple_of(5) {
                    vec![format!("đợt-{generation}"), "tin".to_string()]
                } else {
                    Vec::new()
                },
            },
        );
    }
    s.last = Last {
        query: format!("generation {generation}"),
        article: Some(ContentKey(u128::from(generation))),
        pane: SavedPane::Reader,
        reader_scroll: generation as usize,
    };
    s
}

/// The generation a writer's state file holds.
fn generation_of(s: &ReadingState) -> Option<u64> {
    s.last.query.strip_prefix("generation ")?.parse().ok()
}

/// The writer: saves generation after generation at the file `DOCBAO_CRASH_WRITER` names, as
/// fast as it can, until killed, starting after the generation the file holds. Run alone
/// (without the variable) it does nothing.
#[test]
fn writer() {
    let Some(path) = std::env::var_os(WRITER_FILE) else {
        return;
    };
    let file = StateFile::at(Path::new(&path).to_path_buf(), "crash test");
    let opened = file.open();
    assert!(opened.message.is_none(), "{:?}", opened.message);
    let mut generation = generation_of(&opened.state).unwrap_or(0);
    loop {
        generation += 1;
        if let Err(e) = file.save(&state_of(generation, ENTRIES)) {
            panic!("cannot save: {e}");
        }
    }
}

#[test]
fn writer_states_tell_their_generation() {
    let s = state_of(5, 10);
    assert_eq!(generation_of(&s), Some(5));
    let back = ReadingState::from_json(&s.to_json("t")).unwrap();
    assert_eq!(back, s);
    assert_ne!(state_of(6, 10), s);
}

/// A small xorshift generator, seeded from the clock: every run kills at other moments (the
/// seed is printed to replay a failure).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn sigkill_while_saving_leaves_the_old_state_or_the_new() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let seed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(1)
        | 1;
    let mut rng = Rng(seed);
    let start = Instant::now();
    let mut last = 0;
    let mut mid_save = 0;
    for i in 0..KILLS {
        let mut child = Command::new(std::env::current_exe().expect("this test program"))
            .args(["writer", "--exact", "--nocapture", "--test-threads=1"])
            .env(WRITER_FILE, &path)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn the writer");
        // From before its first save to well into its saves.
        std::thread::sleep(Duration::from_micros(2_000 + rng.next() % 50_000));
        child.kill().expect("SIGKILL");
        let out = child.wait_with_output().expect("wait");
        assert_eq!(
            out.status.signal(),
            Some(9),
            "seed {seed}, kill {i}: the writer stopped by itself: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let temps = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with(".state.json.tmp-"))
            .count();
        assert!(temps <= 1, "seed {seed}, kill {i}: {temps} temporary files left");
        mid_save += temps;
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && last == 0 => continue,
            Err(e) => panic!("seed {seed}, kill {i}: the state file is gone: {e}"),
        };
        let state = ReadingState::from_json(&bytes).unwrap_or_else(|e| {
            panic!(
                "seed {seed}, kill {i}: broken state file ({e:?}):\n{}",
                String::from_utf8_lossy(&bytes)
            )
        });
        let generation = generation_of(&state).expect("a generation");
        assert!(
            generation >= last,
            "seed {seed}, kill {i}: went back from {last} to {generation}"
        );
        assert!(
            state == state_of(generation, ENTRIES),
            "seed {seed}, kill {i}: generation {generation} is not whole"
        );
        last = generation;
    }
    eprintln!(
        "{KILLS} kills in {:.1} s, {last} saves survived, {mid_save} kills left a half-written temporary file (seed {seed})",
        start.elapsed().as_secs_f64()
    );
    assert!(
        last >= KILLS as u64 / 8,
        "too few saves happened to test anything: {last}"
    );
    assert!(mid_save > 0, "no kill landed inside a save (seed {seed})");
}
