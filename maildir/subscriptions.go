package maildir

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"time"

	"golang.org/x/sys/unix"
)

const (
	// subsLockFile is flock()ed while this package rewrites subscription
	// files. It is not Dovecot's "subscriptions.lock", which is a dotlock
	// that Dovecot would wait on and then break as stale.
	subsLockFile = "letterbox-subscriptions.lock"

	// dovecotDotlock is Dovecot's lock of "subscriptions": created with
	// O_EXCL, filled with the new contents and renamed over the file.
	dovecotDotlock = dovecotSubsFile + ".lock"

	// dotlockTimeout and dotlockStale are Dovecot's values for the
	// subscriptions dotlock (SUBSCRIPTION_FILE_LOCK_TIMEOUT and
	// SUBSCRIPTION_FILE_CHANGE_TIMEOUT).
	dotlockTimeout = 120 * time.Second
	dotlockStale   = 30 * time.Second
	dotlockPoll    = 10 * time.Millisecond
)

// Subscribe adds the folder name (an IMAP name, or "INBOX") to the
// subscription files selected by Options.Subscriptions, unless it is
// there already: Courier's courierimapsubscribed gets "INBOX.Name", and
// Dovecot's subscriptions the namespace-relative name (a new file is
// written in version 2, with TAB between hierarchy levels; an existing
// version 1 file stays version 1, its levels joined with
// Options.Separator, which must then be the Dovecot namespace's). Names
// are stored like folder names on disk: modified UTF-7, or UTF-8 with
// Options.UTF8. The folder need not exist, the maildir must. Lines this
// package does not understand are kept as they are.
//
// Each file is rewritten through a temporary file and rename(2), under an
// flock(2) on letterbox-subscriptions.lock in the maildir root, so any
// number of goroutines and processes may subscribe at once without losing
// or duplicating lines; Dovecot's own dotlock (subscriptions.lock) is
// honoured too (ErrSubscriptionsLocked after 120 s). Invalid names give a
// *FolderNameError; a subscription file that is a symbolic link is
// refused with ErrSymlink.
func (m *Maildir) Subscribe(name string) error {
	name, err := m.subsName(name)
	if err != nil {
		return err
	}
	return m.editSubscriptions(keepName, []string{name})
}

// Unsubscribe removes the folder name from the subscription files selected
// by Options.Subscriptions; a name not subscribed is no error. It locks
// and rewrites like Subscribe.
func (m *Maildir) Unsubscribe(name string) error {
	name, err := m.subsName(name)
	if err != nil {
		return err
	}
	return m.editSubscriptions(func(n string) (string, bool) { return n, n != name }, nil)
}

// Subscriptions returns the IMAP names subscribed in the files selected by
// Options.Subscriptions (when both, the union), sorted. Lines that do not
// hold a valid name are skipped. Missing files hold no names.
func (m *Maildir) Subscriptions() ([]string, error) {
	var names []string
	for _, f := range m.subsFormats() {
		data, err := readSubsFile(filepath.Join(m.root, f.file))
		if err != nil {
			return nil, fmt.Errorf("maildir: read subscriptions: %w", err)
		}
		for _, l := range f.parse(data).lines {
			if l.name != "" {
				names = append(names, l.name)
			}
		}
	}
	slices.Sort(names)
	return slices.Compact(names), nil
}

// keepName is the edit function that changes nothing.
func keepName(n string) (string, bool) { return n, true }

// subsName validates a name for the subscription files.
func (m *Maildir) subsName(name string) (string, error) {
	if isInbox(name) {
		return inboxName, nil
	}
	if _, err := m.codec().encode(name); err != nil {
		return "", err
	}
	return name, nil
}

// subsFormats returns the formats of the files Options.Subscriptions
// selects.
func (m *Maildir) subsFormats() []*subsFormat {
	c := m.codec()
	dovecot := &subsFormat{file: dovecotSubsFile, c: c}
	courier := &subsFormat{file: courierSubsFile, courier: true, c: c}
	switch m.opts.Subscriptions {
	case SubscribeDovecot:
		return []*subsFormat{dovecot}
	case SubscribeCourier:
		return []*subsFormat{courier}
	}
	return []*subsFormat{dovecot, courier}
}

// editSubscriptions rewrites every selected subscription file under the
// lock (see subsDoc.edit); files that would not change are left alone.
func (m *Maildir) editSubscriptions(fn func(string) (string, bool), add []string) error {
	unlock, err := m.lockSubscriptions()
	if err != nil {
		return err
	}
	defer unlock()
	for _, f := range m.subsFormats() {
		if err := m.editSubsFile(f, fn, add); err != nil {
			return fmt.Errorf("maildir: update %s: %w", filepath.Join(m.root, f.file), err)
		}
	}
	return nil
}

// editSubsFile reads, edits and, when it changed, replaces one file.
// The caller holds the subscriptions lock.
func (m *Maildir) editSubsFile(f *subsFormat, fn func(string) (string, bool), add []string) error {
	path := filepath.Join(m.root, f.file)
	data, err := readSubsFile(path)
	if err != nil {
		return err
	}
	doc := f.parse(data)
	if !doc.edit(f, fn, add) {
		return nil
	}
	tmp := path + ".tmp"
	if !f.courier {
		tmp = filepath.Join(m.root, dovecotDotlock)
	}
	return m.replaceFile(path, tmp, !f.courier, doc.render())
}

// lockSubscriptions takes the flock that serialises this package's
// writers of the subscription files; the returned function releases it.
func (m *Maildir) lockSubscriptions() (func(), error) {
	path := filepath.Join(m.root, subsLockFile)
	var fd int
	err := retryEINTR(func() (err error) {
		fd, err = unix.Open(path, unix.O_RDWR|unix.O_CREAT|unix.O_NOFOLLOW|unix.O_CLOEXEC, uint32(m.opts.DirMode&^0o111))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("maildir: lock subscriptions: %w", &fs.PathError{Op: "open", Path: path, Err: err})
	}
	if err := retryEINTR(func() error { return unix.Flock(fd, unix.LOCK_EX) }); err != nil {
		unix.Close(fd)
		return nil, fmt.Errorf("maildir: lock subscriptions: %w", &fs.PathError{Op: "flock", Path: path, Err: err})
	}
	return func() { unix.Close(fd) }, nil
}
