package maildir

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"syscall"

	"golang.org/x/sys/unix"
)

// DeliverOptions are the per-message choices of Deliver. The zero value
// delivers an unread message into new/.
type DeliverOptions struct {
	// Flags are Maildir info flags such as "S" (seen) or "FS"; the
	// message then goes straight into cur/ with ":2,<flags>", the flags
	// sorted and without duplicates. Only ASCII letters are allowed
	// (lower case ones are Dovecot keywords). Empty: into new/.
	Flags string

	// Uniq is an optional tag added to the unique name as "_<uniq>",
	// as Courier does (e.g. "warn" for quota warnings). At most 32
	// ASCII letters, digits or '-'.
	Uniq string
}

// Message is a delivered message.
type Message struct {
	// Key is the file name without the ":2,<flags>" info part.
	Key string
	// Path is the file's path: Dir.Path()/new/<key> or
	// Dir.Path()/cur/<key>:2,<flags>.
	Path string
	// Size is the number of bytes written, the ,S= value in the name.
	Size int64
}

// Deliver stores the bytes of r as one new message in d and returns it.
// The steps, in order: create tmp/<unique> with O_CREAT|O_EXCL|O_NOFOLLOW
// (a taken name is retried with a new one); copy r into it in 64 KiB
// chunks, never holding the message in memory, counting its size and its
// size with CRLF line ends; fsync the file; close it, checking the error;
// link() it into new/ (or cur/ when opts.Flags is set) under its final
// name <sec>.M<usec>P<pid>V<dev>I<ino>Q<n>R<rand>[_<uniq>].<host>,S=<size>,W=<vsize>,
// retrying with a new name if that exists (link never overwrites); fsync
// new/ (or cur/); remove the tmp/ name. Options.NoFsync skips both fsyncs.
//
// The link is the commit point. Before it, any failure or the
// cancellation of ctx removes the temporary file and leaves nothing
// behind; ctx is checked before each chunk and right before the link,
// never after it (a Read that blocks is not interrupted: give Deliver a
// reader that honours the same deadline). A failed fsync of the directory after the link returns
// an error together with the published Message: the message may or may
// not survive a crash, so the caller should treat the delivery as failed
// and retry (a duplicate beats a loss).
//
// The directory and its tmp/, new/ and cur/ must exist
// (errors.Is(err, fs.ErrNotExist) otherwise); a symbolic link for any of
// them below the root given to New is refused with ErrSymlink. Invalid
// options give ErrBadFlags or ErrBadUniq before anything is written. A
// full disk gives an error for which errors.Is(err, syscall.ENOSPC) holds.
// Deliver is safe for concurrent use by any number of goroutines and
// processes, on any number of hosts sharing the maildir over NFS.
func (d Dir) Deliver(ctx context.Context, r io.Reader, opts DeliverOptions) (Message, error) {
	if d.m == nil || r == nil {
		return Message{}, errors.New("maildir: deliver: zero Dir or nil reader")
	}
	flags, err := sortFlags(opts.Flags)
	if err != nil {
		return Message{}, err
	}
	if err := checkUniq(opts.Uniq); err != nil {
		return Message{}, err
	}
	msg, err := d.deliver(ctx, r, flags, opts.Uniq)
	if err != nil {
		return msg, fmt.Errorf("maildir: deliver to %s: %w", d.name, err)
	}
	return msg, nil
}

// dirs are the open directories of one delivery.
type dirs struct {
	tmp, dst int
	dstName  string // "new" or "cur"
}

// openDirs opens tmp/ and new/ (or cur/) of d, refusing symbolic links.
// For the INBOX they are opened by path (O_NOFOLLOW guards the last
// component, the root may be a link); for a folder, relative to the
// folder's directory, opened one component at a time.
func (d Dir) openDirs(cur bool) (ds dirs, err error) {
	base := unix.AT_FDCWD
	prefix := d.path + "/"
	if d.path != d.m.root {
		if base, err = d.openPath(); err != nil {
			return dirs{}, err
		}
		defer unix.Close(base)
		prefix = ""
	}
	ds.dstName = "new"
	if cur {
		ds.dstName = "cur"
	}
	if ds.tmp, err = openDir(base, prefix+"tmp", filepath.Join(d.path, "tmp"), false); err != nil {
		return dirs{}, err
	}
	if ds.dst, err = openDir(base, prefix+ds.dstName, filepath.Join(d.path, ds.dstName), false); err != nil {
		unix.Close(ds.tmp)
		return dirs{}, err
	}
	return ds, nil
}

func (ds dirs) close() {
	unix.Close(ds.tmp)
	unix.Close(ds.dst)
}

