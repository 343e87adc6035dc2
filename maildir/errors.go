package maildir

import (
	"errors"
	"fmt"
)

var (
	// ErrSymlink is returned when a directory or file the package would
	// use inside a maildir (tmp/, new/, cur/, a folder) is a symbolic
	// link. Following it could write mail outside the maildir.
	ErrSymlink = errors.New("maildir: symbolic link refused")

	// ErrNotDir is returned when a path that must be a directory (the
	// maildir, a folder, tmp/, new/ or cur/) exists but is something else.
	ErrNotDir = errors.New("maildir: not a directory")

	// ErrBadName is returned by ParseName for a string that is not a
	// maildir file name.
	ErrBadName = errors.New("maildir: malformed file name")

	// ErrBadFlags is returned by Deliver when DeliverOptions.Flags holds a
	// character that is not an ASCII letter.
	ErrBadFlags = errors.New("maildir: invalid flags")

	// ErrBadUniq is returned by Deliver when DeliverOptions.Uniq is too
	// long or holds a character other than an ASCII letter, digit or '-'.
	ErrBadUniq = errors.New("maildir: invalid uniq tag")

	// ErrBadFolderName is matched (errors.Is) by every *FolderNameError:
	// a folder name that is not valid or would escape or break the
	// Maildir++ layout.
	ErrBadFolderName = errors.New("maildir: invalid folder name")

	// ErrFolderExists is returned by RenameFolder when the new name, or
	// the new name of one of the subfolders, already exists. Nothing is
	// renamed then.
	ErrFolderExists = errors.New("maildir: folder exists")

	// ErrSubscriptionsLocked is returned when another program (Dovecot)
	// has held the lock of the "subscriptions" file for longer than the
	// lock timeout and the lock is not yet stale.
	ErrSubscriptionsLocked = errors.New("maildir: subscriptions file locked")
)

// FolderNameError describes a folder name that was refused, and why. It
// matches ErrBadFolderName with errors.Is.
type FolderNameError struct {
	Name   string // the name as given (an IMAP name, or an on-disk name when decoding)
	Reason string // what is wrong with it, e.g. "empty segment"
}

// Error implements error.
func (e *FolderNameError) Error() string {
	return fmt.Sprintf("maildir: folder name %q: %s", e.Name, e.Reason)
}

// Is reports whether target is ErrBadFolderName.
func (e *FolderNameError) Is(target error) bool { return target == ErrBadFolderName }

// errBadUTF8 is the reason given for names that are not valid UTF-8.
var errBadUTF8 = errors.New("not valid UTF-8")
