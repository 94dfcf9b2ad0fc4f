//! Killing docbao while it saves reading state never leaves a broken file: a writer saves
//! generation after generation as fast as it can and is killed with SIGKILL at random moments,
//! over and over; after every kill the state file parses and holds one whole generation, the
//! last one or a later one, and no more than the killed writer's one temporary file is left.

use docbao::state::{crash_test_generation, crash_test_state, ReadingState};
use std::os::unix::process::ExitStatusExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

const KILLS: usize = 120;
const ENTRIES: usize = 1000;

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
        let mut child = Command::new(env!("CARGO_BIN_EXE_docbao"))
            .args(["crash-test-writer", path.to_str().unwrap(), "--entries"])
            .arg(ENTRIES.to_string())
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
        let generation = crash_test_generation(&state).expect("a generation");
        assert!(
            generation >= last,
            "seed {seed}, kill {i}: went back from {last} to {generation}"
        );
        assert!(
            state == crash_test_state(generation, ENTRIES),
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
