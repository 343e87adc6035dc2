package maildir

// Dir is one maildir directory with tmp/, new/ and cur/: the INBOX (the
// top-level directory) or one Maildir++ folder. A Dir is a small value,
// safe to copy and to use from many goroutines at once.
type Dir struct {
	m    *Maildir
	path string // root for INBOX, root/.Work.Projects for a folder
	name string // IMAP name: "INBOX" or e.g. "Work/Projects"
}

// inboxName is the IMAP name of the top-level maildir.
const inboxName = "INBOX"

// Inbox returns the top-level maildir, named "INBOX". It touches nothing
// on disk.
func (m *Maildir) Inbox() Dir {
	return Dir{m: m, path: m.root, name: inboxName}
}

// Path returns the directory holding tmp/, new/ and cur/: the root given
// to New for the INBOX, root/.Work.Projects for a folder.
func (d Dir) Path() string { return d.path }

// Name returns the IMAP name of d: "INBOX", or a folder name such as
// "Work/Projects" written with Options.Separator.
func (d Dir) Name() string { return d.name }

// Maildir returns the Maildir d belongs to.
func (d Dir) Maildir() *Maildir { return d.m }
