//! Standard output for every command: a reader that closes the pipe early
//! (`newsbridge status | head`) ends the command quietly, as it ends any Unix
//! tool, instead of a panic (`println!`) or a "Broken pipe" error.
//!
//! Rust ignores SIGPIPE so that servers survive a closed socket; restoring
//! the default signal would also arm it for the portal's connections, so the
//! broken pipe is handled here, where standard output is written.

use std::io::Write;

/// The status a command ends with when its reader has gone: what a shell
/// reports for a process ended by SIGPIPE (128 + 13).
pub const BROKEN_PIPE_STATUS: i32 = 141;

/// Standard output as a [`Write`]: a closed pipe ends the process quietly
/// with [`BROKEN_PIPE_STATUS`]; other errors are returned.
#[derive(Debug, Default, Clone, Copy)]
pub struct Stdout;

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        quiet_on_broken_pipe(std::io::stdout().lock().write(buf))
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        quiet_on_broken_pipe(std::io::stdout().lock().write_all(buf))
    }

    fn flush(&mut self) -> std::io::Result<()> {
        quiet_on_broken_pipe(std::io::stdout().lock().flush())
    }
}

/// Ends the process quietly when `result` says the reader closed the pipe.
fn quiet_on_broken_pipe<T>(result: std::io::Result<T>) -> std::io::Result<T> {
    match result {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            std::process::exit(BROKEN_PIPE_STATUS)
        }
        other => other,
    }
}

/// Writes formatted text to standard output; a closed pipe ends the process
/// quietly, and another write error (a full disk behind a redirect) ends it
/// with one line on standard error.
pub fn write_fmt(args: std::fmt::Arguments<'_>) {
    let mut out = Stdout;
    if let Err(e) = out.write_fmt(args).and_then(|()| out.flush()) {
        eprintln!("error: cannot write to standard output: {e}");
        std::process::exit(1);
    }
}

/// `print!` that ends quietly on a closed pipe (see [`write_fmt`]).
macro_rules! out {
    ($($arg:tt)*) => {
        crate::out::write_fmt(format_args!($($arg)*))
    };
}

/// `println!` that ends quietly on a closed pipe (see [`write_fmt`]).
macro_rules! outln {
    () => {
        crate::out::write_fmt(format_args!("\n"))
    };
    ($($arg:tt)*) => {
        crate::out::write_fmt(format_args!("{}\n", format_args!($($arg)*)))
    };
}
