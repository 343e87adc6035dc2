package quota

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/letterbox-mail/letterbox/maildir"
)

// Options configures a Keeper. The zero value follows Courier: .Trash and
// T-flagged messages do not count, over quota is temporary, no warnings, no
// usage sink, nothing logged.
type Options struct {
	// CountTrash counts .Trash and messages flagged T (deleted), as Dovecot
	// does. Every program sharing the maildirs must agree on it.
	CountTrash bool

	// OverQuotaPermanent marks ExceededErrors Permanent, so that the
	// message bounces instead of waiting in the queue.
	OverQuotaPermanent bool

	// WarnMessageFile is a quota warning message in Courier's quotawarnmsg
	// format (a complete RFC 5322 message, see Template). Empty means no
	// warnings.
	WarnMessageFile string

	// WarnPercents are the usage percentages at which a warning is sent;
	// nil means {90}. See Keeper.Deliver for the throttling.
	WarnPercents []int

	// Hostname goes into Message-ID headers of warnings and into names of
	// rebuilt maildirsize files; empty means os.Hostname().
	Hostname string

	// Sink receives the usage after each delivery and recalculation; nil
	// means none. Its errors are logged, never returned.
	Sink UsageSink

	// Logger receives errors that cannot fail a delivery (bookkeeping after
	// the message was stored, sink failures); nil discards them.
	Logger *slog.Logger
}

// Account is the quota owner: one maildir and its limits.
type Account struct {
	// Maildir is the user's top-level maildir.
	Maildir *maildir.Maildir
	// Limits from the user database. When zero, the limits on the first
	// line of an existing maildirsize apply (set by maildirmake -q or
	// Dovecot), and a maildir without maildirsize has no quota. When not
	// zero they are authoritative: a maildirsize with other limits is
	// rebuilt.
	Limits Limits
	// User is the name reported to the Sink (Modoboa's admin_quota
	// username: the full address).
	User string
	// Address is the recipient address, ${address} in warnings.
	Address string
}

// Keeper enforces quotas. It is immutable after New and safe for
// concurrent use; see the package documentation for multi-process use.
type Keeper struct {
	opts     Options
	log      *slog.Logger
	host     string
	template *Template
	percents []int
	now      func() time.Time // test seam
	// afterRebuild runs between the rename of a rebuilt maildirsize and
	// the directory re-check; nil outside tests.
	afterRebuild func()
}

// New validates opts and returns a Keeper. It reads and checks
// WarnMessageFile once, here.
func New(opts Options) (*Keeper, error) {
	k := &Keeper{opts: opts, log: opts.Logger, host: opts.Hostname, now: time.Now}
	if k.log == nil {
		k.log = slog.New(slog.DiscardHandler)
	}
	if k.host == "" {
		h, err := os.Hostname()
		if err != nil {
			return nil, fmt.Errorf("quota: host name: %w", err)
		}
		k.host = h
	}
	k.percents = opts.WarnPercents
	if k.percents == nil {
		k.percents = []int{90}
	}
	for _, p := range k.percents {
		if p < 1 || p > 100 {
			return nil, fmt.Errorf("quota: warning percentage %d is not within 1..100", p)
		}
	}
	if opts.WarnMessageFile != "" {
		t, err := ReadTemplate(opts.WarnMessageFile)
		if err != nil {
			return nil, err
		}
		k.template = t
	}
	return k, nil
}

// Status is the state of an account's quota.
type Status struct {
	Usage   Usage // current usage (what counts toward the quota)
	Limit   Usage // the default limits (0 = unlimited)
	Percent int   // Courier's percentage, see Percent
	Quota   bool  // a quota is configured (in Account.Limits or maildirsize)
}

// Over reports whether the usage exceeds a limit.
func (s Status) Over() bool {
	return s.Limit.Bytes > 0 && s.Usage.Bytes > s.Limit.Bytes ||
		s.Limit.Messages > 0 && s.Usage.Messages > s.Limit.Messages
}

// Check says whether a message of size bytes fits into folder d of acct.
// It returns the current status and, when it does not fit, an
// *ExceededError (errors.Is ErrExceeded). It may rebuild maildirsize as the
// Maildir++ rules say.
func (k *Keeper) Check(ctx context.Context, acct Account, d maildir.Dir, size int64) (Status, error) {
	return k.withSession(ctx, acct, func(s *session) (Status, error) {
		err := s.check(ctx, d, Usage{Bytes: size, Messages: 1})
		return s.status(), err
	})
}

