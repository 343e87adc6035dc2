package maildir

import "errors"

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
)
