// Package maildir creates Maildir and Maildir++ directories and delivers
// mail into them durably, with names that never collide. It is the storage
// layer of Letterbox: it knows nothing of users, filters or quotas.
//
// # Layout on disk
//
// A Maildir (Bernstein, https://cr.yp.to/proto/maildir.html) is a
// directory with three subdirectories: tmp/ (messages being written),
// new/ (delivered, not yet seen by a mail reader) and cur/ (seen, with
// flags in the name). Maildir++ (Courier) adds folders as sibling
// directories of tmp/ new/ cur/ whose names start with a dot, the
// hierarchy separated by dots, each with an empty "maildirfolder" marker
// file, and the IMAP subscriptions in files at the top:
//
//	/var/vmail/example.org/bob/          the INBOX (New's root)
//	    tmp/ new/ cur/
//	    .Junk/                           folder "Junk"
//	        tmp/ new/ cur/ maildirfolder
//	    .Work.Projects/                  folder "Work/Projects"
//	    .Entw&APw-rfe/                   folder "Entwürfe" (modified UTF-7, RFC 3501 section 5.1.3)
//	    subscriptions                    Dovecot's list of subscribed folders
//	    courierimapsubscribed            Courier-IMAP's list ("INBOX.Junk" per line)
//
// A delivered message is one file. Its name is
//
//	<sec>.M<usec>P<pid>V<dev>I<ino>Q<n>R<rand>[_<uniq>].<host>,S=<size>,W=<vsize>[:2,<flags>]
//
// compatible with Dovecot and Courier (Courier's quota code reads ,S=;
// Dovecot reads ,S= and ,W= instead of calling stat). M, P, V, I, Q and R are Bernstein's tags:
// microseconds, process id, device and inode of the file (in hex), this
// process's delivery count, and 64 random bits (hex). The host name is
// escaped: '/' as \057 and ':' as \072 as Bernstein describes, and also
// ',' as \054, '\' as \134 and non-printable bytes in octal. ParseName
// takes any maildir name apart.
//
// # Delivery, step by step
//
// Dir.Deliver follows qmail's protocol made durable:
//
//  1. create tmp/<unique> with O_CREAT|O_EXCL|O_NOFOLLOW (a taken name is
//     retried with a fresh one);
//  2. copy the message in 64 KiB chunks (nothing is held in memory),
//     counting its size and its size with CRLF line ends;
//  3. fsync the file, close it and check the error;
//  4. link() it into new/, or into cur/ with ":2,<flags>" when flags are
//     given; link never replaces an existing name, and a taken name is
//     retried with new random bits — this is the commit point;
//  5. fsync new/ (or cur/), so that the name survives a crash;
//  6. remove the tmp/ name.
//
// Cancellation of the context, a full disk or any other failure before
// step 4 removes the temporary file; nothing is ever visible in new/ or
// cur/ that is not complete and on disk. After step 4 the context is no
// longer consulted.
//
// # Guarantees and concurrency
//
// Names are unique across goroutines (Q is an atomic counter), processes
// (P), hosts sharing the maildir over NFS (the host name; each host must
// have its own) and clock steps: within a Maildir value the time part never
// repeats or goes back (a clock that stands still or steps back continues
// from the last value plus one microsecond, as Dovecot does), and even
// when pids are reused R and V/I differ. Unlike Dovecot, Letterbox never
// stops delivering because the clock went backwards. Since publishing uses
// link(), a collision could at worst cause a retry, never an overwrite.
//
// A Maildir is immutable after New and safe for concurrent use; Create,
// Deliver, CreateFolder, Subscribe and the other operations may run in
// many processes at once on the same directories. Subscription files are
// rewritten through a temporary file and rename(2) under a lock, so
// concurrent subscribers lose no lines. Symbolic links are followed only
// in the root path given to New: a link in place of tmp/, new/, cur/ or a
// folder is refused (ErrSymlink), so mail never lands outside the maildir.
//
// Errors are wrapped with %w: test them with errors.Is against the
// sentinels of this package and against fs.ErrNotExist, fs.ErrExist and
// syscall errors such as syscall.ENOSPC. The package never decides whether
// a failure is temporary or permanent; package deliver does.
//
// # Folders and subscriptions
//
// Folder names are IMAP names ("Work/Projects", or "Work.Projects" with
// Options.Separator '.'), stored in modified UTF-7 by default or in UTF-8
// with Options.UTF8. Names that would escape or break the layout are
// refused with a *FolderNameError. CreateSpecialFolders makes and
// subscribes Drafts, Junk, Sent and Trash (Options.SpecialFolders);
// RenameFolder and DeleteFolder carry subfolders and subscriptions along;
// Move renames a whole maildir. CleanTmp removes tmp/ files older than
// 36 hours, as readers are expected to.
package maildir