// Status returns the current usage of acct, rebuilding maildirsize when
// the Maildir++ rules say so.
func (k *Keeper) Status(ctx context.Context, acct Account) (Status, error) {
	return k.withSession(ctx, acct, func(s *session) (Status, error) {
		if err := s.check(ctx, acct.Maildir.Inbox(), Usage{}); err != nil && !isExceeded(err) {
			return Status{}, err
		}
		return s.status(), nil
	})
}

// Recalculate rebuilds maildirsize from the messages on disk, with the
// account's limits (or the file's when Account.Limits is zero), reports
// the result to the Sink and returns it. Without any limits it does
// nothing and returns a zero Status.
func (k *Keeper) Recalculate(ctx context.Context, acct Account) (Status, error) {
	return k.withSession(ctx, acct, func(s *session) (Status, error) {
		if !s.hasQuota() {
			return Status{}, nil
		}
		if _, err := s.recalculate(ctx); err != nil {
			return Status{}, err
		}
		return s.status(), nil
	})
}

// withSession runs fn on a session opened on acct and closes it after.
func (k *Keeper) withSession(ctx context.Context, acct Account, fn func(*session) (Status, error)) (Status, error) {
	s, err := k.open(ctx, acct)
	if err != nil {
		return Status{}, err
	}
	defer s.close()
	return fn(s)
}

// Removed records in maildirsize that messages left the quota (deleted,
// expunged, moved to Trash): it appends "-bytes -messages", as Courier's
// maildir_quota_deleted does. bytes and messages are positive amounts.
func (k *Keeper) Removed(ctx context.Context, acct Account, bytes, messages int64) error {
	return k.record(ctx, acct, Usage{Bytes: -bytes, Messages: -messages})
}

// Added records in maildirsize messages stored by other means (an IMAP
// APPEND, a move out of Trash), without checking the limits.
func (k *Keeper) Added(ctx context.Context, acct Account, bytes, messages int64) error {
	return k.record(ctx, acct, Usage{Bytes: bytes, Messages: messages})
}

func (k *Keeper) record(ctx context.Context, acct Account, u Usage) error {
	s, err := k.open(ctx, acct)
	if err != nil {
		return err
	}
	defer s.close()
	if err := s.lockShared(); err != nil {
		return err
	}
	defer s.unlock()
	return s.add(ctx, u)
}

// Deliver checks the quota of folder d, delivers r into it and does the
// bookkeeping: see the package documentation for the steps. size is the
// size of the message in bytes (the ,S= value); the size actually written
// is what is recorded. Over quota it returns an
// *ExceededError and stores nothing; it sends the quota warning then too,
// as deliverquota does.
//
// Warnings: after the delivery (or the refusal), when usage is at least the
// lowest of Options.WarnPercents, the warning message goes into the
// top-level INBOX. The file "quotawarn" in the top maildir throttles it as
// Courier does: no warning while its mtime is less than 24 hours old —
// unless a higher threshold than the one recorded in it was reached.
func (k *Keeper) Deliver(ctx context.Context, acct Account, d maildir.Dir, r io.Reader, size int64, opts maildir.DeliverOptions) (maildir.Message, error) {
	s, err := k.open(ctx, acct)
	if err != nil {
		return maildir.Message{}, err
	}
	defer s.close()
	if err := s.check(ctx, d, Usage{Bytes: size, Messages: 1}); err != nil {
		if isExceeded(err) {
			k.warn(ctx, s)
		}
		return maildir.Message{}, err
	}
	if err := s.lockShared(); err != nil {
		return maildir.Message{}, err
	}
	msg, err := d.Deliver(ctx, r, opts)
	if err != nil {
		s.unlock()
		return maildir.Message{}, err
	}
	// Commit point: from here on, errors are logged, never returned.
	if s.countsFolder(d) {
		k.logCheck(ctx, s.add(context.WithoutCancel(ctx), Usage{Bytes: msg.Size, Messages: 1}), acct, "append to maildirsize")
	}
	s.unlock()
	k.warn(context.WithoutCancel(ctx), s)
	return msg, nil
}

func (k *Keeper) logCheck(ctx context.Context, err error, acct Account, msg string) {
	if err == nil {
		return
	}
	k.log.LogAttrs(ctx, slog.LevelWarn, "quota: "+msg,
		slog.Any("err", err), slog.String("user", acct.User), slog.String("mailbox", acct.Maildir.Root()))
}

func isExceeded(err error) bool {
	_, ok := err.(*ExceededError)
	return ok
}

// dirName returns the on-disk folder name of d relative to the top
// maildir: "" for the INBOX, ".Trash" for a folder.
func dirName(acct Account, d maildir.Dir) string {
	rel, err := filepath.Rel(acct.Maildir.Root(), d.Path())
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return ""
	}
	return rel
}