func (d Dir) deliver(ctx context.Context, r io.Reader, flags, uniq string) (msg Message, err error) {
	if err := ctx.Err(); err != nil {
		return Message{}, err
	}
	ds, err := d.openDirs(flags != "")
	if err != nil {
		return Message{}, err
	}
	defer ds.close()
	f, n, err := d.createTemp(ds.tmp, uniq)
	if err != nil {
		return Message{}, err
	}
	tmpName := n.tmpName()
	committed := false
	defer func() {
		if !committed {
			f.Close() // a second Close after the checked one is harmless
			unix.Unlinkat(ds.tmp, tmpName, 0)
		}
	}()
	size, vsize, err := d.writeTemp(ctx, f, &n, r)
	if err != nil {
		return Message{}, err
	}
	if err := ctx.Err(); err != nil {
		return Message{}, err
	}
	final, err := link(ds, tmpName, &n, size, vsize, flags)
	if err != nil {
		return Message{}, err
	}
	committed = true // the message is delivered: no cancellation from here on
	msg = Message{Key: n.key(size, vsize), Path: filepath.Join(d.path, ds.dstName, final), Size: size}
	return msg, d.finish(ctx, ds, tmpName)
}

// finish runs after the commit point: it fsyncs the directory the message
// was linked into and removes the temporary name. Only a failed fsync is
// returned; a temporary name left behind is logged (CleanTmp removes it).
func (d Dir) finish(ctx context.Context, ds dirs, tmpName string) error {
	var err error
	if !d.m.opts.NoFsync {
		err = fsyncDir(ds.dst, filepath.Join(d.path, ds.dstName))
	}
	if uerr := retryEINTR(func() error { return unix.Unlinkat(ds.tmp, tmpName, 0) }); uerr != nil {
		d.m.log.LogAttrs(ctx, slog.LevelWarn, "maildir: remove temporary name",
			slog.String("mailbox", d.name), slog.String("file", tmpName), slog.Any("err", uerr))
	}
	return err
}

// createTemp creates a new file in tmp/ under a fresh unique name.
func (d Dir) createTemp(tmpfd int, uniq string) (*os.File, uniqueName, error) {
	mode := uint32(d.m.opts.DirMode &^ 0o111)
	const attempts = 32
	for range attempts {
		n := d.m.newName(uniq)
		name := n.tmpName()
		var fd int
		err := retryEINTR(func() (err error) {
			fd, err = unix.Openat(tmpfd, name, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_NOFOLLOW|unix.O_CLOEXEC, mode)
			return err
		})
		if errors.Is(err, unix.EEXIST) {
			continue
		}
		path := filepath.Join(d.path, "tmp", name)
		if err != nil {
			return nil, n, &fs.PathError{Op: "create", Path: path, Err: err}
		}
		return os.NewFile(uintptr(fd), path), n, nil
	}
	return nil, uniqueName{}, fmt.Errorf("create in %s: %d unique names taken: %w",
		filepath.Join(d.path, "tmp"), attempts, fs.ErrExist)
}

// writeTemp copies r into f, records f's device and inode in n, fsyncs
// and closes f.
func (d Dir) writeTemp(ctx context.Context, f *os.File, n *uniqueName, r io.Reader) (size, vsize int64, err error) {
	if d.m.opts.DirMode != 0o700 { // not subject to the umask
		if err := f.Chmod(d.m.opts.DirMode &^ 0o111); err != nil {
			return 0, 0, err
		}
	}
	if size, vsize, err = copyMessage(ctx, f, r); err != nil {
		return 0, 0, err
	}
	fi, err := f.Stat()
	if err != nil {
		return 0, 0, err
	}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		n.dev, n.ino = st.Dev, st.Ino
	}
	if !d.m.opts.NoFsync {
		if err := f.Sync(); err != nil {
			return 0, 0, err
		}
	}
	return size, vsize, f.Close()
}

// link publishes tmp/<tmpName> as new/<key> or cur/<key>:2,<flags> and
// returns the name it got. A taken name is retried with new random bits;
// nothing is ever overwritten.
func link(ds dirs, tmpName string, n *uniqueName, size, vsize int64, flags string) (string, error) {
	const attempts = 32
	for range attempts {
		final := n.key(size, vsize)
		if ds.dstName == "cur" {
			final += ":2," + flags
		}
		err := retryEINTR(func() error { return unix.Linkat(ds.tmp, tmpName, ds.dst, final, 0) })
		if err == nil {
			return final, nil
		}
		if !errors.Is(err, unix.EEXIST) {
			return "", &os.LinkError{Op: "link", Old: "tmp/" + tmpName, New: ds.dstName + "/" + final, Err: err}
		}
		n.rand = rand.Uint64()
	}
	return "", fmt.Errorf("link into %s/: %d unique names taken: %w", ds.dstName, attempts, fs.ErrExist)
}
