//! How SQLite is set to run: once for the process, and for each connection
//! as it reads (a page cache, a memory map) or streams a whole table.

use rusqlite::Connection;

/// How much of the file a connection reads through a memory map.
const MMAP_SIZE: i64 = 1 << 30;

/// Process-wide SQLite settings, before any connection opens: no memory
/// statistics. They cost a global lock on every allocation SQLite makes,
/// which the two readers of `Ctx::read_both` then wait on in turn (`due`
/// at province scale: 50–53 ms with them, 42–46 ms without); roster reads
/// none of them.
pub fn configure_library() {
    // SAFETY: sqlite3_config is called before sqlite3_initialize (no
    // connection exists yet) with the one int argument
    // SQLITE_CONFIG_MEMSTATUS takes; were SQLite initialized already it
    // would return SQLITE_MISUSE and change nothing.
    let _ = unsafe {
        rusqlite::ffi::sqlite3_config(
            rusqlite::ffi::SQLITE_CONFIG_MEMSTATUS,
            std::ffi::c_int::from(false),
        )
    };
}

/// A page read through the memory map that is no longer there (the file cut
/// short under the process by another program, a share gone, a disk error)
/// raises SIGBUS: the process then ends as it does on any damaged file —
/// exit 5, what happened and the fix — rather than dying on the signal.
/// Nothing is written: a transaction not committed is discarded when the
/// file is next opened.
pub fn end_on_bus_error() {
    extern "C" fn ended(_: libc::c_int) {
        let message = crate::i18n::pick(
            "错误: 读取时数据库文件被截断或无法读取（被其他程序改写、网络共享断开或磁盘出错）；未写入任何内容。请运行 roster check，必要时从备份恢复（roster restore）\n",
            "error: the database file was cut short or could not be read while roster read it (rewritten by another program, a network share gone, or a disk error); nothing was written. Run `roster check`, and restore a backup if need be (`roster restore`)\n",
        );
        // SAFETY: write(2) and _exit(2) are async-signal-safe; the message
        // is static and the language an atomic load.
        unsafe {
            libc::write(2, message.as_ptr().cast(), message.len());
            libc::_exit(5);
        }
    }
    let handler: extern "C" fn(libc::c_int) = ended;
    // SAFETY: the handler calls only async-signal-safe functions.
    unsafe {
        libc::signal(libc::SIGBUS, handler as libc::sighandler_t);
    }
}

/// A connection's settings for reading: 32 MB of page cache (SQLite's
/// default is 2 MB; reports and the yearly assessment read the same pages
/// many times), and the first GiB of the file read through a memory map, so
/// a page is not copied out of the kernel's cache into SQLite's (`due` at
/// province scale 44–45 ms with copies, 35–39 ms with the map).
pub fn reading(conn: &Connection) -> rusqlite::Result<()> {
    conn.pragma_update(None, "cache_size", -32_768)?;
    conn.pragma_update(None, "mmap_size", MMAP_SIZE)
}

/// For an export or an import, which stream through whole tables once: no
/// memory map (the pages it touched would count in the process's memory
/// until it ends, an export of ten million rows gigabytes of them) and
/// `cache` KiB of page cache.
pub fn streaming(conn: &Connection, cache: i64) -> rusqlite::Result<()> {
    conn.pragma_update(None, "mmap_size", 0)?;
    conn.pragma_update(None, "cache_size", -cache)
}

/// SQLite's foreign-key checks and CHECK constraints, on or off: off for an
/// import whose handler checks every row in full (`Dataset::rows_checked`),
/// outside any transaction (the foreign-key pragma is a no-op inside one).
pub fn constraints(conn: &Connection, on: bool) -> rusqlite::Result<()> {
    conn.pragma_update(None, "foreign_keys", on)?;
    conn.pragma_update(None, "ignore_check_constraints", !on)
}
