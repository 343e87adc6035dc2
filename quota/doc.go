// Package quota keeps Maildir++ quotas the way Courier (maildrop,
// deliverquota) and Dovecot's maildir quota backend do, so that all three
// can share one maildir: rules, the maildirsize file, the over-quota
// decision, quota warnings and an optional usage sink for admin UIs.
//
// # Rules
//
// Parse reads a Maildir++ quota string ("100000000S,1000C") or Dovecot 2.3
// quota_rule values ("*:storage=100M", "*:bytes=1G:messages=1000",
// "Trash:storage=+100M", "Trash:ignore") into a Limits. A zero limit means
// unlimited.
//
// # On disk
//
//	<maildir>/maildirsize   line 1: limits "NNNS,NNNC"; lines 2+: "<bytes> <count>"
//	<maildir>/quotawarn     stamp: a warning was sent at its mtime (Courier);
//	                        Letterbox writes the threshold into it
//	<maildir>/maildirsize.lock  Letterbox's lock file (see Concurrency)
//	<maildir>/tmp/<sec>.M<usec>P<pid>R<rand>_NeWmAiLdIrSiZe.<host>   a rebuild in progress
//
// maildirsize sits in the top-level maildir. Current usage is the sum of all
// usage lines. A delivery appends "<size> 1" with O_APPEND and no lock, as
// Courier does; Letterbox writes the numbers unpadded, as Dovecot does
// ("12345 1"), and reads any whitespace and signed numbers, so Courier's
// padded "%12s %12s" lines and Dovecot's lines are read alike, and both
// Courier and Dovecot read Letterbox's.
//
// # Recalculation (Maildir++ rules)
//
// The file is rebuilt when it is missing, when it is 5120 bytes or longer,
// when its totals are negative or a line is not two integers, when the
// configured limits differ from its first line, and when the numbers say
// "over quota" unless the file holds exactly one usage line and is less
// than 15 minutes old. The rebuild reads new/ and cur/ of the top maildir
// and of every ".Folder" (not symbolic links), takes each message's size
// from ",S=" in its name or from stat, and by default (Courier) skips
// ".Trash" and messages flagged T; Options.CountTrash counts them (Dovecot).
// Folders matching a Dovecot "ignore" rule are skipped too. The new file is
// written under tmp/ and renamed over maildirsize; then the directory
// modification times are checked again and, if one moved, the count is
// redone, up to five times, after which the delivery is let through, as
// Courier does.
//
// # Steps of Keeper.Deliver
//
//  1. Read maildirsize (recalculating when the rules above say so) and
//     refuse the message with an *ExceededError (errors.Is ErrExceeded) when
//     usage plus the message exceeds a limit of the target folder.
//  2. Deliver it with maildir.Dir.Deliver.
//  3. Append "<size> 1" to maildirsize. From here on nothing fails the
//     delivery: errors are logged.
//  4. Send a quota warning into the top-level INBOX when usage reached a
//     warning threshold (at most once per 24 hours, see Keeper.Deliver).
//     The warning is delivered and counted even over quota. (Courier
//     delivers it too, but leaves it out of maildirsize when it takes the
//     maildir over quota, until the next recalculation.)
//  5. Report the usage to Options.Sink.
//
// # Concurrency
//
// A Keeper is immutable after New and safe for concurrent use. Any number of
// processes (Letterbox, maildrop, deliverquota, Dovecot) may deliver to one
// maildir at once: appends take no lock and never interleave (one O_APPEND
// write each), and rebuilds are caught racing with other programs by the
// directory modification times, as the Maildir++ specification describes.
// Among themselves, Letterbox processes and goroutines also close the gap
// that the mtime check leaves (a message linked between a rebuild's count
// and its rename, its line appended to the replaced file): a delivery holds
// a shared lock on maildirsize.lock from before its link until its append,
// and a rebuild holds it exclusively (Linux open file description locks,
// with a gate so that rebuilds are not starved). So, with only Letterbox
// delivering, maildirsize sums to what a fresh count finds. The lock file
// is created only in maildirs that have a quota.
package quota
