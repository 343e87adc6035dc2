package maildir

import (
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"time"
)

// SubscriptionFiles selects which IMAP subscription files a Maildir keeps.
type SubscriptionFiles int

const (
	// SubscribeBoth keeps Dovecot's "subscriptions" and Courier's
	// "courierimapsubscribed" in step. It is the zero value.
	SubscribeBoth SubscriptionFiles = iota
	// SubscribeDovecot keeps only Dovecot's "subscriptions".
	SubscribeDovecot
	// SubscribeCourier keeps only Courier's "courierimapsubscribed".
	SubscribeCourier
)

// DefaultSpecialFolders are the folders created and subscribed on demand
// when Options.SpecialFolders is nil.
var DefaultSpecialFolders = []string{"Drafts", "Junk", "Sent", "Trash"}

// Options configures a Maildir. The zero value is safe: private 0700
// directories, '/' as the IMAP hierarchy separator, modified UTF-7 folder
// names, both subscription files, the default special folders, the system
// host name and fsync on every delivery.
type Options struct {
	// DirMode is the permission of directories the package creates; zero
	// means 0700 (like maildirmake). Files are created with DirMode minus
	// the execute bits (0600 by default).
	DirMode fs.FileMode

	// Separator is the IMAP hierarchy separator used in folder names given
	// to this package: '/' ("Work/Projects") or '.' ("Work.Projects").
	// Zero means '/'. On disk Maildir++ always uses '.'.
	Separator rune

	// UTF8 stores folder names on disk in UTF-8 (Dovecot ":UTF-8",
	// Courier-IMAP 5 and later) instead of IMAP modified UTF-7 (RFC 3501
	// section 5.1.3), which is the default.
	UTF8 bool

	// Subscriptions selects the subscription files kept; the zero value
	// keeps both.
	Subscriptions SubscriptionFiles

	// SpecialFolders are created and subscribed by CreateSpecialFolders;
	// nil means DefaultSpecialFolders, an empty non-nil slice means none.
	SpecialFolders []string

	// Hostname goes into unique file names (escaped as Bernstein
	// describes); empty means os.Hostname().
	Hostname string

	// NoFsync skips fsync of files and directories. Faster, and a crash
	// may then lose mail that was reported delivered.
	NoFsync bool

	// Logger receives errors that are ignored because they cannot harm a
	// delivery (for example a temporary name left behind after the
	// message was published); nil discards them.
	Logger *slog.Logger

	// now is the clock; nil means time.Now. Test seam only.
	now func() time.Time
}

// Maildir is a top-level Maildir++ directory (the INBOX) together with its
// folders. It is immutable after New and safe for concurrent use by many
// goroutines; many processes may use the same directory at once.
type Maildir struct {
	root string
	opts Options
	host string // escaped host name for unique names
	log  *slog.Logger
	gen  *generator // unique-name state, shared by copies of this Maildir
}

// New validates opts and returns the Maildir rooted at root. It touches
// nothing on disk; Create makes the directories.
func New(root string, opts Options) (*Maildir, error) {
	if root == "" {
		return nil, fmt.Errorf("maildir: empty path")
	}
	if opts.DirMode == 0 {
		opts.DirMode = 0o700
	}
	if opts.DirMode&^fs.ModePerm != 0 {
		return nil, fmt.Errorf("maildir: DirMode %v has bits other than permissions", opts.DirMode)
	}
	switch opts.Separator {
	case 0:
		opts.Separator = '/'
	case '/', '.':
	default:
		return nil, fmt.Errorf("maildir: separator %q is neither '/' nor '.'", opts.Separator)
	}
	if opts.SpecialFolders == nil {
		opts.SpecialFolders = DefaultSpecialFolders
	}
	if opts.now == nil {
		opts.now = time.Now
	}
	host := opts.Hostname
	if host == "" {
		h, err := os.Hostname()
		if err != nil {
			return nil, fmt.Errorf("maildir: host name: %w", err)
		}
		host = h
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Maildir{root: root, opts: opts, host: escapeHost(host), log: log, gen: newGenerator(opts.now)}, nil
}

// Root returns the path of the top-level maildir.
func (m *Maildir) Root() string { return m.root }
