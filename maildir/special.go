package maildir

// CreateSpecialFolders creates each folder of Options.SpecialFolders
// (Drafts, Junk, Sent, Trash by default; see CreateFolder) and subscribes
// them all with one rewrite of the subscription files (see Subscribe). It
// is idempotent and safe to run from many processes at once, e.g. before
// every delivery to a maildir that may be new. An invalid name in the list
// gives a *FolderNameError before anything is created.
func (m *Maildir) CreateSpecialFolders() error {
	names := make([]string, 0, len(m.opts.SpecialFolders))
	for _, n := range m.opts.SpecialFolders {
		n, err := m.subsName(n)
		if err != nil {
			return err
		}
		names = append(names, n)
	}
	for _, n := range names {
		if _, err := m.CreateFolder(n); err != nil {
			return err
		}
	}
	if len(names) == 0 {
		return nil
	}
	return m.editSubscriptions(keepName, names)
}
