//! Files written safely: created private (mode 0600 on Unix, for personal
//! data), built under a temporary name beside their destination, synced and
//! renamed into place, so a crash leaves either the old file or the new one,
//! never half of one. `backup` and `restore` use it; exports can too:
//!
//! ```text
//! let staged = files::Staged::new(dest)?;      // .NAME.PID-N.tmp beside dest, 0600
//! write_everything(staged.path())?;            // dropped unfinished: the temp is removed
//! staged.commit()?;                            // fsync, rename over dest, fsync the folder
//! ```

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

/// Creates a new file that only its owner can read (0600 on Unix); fails if it exists.
pub fn create_private(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// A path with `suffix` appended to its file name (`roster.db` + `-wal`).
pub fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// SQLite's companion files of a database: its write-ahead log, shared-memory
/// index and rollback journal.
pub fn sidecars(path: &Path) -> [PathBuf; 3] {
    [
        with_suffix(path, "-wal"),
        with_suffix(path, "-shm"),
        with_suffix(path, "-journal"),
    ]
}

/// The folder a file lives in (`.` for a bare file name).
pub fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Makes a rename or a new name in `folder` durable (Unix; elsewhere the
/// file system journals names itself).
pub fn sync_folder(folder: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        std::fs::File::open(folder)?.sync_all()?;
    }
    #[cfg(not(unix))]
    {
        let _ = folder;
    }
    Ok(())
}

/// Whether two paths name the same existing file (also through links).
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Whether `dest` is the database at `db` or one of its companion files:
/// writing a backup or an export there would destroy the data.
pub fn is_database(dest: &Path, db: &Path) -> bool {
    std::iter::once(db.to_path_buf())
        .chain(sidecars(db))
        .any(|p| same_file(dest, &p))
}

/// A file being built under a temporary name beside its destination.
pub struct Staged {
    temp: PathBuf,
    dest: PathBuf,
    committed: bool,
}

impl Staged {
    /// Creates the temporary file (private, empty) in the destination's folder.
    pub fn new(dest: &Path) -> std::io::Result<Staged> {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "roster".to_string());
        let temp = folder_of(dest).join(format!(
            ".{name}.{}-{}.tmp",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        create_private(&temp)?;
        Ok(Staged {
            temp,
            dest: dest.to_path_buf(),
            committed: false,
        })
    }

    /// Where to write.
    pub fn path(&self) -> &Path {
        &self.temp
    }

    /// Syncs the finished file to disk (before `rename`).
    pub fn sync(&self) -> std::io::Result<()> {
        std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(&self.temp)?
            .sync_all()
    }

    /// Renames the synced file over the destination (atomic on one file
    /// system); the folder is synced too, but a failure there no longer
    /// undoes anything, so it is not reported.
    pub fn rename(mut self) -> std::io::Result<()> {
        std::fs::rename(&self.temp, &self.dest)?;
        self.committed = true;
        let _ = sync_folder(&folder_of(&self.dest));
        Ok(())
    }

    /// Syncs the finished file, renames it over the destination (atomic on
    /// one file system) and syncs the folder so the new name survives power loss.
    pub fn commit(mut self) -> std::io::Result<()> {
        std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(&self.temp)?
            .sync_all()?;
        std::fs::rename(&self.temp, &self.dest)?;
        self.committed = true;
        sync_folder(&folder_of(&self.dest))
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_file(&self.temp);
        }
        for sidecar in sidecars(&self.temp) {
            let _ = std::fs::remove_file(sidecar);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_staged_file_lands_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("out.db");
        {
            let staged = Staged::new(&dest).unwrap();
            std::fs::write(staged.path(), b"half").unwrap();
            // dropped without commit
        }
        assert!(!dest.exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        let staged = Staged::new(&dest).unwrap();
        std::fs::write(staged.path(), b"whole").unwrap();
        staged.commit().unwrap();
        assert_eq!(std::fs::read(&dest).unwrap(), b"whole");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&dest).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
    }
}
