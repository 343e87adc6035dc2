package quota

import (
	"context"
	"errors"
	"path/filepath"

	"github.com/letterbox-mail/letterbox/maildir"
)

// maxRecalcAttempts is how often a rebuild is redone after a race before
// the delivery is let through (Courier).
const maxRecalcAttempts = 5

// session is one use of an account's maildirsize: the file as read, the
// limits in force and the maildir's lock file.
type session struct {
	k       *Keeper
	acct    Account
	root    string
	sf      sizeFile
	limits  Limits
	usage   Usage
	stale   bool // the numbers may not be trusted: recalculate
	counter counter
	lk      mdLock
}

// open checks ctx and starts a session on acct's maildir; the caller
// closes it.
func (k *Keeper) open(ctx context.Context, acct Account) (*session, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if acct.Maildir == nil {
		return nil, errors.New("quota: account without a maildir")
	}
	root := acct.Maildir.Root()
	sf, err := readSizeFile(filepath.Join(root, SizeFileName))
	if err != nil {
		return nil, err
	}
	s := &session{k: k, acct: acct, root: root, sf: sf, usage: sf.usage}
	s.limits = acct.Limits
	if acct.Limits.IsZero() {
		s.limits = sf.limits
	}
	s.stale = !sf.exists || sf.corrupt ||
		!acct.Limits.IsZero() && (sf.limits.Bytes != acct.Limits.Bytes || sf.limits.Messages != acct.Limits.Messages)
	s.counter = counter{limits: s.limits, countTrash: k.opts.CountTrash}
	return s, nil
}

func (s *session) close() { s.lk.close() }

// hasQuota reports whether the account has a quota: configured limits or
// an existing maildirsize.
func (s *session) hasQuota() bool { return s.sf.exists || !s.acct.Limits.IsZero() }

func (s *session) defaultLimit() Usage {
	return Usage{Bytes: s.limits.Bytes, Messages: s.limits.Messages}
}

func (s *session) status() Status {
	lim := s.defaultLimit()
	return Status{Usage: s.usage, Limit: lim, Percent: Percent(s.usage, lim), Quota: s.hasQuota()}
}

// countsFolder reports whether messages in d count toward the quota.
func (s *session) countsFolder(d maildir.Dir) bool {
	return s.hasQuota() && s.counter.counted(dirName(s.acct, d))
}

// check decides whether add fits into folder d, recalculating as the
// Maildir++ rules say. It returns nil or an *ExceededError, or another
// error when the maildir could not be read.
func (s *session) check(ctx context.Context, d maildir.Dir, add Usage) error {
	if !s.countsFolder(d) {
		return nil
	}
	name := dirName(s.acct, d)
	lim := s.limits.For("INBOX").Limit
	if name != "" {
		lim = s.limits.For(folderName(name)).Limit
	}
	for range maxRecalcAttempts {
		if !s.stale {
			if fits(s.usage.Add(add), lim) {
				return nil
			}
			if s.sf.lines == 1 && s.k.now().Before(s.sf.mtime.Add(staleAge)) {
				return s.exceeded(d, add, lim)
			}
		}
		raced, err := s.recalculate(ctx)
		if err != nil {
			return err
		}
		if raced {
			continue
		}
		if fits(s.usage.Add(add), lim) {
			return nil
		}
		return s.exceeded(d, add, lim)
	}
	return nil // a race five times over: let the delivery through (Courier)
}

func (s *session) exceeded(d maildir.Dir, add, lim Usage) error {
	return &ExceededError{Folder: d.Name(), Size: add.Bytes, Usage: s.usage, Limit: lim,
		Permanent: s.k.opts.OverQuotaPermanent}
}

func fits(u, lim Usage) bool {
	return (lim.Bytes <= 0 || u.Bytes <= lim.Bytes) && (lim.Messages <= 0 || u.Messages <= lim.Messages)
}

// recalculate rebuilds maildirsize. raced reports that a directory changed
// while it was counted: the new file may be wrong and must be redone.
func (s *session) recalculate(ctx context.Context) (raced bool, err error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	if err := s.openLock(); err != nil {
		return false, err
	}
	if err := s.lk.exclusive(); err != nil {
		return false, err
	}
	defer s.lk.unlock()
	res, err := s.counter.count(s.root)
	if err != nil {
		return false, err
	}
	now := s.k.now()
	if err := writeSizeFile(s.root, s.k.tmpHost(), s.limits, res.usage, now); err != nil {
		return false, err
	}
	s.sf = sizeFile{exists: true, limits: s.limits, usage: res.usage, lines: 1, mtime: now}
	s.usage, s.stale = res.usage, false
	if s.k.afterRebuild != nil {
		s.k.afterRebuild()
	}
	after, err := s.counter.stamp(s.root)
	if err != nil {
		return false, err
	}
	if !after.Equal(res.stamp) {
		s.stale = true
		return true, nil
	}
	s.k.report(ctx, s.acct, s.usage)
	return false, nil
}

// add appends u to maildirsize and reports the new usage to the sink. The
// caller holds the shared lock (see lockShared) since before the messages
// were linked.
func (s *session) add(ctx context.Context, u Usage) error {
	af, err := openAppend(s.root)
	if err != nil || af.f == nil {
		return err // no maildirsize: no quota, or a rebuild is due anyway
	}
	defer af.close()
	if err := appendUsage(af.f, u); err != nil {
		return err
	}
	s.usage = s.usage.Add(u)
	s.sf.lines++
	s.k.report(ctx, s.acct, s.usage)
	return nil
}

// lockShared takes the shared lock held from before a link into the maildir
// until the matching append: a concurrent rebuild then either counts the
// message and replaces the file after the line was appended, or does
// neither.
// Without a quota it does nothing.
func (s *session) lockShared() error {
	if !s.hasQuota() {
		return nil
	}
	if err := s.openLock(); err != nil {
		return err
	}
	return s.lk.shared()
}

func (s *session) unlock() {
	if s.lk.f != nil {
		s.lk.unlock()
	}
}

func (s *session) openLock() error {
	if s.lk.f != nil {
		return nil
	}
	var err error
	s.lk, err = openLock(s.root)
	return err
}
