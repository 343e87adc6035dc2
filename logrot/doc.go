// Package logrot is a size-capped, self-rotating log file that many
// processes may write at once, each with its own Writer, without a log
// daemon, a pipe or logrotate. It is an io.Writer meant to sit under
// slog.NewTextHandler or slog.NewJSONHandler (Writer.Logger builds one):
// each Write is one record.
//
// # On-disk layout
//
// For a log at /var/log/letterbox/deliver.log:
//
//	deliver.log                               the current file, mode Options.Mode (0640)
//	deliver.log.lock                          the rotation lock (empty, never removed)
//	deliver.log.@400000006b014ba3075bcd15     a rotated file, mode Mode|0100
//	deliver.log.@400000006b014bb1054a1c02.gz  a rotated file after compression
//	deliver.log.@<label>.gz.tmp               a compression in progress
//
// Rotated files are named after the TAI64N label (as multilog's @<label>.s,
// decodable with tai64nlocal) of the moment they were rotated. Labels are
// strictly increasing, even if the clock steps back, so the names of one log
// sort in rotation order and nothing is ever renamed twice: there is no
// .1 → .2 → .3 chain to break half-way. RotatedName and ParseRotatedName
// make and read these names. The owner execute bit marks a rotated
// ("sealed") file, as multilog marks a finished current with 0744.
//
// # Records
//
// A Write of p appends one record: the optional timestamp prefix
// (Options.Timestamp: RFC 3339 UTC with microseconds, or "@" + TAI64N as
// multilog's t), p, and a newline if p lacks one, with a single write(2) on
// an O_APPEND descriptor while the writer holds the rotation lock. A record
// is therefore never split across files, never interleaved with another
// writer's record, and never left torn: if the kernel writes it short (disk
// full), the file is truncated back to its length before the record. A
// record longer than Options.MaxBytes goes whole into a file of its own.
// The prefix is taken under the lock, so stamps follow file order.
//
// # Rotation and the cap
//
// Every Write holds an exclusive flock(2) on the lock file, waiting at most
// Options.LockTimeout to get it, and then, in this order:
//
//  1. statx(2) of its open descriptor (size, mode, link count; no
//     timestamps, which would make the next write slower on kernels with
//     fine-grained timestamps). A file with no links (removed) or with the
//     seal bit (rotated by someone else) is closed and the path reopened;
//     once a second, and whenever the path is (re)opened, the writer also
//     checks by path that its file and its lock file are the ones in the
//     directory (a removed and recreated directory, a file moved away).
//  2. If the record would take the file past MaxBytes, and the file is not
//     empty, rotate: list the rotated files, pick the label
//     max(now, newest+1ns), seal the file (chmod Mode|0100), rename it to
//     the rotated name, then prune; the writer opens (creating) a new
//     current file.
//  3. Write the record, and keep the lock as a lease or release it.
//
// # The lease
//
// Taking and dropping a flock, and a statx, each cost about as much as
// writing a record, so a writer keeps the lock between its Writes, as a
// lease, while nobody else wants it. While it holds the lock, no other
// writer can append or rotate, so the size it saw at step 1 plus what it has
// appended since is the size of the file: for 5 µs after a statx, records
// that fit are written without another one (step 1 and 2 are skipped), and
// a busy writer pays little more than the write(2) of each record. Only a
// change from outside logrot (rm, mv or truncation of the current file)
// escapes the check during those microseconds, for the records written in
// them, as a record racing with such a change always could; the by-path
// check still runs once a second.
//
// A writer that has to wait for the lock announces it with an
// open-file-description read lock (F_OFD_SETLK) on the first byte of the
// lock file, which does not interact with flock; the holder looks for such
// an announcement (F_OFD_GETLK) every 16 records and, when it sees one,
// releases the lock after the record and stands back for up to 200 µs so
// that the waiter gets it. A lease also ends when unused for a millisecond
// (a goroutine per Writer ticks while a lease is held), after 10 ms in any
// case (lockers that do not announce themselves, such as another program
// taking the flock, get their turn), on any error, and at Close. Nothing
// about the lease is shared memory: the flock is still what excludes
// writers, and a holder that dies (even by SIGKILL) loses the lock with its
// descriptors, so the others go on at once, and the kernel's state of the
// file (statx) is what every new lease starts from. A writer that is stopped
// (SIGSTOP, a debugger) while holding a lease makes the others drop records
// after LockTimeout, as one stopped during a Write always did; the lease
// widens that window by up to two milliseconds after each Write.
//
// Because every append happens under the lock after the check, no writer
// ever appends to a file that another writer has rotated: a writer with a
// stale descriptor notices at step 1 and reopens. That is what makes the cap
// exact and rotation lossless whatever the number of writers.
//
// Pruning keeps the newest rotated files while there are at most
// Options.Keep of them and they take at most Keep × MaxBytes bytes; the
// first file that does not fit goes, with every older one, so what remains
// is always the most recent part of the log. The current file holds at most
// MaxBytes, or a single oversize record. So the log never takes more than
// (Keep+1) × MaxBytes plus one oversize record, counting file sizes, with one
// exception: with Compress, a .gz.tmp being written (smaller than the file
// it compresses) is not counted until the next rotation.
//
// A file size limit below MaxBytes (ulimit -f, which Postfix pipe(8) sets
// from mailbox_size_limit; Go ignores SIGXFSZ) makes a write fail with EFBIG:
// the writer then rotates and writes the record into the new file.
//
// # Failures never fail a delivery
//
// Write returns len(p), nil also when the record cannot be written: disk
// full, permission denied, the lock not obtained within LockTimeout, a
// directory that cannot be (re)created. The record is dropped and counted
// (Writer.Dropped); the first failure writes one line to Options.ErrorLog
// (os.Stderr by default); for the next second further records are dropped
// without touching the file system; then Write tries again, and when it
// succeeds it writes one line saying how many records were lost. A missing
// directory is created (mode Mode plus search bits, less the umask), so a
// removed log directory comes back at the next Write. Writes are not
// fsynced: a crash of the machine may lose the last records, as with
// syslog.
//
// # Compression
//
// With Options.Compress, the process that rotates gzips rotated files on a
// background goroutine (Close waits for it): it writes <name>.gz.tmp,
// fsyncs it, and only then, under the rotation lock and only if <name> still
// exists (it may have been pruned), renames it to <name>.gz and removes
// <name>. A crash leaves either the original, the original and a partial
// .gz.tmp (redone by the next sweep), or the original and a complete .gz
// (the next sweep removes the original): a half-written .gz never replaces
// the original. Compressors of several processes exclude each other per file
// with flock on the rotated file.
//
// # Concurrency
//
// A Writer is safe for concurrent use by goroutines; any number of Writers
// in any number of processes may share one log, provided they use the same
// Options (mixing MaxBytes or Keep mixes the limits) and run as users
// allowed to rename in the directory. Rotation seals the old file with
// chmod, which only its owner (or root) may do; if that fails, writers of
// other processes still notice the rotation within a second, by path.
// The lock is flock(2), so the log must be on a file system where flock
// works across all writers (local file systems; NFS through its lock
// manager).
package logrot
