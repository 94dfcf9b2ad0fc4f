//! What the CPU-timing examples share: their arguments and CPU clocks.

// Each example uses a part of this.
#![allow(dead_code)]

/// `DIR [ROUNDS]` from the command line (five rounds unless told); exits with a usage line
/// naming `example` when there is no folder.
pub fn args(example: &str) -> (String, usize) {
    let args: Vec<String> = std::env::args().collect();
    let Some(dir) = args.get(1) else {
        eprintln!("usage: {example} DIR [ROUNDS]");
        std::process::exit(2);
    };
    let rounds = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(5);
    (dir.clone(), rounds)
}

/// The CPU time of each of `rounds` calls of `round`, in seconds of this thread's CPU (not
/// wall time: another process on the core does not count), fastest first.
pub fn time_rounds(rounds: usize, mut round: impl FnMut()) -> Vec<f64> {
    let mut times: Vec<f64> = (0..rounds.max(1))
        .map(|_| {
            let t = thread_cpu();
            round();
            thread_cpu() - t
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times
}

fn thread_cpu() -> f64 {
    cpu_clock(libc::CLOCK_THREAD_CPUTIME_ID)
}

/// CPU time of every thread of the process so far, in seconds.
pub fn process_cpu() -> f64 {
    cpu_clock(libc::CLOCK_PROCESS_CPUTIME_ID)
}

fn cpu_clock(clock: libc::clockid_t) -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes into the timespec it is given.
    unsafe { libc::clock_gettime(clock, &mut ts) };
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}
